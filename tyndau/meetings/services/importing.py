"""The JSON importer of meetings (issue 4's format): all or nothing, every bad object
reported with its index."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.context import set_actor
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tyndau.appeals.models import Topic
from tyndau.core.errors import DomainError
from tyndau.territory.models import Office, Territory
from tyndau.territory.selectors import office_serving

from ..models import (
    MEDIA_KINDS,
    OFFICIAL_KINDS,
    ONLINE_CHANNELS,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Question,
)
from .common import _nullcontext, _today

# ---------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ObjectError:
    index: int
    message: str

    def __str__(self) -> str:
        return _("object %(index)s: %(message)s") % {"index": self.index, "message": self.message}


class ImportFailed(DomainError):
    def __init__(self, errors: list[ObjectError]):
        super().__init__(gettext_lazy("The file has errors; nothing was saved."), code="import")
        self.errors = errors


@dataclass
class ImportResult:
    meetings: int = 0
    questions: int = 0
    ids: list[int] = field(default_factory=list)


COUNT_GROUPS = {
    "broadcasts": ONLINE_CHANNELS,
    "participants": ("offline", *ONLINE_CHANNELS),
    "media": MEDIA_KINDS,
    "officials_present": OFFICIAL_KINDS,
}
KNOWN_KEYS = {
    "territory",
    "kind",
    "status",
    "planned_on",
    "held_on",
    "place",
    "speakers",
    "questions",
    "title",
    "minutes",
    "broadcast_url",
    *COUNT_GROUPS,
}


def _parse_date(value, name: str, errors: list[str], *, required: bool) -> dt.date | None:
    if value is None:
        if required:
            errors.append(_("“%(name)s” is required") % {"name": name})
        return None
    parsed = None
    if isinstance(value, str) and len(value) == 10:
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        errors.append(
            _("“%(name)s” must be a date YYYY-MM-DD, not %(value)s")
            % {"name": name, "value": json.dumps(value, ensure_ascii=False)}
        )
    return parsed


def _count(value, name: str, errors: list[str]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.append(
            _("“%(name)s” must be a whole number, zero or more, not %(value)s")
            % {"name": name, "value": json.dumps(value, ensure_ascii=False)}
        )
        return 0
    return value


def _check_object(raw, territories, topics, today) -> tuple[dict | None, list[str]]:
    errors: list[str] = []
    if not isinstance(raw, dict):
        return None, [_("must be an object")]
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        errors.append(_("unknown keys: %(keys)s") % {"keys": ", ".join(unknown)})
    code = raw.get("territory")
    territory = territories.get(str(code)) if code is not None else None
    if code is None:
        errors.append(_("“territory” is required"))
    elif territory is None:
        errors.append(_("unknown territory code %(code)s") % {"code": code})
    elif territory.office is None:
        errors.append(_("no akimat office serves territory %(code)s") % {"code": code})
    kind = raw.get("kind")
    if kind not in MeetingKind.values:
        errors.append(
            _("unknown kind %(kind)s; expected one of: %(kinds)s")
            % {"kind": json.dumps(kind, ensure_ascii=False), "kinds": ", ".join(MeetingKind.values)}
        )
    status = raw.get("status")
    if status not in MeetingStatus.values:
        errors.append(
            _("unknown status %(status)s; expected one of: %(statuses)s")
            % {
                "status": json.dumps(status, ensure_ascii=False),
                "statuses": ", ".join(MeetingStatus.values),
            }
        )
    planned_on = _parse_date(raw.get("planned_on"), "planned_on", errors, required=True)
    held_on = _parse_date(raw.get("held_on"), "held_on", errors, required=status == "held")
    if held_on and status != MeetingStatus.HELD:
        errors.append(_("“held_on” is given but the status is not “held”"))
    if held_on and held_on > today:
        errors.append(_("“held_on” is in the future"))
    place = raw.get("place") or ""
    if not isinstance(place, str):
        errors.append(_("“place” must be text"))
        place = ""
    counts = {"speakers": _count(raw.get("speakers"), "speakers", errors)}
    for group, keys in COUNT_GROUPS.items():
        value = raw.get(group)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            errors.append(_("“%(name)s” must be an object") % {"name": group})
            continue
        extra = sorted(set(value) - set(keys))
        if extra:
            errors.append(
                _("unknown keys in “%(name)s”: %(keys)s")
                % {"name": group, "keys": ", ".join(extra)}
            )
        prefix = "officials" if group == "officials_present" else group
        for key in keys:
            counts[f"{prefix}_{key}"] = _count(value.get(key), f"{group}.{key}", errors)
    questions = []
    raw_questions = raw.get("questions") or []
    if not isinstance(raw_questions, list):
        errors.append(_("“questions” must be a list"))
        raw_questions = []
    if raw_questions and status != MeetingStatus.HELD:
        errors.append(_("only a held meeting can have questions"))
    for number, q in enumerate(raw_questions):
        where = f"questions[{number}]"
        if not isinstance(q, dict):
            errors.append(_("%(where)s must be an object") % {"where": where})
            continue
        topic = topics.get(q.get("topic"))
        if topic is None:
            errors.append(
                _("%(where)s: unknown topic %(topic)s")
                % {"where": where, "topic": json.dumps(q.get("topic"), ensure_ascii=False)}
            )
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(_("%(where)s: the text is empty") % {"where": where})
        repeated = q.get("repeated", False)
        if not isinstance(repeated, bool):
            errors.append(_("%(where)s: “repeated” must be true or false") % {"where": where})
        critical_of = q.get("critical_of")
        if critical_of is not None and str(critical_of) not in {"1", "2", "3", "4", "5", "6"}:
            errors.append(
                _("%(where)s: “critical_of” must be an akim level “1”…“6” or null, not %(value)s")
                % {"where": where, "value": json.dumps(critical_of, ensure_ascii=False)}
            )
            critical_of = None
        questions.append(
            {
                "topic": topic,
                "text": text.strip() if isinstance(text, str) else "",
                "repeated": bool(repeated),
                "critical_of": int(critical_of) if critical_of is not None else None,
            }
        )
    if errors:
        return None, errors
    return {
        "territory": territory,
        "office": territory.office,
        "kind": kind,
        "status": status,
        "planned_on": planned_on,
        "held_on": held_on,
        "place": place.strip(),
        "title": str(raw.get("title") or ""),
        "minutes": str(raw.get("minutes") or ""),
        "broadcast_url": str(raw.get("broadcast_url") or ""),
        "counts": counts,
        "questions": questions,
    }, []


# ---------------------------------------------------------------------------- reading

MAX_MEETINGS = 10_000  # settings.TYNDAU_MEETINGS_IMPORT_MAX_ROWS; checked while reading
MAX_FILE_BYTES = 50 * 1024 * 1024  # settings.TYNDAU_MEETINGS_IMPORT_MAX_BYTES
_SPACE = " \t\n\r"


def _max_meetings() -> int:
    return getattr(settings, "TYNDAU_MEETINGS_IMPORT_MAX_ROWS", MAX_MEETINGS)


def _too_many(limit: int) -> ImportFailed:
    return ImportFailed(
        [
            ObjectError(
                limit,
                _("the file has more than %(limit)s meetings: split it into smaller files")
                % {"limit": f"{limit:,}".replace(",", " ")},
            )
        ]
    )


def meetings_read(path: Path | str) -> list:
    """The meetings of a JSON file (a list of objects), read one object at a time: past
    the limit reading stops at once with a clear error, before the rest is parsed; a file
    over the size limit is refused before it is read; broken JSON names its line."""
    path = Path(path)
    limit_bytes = getattr(settings, "TYNDAU_MEETINGS_IMPORT_MAX_BYTES", MAX_FILE_BYTES)
    if path.stat().st_size > limit_bytes:
        raise ImportFailed(
            [
                ObjectError(
                    0,
                    _("the file is larger than %(limit)s: split it into smaller files")
                    % {"limit": filesizeformat(limit_bytes)},
                )
            ]
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([ObjectError(0, _("the file is not UTF-8 text"))]) from exc
    decoder = json.JSONDecoder()
    limit = _max_meetings()
    items: list = []

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        return pos

    def broken(pos: int) -> ImportFailed:
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return ImportFailed(
            [
                ObjectError(
                    len(items),
                    _("the file is not valid JSON (line %(line)s, column %(column)s)")
                    % {"line": line, "column": column},
                )
            ]
        )

    pos = skip(0)
    if not text.startswith("[", pos):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise broken(exc.pos) from exc
        except RecursionError as exc:
            raise ImportFailed([ObjectError(0, _("the object is nested too deeply"))]) from exc
        raise ImportFailed([ObjectError(0, _("the file must hold a JSON list of meetings"))])
    pos = skip(pos + 1)
    if pos < len(text) and text[pos] == "]":
        pos += 1
    else:
        while True:
            if len(items) >= limit:
                raise _too_many(limit)
            try:
                item, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise broken(exc.pos) from exc
            except RecursionError as exc:
                raise ImportFailed(
                    [ObjectError(len(items), _("the object is nested too deeply"))]
                ) from exc
            items.append(item)
            pos = skip(pos)
            if pos < len(text) and text[pos] == ",":
                pos = skip(pos + 1)
                continue
            if pos < len(text) and text[pos] == "]":
                pos += 1
                break
            raise broken(pos)
    if skip(pos) != len(text):
        raise broken(skip(pos))
    return items


def meetings_import(*, data, by=None) -> ImportResult:
    """Import meetings from parsed JSON (a list of objects, see issue 4 point 5).

    All-or-nothing: if any object is bad, :class:`ImportFailed` lists every bad object with
    its index (from 0) and reasons, and nothing is saved.
    """
    if not isinstance(data, list):
        raise ImportFailed([ObjectError(0, _("the file must hold a JSON list of meetings"))])
    if len(data) > _max_meetings():  # data parsed elsewhere: checked before any object
        raise _too_many(_max_meetings())
    codes = {str(o.get("territory")) for o in data if isinstance(o, dict) and o.get("territory")}
    territories = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    for territory in territories.values():
        try:
            territory.office = office_serving(territory=territory)
        except Office.DoesNotExist:
            territory.office = None
    topics = {t.code: t for t in Topic.objects.all()}
    today = _today()
    checked, errors = [], []
    for index, raw in enumerate(data):
        clean, problems = _check_object(raw, territories, topics, today)
        errors.extend(ObjectError(index, p) for p in problems)
        checked.append(clean)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    with transaction.atomic(), set_actor(by) if by else _nullcontext():
        for item in checked:
            meeting = Meeting.objects.create(
                office=item["office"],
                territory=item["territory"],
                akim_level=item["office"].territory.akim_level,
                kind=item["kind"],
                status=item["status"],
                planned_on=item["planned_on"],
                held_on=item["held_on"],
                place=item["place"],
                title=item["title"],
                minutes=item["minutes"],
                broadcast_url=item["broadcast_url"],
                created_by=by,
                **item["counts"],
            )
            Question.objects.bulk_create(Question(meeting=meeting, **q) for q in item["questions"])
            result.meetings += 1
            result.questions += len(item["questions"])
            result.ids.append(meeting.pk)
    return result
