import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation

from tyndau.appeals.models import Appeal, Channel
from tyndau.core import calendar
from tyndau.core.audit import history_of
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.meetings import services
from tyndau.meetings.models import AssignmentStatus, MeetingStatus


def test_a_meeting_in_a_village_belongs_to_the_rural_district_office(tree, clerk):
    meeting = services.meeting_plan(
        territory=tree["111033100"], kind="gathering", planned_on=dt.date(2026, 3, 1), by=clerk
    )
    assert meeting.office.territory.code == "111033000"
    assert meeting.territory.code == "111033100"
    assert meeting.akim_level == 6
    assert meeting.status == MeetingStatus.PLANNED


def test_a_city_meeting_has_the_city_akim_level(tree, clerk):
    meeting = services.meeting_plan(
        territory=tree["111000000"], kind="reporting", planned_on=dt.date(2026, 3, 1), by=clerk
    )
    assert meeting.akim_level == 3


def test_holding_records_attendance_and_totals(make_meeting):
    meeting = make_meeting(
        held_on=dt.date(2026, 2, 3),
        participants_offline=120,
        participants_instagram=1200,
        broadcasts_instagram=1,
        broadcasts_tv=2,
        speakers=36,
        media_social=1,
    )
    assert meeting.status == MeetingStatus.HELD
    assert meeting.participants_total == 1320
    assert meeting.participants_online == 1200
    assert meeting.broadcasts_total == 3
    assert meeting.media_total == 1
    assert meeting.version == 2


def test_a_meeting_cannot_be_held_in_the_future(make_meeting, clerk):
    meeting = make_meeting()
    with pytest.raises(DomainError):
        services.meeting_hold(
            meeting=meeting, held_on=dt.date.today() + dt.timedelta(days=2), by=clerk
        )


def test_negative_counts_are_refused(make_meeting, clerk):
    meeting = make_meeting()
    with pytest.raises(DomainError):
        services.meeting_hold(
            meeting=meeting, held_on=dt.date(2026, 2, 3), by=clerk, participants_offline=-1
        )


def test_a_stale_version_is_a_conflict(make_meeting, clerk):
    meeting = make_meeting()
    services.meeting_update(meeting=meeting, by=clerk, place="Школа", expected_version=1)
    with pytest.raises(ConflictError):
        services.meeting_hold(
            meeting=meeting, held_on=dt.date(2026, 2, 3), by=clerk, expected_version=1
        )


def test_a_cancelled_meeting_cannot_be_held_or_get_questions(make_meeting, clerk):
    meeting = make_meeting()
    services.meeting_cancel(meeting=meeting, reason="Карантин", by=clerk)
    with pytest.raises(TransitionError):
        services.meeting_hold(meeting=meeting, held_on=dt.date(2026, 2, 3), by=clerk)
    with pytest.raises(TransitionError):
        services.question_add(meeting=meeting, topic="roads", text="x", by=clerk)


def test_cancelling_needs_a_reason(make_meeting, clerk):
    with pytest.raises(DomainError):
        services.meeting_cancel(meeting=make_meeting(), reason=" ", by=clerk)


def test_changes_are_audited_with_their_author(make_meeting, clerk):
    meeting = make_meeting(held_on=dt.date(2026, 2, 3), speakers=5)
    entries = list(history_of(meeting))
    assert len(entries) == 2
    assert entries[-1].actor == clerk
    assert "speakers" in entries[-1].changes_dict


def test_protocol_must_be_a_pdf(held_meeting, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(DomainError):
        services.meeting_attach_files(
            meeting=held_meeting, by=clerk, protocol=SimpleUploadedFile("p.docx", b"x")
        )
    services.meeting_attach_files(
        meeting=held_meeting, by=clerk, protocol=SimpleUploadedFile("p.pdf", b"%PDF-1.4")
    )
    held_meeting.refresh_from_db()
    assert held_meeting.protocol.name.endswith(".pdf")


def test_question_needs_a_known_topic_and_a_valid_level(held_meeting, clerk):
    with pytest.raises(DomainError):
        services.question_add(meeting=held_meeting, topic="nope", text="x", by=clerk)
    with pytest.raises(DomainError):
        services.question_add(
            meeting=held_meeting, topic="roads", text="x", critical_of=7, by=clerk
        )
    q = services.question_add(
        meeting=held_meeting, topic="roads", text="x", critical_of=6, repeated=True, by=clerk
    )
    assert q.critical_of == 6 and q.repeated


def test_assignment_deadline_defaults_to_15_working_days(question, executor, akim):
    given = dt.date(2026, 2, 3)
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=given
    )
    assert assignment.due_on == calendar.add_working_days(given, 15)
    assert assignment.status == AssignmentStatus.IN_PROGRESS
    assert assignment.text == question.text
    assert assignment.territory == question.meeting.territory


def test_assignment_is_emailed_to_the_executor(
    question, executor, akim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_give(question=question, executor=executor, by=akim)
    assert mail.outbox[0].to == [executor.email]


def test_assignment_with_a_given_deadline(question, executor, akim):
    assignment = services.assignment_give(
        question=question,
        executor=executor,
        by=akim,
        given_on=dt.date(2026, 2, 3),
        due_on=dt.date(2026, 2, 10),
    )
    assert assignment.due_on == dt.date(2026, 2, 10)


def test_assignment_deadline_must_be_after_and_on_a_working_day(question, executor, akim):
    with pytest.raises(DomainError):
        services.assignment_give(
            question=question,
            executor=executor,
            by=akim,
            given_on=dt.date(2026, 2, 3),
            due_on=dt.date(2026, 2, 3),
        )
    with pytest.raises(DomainError):  # a Saturday
        services.assignment_give(
            question=question,
            executor=executor,
            by=akim,
            given_on=dt.date(2026, 2, 3),
            due_on=dt.date(2026, 2, 7),
        )


def test_executor_must_work_in_the_holding_office(question, make_staff, neighbour_office, akim):
    stranger = make_staff("executor", neighbour_office)
    with translation.override("ru"), pytest.raises(DomainError) as error:
        services.assignment_give(question=question, executor=stranger, by=akim)
    assert "исполнитель" in str(error.value).lower()


def test_one_assignment_per_question(question, executor, akim):
    services.assignment_give(question=question, executor=executor, by=akim)
    with pytest.raises(TransitionError):
        services.assignment_give(question=question, executor=executor, by=akim)


def test_no_assignment_before_the_meeting_is_held(make_meeting, clerk, executor, akim):
    meeting = make_meeting()
    question = services.question_add(meeting=meeting, topic="roads", text="x", by=clerk)
    with pytest.raises(TransitionError):
        services.assignment_give(question=question, executor=executor, by=akim)


def test_completing_an_assignment(question, executor, akim):
    assignment = services.assignment_give(question=question, executor=executor, by=akim)
    with pytest.raises(DomainError):
        services.assignment_complete(assignment=assignment, result="  ", by=executor)
    services.assignment_complete(assignment=assignment, result="Улица отремонтирована", by=executor)
    assert assignment.status == AssignmentStatus.DONE
    assert assignment.done_on is not None
    with pytest.raises(TransitionError):
        services.assignment_complete(assignment=assignment, result="again", by=executor)


def test_completing_with_a_stale_version_is_a_conflict(question, executor, akim):
    assignment = services.assignment_give(question=question, executor=executor, by=akim)
    with pytest.raises(ConflictError):
        services.assignment_complete(
            assignment=assignment, result="ok", by=executor, expected_version=7
        )


def test_reminders_3_and_1_working_days_before_and_only_once(
    question, executor, akim, django_capture_on_commit_callbacks
):
    given = dt.date(2026, 2, 3)
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=given
    )
    mail.outbox.clear()
    three_before = assignment.due_on
    for _ in range(3):
        three_before = three_before - dt.timedelta(days=1)
        while not calendar.is_working_day(three_before):
            three_before -= dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind(today=three_before) == 1
        assert services.assignments_remind(today=three_before) == 0
    assert mail.outbox[0].to == [executor.email]
    one_before = assignment.due_on - dt.timedelta(days=1)
    while not calendar.is_working_day(one_before):
        one_before -= dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind(today=one_before) == 1
    assignment.refresh_from_db()
    assert sorted(assignment.reminded_days) == [1, 3]


def test_no_reminder_for_a_done_assignment(question, executor, akim):
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=dt.date(2026, 2, 3)
    )
    services.assignment_complete(assignment=assignment, result="ok", by=executor)
    one_before = assignment.due_on - dt.timedelta(days=1)
    assert services.assignments_remind(today=one_before) == 0


def test_overdue_is_escalated_to_the_akim_once(
    question, executor, akim, django_capture_on_commit_callbacks
):
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=dt.date(2026, 2, 3)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_escalate(today=assignment.due_on) == 0
        assert services.assignments_escalate(today=assignment.due_on + dt.timedelta(days=1)) == 1
        assert services.assignments_escalate(today=assignment.due_on + dt.timedelta(days=2)) == 0
    assert mail.outbox[0].to == [akim.email]


def test_escalation_is_in_the_audit_trail(question, executor, akim):
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=dt.date(2026, 2, 3)
    )
    day = assignment.due_on + dt.timedelta(days=1)
    assert services.assignments_escalate(today=day, notify=False) == 1
    changes = [entry.changes_dict for entry in history_of(assignment)]
    assert {"escalated_on": ["None", day.isoformat()]} in changes


def test_work_done_earlier_can_be_recorded_with_its_date(question, executor, akim):
    given = dt.date(2026, 2, 3)
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, given_on=given
    )
    with pytest.raises(DomainError, match="не раньше 03.02.2026 и не позже сегодняшнего дня"):
        services.assignment_complete(
            assignment=assignment, result="ok", by=executor, done_on=dt.date(2026, 2, 2)
        )
    with pytest.raises(DomainError):
        services.assignment_complete(
            assignment=assignment,
            result="ok",
            by=executor,
            done_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assignment.refresh_from_db()
    assert not assignment.is_done  # nothing half-saved
    services.assignment_complete(
        assignment=assignment, result="ok", by=executor, done_on=dt.date(2026, 2, 10)
    )
    assignment.refresh_from_db()
    assert assignment.is_done and assignment.done_on == dt.date(2026, 2, 10)


def test_periodic_jobs_are_registered(db):
    from tyndau.core.jobs import PERIODIC, run_periodic_jobs

    ran = run_periodic_jobs()
    assert "tyndau.meetings.tasks.remind_assignments" in PERIODIC
    assert "tyndau.meetings.tasks.escalate_overdue_assignments" in ran


def test_a_personal_matter_becomes_an_appeal_with_channel_meeting(question, clerk):
    appeal = services.question_to_appeal(question=question, applicant_name="Иванов Иван", by=clerk)
    assert appeal.channel == Channel.MEETING
    assert appeal.territory == question.meeting.territory
    assert appeal.office == question.meeting.office
    question.refresh_from_db()
    assert question.appeal == appeal
    with pytest.raises(TransitionError):
        services.question_to_appeal(question=question, applicant_name="Иванов Иван", by=clerk)


# ---------------------------------------------------------------------------- reception


def test_default_schedule_is_tuesday_and_thursday(office):
    schedule = services.reception_schedule_of(office=office)
    assert schedule.weekdays == [1, 3]


def test_slots_are_on_reception_days_that_are_working_days(office):
    now = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    slots = services.reception_slots(office=office, start=dt.date(2026, 3, 2), days=14, now=now)
    from django.utils import timezone

    days = {timezone.localtime(s).date() for s, _free in slots}
    assert all(d.weekday() in (1, 3) for d in days)
    assert dt.date(2026, 3, 3) in days and dt.date(2026, 3, 5) in days
    # 10:00–13:00 by 20 minutes: 9 slots a day
    assert sum(1 for s, _f in slots if timezone.localtime(s).date() == dt.date(2026, 3, 3)) == 9
    assert dt.date(2026, 3, 10) in days  # a Tuesday
    # 8 March holiday falls on a Sunday; 9 March (Monday) is a day off, not a reception day anyway


def test_schedule_is_editable_and_validated(office, akim):
    with pytest.raises(DomainError):
        services.reception_schedule_set(
            office=office,
            by=akim,
            weekdays=[],
            starts_at=dt.time(10),
            ends_at=dt.time(12),
            slot_minutes=20,
        )
    with pytest.raises(DomainError):
        services.reception_schedule_set(
            office=office,
            by=akim,
            weekdays=[0],
            starts_at=dt.time(12),
            ends_at=dt.time(10),
            slot_minutes=20,
        )
    schedule = services.reception_schedule_set(
        office=office,
        by=akim,
        weekdays=[0, 2, 4],
        starts_at=dt.time(9),
        ends_at=dt.time(11),
        slot_minutes=30,
    )
    assert schedule.weekdays == [0, 2, 4] and schedule.slot_minutes == 30


def _future_slot(office):
    from django.utils import timezone

    slots = services.reception_slots(
        office=office, start=timezone.localdate() + dt.timedelta(days=1)
    )
    return next(at for at, free in slots if free)


def test_a_resident_books_a_slot_and_it_is_taken(office):
    at = _future_slot(office)
    booking = services.reception_book(
        office=office,
        starts_at=at,
        name="Асет",
        phone="+77011112233",
        topic="land",
        summary="Участок",
    )
    assert booking.source == "portal" and booking.code
    with pytest.raises(DomainError):
        services.reception_book(
            office=office, starts_at=at, name="Другой", phone="+7701", topic="land", summary="x"
        )


def test_no_booking_outside_the_schedule(office):
    from django.utils import timezone

    at = timezone.make_aware(dt.datetime(2030, 1, 7, 10, 0))  # a Monday
    with pytest.raises(DomainError):
        services.reception_book(
            office=office, starts_at=at, name="A", phone="1", topic="land", summary="x"
        )


def test_a_clerk_books_for_a_caller(office, clerk):
    booking = services.reception_book(
        office=office,
        starts_at=_future_slot(office),
        name="Б",
        phone="2",
        topic="land",
        summary="x",
        by=clerk,
    )
    assert booking.source == "phone" and booking.booked_by == clerk


def test_recording_a_visit_registers_each_question_as_an_appeal(office, clerk):
    booking = services.reception_book(
        office=office,
        starts_at=_future_slot(office),
        name="Б",
        phone="2",
        topic="land",
        summary="x",
        by=clerk,
    )
    session = services.reception_record(
        office=office,
        booking=booking,
        visitor_name="Бекова Айгерим",
        questions=[
            services.AskedQuestion(topic="land", text="Оформить участок"),
            services.AskedQuestion(topic="water_supply", text="Нет воды на улице Мира"),
        ],
        by=clerk,
    )
    appeals = Appeal.objects.filter(reception_question__session=session)
    assert appeals.count() == 2
    assert set(appeals.values_list("channel", flat=True)) == {Channel.PERSONAL_RECEPTION}
    assert set(appeals.values_list("applicant_name", flat=True)) == {"Бекова Айгерим"}
    booking.refresh_from_db()
    assert booking.status == "came"


def test_a_visit_needs_a_question(office, clerk):
    with pytest.raises(DomainError):
        services.reception_record(office=office, visitor_name="X", questions=[], by=clerk)
    assert not Appeal.objects.exists()
