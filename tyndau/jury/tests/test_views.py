"""Portal volunteer form and the staff quota page with instant feasibility (HTMX)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tyndau.jury import lottery as lot
from tyndau.jury import services
from tyndau.jury.models import Quota, Volunteer


@pytest.fixture
def jury(office):
    jury = services.jury_create(
        question="Where should the new school be built?",
        territory=office.territory,
        panel_size=2,
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2026, 12, 20),
    )
    services.quotas_set(
        jury=jury, quotas=[lot.Quota("gender", "f", 1, 1), lot.Quota("gender", "m", 1, 1)]
    )
    for i, g in enumerate("ffm"):
        services.volunteer_register(
            jury=jury,
            name=f"N{i}",
            contact="c",
            address=f"a{i}",
            village="K",
            traits={"gender": g},
            consent=True,
        )
    jury.refresh_from_db()
    return jury


def test_volunteer_form_adds_to_pool_with_consent(client, jury):
    url = reverse("jury:volunteer", args=[jury.pk])
    page = client.get(url).content.decode()
    assert 'name="trait_gender"' in page
    data = {
        "name": "Aru Bekova",
        "contact": "+77001234567",
        "village": "Kamenka",
        "trait_gender": "f",
        "consent": "on",
        "public_consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    v = Volunteer.objects.get(jury=jury, name="Aru Bekova")
    assert v.public_consent and v.traits == {"gender": "f"} and v.source == "portal"


def test_volunteer_without_consent_is_refused_in_kazakh(client, jury):
    with translation.override("kk"):
        url = reverse("jury:volunteer", args=[jury.pk])
    response = client.post(url, {"name": "Aru", "contact": "+7700", "trait_gender": "f"})
    assert response.status_code == 422
    assert "Азаматтар алқасына ерікті болу" in response.content.decode()
    assert not Volunteer.objects.filter(name="Aru").exists()


def test_quota_page_feedback_names_values_and_smallest_fix(client, akim, jury):
    client.force_login(akim)
    with translation.override("en"):
        url = reverse("jury:quotas", args=[jury.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"quotas": "gender,f,1,1\ngender,m,2,2", "version": jury.version},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot be met" in html and "<td>m</td>" in html
    assert "<td>1</td><td>2–2</td><td><strong>1–2</strong></td>" in html  # 1 man in the pool
    # nothing saved by the check
    assert list(jury.quotas.values_list("value", "minimum")) == [("f", 1), ("m", 1)]


def test_quota_page_saves_and_detects_a_stale_form(client, akim, jury):
    client.force_login(akim)
    url = reverse("jury:quotas", args=[jury.pk])
    response = client.post(url, {"quotas": "gender,f,0,2\ngender,m,0,1", "version": jury.version})
    assert response.status_code == 200
    assert Quota.objects.get(jury=jury, value="f").maximum == 2
    stale = client.post(url, {"quotas": "gender,f,1,1\ngender,m,1,1", "version": jury.version})
    assert stale.status_code == 422
    assert Quota.objects.get(jury=jury, value="f").maximum == 2


def test_quota_page_bad_line_is_explained(client, akim, jury):
    client.force_login(akim)
    with translation.override("ru"):
        url = reverse("jury:quotas", args=[jury.pk])
    response = client.post(url, {"quotas": "gender,f,one", "version": jury.version})
    assert response.status_code == 422 and "строка 1" in response.content.decode()
    assert jury.quotas.count() == 2


def test_quota_page_is_for_leaders_only(client, clerk, jury):
    client.force_login(clerk)
    url = reverse("jury:quotas", args=[jury.pk])
    assert client.post(url, {"quotas": "gender,f,0,2", "version": jury.version}).status_code == 403
    assert jury.quotas.get(value="f").maximum == 1
