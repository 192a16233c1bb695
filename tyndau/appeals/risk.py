"""The risk score of an appeal: explicit rules, each worth editable points (RiskRule).

The score is the sum of the points of the rules that hold, at most 10, and its band comes
from RiskSettings (defaults: 1–2 yellow, 3–5 orange, 6–10 red). Each rule:

- ``threat_to_life``: the appeal reports a threat to life or health;
- ``overdue``: the appeal is open past its deadline;
- ``repeated``: the same applicant wrote on the same matter after an answer;
- ``collective``: more than one signatory;
- ``complaint_official``: a complaint against an official (flag or topic);
- ``similar_open``: at least ``threshold`` open appeals (this one included) on the same
  street and topic in the same office;
- ``near_deadline``: open and the deadline is at most ``threshold`` working days away;
- ``social_assistance``: the applicant receives social assistance;
- ``supporters``: at least ``threshold`` signed-in residents said "this affects me too"
  (``Appeal.supporters``, kept by ``services.appeal_follow``);
- a rule whose code another app registered a counter for (``register_counter``) holds when
  the count is at least its threshold: ``large_problem`` (the triage app) counts the people
  behind the problem the appeal is linked to.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db.models import Count

from tyndau.core import calendar

from .models import OPEN_STATUSES, Appeal, RiskRule, RiskSettings

MAX_SCORE = 10
CONFIG_SECONDS = 60.0  # how long another worker process may use rules it loaded earlier
_config: tuple[float, list[RiskRule], RiskSettings] | None = None

# code -> (count for one appeal, counts for a queryset of appeals as {appeal id: count})
COUNTERS: dict[str, tuple[Callable[[Appeal], int], Callable[..., dict[int, int]]]] = {}


def register_counter(code: str, *, one: Callable, many: Callable) -> None:
    """Let another app add a counting rule (its RiskRule row carries points and threshold)
    without this module knowing its models."""
    COUNTERS[code] = (one, many)


def risk_config() -> tuple[list[RiskRule], RiskSettings]:
    """(active rules, bands), loaded once per process and kept for a minute.

    Saving or deleting a rule or the bands forgets them at once in the process that saved
    (signals, connected in ``apps.py``); other worker processes pick the change up within
    ``CONFIG_SECONDS``. Saves two queries on every registration.
    """
    global _config
    now = time.monotonic()
    if _config is None or now - _config[0] > CONFIG_SECONDS:
        _config = (now, list(RiskRule.objects.filter(is_active=True)), RiskSettings.current())
    return _config[1], _config[2]


def risk_config_forget(**_signal) -> None:
    global _config
    _config = None


def _holds(
    code: str,
    appeal: Appeal,
    rule: RiskRule,
    *,
    today: dt.date,
    similar: int,
    counts: dict[str, int] | None = None,
) -> bool:
    if code in COUNTERS:
        return (counts or {}).get(code, 0) >= max(rule.threshold, 1)
    is_open = appeal.status in OPEN_STATUSES
    match code:
        case "threat_to_life":
            return appeal.threat_to_life
        case "overdue":
            return is_open and appeal.due_on < today
        case "repeated":
            return appeal.repeated
        case "collective":
            return appeal.signatories > 1
        case "complaint_official":
            return appeal.against_official or appeal.topic.code == "complaints_officials"
        case "similar_open":
            return is_open and bool(appeal.street) and similar >= max(rule.threshold, 2)
        case "near_deadline":
            return (
                is_open
                and appeal.due_on >= today
                and calendar.working_days_between(today, appeal.due_on) <= rule.threshold
            )
        case "social_assistance":
            return appeal.social_assistance_recipient
        case "supporters":
            return getattr(appeal, "supporters", 0) >= max(rule.threshold, 1)
    return False


def risk_evaluate(
    appeal: Appeal,
    *,
    rules: list[RiskRule] | None = None,
    bands: RiskSettings | None = None,
    today: dt.date | None = None,
    similar: int | None = None,
    counts: dict[str, int] | None = None,
) -> tuple[int, str, list[dict]]:
    """(score, band, reasons) of an appeal; reasons are ``{"code", "points"}`` dicts."""
    if rules is None or bands is None:
        loaded_rules, loaded_bands = risk_config()
        rules = loaded_rules if rules is None else rules
        bands = bands or loaded_bands
    today = today or calendar.today()
    if similar is None:
        similar = similar_open_count(appeal) if appeal.street else 0
    if counts is None:
        counts = {
            rule.code: COUNTERS[rule.code][0](appeal)
            for rule in rules
            if rule.is_active and rule.code in COUNTERS and getattr(appeal, "pk", None)
        }
    reasons = [
        {"code": rule.code, "points": rule.points}
        for rule in rules
        if rule.is_active
        and _holds(rule.code, appeal, rule, today=today, similar=similar, counts=counts)
    ]
    score = min(MAX_SCORE, sum(r["points"] for r in reasons))
    return score, bands.band_for(score), reasons


def similar_open_count(appeal: Appeal) -> int:
    return Appeal.objects.filter(
        office_id=appeal.office_id,
        street=appeal.street,
        topic_id=appeal.topic_id,
        status__in=OPEN_STATUSES,
    ).count()


def risk_changed_open(*, office_ids: list[int] | None = None) -> list[Appeal]:
    """The open appeals whose risk changed (deadlines move with time), with the new score
    set on them but not saved (``services.appeal_risk_refresh`` saves them). One query for
    the street clusters, one for the appeals."""
    rules = list(RiskRule.objects.filter(is_active=True))
    bands = RiskSettings.current()
    today = calendar.today()
    open_appeals = Appeal.objects.filter(status__in=OPEN_STATUSES).select_related("topic")
    if office_ids is not None:
        open_appeals = open_appeals.filter(office_id__in=office_ids)
    clusters = {
        (row["office_id"], row["street"], row["topic_id"]): row["n"]
        for row in open_appeals.exclude(street="")
        .values("office_id", "topic_id", "street")
        .annotate(n=Count("id"))
    }
    counted = {r.code: COUNTERS[r.code][1](open_appeals) for r in rules if r.code in COUNTERS}
    changed = []
    for appeal in open_appeals.iterator(chunk_size=2000):
        similar = clusters.get((appeal.office_id, appeal.street, appeal.topic_id), 0)
        counts = {code: by_id.get(appeal.pk, 0) for code, by_id in counted.items()}
        score, band, reasons = risk_evaluate(
            appeal, rules=rules, bands=bands, today=today, similar=similar, counts=counts
        )
        if (score, band, reasons) != (appeal.risk_score, appeal.risk_band, appeal.risk_reasons):
            appeal.risk_score, appeal.risk_band, appeal.risk_reasons = score, band, reasons
            changed.append(appeal)
    return changed
