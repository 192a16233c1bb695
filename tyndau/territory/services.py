"""Writes to the territory tree: import, offices, staff."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from tyndau.core.errors import DomainError
from tyndau.core.tables import ImportFailed, RowError

from .models import ALLOWED_PARENTS, Level, Membership, Office, Role, Territory, has_own_akim
from .signals import subtree_moved, subtree_moving

IMPORT_COLUMNS = ["code", "parent_code", "level", "name_ru", "name_kk", "name_en"]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    offices_created: int = 0
    codes: list[str] = field(default_factory=list)


def office_names_for(territory: Territory) -> dict[str, str]:
    """Default office names in the three languages (аппарат акима …)."""
    return {
        "name_ru": f"Аппарат акима: {territory.name_ru}",
        "name_kk": f"{territory.name_kk} әкімінің аппараты",
        "name_en": f"Office of the akim of {territory.name_en or territory.name_ru}",
    }


def office_ensure(*, territory: Territory) -> tuple[Office, bool]:
    """Create the office of a territory that has its own akim (idempotent)."""
    return Office.objects.get_or_create(territory=territory, defaults=office_names_for(territory))


def _read_rows(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [RowError(1, _("missing columns: %s") % ", ".join(missing))]
    return [(number, row) for number, row in enumerate(reader, start=2)], []


def territories_import(*, text: str) -> ImportResult:
    """Import territories from CSV text (``code,parent_code,level,name_ru,name_kk,name_en``,
    optionally ``population``), creating the office of every territory with an akim.

    Idempotent by code. All-or-nothing: if any row is bad, :class:`ImportFailed` lists every
    bad row with its number and reason, and nothing is saved.
    """
    rows, errors = _read_rows(text)
    if errors:
        raise ImportFailed(errors)

    seen: dict[str, tuple[int, dict]] = {}
    for number, raw in rows:
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        code = row["code"]
        if not code:
            errors.append(RowError(number, _("the code is empty")))
            continue
        if code in seen:
            errors.append(
                RowError(
                    number,
                    _("duplicate code %(code)s (first on row %(first)s)")
                    % {"code": code, "first": seen[code][0]},
                )
            )
            continue
        if row["level"] not in Level.values:
            errors.append(
                RowError(
                    number,
                    _("unknown level “%(level)s”; expected one of: %(levels)s")
                    % {"level": row["level"], "levels": ", ".join(Level.values)},
                )
            )
        for column in ("name_ru", "name_kk"):
            if not row[column]:
                errors.append(
                    RowError(number, _("the name %(column)s is empty") % {"column": column})
                )
        population = row.get("population", "")
        if population and not population.isdigit():
            errors.append(RowError(number, _("population must be a whole number")))
        seen[code] = (number, row)

    existing = {
        t.code: t
        for t in Territory.objects.filter(
            code__in={r["parent_code"] for _n, r in seen.values() if r["parent_code"]} | set(seen)
        )
    }

    def level_of(code: str) -> str | None:
        if code in seen:
            return seen[code][1]["level"]
        return existing[code].level if code in existing else None

    for code, (number, row) in seen.items():
        parent_code = row["parent_code"]
        if parent_code == code:
            errors.append(RowError(number, _("a territory cannot be its own parent")))
            continue
        if parent_code and parent_code not in seen and parent_code not in existing:
            errors.append(
                RowError(number, _("unknown parent code %(code)s") % {"code": parent_code})
            )
            continue
        level = row["level"]
        if level in Level.values:
            parent_level = level_of(parent_code) if parent_code else None
            if parent_level in Level.values or parent_level is None:
                allowed = ALLOWED_PARENTS[level]
                if parent_level not in allowed:
                    errors.append(
                        RowError(
                            number,
                            _("a %(level)s cannot stand under %(parent)s")
                            % {
                                "level": Level(level).label,
                                "parent": Level(parent_level).label
                                if parent_level
                                else _("the top of the tree"),
                            },
                        )
                    )
    errors.sort(key=lambda e: e.row)
    if errors:
        raise ImportFailed(errors)

    # Parents before children, whatever the order of the file.
    ordered: list[str] = []
    placed: set[str] = set()

    def place(code: str, trail: tuple = ()):
        if code in placed or code not in seen:
            return
        if code in trail:
            raise ImportFailed([RowError(seen[code][0], _("the parent codes form a cycle"))])
        parent_code = seen[code][1]["parent_code"]
        if parent_code:
            place(parent_code, (*trail, code))
        placed.add(code)
        ordered.append(code)

    for code in seen:
        place(code)

    result = ImportResult()
    with transaction.atomic():
        by_code = dict(existing)
        for code in ordered:
            row = seen[code][1]
            parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
            values = {
                "parent": parent,
                "level": row["level"],
                "name_ru": row["name_ru"],
                "name_kk": row["name_kk"],
                "name_en": row["name_en"],
            }
            if row.get("population"):
                values["population"] = int(row["population"])
            territory = by_code.get(code)
            if territory is None:
                territory = Territory(code=code, **values)
                territory.save()
                result.created += 1
            else:
                old_path = territory.path
                for key, value in values.items():
                    setattr(territory, key, value)
                territory.save()
                if territory.path != old_path:
                    _move_descendants(old_path)
                result.updated += 1
            by_code[code] = territory
            result.codes.append(code)
            if has_own_akim(territory.level, parent.level if parent else None):
                _office, created = office_ensure(territory=territory)
                result.offices_created += int(created)
    return result


def territory_move_check(*, territory: Territory, parent: Territory | None) -> None:
    """Refuse a parent inside the territory's own subtree (the tree would become a loop)."""
    if parent is None or territory.pk is None:
        return
    old_path = Territory.objects.filter(pk=territory.pk).values_list("path", flat=True).first()
    if parent.pk == territory.pk or (old_path and parent.path.startswith(old_path)):
        raise DomainError(
            _("%(territory)s cannot be moved under %(parent)s: it lies inside it.")
            % {"territory": territory, "parent": parent},
            code="parent",
        )


@transaction.atomic
def territory_save(*, territory: Territory) -> Territory:
    """Save a territory edited in place (a new parent or code included): its path, depth
    and akim level are derived again, and so are those of everything below it, so that
    scopes and permissions follow the move at once."""
    territory_move_check(territory=territory, parent=territory.parent)
    old = None
    if territory.pk is not None:
        old = (
            Territory.objects.select_for_update()
            .filter(pk=territory.pk)
            .values_list("path", "parent_id", "code", "level")
            .first()
        )
    old_path = old[0] if old else None
    moving = old is not None and old[1:] != (territory.parent_id, territory.code, territory.level)
    if moving:
        ids = list(Territory.objects.filter(path__startswith=old_path).values_list("id", flat=True))
        subtree_moving.send(sender=Territory, territory_ids=ids)
    territory.save()
    if old_path and territory.path != old_path:
        _move_descendants(old_path)
    if moving:
        subtree_moved.send(sender=Territory, territory_ids=ids)
    return territory


@transaction.atomic
def territory_move(*, territory: Territory, parent: Territory | None) -> Territory:
    """Put a territory (and its whole subtree) under another parent."""
    territory.parent = parent
    return territory_save(territory=territory)


def _move_descendants(old_path: str) -> None:
    # Ordered by the old path, so each parent is saved before its children.
    for child in Territory.objects.filter(path__startswith=old_path).exclude(path=old_path):
        child.save()


def membership_grant(*, user, office: Office, role: str, position: str = "") -> Membership:
    if role not in Role.values:
        raise DomainError(_("Unknown role: %s") % role)
    membership, _created = Membership.objects.get_or_create(
        user=user, office=office, role=role, defaults={"position": position}
    )
    return membership
