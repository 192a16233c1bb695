"""Map-first filing and location for staff: the filing form starts with the place (village,
map, "locate me", street search over the office's own list), centred on the chosen village;
staff see the pin, a map of open appeals, and put a pin instead of typing coordinates."""

import json
import re

import pytest

from tyndau.appeals.models import Appeal
from tyndau.territory.models import Role, Street, Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(tree):
    """Centres of the two Krasnoyarsk villages and a few streets of each office."""
    Territory.objects.filter(code="111033100").update(latitude=53.33, longitude=69.243)
    Territory.objects.filter(code="111033200").update(latitude=53.365, longitude=69.18)
    krasny_yar = Territory.objects.get(code="111033100")
    kyzyl = Territory.objects.get(code="111033200")
    neighbour = Territory.objects.get(code="114645100")
    Street.objects.create(
        territory=krasny_yar, name_ru="улица Мира", name_kk="Мира көшесі", latitude=53.3297,
        longitude=69.2411,
    )  # fmt: skip
    Street.objects.create(
        territory=kyzyl, name_ru="улица Мирная", name_kk="Бейбіт көшесі", latitude=53.366,
        longitude=69.181,
    )  # fmt: skip
    Street.objects.create(
        territory=neighbour, name_ru="улица Мира", name_kk="Мира көшесі", latitude=52.95,
        longitude=68.99,
    )  # fmt: skip
    return {"krasny_yar": krasny_yar, "kyzyl": kyzyl, "neighbour": neighbour}


def _config(page: str, name: str) -> dict:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_filing_form_starts_with_the_place_and_centres_on_the_chosen_village(client, places):
    village = places["krasny_yar"]
    page = client.get(f"/kk/appeal/new/?territory={village.code}").content.decode()
    where, what = page.index('id="step-where"'), page.index('id="step-what"')
    assert where < page.index('id="pin-map"') < what < page.index('name="text"')
    assert "Менің орнымды анықтау" in page  # "Locate me"
    config = _config(page, "pin-config")
    assert config["centre"] == [53.33, 69.243]
    assert config["centres"][str(village.pk)] == [53.33, 69.243]
    assert config["labels"]["zoom_in"] == "Үлкейту"


def test_the_street_search_finds_the_serving_offices_streets_in_any_case(client, places):
    village = places["krasny_yar"]
    found = client.get("/ru/places/streets/", {"territory": village.pk, "q": "МИР"}).json()
    names = [(r["name"], r["place"]) for r in found["results"]]
    # Krasny Yar's own street first, then the other village of the same office; never the
    # neighbouring office's "улица Мира".
    assert names == [("улица Мира", ""), ("улица Мирная", "село Кызыл Жулдыз")]
    assert found["results"][0]["lat"] == 53.3297
    kk = client.get("/kk/places/streets/", {"territory": village.pk, "q": "бейбіт"}).json()
    assert [r["name"] for r in kk["results"]] == ["Бейбіт көшесі"]


def test_the_street_search_answers_nothing_for_bad_input(client, places):
    assert client.get("/ru/places/streets/", {"territory": "x", "q": "мир"}).json() == {
        "results": []
    }
    assert client.get("/ru/places/streets/", {"territory": "999999", "q": "мир"}).json() == {
        "results": []
    }
    one = client.get("/ru/places/streets/", {"territory": places["kyzyl"].pk, "q": "м"})
    assert one.json() == {"results": []}


def test_staff_see_the_residents_pin_exactly_and_the_office_above_about_where(
    client, file_appeal, clerk, make_staff, places
):
    from tyndau.territory.models import Office

    appeal = file_appeal(latitude=53.329712, longitude=69.241187)
    client.force_login(clerk)
    page = client.get(f"/ru/staff/appeals/{appeal.pk}/").content.decode()
    config = _config(page, "appeal-pin-config")
    assert config["centre"] == [53.329712, 69.241187] and config["exact"] is True
    analyst = make_staff(Role.ANALYST, Office.objects.get(territory__code="111000000"))
    client.force_login(analyst)
    page = client.get(f"/ru/staff/appeals/{appeal.pk}/").content.decode()
    assert _config(page, "appeal-pin-config")["centre"] == [53.33, 69.241]


def test_an_appeal_without_a_pin_has_no_map_on_its_page(client, file_appeal, clerk):
    appeal = file_appeal()
    client.force_login(clerk)
    page = client.get(f"/ru/staff/appeals/{appeal.pk}/").content.decode()
    assert "appeal-pin-config" not in page


def test_the_inbox_maps_the_open_appeals_of_its_filter(client, file_appeal, clerk, places):
    pinned = file_appeal(latitude=53.3297, longitude=69.2411)
    file_appeal()  # no pin: not on the map
    client.force_login(clerk)
    page = client.get("/ru/staff/appeals/").content.decode()
    points = _config(page, "inbox-map-config")["points"]
    assert [p["number"] for p in points] == [pinned.number]
    assert points[0]["url"] == f"/ru/staff/appeals/{pinned.pk}/"
    roads = client.get("/ru/staff/appeals/", {"topic": "water_supply"}).content.decode()
    assert _config(roads, "inbox-map-config")["points"] == []


def test_the_clerk_puts_a_pin_instead_of_typing_coordinates(client, clerk, office, topics, places):
    client.force_login(clerk)
    page = client.get("/ru/staff/appeals/new/").content.decode()
    assert 'type="number" name="latitude"' not in page
    assert 'type="hidden" name="latitude"' in page and 'id="pin-map"' in page
    assert _config(page, "pin-config")["street_input"] == "id_street"
    response = client.post(
        "/ru/staff/appeals/new/",
        {
            "office": office.pk,
            "channel": "phone",
            "applicant_type": "individual",
            "applicant_name": "Сидоров",
            "kind": "statement",
            "topic": "roads",
            "territory": places["krasny_yar"].pk,
            "text": "Яма на дороге",
            "street": "улица Мира",
            "latitude": "53.329700",
            "longitude": "69.241100",
            "signatories": 1,
            "language": "ru",
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.latitude, appeal.longitude) == (53.3297, 69.2411)
