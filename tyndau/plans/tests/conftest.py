import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from tyndau.plans import services
from tyndau.plans.models import ItemStatus
from tyndau.portal.tests.conftest import file_appeal, topics  # noqa: F401  (shared fixtures)

_statuses = importlib.import_module("tyndau.plans.migrations.0002_default_statuses")


@pytest.fixture(autouse=True)
def statuses(db):
    """The default statuses (a transactional test flushes the migration's rows)."""
    if not ItemStatus.objects.exists():
        _statuses.load(apps, None)
    return {s.code: s for s in ItemStatus.objects.all()}


@pytest.fixture
def plan(tree, clerk):
    return services.plan_create(
        territory=tree["111033000"],
        title_ru="Проект развития Красноярского сельского округа",
        title_kk="Красноярск ауылдық округінің даму жобасы",
        title_en="Development plan of Krasnoyarsk rural district",
        first_year=2026,
        last_year=2028,
        by=clerk,
    )


@pytest.fixture
def make_item(plan, clerk):
    counter = {"n": 0}

    def make(*, parent=None, code=None, money=None, **fields):
        counter["n"] += 1
        code = code or f"{parent.code}.{counter['n']}" if parent else code or str(counter["n"])
        fields.setdefault("title_ru", f"Пункт {code}")
        fields.setdefault("title_kk", f"Тармақ {code}")
        item = services.item_create(plan=plan, parent=parent, code=code, by=clerk, **fields)
        if money is not None:
            services.financing_set(
                item=item, source="rural", year=2026, planned=Decimal(money), by=clerk
            )
        return item

    return make


@pytest.fixture
def today():
    return dt.date(2027, 1, 1)


@pytest.fixture(autouse=True)
def _russian():
    """Messages are checked in Russian (the default language), whatever ran before."""
    from django.utils import translation

    with translation.override("ru"):
        yield
