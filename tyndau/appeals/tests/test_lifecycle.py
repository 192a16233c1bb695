"""The lifecycle table against a table of its own: for every action, every role, every
status and every place of the user's office (own, above, beside), ``has_perm`` says yes
exactly when the role may and the status allows; the service refuses a wrong status and
leaves the appeal as it was; the page answers 403 to a wrong role and 400 with the
service's message to a wrong status."""

import pytest
from django.urls import reverse

from tyndau.appeals import lifecycle, services
from tyndau.appeals.models import Appeal, Status
from tyndau.core.errors import TransitionError
from tyndau.territory.models import Office, Role

ROLES = [r.value for r in Role]
STATUSES = [s.value for s in Status]
# Written out by hand, not read from lifecycle.ACTIONS.
MAY = {
    "assign": {"akim", "deputy", "clerk"},
    "answer": {"akim", "deputy"},  # and the appeal's executors (below)
    "extend": {"akim", "deputy"},
    "redirect": {"akim", "deputy", "clerk"},
    "approve": {"akim", "deputy"},
    "return": {"akim", "deputy"},
    "close": {"akim", "deputy", "clerk"},
    "control": {"akim"},
}
FROM = {
    "assign": {"registered", "in_progress", "extended"},
    "answer": {"in_progress", "extended"},
    "extend": {"in_progress", "extended"},
    "redirect": {"registered", "in_progress", "extended"},
    "approve": {"for_sign_off"},
    "return": {"for_sign_off"},
    "close": {"answered", "redirected", "not_considered"},
    "control": {
        "registered",
        "in_progress",
        "extended",
        "for_sign_off",
        "answered",
        "redirected",
        "not_considered",
    },
}
PLACES = {"own": "111033000", "above": "111000000", "beside": "114645000"}


def test_the_table_names_every_action():
    assert set(lifecycle.ACTIONS) == set(MAY) == set(FROM)


@pytest.fixture
def staff(make_staff, tree):
    return {
        (role, place): make_staff(role, Office.objects.get(territory__code=code))
        for role in ROLES
        for place, code in PLACES.items()
    }


@pytest.mark.parametrize("action", sorted(MAY))
def test_role_status_territory_matrix(action, register, staff):
    appeal = register()
    wrong = []
    for status in STATUSES:
        appeal.status = status  # has_perm reads the status of the object it is given
        for (role, place), user in staff.items():
            expected = role in MAY[action] and status in FROM[action] and place != "beside"
            if user.has_perm(f"appeals.{action}_appeal", appeal) is not expected:
                wrong.append((role, place, status))
            role_expected = role in MAY[action] and place != "beside"
            if lifecycle.role_allows(user, action, appeal) is not role_expected:
                wrong.append(("role", role, place, status))
    assert wrong == []


def test_an_executor_may_answer_only_their_own_appeal_in_work(register, executor, clerk):
    appeal = register()
    assert not executor.has_perm("appeals.answer_appeal", appeal)
    appeal = services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    assert executor.has_perm("appeals.answer_appeal", appeal)
    appeal.status = Status.ANSWERED
    assert not executor.has_perm("appeals.answer_appeal", appeal)


def _call(action, appeal, by, executor):
    return {
        "assign": lambda: services.appeal_assign(appeal=appeal, executor=executor, by=by),
        "answer": lambda: services.appeal_answer(
            appeal=appeal, outcome="explained", text="Ответ", by=by
        ),
        "extend": lambda: services.appeal_extend(
            appeal=appeal, until=appeal.due_on.replace(day=28), reason="Причина", by=by
        ),
        "redirect": lambda: services.appeal_redirect(appeal=appeal, to="Полиция", reason="", by=by),
        "approve": lambda: services.appeal_approve(appeal=appeal, by=by),
        "return": lambda: services.appeal_return(appeal=appeal, comment="Переделать", by=by),
        "close": lambda: services.appeal_close(appeal=appeal, by=by),
        "control": lambda: services.appeal_control(appeal=appeal, on=True, by=by),
    }[action]


@pytest.mark.parametrize(
    "action,status",
    [(a, s) for a in sorted(FROM) for s in STATUSES if s not in FROM[a]],
)
def test_the_service_refuses_a_wrong_status_and_changes_nothing(
    action, status, register, akim, executor
):
    appeal = register()
    Appeal.objects.filter(pk=appeal.pk).update(status=status)
    appeal.refresh_from_db()
    before = Appeal.objects.filter(pk=appeal.pk).values().get()
    with pytest.raises(TransitionError):
        _call(action, appeal, akim, executor)()
    assert Appeal.objects.filter(pk=appeal.pk).values().get() == before


def test_the_page_refuses_a_wrong_role_with_403_and_a_wrong_status_with_the_message(
    client, register, make_staff, office, akim
):
    appeal = register()
    analyst = make_staff(Role.ANALYST, office)
    client.force_login(analyst)
    r = client.post(reverse("appeals:close", args=[appeal.pk]), {"version": appeal.version})
    assert r.status_code == 403
    client.force_login(akim)
    r = client.post(reverse("appeals:close", args=[appeal.pk]), {"version": appeal.version})
    assert r.status_code == 400
    [message] = r.context["forms"]["close"].non_field_errors()
    assert appeal.number in message and message in r.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED and appeal.closed_on is None
    # the page offers only what the table allows in this status
    r = client.get(reverse("appeals:detail", args=[appeal.pk]))
    assert set(r.context["forms"]) == {"assign", "redirect", "control"}
