# ruff: noqa: E501  (SQL built from fragments reads better unwrapped)
"""The synthetic country's personal receptions (``seed_country``): the reception journal
that Decree 826 row 7 counts (receptions held, citizens received).

The rate is the seed's: the akim of the Krasnoyarsk rural district received 43 people in
2021, on Tuesdays and Thursdays. Every rural district akim receives at that rate, the akim
of a district or city at five times it and the akim of an oblast or a city of republican
significance at twenty times it: about 180,000 visits a year in the whole country (2,448
rural districts × 43, 222 district-level akims × 215, 20 top akims × 860). A visit falls
on one of the office's reception days (a Tuesday or a Thursday before today, 09:00–17:00
in Almaty) and is counted where its questions are registered (``place``): the office's own
territory or, for a rural district, one of its villages. Every value is a fixed hash of
the office and the visit's number (PostgreSQL: one ``INSERT … SELECT``; elsewhere
``bulk_create`` from a seeded ``random.Random``), so two loads are identical.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone

from tyndau.meetings.models import ReceptionSession
from tyndau.territory.models import Office, Territory

# Visits a year, by the akim level of the receiving office (Decree 826's six levels).
SEED_RATE = 43  # Krasnoyarsk rural district, 2021
RATE_BY_LEVEL = {1: 20 * SEED_RATE, 2: 5 * SEED_RATE, 3: 5 * SEED_RATE, 4: 5 * SEED_RATE,
                 5: 5 * SEED_RATE, 6: SEED_RATE}  # fmt: skip


def _offices(root_prefix: str) -> tuple[list[int], list[int], list[list[int]]]:
    """(office ids, their akim levels, the places each office's visitors come from), in a
    fixed order."""
    offices = list(
        Office.objects.filter(territory__code__startswith=root_prefix)
        .order_by("territory__path")
        .values_list("id", "territory_id", "territory__akim_level")
    )
    villages: dict[int, list[int]] = {}
    for tid, parent in (
        Territory.objects.filter(code__startswith=root_prefix, level="village")
        .order_by("code")
        .values_list("id", "parent_id")
    ):
        villages.setdefault(parent, []).append(tid)
    ids = [o for o, _t, _l in offices]
    levels = [level for _o, _t, level in offices]
    places = [[t, *villages.get(t, [])] for _o, t, _l in offices]
    return ids, levels, places


def planned_visits(levels: list[int], days: int, scale: float = 1.0) -> list[int]:
    """Visits of each office over ``days`` days at the national rate (at least one)."""
    return [
        max(1, round(RATE_BY_LEVEL.get(level, SEED_RATE) * days / 365 * scale)) for level in levels
    ]


def _first_tuesday(start: dt.date) -> dt.date:
    return start + dt.timedelta(days=(1 - start.weekday()) % 7)


def seed_receptions(
    *, seed: int, start: dt.date, days: int, root_prefix: str = "8", scale: float = 1.0
) -> int:
    """Write the reception journal of the synthetic country; the number of visits."""
    ids, levels, places = _offices(root_prefix)
    counts = planned_visits(levels, days, scale)
    today = timezone.localdate()
    tuesday = _first_tuesday(start)
    weeks = max(1, (today - tuesday).days // 7)
    if connection.vendor == "postgresql":
        return _pg(seed, ids, counts, places, tuesday, weeks, today)
    return _py(seed, ids, counts, places, tuesday, weeks, today)


def _pg(seed, ids, counts, places, tuesday, weeks, today) -> int:
    from .country import _h

    first, flat = [], []
    for served in places:
        first.append(len(flat))
        flat.extend(served)
    row = "o.k * 100000 + g.i"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO meetings_receptionsession (office_id, place_id, held_at, visitor_name,
                iin, phone, address, created_at)
            SELECT v.office_id, v.place_id,
                ((v.day + time '09:00') + make_interval(mins => v.minute)) AT TIME ZONE %(zone)s,
                'Житель', '', '', '', %(now)s
            FROM (
                SELECT (%(ids)s::bigint[])[o.k] AS office_id,
                    (%(flat)s::bigint[])[(%(first)s::int[])[o.k] + 1
                        + """ + _h(row, seed + 30, 1000) + """ %% (%(sizes)s::int[])[o.k]] AS place_id,
                    %(tuesday)s::date + 7 * """ + _h(row, seed + 31, weeks) + """ + 2 * """ + _h(row, seed + 32, 2) + """ AS day,
                    """ + _h(row, seed + 33, 480) + """ AS minute
                FROM generate_series(1, %(n)s) AS o(k)
                CROSS JOIN LATERAL generate_series(1, (%(counts)s::int[])[o.k]) AS g(i)
            ) v
            WHERE v.day < %(today)s
            """,
            {
                "zone": settings.TIME_ZONE, "now": timezone.now(), "ids": ids, "flat": flat,
                "first": first, "sizes": [len(p) for p in places], "tuesday": tuesday, "n": len(ids), "counts": counts,
                "today": today,
            },
        )  # fmt: skip
        return cursor.rowcount


def _py(seed, ids, counts, places, tuesday, weeks, today) -> int:
    rng = random.Random(seed + 30)
    zone = ZoneInfo(settings.TIME_ZONE)
    now = timezone.now()
    rows = []
    for office, n, served in zip(ids, counts, places, strict=True):
        for _i in range(n):
            place = served[rng.randrange(len(served))]
            day = tuesday + dt.timedelta(days=7 * rng.randrange(weeks) + 2 * rng.randrange(2))
            minute = rng.randrange(480)
            if day >= today:
                continue
            held_at = dt.datetime.combine(day, dt.time(9), tzinfo=zone) + dt.timedelta(
                minutes=minute
            )
            rows.append(ReceptionSession(office_id=office, place_id=place, held_at=held_at,
                                         visitor_name="Житель", created_at=now))  # fmt: skip
    ReceptionSession.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
