import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.appeals.models import Appeal, Channel, Topic
from tyndau.meetings import services
from tyndau.meetings.models import Assignment, Meeting, Question, ReceptionBooking


@pytest.fixture(autouse=True)
def _russian():
    with translation.override("ru"):
        yield


def login(client, user):
    client.force_login(user)
    return client


def test_staff_plan_hold_question_assign_and_complete_end_to_end(
    client, tree, clerk, akim, executor
):
    login(client, clerk)
    response = client.post(
        reverse("meetings:create"),
        {
            "territory": tree["111033100"].pk,
            "kind": "reporting",
            "planned_on": "2026-02-03",
            "place": "ДК",
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:detail", kwargs={"pk": meeting.pk})
    assert meeting.office.territory.code == "111033000"

    hold = {
        "held_on": "2026-02-03",
        "participants_offline": 120,
        "participants_instagram": 1200,
        "participants_facebook": 0,
        "participants_videoconference": 0,
        "participants_tv": 0,
        "speakers": 36,
        "broadcasts_instagram": 1,
        "broadcasts_facebook": 0,
        "broadcasts_videoconference": 0,
        "broadcasts_tv": 2,
        "media_central": 0,
        "media_local": 0,
        "media_social": 1,
        "officials_government": 0,
        "officials_parliament": 0,
        "officials_state_bodies": 1,
        "minutes": "Протокол",
        "broadcast_url": "",
        "version": 1,
    }
    assert client.get(reverse("meetings:hold", kwargs={"pk": meeting.pk})).status_code == 200
    client.post(reverse("meetings:hold", kwargs={"pk": meeting.pk}), hold)
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.participants_total == 1320

    # a stale form is refused with a message in Russian
    response = client.post(reverse("meetings:hold", kwargs={"pk": meeting.pk}), hold)
    assert "Кто-то уже изменил" in response.content.decode()

    topic = Topic.objects.get(code="roads")
    response = client.post(
        reverse("meetings:question-add", kwargs={"pk": meeting.pk}),
        {
            "topic": topic.pk,
            "text": "Отремонтировать улицу Мира",
            "repeated": "on",
            "critical_of": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Отремонтировать улицу Мира" in response.content.decode()
    question = Question.objects.get()
    assert question.repeated

    # a clerk may not give assignments; the akim may
    assert (
        client.get(reverse("meetings:question-assign", kwargs={"pk": question.pk})).status_code
        == 403
    )
    login(client, akim)
    response = client.post(
        reverse("meetings:question-assign", kwargs={"pk": question.pk}),
        {"executor": executor.pk, "text": "Отремонтировать улицу Мира", "due_on": ""},
    )
    assignment = Assignment.objects.get()
    assert assignment.executor == executor

    login(client, executor)
    response = client.get(reverse("meetings:assignments") + "?mine=1")
    assert "Отремонтировать улицу Мира" in response.content.decode()
    client.post(
        reverse("meetings:assignment", kwargs={"pk": assignment.pk}),
        {"result": "Улица отремонтирована", "version": assignment.version},
    )
    assignment.refresh_from_db()
    assert assignment.status == "done"


def test_an_executor_cannot_plan_or_hold(client, tree, executor, make_meeting):
    meeting = make_meeting()
    login(client, executor)
    assert client.get(reverse("meetings:create")).status_code == 403
    assert client.get(reverse("meetings:hold", kwargs={"pk": meeting.pk})).status_code == 403
    assert client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).status_code == 200


def test_another_executor_cannot_complete(client, question, akim, executor, make_staff, office):
    assignment = services.assignment_give(question=question, executor=executor, by=akim)
    other = make_staff("executor", office)
    login(client, other)
    response = client.post(
        reverse("meetings:assignment", kwargs={"pk": assignment.pk}), {"result": "x", "version": 1}
    )
    assert response.status_code == 403


def test_a_neighbour_does_not_see_our_meetings(client, make_meeting, make_staff, neighbour_office):
    meeting = make_meeting()
    login(client, make_staff("clerk", neighbour_office))
    assert client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).status_code == 404
    assert meeting.place not in client.get(reverse("meetings:list")).content.decode()


def test_list_calendar_and_plan_pages(client, clerk, make_meeting):
    meeting = make_meeting(planned_on=dt.date(2026, 2, 3))
    login(client, clerk)
    assert "Дом культуры" in client.get(reverse("meetings:list")).content.decode()
    page = client.get(reverse("meetings:calendar") + "?month=2026-02").content.decode()
    assert reverse("meetings:detail", kwargs={"pk": meeting.pk}) in page
    page = client.get(reverse("meetings:plan", kwargs={"year": 2026})).content.decode()
    assert "Дом культуры" in page
    assert client.get(reverse("meetings:plan-current")).status_code == 302


def test_cancel_a_meeting(client, clerk, make_meeting):
    meeting = make_meeting()
    login(client, clerk)
    client.post(
        reverse("meetings:cancel", kwargs={"pk": meeting.pk}), {"reason": "Буран", "version": 1}
    )
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_a_question_becomes_an_appeal_from_the_page(client, clerk, question):
    login(client, clerk)
    client.post(
        reverse("meetings:question-appeal", kwargs={"pk": question.pk}),
        {"applicant_name": "Иванов Иван", "phone": "+77010000000", "iin": "", "address": ""},
    )
    appeal = Appeal.objects.get()
    assert appeal.channel == Channel.MEETING


def test_protocol_upload(client, clerk, held_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, clerk)
    client.post(
        reverse("meetings:files", kwargs={"pk": held_meeting.pk}),
        {
            "protocol": SimpleUploadedFile(
                "protocol.pdf", b"%PDF-1.4", content_type="application/pdf"
            )
        },
    )
    held_meeting.refresh_from_db()
    assert held_meeting.protocol


# ---------------------------------------------------------------------------- public


def test_public_pages_show_meetings_without_personal_data(
    client, question, clerk, akim, executor, make_meeting
):
    personal = services.question_add(
        meeting=question.meeting, topic="land", text="Мой участок, ИИН 900101300123", by=clerk
    )
    services.question_to_appeal(question=personal, applicant_name="Секретов Секрет", by=clerk)
    assignment = services.assignment_give(question=question, executor=executor, by=akim)
    services.assignment_complete(assignment=assignment, result="Улица отремонтирована", by=executor)
    upcoming = make_meeting(planned_on=timezone.localdate() + dt.timedelta(days=10))
    services.meeting_update(
        meeting=upcoming, by=clerk, broadcast_url="https://instagram.com/ky_akimat"
    )

    index = client.get(reverse("meetings_public:index")).content.decode()
    assert "https://instagram.com/ky_akimat" in index
    page = client.get(
        reverse("meetings_public:detail", kwargs={"pk": question.meeting.pk})
    ).content.decode()
    assert "Отремонтировать улицу Мира" in page
    assert "Улица отремонтирована" in page
    assert "900101300123" not in page and "Секретов" not in page
    assert executor.last_name not in page
    assert client.get(reverse("meetings_public:plan", kwargs={"year": 2026})).status_code == 200
    assert client.get(reverse("meetings_public:calendar")).status_code == 200


def test_a_cancelled_meeting_is_not_public(client, make_meeting, clerk):
    meeting = make_meeting()
    services.meeting_cancel(meeting=meeting, reason="x", by=clerk)
    assert (
        client.get(reverse("meetings_public:detail", kwargs={"pk": meeting.pk})).status_code == 404
    )


def _first_free_slot(office):
    slots = services.reception_slots(
        office=office, start=timezone.localdate() + dt.timedelta(days=1)
    )
    return next(at for at, free in slots if free)


def test_a_resident_books_a_reception_slot_on_the_portal(client, office):
    assert office.name not in client.get(reverse("meetings_public:reception")).content.decode()
    services.reception_schedule_set(
        office=office,
        by=None,
        weekdays=[1, 3],
        starts_at=dt.time(10),
        ends_at=dt.time(13),
        slot_minutes=20,
    )
    assert office.name in client.get(reverse("meetings_public:reception")).content.decode()
    url = reverse("meetings_public:reception-office", kwargs={"office_pk": office.pk})
    assert client.get(url).status_code == 200
    slot = timezone.localtime(_first_free_slot(office)).isoformat()
    topic = Topic.objects.get(code="land")
    response = client.post(
        url,
        {
            "slot": slot,
            "name": "Асет Б.",
            "phone": "+77011112233",
            "topic": topic.pk,
            "summary": "Участок",
        },
    )
    booking = ReceptionBooking.objects.get()
    assert response.url == reverse("meetings_public:booked", kwargs={"code": booking.code})
    assert booking.source == "portal"
    # the same slot is no longer offered
    assert slot not in client.get(url).content.decode()


def test_a_clerk_books_for_a_caller_and_records_the_visit(client, office, clerk):
    login(client, clerk)
    slot = timezone.localtime(_first_free_slot(office)).isoformat()
    topic = Topic.objects.get(code="water_supply")
    client.post(
        reverse("meetings:reception-book"),
        {
            "office": office.pk,
            "slot": slot,
            "name": "Бекова А.",
            "phone": "+7701",
            "topic": topic.pk,
            "summary": "Нет воды",
        },
    )
    booking = ReceptionBooking.objects.get()
    assert booking.source == "phone"
    assert "Бекова А." in client.get(reverse("meetings:reception")).content.decode()

    url = reverse("meetings:reception-record") + f"?booking={booking.pk}"
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "booking": booking.pk,
            "visitor_name": "Бекова Айгерим",
            "iin": "",
            "phone": "+7701",
            "address": "",
            "form-TOTAL_FORMS": 3,
            "form-INITIAL_FORMS": 0,
            "form-0-topic": topic.pk,
            "form-0-text": "Нет воды на улице Мира",
            "form-1-topic": "",
            "form-1-text": "",
            "form-2-topic": "",
            "form-2-text": "",
        },
    )
    appeal = Appeal.objects.get()
    assert appeal.channel == Channel.PERSONAL_RECEPTION
    assert appeal.applicant_name == "Бекова Айгерим"


def test_an_executor_cannot_book_or_edit_the_schedule(client, office, executor):
    login(client, executor)
    assert client.get(reverse("meetings:reception-book")).status_code == 403
    assert (
        client.get(reverse("meetings:schedule", kwargs={"office_pk": office.pk})).status_code == 403
    )


def test_the_akim_edits_the_schedule(client, office, akim):
    login(client, akim)
    url = reverse("meetings:schedule", kwargs={"office_pk": office.pk})
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "weekdays": ["0", "1", "2", "3", "4"],
            "starts_at": "09:00",
            "ends_at": "18:00",
            "slot_minutes": 30,
            "place": "",
            "received_by": "Аким",
            "version": 1,
        },
    )
    assert services.reception_schedule_of(office=office).weekdays == [0, 1, 2, 3, 4]


def test_pages_use_a_fixed_number_of_queries(
    client, clerk, akim, executor, make_meeting, django_assert_max_num_queries
):
    meeting = make_meeting(held_on=dt.date(2026, 2, 3))
    for n in range(15):
        q = services.question_add(meeting=meeting, topic="roads", text=f"Вопрос {n}", by=clerk)
        services.assignment_give(question=q, executor=executor, by=akim, notify=False)
    with django_assert_max_num_queries(8):
        client.get(reverse("meetings_public:detail", kwargs={"pk": meeting.pk}))
    with django_assert_max_num_queries(6):
        client.get(reverse("meetings_public:index"))
    login(client, clerk)
    with django_assert_max_num_queries(14):
        client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    with django_assert_max_num_queries(12):
        client.get(reverse("meetings:assignments") + "?state=all")


def test_an_invalid_question_comes_back_with_its_errors_in_russian(client, clerk, held_meeting):
    login(client, clerk)
    response = client.post(
        reverse("meetings:question-add", kwargs={"pk": held_meeting.pk}),
        {"topic": "", "text": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode()
    assert not Question.objects.exists()


def test_the_assignment_page_shows_its_history(client, question, akim, executor):
    assignment = services.assignment_give(
        question=question, executor=executor, by=akim, notify=False
    )
    services.assignment_complete(assignment=assignment, result="Сделано", by=executor)
    login(client, akim)
    page = client.get(reverse("meetings:assignment", kwargs={"pk": assignment.pk})).content.decode()
    assert "История изменений" in page
    assert executor.get_full_name() in page and akim.get_full_name() in page
