import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import timezone, translation

from tyndau.appeals import services
from tyndau.appeals.models import Appeal, AppealEvent, Rating, Status
from tyndau.appeals.tests.factories import register_appeal
from tyndau.core.audit import history_of
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.territory.models import Role

from .conftest import ALMATY, MONDAY_MORNING

pytestmark = pytest.mark.django_db(transaction=False)
D = dt.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


# --- registration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "channel",
    ["portal", "written", "eotinish", "personal_reception", "phone", "email", "social", "meeting"],
)
def test_every_channel_registers_with_a_number_and_a_deadline(register, channel):
    appeal = register(channel=channel)
    assert appeal.number == "111033000-2026-00001"
    assert appeal.registered_on == D(2026, 11, 2)
    assert appeal.due_on == D(2026, 11, 23)  # 15 working days
    assert appeal.status == Status.REGISTERED
    assert appeal.events.get().kind == AppealEvent.Kind.REGISTERED


def test_numbers_are_sequential_per_office_and_year_with_the_office_prefix(register, office):
    office.prefix = "KY"
    office.save()
    first, second = register(), register()
    assert (first.number, second.number) == ("KY-2026-00001", "KY-2026-00002")
    third = register(received_at=dt.datetime(2027, 1, 5, 10, tzinfo=ALMATY))
    assert third.number == "KY-2027-00001"


def test_numbers_of_different_offices_do_not_collide(register, neighbour_office, make_staff):
    register()
    other = register_appeal(
        office=neighbour_office,
        channel="phone",
        applicant_type="individual",
        kind="statement",
        topic="roads",
        text="Яма на дороге",
        received_at=MONDAY_MORNING,
    )
    assert other.number == "114645000-2026-00001"


def test_complaints_get_twenty_working_days(register):
    appeal = register(kind="complaint")
    assert appeal.due_on == D(2026, 11, 30)


def test_after_hours_appeal_is_registered_the_next_working_day(register):
    friday_night = dt.datetime(2026, 11, 27, 21, 0, tzinfo=ALMATY)
    appeal = register(received_at=friday_night)
    assert appeal.registered_on == D(2026, 11, 30)
    assert appeal.received_at == friday_night


def test_deadline_skips_holidays(register):
    # Registered Friday 11 Dec 2026; Independence Day 16 Dec is off.
    appeal = register(received_at=dt.datetime(2026, 12, 11, 11, tzinfo=ALMATY))
    # 15 wd: skips 16 Dec, 1 Jan, and Monday 4 Jan (2 Jan falls on a Saturday)
    assert appeal.due_on == D(2027, 1, 6)


def test_bad_iin_is_refused_and_nothing_is_saved(register):
    with pytest.raises(DomainError, match="check digit"):
        register(iin="791028302729")
    assert Appeal.objects.count() == 0


def test_bad_iin_message_is_in_russian_for_a_russian_user(register):
    with translation.override("ru"), pytest.raises(DomainError) as error:
        register(iin="791028302729")
    assert "ИИН" in str(error.value)


def test_legal_entity_needs_a_valid_bin(register):
    with pytest.raises(DomainError, match="BIN"):
        register(applicant_type="legal_entity", iin="", bin="")
    appeal = register(applicant_type="legal_entity", iin="", bin="061211600012")
    assert appeal.bin == "061211600012"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("channel", "pigeon", "Unknown channel: pigeon"),
        ("kind", "poem", "Unknown kind of appeal: poem"),
        ("topic", "nonsense", "Unknown topic: nonsense"),
        ("text", "   ", "The text of the appeal is empty."),
        ("signatories", 0, "at least one signatory"),
        ("latitude", 123.0, "latitude"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(register, field, value, message):
    with pytest.raises(DomainError, match=message):
        register(**{field: value})
    assert Appeal.objects.count() == 0


def test_territory_outside_the_office_is_refused(register, tree):
    with pytest.raises(DomainError, match="not served by"):
        register(territory=tree["114645100"])


def test_anonymous_appeal_is_registered_but_not_considered(register):
    appeal = register(applicant_type="anonymous", iin="", applicant_name="Кто-то")
    assert appeal.status == Status.NOT_CONSIDERED
    assert appeal.applicant_name == ""
    kinds = list(appeal.events.values_list("kind", flat=True))
    assert kinds == [AppealEvent.Kind.REGISTERED, AppealEvent.Kind.NOT_CONSIDERED]


def test_anonymous_crime_report_is_flagged_for_immediate_redirect(register):
    appeal = register(applicant_type="anonymous", iin="", crime_report=True)
    assert appeal.status == Status.REGISTERED
    assert appeal.crime_report
    assert appeal.due_on == D(2026, 11, 3)  # the next working day


def test_same_client_key_creates_one_appeal(register):
    first = register(client_key="abc-123")
    again = register(client_key="abc-123", text="другой текст")
    assert first.pk == again.pk
    assert Appeal.objects.count() == 1


def test_applicant_is_told_the_number(register, run_jobs):
    with run_jobs(execute=True):
        appeal = register()
    assert len(mail.outbox) == 1
    assert appeal.number in mail.outbox[0].subject
    # in the appeal's language (Russian by default)
    assert "зарегистрировано" in mail.outbox[0].subject.lower()
    assert appeal.events.filter(kind=AppealEvent.Kind.NOTIFIED).exists()


def test_kazakh_appeal_gets_kazakh_notifications(register, run_jobs):
    with run_jobs(execute=True):
        register(language="kk")
    assert "тіркелді" in mail.outbox[0].subject


# --- repeated appeals -------------------------------------------------------------------


def _answered(register, executor, clerk, **kw):
    appeal = services.appeal_assign(appeal=register(**kw), executor=executor, by=clerk)
    return services.appeal_answer(appeal=appeal, outcome="explained", text="Ответ", by=executor)


def test_same_applicant_same_matter_after_an_answer_is_repeated(register, executor, clerk):
    earlier = _answered(register, executor, clerk)
    again = register(phone="+77000000000")  # same IIN
    assert again.repeated and again.previous == earlier
    assert any(r["code"] == "repeated" for r in again.risk_reasons)


def test_repeat_is_found_by_phone_without_iin(register, executor, clerk):
    earlier = _answered(register, executor, clerk, iin="")
    again = register(iin="")
    assert again.previous == earlier


def test_another_topic_or_an_unanswered_earlier_appeal_is_not_a_repeat(register, executor, clerk):
    _answered(register, executor, clerk)
    assert not register(topic="roads").repeated
    register(iin="061211600012", phone="+77020000000")
    assert not register(iin="061211600012", phone="+77020000000").repeated


# --- lifecycle ------------------------------------------------------------------------


def test_full_lifecycle_is_recorded_in_the_timeline(register, executor, clerk, akim):
    appeal = register()
    appeal = services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    assert appeal.status == Status.IN_PROGRESS
    appeal = services.appeal_extend(
        appeal=appeal, until=D(2026, 12, 23), reason="Нужна экспертиза", by=akim
    )
    assert appeal.status == Status.EXTENDED and appeal.due_on == D(2026, 12, 23)
    appeal = services.appeal_answer(
        appeal=appeal, outcome="satisfied", text="Водоснабжение восстановлено.", by=executor
    )
    assert appeal.status == Status.ANSWERED and appeal.decided_on == timezone.localdate()
    appeal = services.appeal_close(appeal=appeal, by=clerk)
    assert appeal.status == Status.CLOSED
    kinds = list(appeal.events.values_list("kind", flat=True))
    assert kinds == ["registered", "assigned", "extended", "answered", "closed"]
    fresh = Appeal.objects.get(pk=appeal.pk)
    assert fresh.status == Status.CLOSED and fresh.version == 5


def test_every_transition_is_in_the_audit_log(register, executor, clerk):
    appeal = register()
    services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    entries = history_of(appeal)
    assert entries.first().action == LogEntry.Action.CREATE
    assert any("status" in e.changes_dict for e in entries if e.action == LogEntry.Action.UPDATE)


def test_audit_entries_show_old_and_new_values_readably(register, executor, clerk):
    """The audit of a transition keeps the value before and after, as auditlog writes
    them, so its display (admin, history pages) can show dates and choices."""
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    services.appeal_answer(appeal=appeal, outcome="satisfied", text="Сделано.", by=executor)
    update = history_of(appeal).filter(action=LogEntry.Action.UPDATE).last()
    assert update.changes_dict["status"] == ["in_progress", "answered"]
    assert update.changes_dict["decided_on"][0] == "None"
    shown = update.changes_display_dict  # parses the dates: raised on a None before
    assert shown["decided on"][1] != "None"


def test_co_executors_are_allowed(register, executor, clerk, akim, make_staff, office):
    second = make_staff(Role.EXECUTOR, office)
    appeal = services.appeal_assign(
        appeal=register(), executor=executor, co_executors=[second], by=clerk
    )
    assert list(appeal.co_executors.all()) == [second]


def test_an_outsider_cannot_be_the_executor(register, clerk, make_staff, neighbour_office):
    stranger = make_staff(Role.EXECUTOR, neighbour_office)
    with pytest.raises(DomainError, match="cannot execute"):
        services.appeal_assign(appeal=register(), executor=stranger, by=clerk)


def test_answer_before_assignment_is_refused(register, executor):
    with pytest.raises(TransitionError, match="Assign an executor"):
        services.appeal_answer(appeal=register(), outcome="explained", text="x", by=executor)


@pytest.mark.parametrize("outcome", ["satisfied", "explained", "refused", "terminated"])
def test_each_outcome_can_be_given(register, executor, clerk, outcome):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    appeal = services.appeal_answer(appeal=appeal, outcome=outcome, text="Ответ", by=executor)
    assert appeal.outcome == outcome


def test_answer_needs_an_outcome_and_text(register, executor, clerk):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    with pytest.raises(DomainError, match="Unknown outcome"):
        services.appeal_answer(appeal=appeal, outcome="maybe", text="x", by=executor)
    with pytest.raises(DomainError, match="answer text is empty"):
        services.appeal_answer(appeal=appeal, outcome="explained", text=" ", by=executor)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.IN_PROGRESS


def test_answered_appeal_cannot_be_answered_assigned_or_redirected_again(register, executor, clerk):
    appeal = _answered(register, executor, clerk)
    with pytest.raises(TransitionError, match="it is answered"):
        services.appeal_answer(appeal=appeal, outcome="satisfied", text="x", by=executor)
    with pytest.raises(TransitionError):
        services.appeal_assign(appeal=appeal, executor=executor, by=clerk)
    with pytest.raises(TransitionError):
        services.appeal_redirect(appeal=appeal, to="Полиция", reason="", by=clerk)


def test_open_appeal_cannot_be_closed(register, clerk):
    with pytest.raises(TransitionError, match="cannot be closed"):
        services.appeal_close(appeal=register(), by=clerk)


def test_extension_needs_a_reason_a_later_date_and_at_most_two_months(
    register, executor, clerk, akim
):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    with pytest.raises(DomainError, match="reasoned decision"):
        services.appeal_extend(appeal=appeal, until=D(2026, 12, 1), reason="", by=akim)
    with pytest.raises(DomainError, match="later than the current"):
        services.appeal_extend(appeal=appeal, until=D(2026, 11, 20), reason="x", by=akim)
    with pytest.raises(DomainError, match="at most two months, that is until 23.01.2027"):
        services.appeal_extend(appeal=appeal, until=D(2027, 1, 24), reason="x", by=akim)
    services.appeal_extend(appeal=appeal, until=D(2027, 1, 23), reason="x", by=akim)


def test_extension_notifies_the_applicant(register, executor, clerk, akim, run_jobs):
    appeal = services.appeal_assign(appeal=register(), executor=executor, by=clerk)
    with run_jobs(execute=True):
        services.appeal_extend(appeal=appeal, until=D(2026, 12, 10), reason="Экспертиза", by=akim)
    assert any("продлён" in m.subject for m in mail.outbox)
    appeal.refresh_from_db()
    assert appeal.applicant_notified_of_extension_on == timezone.localdate()


def test_redirect_records_the_body_and_notifies(register, clerk, run_jobs):
    appeal = register()
    with run_jobs(execute=True):
        appeal = services.appeal_redirect(
            appeal=appeal, to="Департамент полиции", reason="Не в компетенции", by=clerk
        )
    assert appeal.status == Status.REDIRECTED and appeal.redirected_to == "Департамент полиции"
    assert appeal.decided_on == timezone.localdate()
    event = appeal.events.get(kind="redirected")
    assert event.data["late"] is True  # registered on 2 Nov 2026, long ago
    assert any("перенаправлено" in m.subject for m in mail.outbox)


def test_redirect_needs_a_body(register, clerk):
    with pytest.raises(DomainError, match="Name the body"):
        services.appeal_redirect(appeal=register(), to="", reason="", by=clerk)


# --- concurrency ----------------------------------------------------------------------


def test_second_of_two_concurrent_edits_is_refused(register, executor, clerk, akim):
    appeal = register()
    first_copy = Appeal.objects.get(pk=appeal.pk)
    second_copy = Appeal.objects.get(pk=appeal.pk)
    services.appeal_assign(appeal=first_copy, executor=executor, by=clerk)
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.appeal_assign(appeal=second_copy, executor=akim, by=clerk)
    assert Appeal.objects.get(pk=appeal.pk).executor == executor


def test_explicit_stale_version_is_refused(register, executor, clerk):
    appeal = register()
    with pytest.raises(ConflictError):
        services.appeal_assign(appeal=appeal, executor=executor, by=clerk, expected_version=7)


# --- rating ---------------------------------------------------------------------------


def test_applicant_rates_the_answer_once(register, executor, clerk):
    appeal = _answered(register, executor, clerk)
    rating = services.appeal_rate(appeal=appeal, score=4, comment="Спасибо")
    assert rating.score == 4
    with pytest.raises(DomainError, match="already been rated"):
        services.appeal_rate(appeal=appeal, score=5)


@pytest.mark.parametrize("score", [0, 6, "five", None])
def test_rating_must_be_one_to_five(register, executor, clerk, score):
    appeal = _answered(register, executor, clerk)
    with pytest.raises(DomainError, match="from 1 to 5"):
        services.appeal_rate(appeal=appeal, score=score)
    assert not Rating.objects.exists()


def test_unanswered_appeal_cannot_be_rated(register):
    with pytest.raises(TransitionError, match="no answer to rate"):
        services.appeal_rate(appeal=register(), score=5)


def test_a_street_keeps_its_kind_word_lower_case():
    from tyndau.appeals.streets import normalise_street

    assert normalise_street("абай  көшесі ") == "Абай көшесі"
    assert normalise_street("ул. мира") == "ул. Мира"
    assert normalise_street("КОМСОМОЛЬСКАЯ") == "Комсомольская"
