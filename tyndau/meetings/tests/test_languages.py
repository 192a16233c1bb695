"""Data kept in three languages shows in the active one (issue 16, point 6): a meeting's
subject and an office's address. The value as written (Russian) stands in when there is
none in the page's language."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tyndau.meetings import services
from tyndau.meetings.models import Meeting

RU_TITLE = "Отчетная встреча акима сельского округа с населением"
KK_TITLE = "Ауылдық округ әкімінің халықпен есепті кездесуі"
RU_ADDRESS = "с. Красный Яр, ул. Ленина, 49"
KK_ADDRESS = "Красный Яр а., Ленин көшесі, 49"
SOON = timezone.localdate() + dt.timedelta(days=10)  # an upcoming meeting is listed


def _get(client, lang: str, name: str, **kwargs) -> str:
    with translation.override(lang):
        url = reverse(name, kwargs=kwargs)
    assert url.startswith(f"/{lang}/")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def meeting(tree, clerk):
    return services.meeting_plan(
        territory=tree["111033100"],
        kind="reporting",
        planned_on=SOON,
        place="Дом культуры",
        title=RU_TITLE,
        title_kk=KK_TITLE,
        by=clerk,
    )


def test_a_kazakh_page_shows_the_meetings_subject_in_kazakh(client, meeting):
    for name, kwargs in (
        ("meetings_public:index", {}),
        ("meetings_public:detail", {"pk": meeting.pk}),
    ):
        page = _get(client, "kk", name, **kwargs)
        assert KK_TITLE in page and RU_TITLE not in page


def test_a_russian_page_shows_the_subject_as_written(client, meeting):
    page = _get(client, "ru", "meetings_public:detail", pk=meeting.pk)
    assert RU_TITLE in page and KK_TITLE not in page


def test_without_a_translation_the_subject_as_written_stands_in(client, meeting):
    page = _get(client, "en", "meetings_public:detail", pk=meeting.pk)
    assert RU_TITLE in page


def test_the_clerk_enters_the_subject_in_each_language(client, meeting, clerk):
    client.force_login(clerk)
    with translation.override("kk"):
        url = reverse("meetings:edit", kwargs={"pk": meeting.pk})
    form = client.get(url).content.decode()
    assert 'name="title_kk"' in form and 'name="title_en"' in form and KK_TITLE in form
    response = client.post(
        url,
        {
            "territory": meeting.territory.pk,
            "kind": "reporting",
            "planned_on": SOON.isoformat(),
            "place": "Дом культуры",
            "title": RU_TITLE,
            "title_kk": KK_TITLE,
            "title_en": "The akim's report to residents",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.title_kk, meeting.title_en) == (KK_TITLE, "The akim's report to residents")
    page = _get(client, "en", "meetings:detail", pk=meeting.pk)
    assert "The akim&#x27;s report to residents" in page


def test_the_reception_page_shows_the_offices_address_in_the_active_language(client, office):
    office.address, office.address_kk = RU_ADDRESS, KK_ADDRESS
    office.save()
    services.reception_schedule_set(
        office=office,
        by=None,
        weekdays=[1, 3],
        starts_at=dt.time(10),
        ends_at=dt.time(13),
        slot_minutes=20,
    )
    kk = _get(client, "kk", "meetings_public:reception-office", office_pk=office.pk)
    assert KK_ADDRESS in kk and RU_ADDRESS not in kk
    ru = _get(client, "ru", "meetings_public:reception-office", office_pk=office.pk)
    assert RU_ADDRESS in ru and KK_ADDRESS not in ru


def test_the_district_profile_shows_the_offices_address_in_the_active_language(client, office):
    office.address, office.address_kk = RU_ADDRESS, KK_ADDRESS
    office.save()
    kk = client.get("/kk/territories/111033000/").content.decode()
    assert KK_ADDRESS in kk and RU_ADDRESS not in kk
    ru = client.get("/ru/territories/111033000/").content.decode()
    assert RU_ADDRESS in ru and KK_ADDRESS not in ru
