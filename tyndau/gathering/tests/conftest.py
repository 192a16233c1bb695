import datetime as dt
import importlib

import pytest
from django.apps import apps

from tyndau.gathering import services
from tyndau.plans.models import ItemStatus

from .factories import members_of

_statuses = importlib.import_module("tyndau.plans.migrations.0002_default_statuses")


@pytest.fixture
def district(tree):
    return tree["111033000"]


@pytest.fixture
def members(district):
    """Seven members delegated by the two villages' сходы on 1 March 2025."""
    return members_of(district, 7)


@pytest.fixture
def session(district, members, clerk):
    """A planned session on 20 January 2026."""
    return services.session_plan(
        territory=district, held_on=dt.date(2026, 1, 20), place="Дом культуры", by=clerk
    )


@pytest.fixture
def budget(district):
    from tyndau.budget import services as budget_services

    budget = budget_services.budget_create(territory=district, year=2026)
    budget_services.budget_import(
        budget=budget,
        content=(
            "section,code,name_ru,name_kk,month,planned\n"
            "revenue,income_tax,,,1,1000000\n"
            "expenditure,008,Освещение улиц,Көшелерді жарықтандыру,1,700000\n"
        ).encode(),
        filename="b.csv",
    )
    return budget


@pytest.fixture
def statuses(db):
    if not ItemStatus.objects.exists():
        _statuses.load(apps, None)


@pytest.fixture
def plan(district, statuses, clerk):
    from tyndau.plans import services as plan_services

    plan = plan_services.plan_create(
        territory=district,
        title_ru="Проект развития",
        title_kk="Даму жобасы",
        first_year=2026,
        last_year=2028,
        by=clerk,
    )
    plan_services.item_create(plan=plan, code="1", title_ru="Дороги", title_kk="Жолдар", by=clerk)
    return plan


@pytest.fixture(autouse=True)
def _russian():
    from django.utils import translation

    with translation.override("ru"):
        yield
