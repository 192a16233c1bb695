import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tyndau.appeals.tests.factories import register_appeal
from tyndau.portal.tests.conftest import map_without_tiles  # noqa: F401
from tyndau.portal.tests.test_browser import browser  # noqa: F401
from tyndau.territory.models import Office, Role

ALMATY = ZoneInfo("Asia/Almaty")
SECRET_TEXT = (
    "Я, Ахметов Нурлан, ИИН 880101300123, тел. 25-14-33, живу на Абая 25-7. "
    "Соседка Кузнецова Мария тоже без воды, пишите на nurlan.a@mail.kz."
)
SECRETS = ("Ахметов", "Нурлан", "880101300123", "25-14-33", "25-7", "Кузнецова", "nurlan.a@mail.kz")


@pytest.fixture
def city_office(tree):
    """Kokshetau city: the office above Krasnoyarsk."""
    return Office.objects.get_or_create(
        territory=tree["111000000"], defaults={"name_ru": "Акимат города Кокшетау"}
    )[0]


@pytest.fixture
def register(office, clerk):
    def make(**overrides):
        values = {
            "office": office,
            "territory": office.territory.children.get(code="111033100"),
            "channel": "portal",
            "applicant_type": "individual",
            "kind": "statement",
            "topic": "water_supply",
            "text": SECRET_TEXT,
            "received_at": dt.datetime.now(ALMATY) - dt.timedelta(hours=1),
            "registered_by": clerk,
            "applicant_name": "Ахметов Нурлан",
            "iin": "880101300123",
            "phone": "+77011234567",
            "email": "nurlan.a@mail.kz",
            "address": "ул. Абая, 25, кв. 7",
            "street": "Абая 25 Кв 7",
            "latitude": 53.2871234,
            "longitude": 69.3834567,
        }
        values.update(overrides)
        return register_appeal(**values)

    return make


@pytest.fixture
def village_office(tree):
    """Krasny Yar village: an office below Krasnoyarsk, holding the appeals' village."""
    return Office.objects.get_or_create(
        territory=tree["111033100"], defaults={"name_ru": "Аппарат акима села Красный Яр"}
    )[0]


@pytest.fixture
def staff(make_staff, office, city_office, village_office, neighbour_office):
    """One user for every role in the own office, the office above, an office below (whose
    territory holds the appeal's village) and the neighbour."""
    people = {}
    places = (
        ("own", office),
        ("above", city_office),
        ("below", village_office),
        ("neighbour", neighbour_office),
    )
    for where, place in places:
        for role in Role.values:
            people[(where, role)] = make_staff(role, place)
    return people
