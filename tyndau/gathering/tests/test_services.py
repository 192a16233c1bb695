"""The gathering's record: attendance and quorum, votes and decisions, approvals, refusals."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from tyndau.budget.models import BudgetVersion
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.gathering import services
from tyndau.gathering.models import (
    AgendaKind,
    Attendance,
    Decision,
    Member,
    Session,
    SessionStatus,
    Vote,
)
from tyndau.plans.models import PlanVersion


def _question(session, *, kind=AgendaKind.OTHER, **fields):
    fields.setdefault("title_ru", "О благоустройстве")
    fields.setdefault("title_kk", "Абаттандыру туралы")
    return services.agenda_item_add(session=session, kind=kind, **fields)


def _open(session, present):
    services.attendance_set(session=session, members=present)
    return services.session_open(session=session, chair=present[0], secretary=present[1])


def _quorum(session):
    return (
        Session.objects.with_attendance().values("roll", "present", "has_quorum").get(pk=session.pk)
    )


# --------------------------------------------------------------------- roll and quorum


def test_quorum_is_half_of_the_members_serving_that_day(session, members, district):
    services.attendance_set(session=session, members=members[:3])
    assert _quorum(session) == {"roll": 7, "present": 3, "has_quorum": False}
    services.attendance_set(session=session, members=members[:4])
    assert _quorum(session) == {"roll": 7, "present": 4, "has_quorum": True}
    # a member who left before the session is not on its roll: 6 serve, 3 are half
    services.member_update(member=members[6], left_on=dt.date(2025, 12, 1))
    services.attendance_set(session=session, members=members[:3])
    assert _quorum(session) == {"roll": 6, "present": 3, "has_quorum": True}


def test_a_member_delegated_after_the_session_is_not_on_its_roll(session, members, district):
    village = district.children.first()
    services.member_add(
        territory=district,
        village=village,
        full_name="Позднее Лицо",
        delegated_on=dt.date(2026, 2, 1),
    )
    assert _quorum(session)["roll"] == 7


def test_without_a_quorum_the_gathering_cannot_decide_and_nothing_is_saved(
    session, members, budget
):
    item = _question(session, kind=AgendaKind.BUDGET, budget=budget)
    _open(session, members[:3])
    services.votes_record(agenda_item=item, votes={m: "for" for m in members[:3]})
    version = Session.objects.get(pk=session.pk).version
    with pytest.raises(DomainError, match="Нет кворума") as error:
        services.decision_take(agenda_item=item, text_ru="Согласовать.", text_kk="Келісілсін.")
    assert "3" in str(error.value) and "7" in str(error.value)
    assert not Decision.objects.exists()
    assert not BudgetVersion.objects.exists()
    assert Session.objects.get(pk=session.pk).version == version


# ------------------------------------------------------------------------ votes, decisions


def test_votes_are_counted_in_the_database_and_a_majority_of_those_present_adopts(session, members):
    first, second = _question(session), _question(session, title_ru="Второй", title_kk="Екінші")
    present = members[:5]
    _open(session, present)
    choices = ["for", "for", "against", "abstain", "abstain"]
    services.votes_record(agenda_item=first, votes=dict(zip(present, choices, strict=True)))
    assert services.vote_counts(agenda_item=first) == {
        "votes_for": 2,
        "votes_against": 1,
        "votes_abstained": 2,
    }
    rejected = services.decision_take(agenda_item=first, text_ru="Принять.", text_kk="Қабылдансын.")
    assert (rejected.adopted, rejected.present, rejected.votes_for) == (False, 5, 2)

    services.votes_record(agenda_item=second, votes={m: "for" for m in present[:3]})
    adopted = services.decision_take(agenda_item=second, text_ru="Принять.", text_kk="Қабылдансын.")
    assert adopted.adopted and adopted.votes_for == 3 and adopted.votes_against == 0


def test_a_changed_vote_replaces_the_earlier_one(session, members):
    item = _question(session)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={members[0]: "against"})
    services.votes_record(agenda_item=item, votes={members[0]: "for"})
    assert list(Vote.objects.filter(agenda_item=item).values_list("choice", flat=True)) == ["for"]


def test_a_vote_after_the_session_closes_is_refused_and_nothing_changes(session, members):
    item = _question(session)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={members[0]: "for"})
    stale = Session.objects.get(pk=session.pk)  # the secretary's form, read before closing
    services.session_close(session=Session.objects.get(pk=session.pk))
    closed = Session.objects.get(pk=session.pk)
    item.session = stale
    with pytest.raises(TransitionError, match="Голоса записываются, только пока идёт заседание"):
        services.votes_record(
            agenda_item=item,
            votes={members[0]: "against", members[1]: "for"},
            expected_version=stale.version,
        )
    assert list(Vote.objects.filter(agenda_item=item).values_list("member", "choice")) == [
        (members[0].pk, "for")
    ]
    after = Session.objects.get(pk=session.pk)
    assert (after.status, after.version) == (SessionStatus.CLOSED, closed.version)
    with pytest.raises(TransitionError):
        services.decision_take(agenda_item=item, text_ru="Да.", text_kk="Иә.")
    with pytest.raises(TransitionError):
        services.attendance_set(session=after, members=members)
    assert not Decision.objects.exists()
    assert Attendance.objects.filter(session=session).count() == 4


def test_a_member_not_registered_present_cannot_vote(session, members):
    item = _question(session)
    _open(session, members[:4])
    with pytest.raises(DomainError, match=members[5].full_name):
        services.votes_record(agenda_item=item, votes={members[0]: "for", members[5]: "for"})
    assert not Vote.objects.exists()


def test_a_question_is_decided_once(session, members):
    item = _question(session)
    _open(session, members[:4])
    services.decision_take(agenda_item=item, text_ru="Принять.", text_kk="Қабылдансын.")
    with pytest.raises(TransitionError):
        services.decision_take(agenda_item=item, text_ru="Ещё раз.", text_kk="Тағы.")
    with pytest.raises(TransitionError):
        services.votes_record(agenda_item=item, votes={members[0]: "against"})
    assert Decision.objects.count() == 1 and not Vote.objects.exists()


def test_someone_from_another_district_cannot_be_registered(session, members, tree):
    other = tree["114645000"]
    stranger = services.member_add(
        territory=other,
        village=tree["114645100"],
        full_name="Чужой Член",
        delegated_on=dt.date(2025, 1, 1),
    )
    with pytest.raises(DomainError, match="Чужой Член"):
        services.attendance_set(session=session, members=[*members[:4], stranger])
    assert not Attendance.objects.exists()


def test_a_member_is_delegated_by_a_village_of_the_district(district, tree):
    with pytest.raises(DomainError):
        services.member_add(
            territory=district,
            village=tree["114645100"],
            full_name="Не тот Аул",
            delegated_on=dt.date(2025, 1, 1),
        )
    with pytest.raises(DomainError):
        services.member_add(
            territory=tree["111000000"],
            village=tree["111033100"],
            full_name="Город",
            delegated_on=dt.date(2025, 1, 1),
        )
    assert not Member.objects.exists()


def test_the_chair_and_the_secretary_are_members_present(session, members):
    services.attendance_set(session=session, members=members[:4])
    with pytest.raises(DomainError):
        services.session_open(session=session, chair=members[0], secretary=members[6])
    with pytest.raises(DomainError):
        services.session_open(session=session, chair=members[0], secretary=members[0])
    assert Session.objects.get(pk=session.pk).status == SessionStatus.PLANNED


def test_a_member_who_voted_cannot_be_marked_absent(session, members):
    item = _question(session)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={members[3]: "for"})
    with pytest.raises(DomainError, match=members[3].full_name):
        services.attendance_set(session=session, members=members[:3])
    assert Attendance.objects.filter(session=session).count() == 4


# ----------------------------------------------------------------------------- locking


def test_a_concurrent_edit_of_a_session_is_detected_and_the_first_one_kept(session):
    mine, theirs = Session.objects.get(pk=session.pk), Session.objects.get(pk=session.pk)
    services.session_update(session=theirs, place="Школа № 1", expected_version=theirs.version)
    with pytest.raises(ConflictError):
        services.session_update(session=mine, place="Акимат", expected_version=mine.version)
    assert Session.objects.get(pk=session.pk).place == "Школа № 1"


def test_a_stale_vote_form_is_detected(session, members):
    item = _question(session)
    _open(session, members[:4])
    read = Session.objects.get(pk=session.pk).version
    services.votes_record(agenda_item=item, votes={members[0]: "for"}, expected_version=read)
    with pytest.raises(ConflictError):
        services.votes_record(
            agenda_item=item, votes={members[0]: "against"}, expected_version=read
        )
    assert Vote.objects.get().choice == "for"


def test_a_concurrent_edit_of_a_member_is_detected(members):
    mine, theirs = Member.objects.get(pk=members[0].pk), Member.objects.get(pk=members[0].pk)
    services.member_update(member=theirs, full_name="Аманов Ерлан Серикович")
    with pytest.raises(ConflictError):
        services.member_update(member=mine, full_name="Аманов Е.", expected_version=mine.version)
    assert Member.objects.get(pk=members[0].pk).full_name == "Аманов Ерлан Серикович"


def test_sessions_are_numbered_in_their_district(district, members):
    first = services.session_plan(territory=district, held_on=dt.date(2026, 1, 20))
    second = services.session_plan(territory=district, held_on=dt.date(2026, 4, 20))
    assert (first.number, second.number) == (1, 2)


def test_a_session_is_held_in_a_rural_district(tree):
    with pytest.raises(DomainError):
        services.session_plan(territory=tree["111033100"], held_on=dt.date(2026, 1, 20))
    assert not Session.objects.exists()


# --------------------------------------------------------------------------- approvals


def test_an_adopted_budget_decision_approves_the_budgets_next_version(session, members, budget):
    item = _question(session, kind=AgendaKind.BUDGET, budget=budget)
    _open(session, members[:5])
    services.votes_record(agenda_item=item, votes={m: "for" for m in members[:5]})
    decision = services.decision_take(
        agenda_item=item, text_ru="Согласовать проект бюджета.", text_kk="Келісілсін."
    )
    version = BudgetVersion.objects.get(budget=budget)
    assert version.decision == decision and version.number == 1
    assert version.approved_on == dt.date(2026, 1, 20)
    assert version.snapshot["expenditure:008"]["planned"] == "700000.00"
    assert "№ 1" in version.approved_by or "No. 1" in version.approved_by


def test_an_adopted_plan_decision_approves_the_plans_next_version(session, members, plan):
    item = _question(session, kind=AgendaKind.PLAN, plan=plan)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={m: "for" for m in members[:4]})
    decision = services.decision_take(agenda_item=item, text_ru="Утвердить.", text_kk="Бекітілсін.")
    version = PlanVersion.objects.get(plan=plan)
    assert version.decision == decision
    assert [row["code"] for row in version.snapshot] == ["1"]


def test_a_rejected_plan_decision_approves_nothing(session, members, plan):
    item = _question(session, kind=AgendaKind.PLAN, plan=plan)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={m: "against" for m in members[:4]})
    decision = services.decision_take(agenda_item=item, text_ru="Утвердить.", text_kk="Бекітілсін.")
    assert not decision.adopted
    assert not PlanVersion.objects.exists()


def test_a_version_is_approved_only_by_an_adopted_decision_on_it(session, members, plan, budget):
    from tyndau.budget.services import budget_version_approve
    from tyndau.plans.services import plan_version_approve

    item = _question(session, kind=AgendaKind.PLAN, plan=plan)
    _open(session, members[:4])
    services.votes_record(agenda_item=item, votes={m: "for" for m in members[:4]})
    decision = services.decision_take(agenda_item=item, text_ru="Утвердить.", text_kk="Бекітілсін.")
    with pytest.raises(DomainError):
        plan_version_approve(plan=plan, decision=None)
    with pytest.raises(DomainError):  # a decision on the plan does not agree the budget
        budget_version_approve(budget=budget, decision=decision)
    assert PlanVersion.objects.count() == 1 and not BudgetVersion.objects.exists()


def test_a_budget_question_names_a_budget_of_the_district(session, tree):
    from tyndau.budget.services import budget_create

    other = budget_create(territory=tree["114645000"], year=2026)
    with pytest.raises(DomainError):
        _question(session, kind=AgendaKind.BUDGET)
    with pytest.raises(DomainError):
        _question(session, kind=AgendaKind.BUDGET, budget=other)
    assert not session.agenda.exists()


def test_the_record_is_audited_with_its_actor(session, members, clerk):
    services.attendance_set(session=session, members=members[:4], by=clerk)
    services.session_open(session=session, chair=members[0], secretary=members[1], by=clerk)
    entries = LogEntry.objects.get_for_object(Session.objects.get(pk=session.pk))
    assert entries.filter(actor=clerk).exists()
    assert LogEntry.objects.filter(content_type__model="attendance", actor=clerk).count() == 4
