"""The staff pages keep the session's record through the services; the public pages show
the decisions without the members' names; the minutes are a PDF in Kazakh and Russian."""

import datetime as dt

import pytest
from django.test import Client

from tyndau.budget.models import BudgetVersion
from tyndau.gathering import minutes, services
from tyndau.gathering.models import AgendaKind, Decision, Member, Session, SessionStatus, Vote
from tyndau.territory.models import Role

HTMX = {"HX-Request": "true"}


@pytest.fixture
def clerk_client(clerk):
    client = Client()
    client.force_login(clerk)
    return client


def _url(session, tail=""):
    return f"/ru/staff/gathering/sessions/{session.pk}/{tail}"


def _version(session):
    return Session.objects.get(pk=session.pk).version


def test_a_session_convened_from_the_list_page_opens_on_its_record(clerk_client, district):
    response = clerk_client.post(
        "/ru/staff/gathering/",
        {"territory": district.pk, "held_on": "2026-02-10", "place": "Дом культуры"},
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/staff/gathering/sessions/{session.pk}/"
    assert (session.territory, session.held_on, session.number) == (
        district,
        dt.date(2026, 2, 10),
        1,
    )


def test_a_district_outside_the_clerks_office_is_refused_and_nothing_convened(clerk_client, tree):
    other = tree["114645000"]  # another rural district, served by another office
    response = clerk_client.post(
        "/ru/staff/gathering/", {"territory": other.pk, "held_on": "2026-02-10"}
    )
    assert response.status_code == 200
    assert "territory" in response.context["form"].errors
    assert not Session.objects.exists()


def test_a_clerk_keeps_a_session_from_attendance_to_closing(clerk_client, session, members, budget):
    page = clerk_client.get("/ru/staff/gathering/")
    assert page.status_code == 200 and str(session) in page.content.decode()

    response = clerk_client.post(
        _url(session, "agenda/"),
        {
            "version": _version(session),
            "kind": AgendaKind.BUDGET,
            "title_ru": "О согласовании бюджета на 2026 год",
            "title_kk": "2026 жылғы бюджетті келісу туралы",
            "budget": budget.pk,
        },
        headers=HTMX,
    )
    assert "О согласовании бюджета на 2026 год" in response.content.decode()
    item = session.agenda.get()

    present = members[:5]
    response = clerk_client.post(
        _url(session, "attendance/"),
        {"version": _version(session), "present": [m.pk for m in present]},
        headers=HTMX,
    )
    assert 'data-quorum="yes"' in response.content.decode()
    clerk_client.post(
        _url(session, "open/"),
        {"version": _version(session), "chair": present[0].pk, "secretary": present[1].pk},
        headers=HTMX,
    )
    votes = {f"vote-{m.pk}": "for" for m in present[:4]} | {f"vote-{present[4].pk}": "against"}
    response = clerk_client.post(
        _url(session, f"items/{item.pk}/votes/"),
        {"version": _version(session), **votes},
        headers=HTMX,
    )
    assert 'data-for="4" data-against="1" data-abstained="0"' in response.content.decode()
    response = clerk_client.post(
        _url(session, f"items/{item.pk}/decision/"),
        {"version": _version(session), "text_ru": "Согласовать.", "text_kk": "Келісілсін."},
        headers=HTMX,
    )
    assert "Согласовать." in response.content.decode()
    response = clerk_client.post(
        _url(session, "close/"), {"version": _version(session)}, headers=HTMX
    )
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CLOSED
    assert BudgetVersion.objects.get().decision == Decision.objects.get()


def test_a_stale_form_shows_the_conflict_and_saves_nothing(clerk_client, session, members):
    item = services.agenda_item_add(
        session=session, kind=AgendaKind.OTHER, title_ru="Вопрос", title_kk="Мәселе"
    )
    services.attendance_set(session=session, members=members[:4])
    services.session_open(session=session, chair=members[0], secretary=members[1])
    stale = _version(session)
    services.votes_record(agenda_item=item, votes={members[0]: "against"})
    response = clerk_client.post(
        _url(session, f"items/{item.pk}/votes/"),
        {"version": stale, f"vote-{members[0].pk}": "for"},
        headers=HTMX,
    )
    assert "Кто-то уже изменил это заседание" in response.content.decode()
    assert Vote.objects.get().choice == "against"


def test_a_vote_posted_after_closing_is_refused_with_a_message(clerk_client, session, members):
    item = services.agenda_item_add(
        session=session, kind=AgendaKind.OTHER, title_ru="Вопрос", title_kk="Мәселе"
    )
    services.attendance_set(session=session, members=members[:4])
    services.session_open(session=session, chair=members[0], secretary=members[1])
    read = _version(session)
    services.session_close(session=session)
    response = clerk_client.post(
        _url(session, f"items/{item.pk}/votes/"),
        {"version": read, f"vote-{members[0].pk}": "for"},
    )
    assert response.status_code == 302
    page = clerk_client.get(_url(session)).content.decode()
    assert "Голоса записываются, только пока идёт заседание" in page
    assert not Vote.objects.exists()


def test_other_staff_see_but_do_not_keep_the_record(make_staff, office, session, members):
    executor = Client()
    executor.force_login(make_staff(Role.EXECUTOR, office))
    assert executor.get(_url(session)).status_code == 200
    response = executor.post(
        _url(session, "attendance/"),
        {"version": _version(session), "present": [m.pk for m in members]},
    )
    assert response.status_code == 403
    assert not session.attendance.exists()


def test_staff_of_another_district_do_not_find_the_session(make_staff, neighbour_office, session):
    other = Client()
    other.force_login(make_staff(Role.CLERK, neighbour_office))
    assert other.get(_url(session)).status_code == 404
    assert other.post(_url(session, "close/"), {"version": 1}).status_code == 404


def test_members_are_added_from_their_page(clerk_client, district):
    url = f"/ru/staff/gathering/districts/{district.pk}/members/"
    village = district.children.first()
    response = clerk_client.post(
        url, {"village": village.pk, "full_name": "Новый Член", "delegated_on": "2025-05-01"}
    )
    assert response.status_code == 302
    assert "Новый Член" in clerk_client.get(url).content.decode()
    bad = clerk_client.post(url, {"village": village.pk, "full_name": " ", "delegated_on": ""})
    assert bad.status_code == 200 and 'class="error"' in bad.content.decode()
    assert Member.objects.filter(territory=district).count() == 1


def _held(session, members, plan=None):
    item = services.agenda_item_add(
        session=session,
        kind=AgendaKind.PLAN if plan else AgendaKind.REPORT,
        title_ru="Об утверждении проекта развития",
        title_kk="Даму жобасын бекіту туралы",
        speaker="Аманов С., аким",
        plan=plan,
    )
    services.attendance_set(session=session, members=members[:5])
    services.session_open(session=session, chair=members[0], secretary=members[1])
    choices = ["for", "for", "for", "against", "abstain"]
    services.votes_record(agenda_item=item, votes=dict(zip(members[:5], choices, strict=True)))
    services.decision_take(
        agenda_item=item,
        text_ru="Утвердить проект развития.",
        text_kk="Даму жобасы бекітілсін.",
    )
    services.session_close(session=session)
    return item


def test_the_public_page_shows_decisions_and_votes_but_no_names(client, session, members, plan):
    _held(session, members, plan=plan)
    body = client.get(f"/kk/gathering/{session.pk}/").content.decode()
    assert "Даму жобасы бекітілсін." in body
    assert f"/kk/plan/{plan.pk}/" in body
    for member in members:
        assert member.full_name not in body
    assert client.get("/ru/gathering/").status_code == 200


def _text(document) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return " ".join(
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, TextBox)
    )


@pytest.mark.parametrize(
    ("language", "title", "decision", "votes"),
    [
        ("kk", "ХАТТАМА", "Даму жобасы бекітілсін.", "жақтап 3, қарсы 1, қалыс қалды 1"),
        ("ru", "ПРОТОКОЛ", "Утвердить проект развития.", "за 3, против 1, воздержались 1"),
    ],
)
def test_the_minutes_are_drawn_up_from_the_record_in_kazakh_and_russian(
    clerk_client, session, members, plan, language, title, decision, votes
):
    _held(session, members, plan=plan)
    document = minutes.minutes_document(session=session, language=language)
    text = _text(document)
    assert title in text and decision in text and votes in text
    assert members[0].full_name in text  # the chair signs
    assert members[6].full_name in text  # the absent are named
    # the letters of both languages are drawn with a font that has them
    assert b"DejaVu-Sans" in document.write_pdf(uncompressed_pdf=True)
    response = clerk_client.get(_url(session, f"minutes-{language}.pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"-{language}.pdf" in response["Content-Disposition"]


def test_the_minutes_are_not_drawn_up_in_another_language(clerk_client, session):
    response = clerk_client.get(_url(session, "minutes-de.pdf"))
    assert response.status_code == 302


def test_the_session_page_counts_queries_independently_of_the_agenda(
    clerk_client, session, members, django_assert_max_num_queries
):
    for n in range(6):
        services.agenda_item_add(
            session=session, kind=AgendaKind.OTHER, title_ru=f"Вопрос {n}", title_kk=f"Мәселе {n}"
        )
    services.attendance_set(session=session, members=members)
    with django_assert_max_num_queries(30):
        assert clerk_client.get(_url(session)).status_code == 200


def test_the_held_on_day_can_move_before_the_session_opens(clerk_client, session):
    response = clerk_client.post(
        _url(session, "edit/"),
        {"version": _version(session), "held_on": "2026-01-27", "place": "Школа", "invited": ""},
    )
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).held_on == dt.date(2026, 1, 27)


def test_the_plan_and_the_budget_name_the_session_that_approved_each_version(
    client, session, members, plan, budget
):
    from tyndau.gathering.tests.factories import approve_by_gathering

    _held(session, members, plan=plan)
    approve_by_gathering(budget=budget, held_on=dt.date(2026, 2, 3))
    plan_page = client.get(f"/ru/plan/{plan.pk}/").content.decode()
    assert f'href="/ru/gathering/{session.pk}/"' in plan_page
    assert "Заседание № 1 от 20.01.2026, решение № 1" in plan_page
    budget_page = client.get(f"/ru/budget/{budget.pk}/").content.decode()
    assert "Заседание № 2 от 03.02.2026, решение № 1" in budget_page


@pytest.mark.parametrize(
    ("language", "closed", "in_session"),
    [("kk", "жабылды", "отырыс жүріп жатыр"), ("ru", "закрыто", "идёт заседание")],
)
def test_the_statuses_read_as_the_gathering_says_whatever_other_apps_translate(
    language, closed, in_session
):
    from django.utils import translation

    with translation.override(language):
        assert str(SessionStatus.CLOSED.label) == closed
        assert str(SessionStatus.OPEN.label) == in_session
