"""Export of a plan's items, financing lines and progress entries to CSV or XLSX, and
import back from the same files, all-or-nothing (as the appeals import).

Each kind is one table; the export writes exactly the columns the import reads (plus
read-only figures the import ignores: ``progress``, ``planned_total``, ``spent_total``):

- items: ``code,parent_code,title_ru,title_kk,title_en,indicator,unit,baseline,target,
  starts_on,due_on,responsible_user,responsible_body,status,weight,place,lat,lon``;
  a row updates the item with that code, or creates it under ``parent_code``;
- financing: ``item_code,source,year,planned,spent,budget_programme``; a row sets the
  line of that item, source and year;
- progress: ``item_code,date,percent,text``; a row adds an entry unless the same one is
  already there.

Every row is checked first; if any is bad, :class:`ImportFailed` names each bad row with
its number and reason, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.cells import cell_date as _date
from tyndau.core.errors import DomainError
from tyndau.core.tables import (
    ImportFailed,
    RowError,
    cell_lookup,
    check_rows,
    read_table,
    require_columns,
)
from tyndau.core.tables import cell_number as _number

from . import services
from .models import FinancingLine, FinancingSource, ItemStatus, Plan, ProgressEntry

__all__ = ["COLUMNS", "ImportFailed", "ImportResult", "RowError", "plan_export", "plan_import"]

from .columns import COLUMNS, KINDS, READ_ONLY, REQUIRED  # noqa: E402, F401
from .exporting import plan_export  # noqa: E402, F401


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# ------------------------------------------------------------------------------ import


def plan_import(*, plan: Plan, kind: str, content: bytes, filename: str, by=None) -> ImportResult:
    """Import one table into the plan; all-or-nothing, every bad row named."""
    if kind not in KINDS:
        raise DomainError(_("Unknown table “%(kind)s”.") % {"kind": kind})
    header, rows = read_table(content=content, filename=filename)
    require_columns(header, rows, REQUIRED[kind])
    checker = {"items": _check_items, "financing": _check_financing, "progress": _check_progress}
    checked = checker[kind](plan, rows)
    with transaction.atomic():
        try:
            result = {
                "items": _save_items,
                "financing": _save_financing,
                "progress": _save_progress,
            }[kind](plan, checked, by)
        except DomainError as error:  # a rule the row check could not see
            raise ImportFailed([RowError(getattr(error, "row", 1), str(error))]) from error
        services.plan_recompute(plan=plan)
    return result


def _check_items(plan: Plan, rows):
    statuses = {s.code: s for s in ItemStatus.objects.all()}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=[
                r.get("responsible_user", "") for _, r in rows if r.get("responsible_user")
            ]
        )
    }
    existing = {i.code: i for i in plan.items.select_related("parent")}
    codes_in_file: dict[str, int] = {}

    def check(line, raw, problems):
        code = raw.get("code", "")
        if not code:
            problems.append(_("code is empty"))
        elif code in codes_in_file:
            problems.append(
                _("code %(code)s is already on row %(row)s")
                % {"code": code, "row": codes_in_file[code]}
            )
        else:
            codes_in_file[code] = line
        for column in ("title_ru", "title_kk"):
            if not raw.get(column):
                problems.append(_("%(column)s is empty") % {"column": column})
        parent_code = raw.get("parent_code", "")
        if parent_code and parent_code == code:
            problems.append(_("an item cannot be its own parent"))
        elif (
            parent_code
            and parent_code not in existing
            and parent_code not in {r.get("code") for _, r in rows}
        ):
            problems.append(_("parent_code %(code)s is not in the plan") % {"code": parent_code})
        if code in existing:
            current = existing[code].parent.code if existing[code].parent_id else ""
            if (parent_code or "") != current:
                problems.append(_("an existing item cannot be moved to another parent"))
        unknown_status = _("status “%(value)s” is not one of: %(choices)s")
        status = cell_lookup(raw.get("status"), statuses, problems, unknown_status)
        unknown_user = _("responsible_user “%(value)s” is not a user")
        user = cell_lookup(raw.get("responsible_user"), users, problems, unknown_user)
        starts_on = _date(raw.get("starts_on"), "starts_on", problems)
        due_on = _date(raw.get("due_on"), "due_on", problems)
        if starts_on and due_on and due_on < starts_on:
            problems.append(_("due_on is before starts_on"))
        baseline = _number(raw.get("baseline"), "baseline", problems)
        target = _number(raw.get("target"), "target", problems)
        weight = _number(raw.get("weight"), "weight", problems, minimum=0)
        lat = _number(raw.get("lat"), "lat", problems, minimum=-90, maximum=90)
        lon = _number(raw.get("lon"), "lon", problems, minimum=-180, maximum=180)
        if (lat is None) != (lon is None):
            problems.append(_("give both lat and lon, or neither"))
        for column, limit in (
            ("title_ru", 255),
            ("title_kk", 255),
            ("title_en", 255),
            ("code", 32),
        ):
            if len(str(raw.get(column, ""))) > limit:
                problems.append(
                    _("%(column)s is longer than %(limit)s characters")
                    % {"column": column, "limit": limit}
                )
        if problems:
            return None
        return {
            "code": code,
            "parent_code": parent_code,
            "title_ru": raw["title_ru"],
            "title_kk": raw["title_kk"],
            "title_en": raw.get("title_en", ""),
            "indicator": raw.get("indicator", "")[:255],
            "unit": raw.get("unit", "")[:32],
            "baseline": baseline,
            "target": target,
            "starts_on": starts_on,
            "due_on": due_on,
            "responsible_user": user,
            "responsible_body": raw.get("responsible_body", "")[:255],
            "status": status,
            "weight": weight,
            "place": raw.get("place", "")[:255],
            "latitude": float(lat) if lat is not None else None,
            "longitude": float(lon) if lon is not None else None,
        }

    return check_rows(rows, check)


def _save_items(plan: Plan, checked, by) -> ImportResult:
    result = ImportResult()
    by_code = {i.code: i for i in plan.items.all()}
    pending = list(checked)
    # parents first: keep passing over the rows until every parent exists
    while pending:
        progressed = False
        for entry in list(pending):
            line, values = entry
            parent_code = values.pop("parent_code") if "parent_code" in values else ""
            if parent_code and parent_code not in by_code:
                values["parent_code"] = parent_code
                continue
            pending.remove(entry)
            progressed = True
            code = values["code"]
            if code in by_code:
                item = by_code[code]
                if values["status"] is None:
                    values["status"] = item.status
                changes = {k: v for k, v in values.items() if getattr(item, k) != v}
                if changes:
                    services.item_update(item=item, by=by, **changes)
                    result.updated += 1
                else:
                    result.unchanged += 1
            else:
                parent = by_code.get(parent_code) if parent_code else None
                by_code[code] = services.item_create(plan=plan, parent=parent, by=by, **values)
                result.created += 1
        if not progressed:  # a cycle of parent codes within the file
            raise ImportFailed(
                [RowError(line, _("parent_code makes a cycle")) for line, _v in pending]
            )
    return result


def _check_financing(plan: Plan, rows):
    items = {i.code: i for i in plan.items.all()}
    seen: dict[tuple, int] = {}

    def check(line, raw, problems):
        item = items.get(raw.get("item_code", ""))
        if item is None:
            problems.append(
                _("item_code “%(value)s” is not in the plan") % {"value": raw.get("item_code", "")}
            )
        source = raw.get("source", "")
        if source not in FinancingSource.values:
            problems.append(
                _("source “%(value)s” is not one of: %(choices)s")
                % {"value": source, "choices": ", ".join(FinancingSource.values)}
            )
        years = {"minimum": plan.first_year, "maximum": plan.last_year}
        year = _number(raw.get("year"), "year", problems, **years, empty=_("year is empty"))
        if year is not None and year != year.to_integral():
            problems.append(_("year must be a whole number"))
        planned = _number(
            raw.get("planned"), "planned", problems, minimum=0, empty=_("planned is empty")
        )
        spent = _number(raw.get("spent"), "spent", problems, minimum=0)
        key = (raw.get("item_code"), source, raw.get("year"))
        if key in seen:
            problems.append(
                _("the same item, source and year are on row %(row)s") % {"row": seen[key]}
            )
        seen.setdefault(key, line)
        if problems:
            return None
        return {
            "item": item,
            "source": source,
            "year": int(year),
            "planned": planned,
            "spent": spent or Decimal(0),
            "budget_programme_code": raw.get("budget_programme", "")[:16],
        }

    return check_rows(rows, check)


def _save_financing(plan: Plan, checked, by) -> ImportResult:
    result = ImportResult()
    existing = {
        (line.item_id, line.source, line.year): line
        for line in FinancingLine.objects.filter(item__plan=plan)
    }
    for _line, values in checked:
        old = existing.get((values["item"].pk, values["source"], values["year"]))
        if old and (old.planned, old.spent, old.budget_programme_code) == (
            values["planned"],
            values["spent"],
            values["budget_programme_code"],
        ):
            result.unchanged += 1
            continue
        services.financing_set(by=by, **values)
        if old:
            result.updated += 1
        else:
            result.created += 1
    return result


def _check_progress(plan: Plan, rows):
    items = {i.code: i for i in plan.items.all()}
    parents = set(
        plan.items.filter(children__isnull=False).values_list("code", flat=True).distinct()
    )

    def check(line, raw, problems):
        item = items.get(raw.get("item_code", ""))
        if item is None:
            problems.append(
                _("item_code “%(value)s” is not in the plan") % {"value": raw.get("item_code", "")}
            )
        elif item.code in parents:
            problems.append(
                _("item %(code)s is made of parts: its progress is computed") % {"code": item.code}
            )
        on = _date(raw.get("date"), "date", problems)
        if on is None and not raw.get("date"):
            problems.append(_("date is empty"))
        percent = _number(
            raw.get("percent"),
            "percent",
            problems,
            minimum=0,
            maximum=100,
            empty=_("percent is empty"),
        )
        if not raw.get("text"):
            problems.append(_("text is empty"))
        if problems:
            return None
        return {"item": item, "on": on, "percent": percent, "text": raw["text"]}

    return check_rows(rows, check)


def _save_progress(plan: Plan, checked, by) -> ImportResult:
    result = ImportResult()
    existing = set(
        ProgressEntry.objects.filter(item__plan=plan).values_list(
            "item_id", "on", "percent", "text"
        )
    )
    for _line, values in sorted(checked, key=lambda c: (c[1]["on"], c[0])):
        key = (
            values["item"].pk,
            values["on"],
            values["percent"].quantize(Decimal("0.01")),
            values["text"],
        )
        if key in existing:
            result.unchanged += 1
            continue
        services.progress_add(by=by, notify=False, **values)
        existing.add(key)
        result.created += 1
    return result
