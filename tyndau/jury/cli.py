"""Reading the command-line files and describing infeasible quotas (no Django models)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext as _

from .lottery import Feasibility, Instance, InvalidInput, people_from_rows, quotas_from_rows


def _rows(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        message = _("cannot read %(file)s: %(error)s") % {"file": path, "error": error}
        raise InvalidInput([message]) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter))


def read_instance(
    pool: Path, quotas: Path, panel_size: int, *, household_column: str = ""
) -> Instance:
    pool_rows = _rows(pool)
    if pool_rows and "id" not in {str(k).strip().lower() for k in pool_rows[0]}:
        raise InvalidInput([_("%(file)s has no column id") % {"file": pool}])
    people = people_from_rows(pool_rows, household_column.strip().lower() or None)
    return Instance(
        people, quotas_from_rows(_rows(quotas)), panel_size, household_rule=bool(household_column)
    )


def describe_fixes(feasibility: Feasibility) -> str:
    if feasibility.message:
        return _("The quotas cannot be met: %(reason)s.") % {"reason": feasibility.message}
    lines = [_("The quotas cannot be met. Trait values at fault and the smallest change:")]
    for fix in feasibility.fixes:
        lines.append(
            _(
                "%(trait)s=%(value)s: min %(min)s, max %(max)s, %(available)s in the pool "
                "-> min %(new_min)s, max %(new_max)s"
            )
            % fix.__dict__
        )
    return "\n".join(lines)
