"""Reads of appeals. Staff pages use the *_visible_to selectors; the portal only the
public ones, which never carry a name, IIN, phone, e-mail or house number."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from tyndau.territory.querysets import within_q

from .models import Appeal, Status
from .querysets import open_q, overdue_q
from .tracking import tracking_code_matches


def appeal_list_visible_to(*, user) -> QuerySet[Appeal]:
    return Appeal.objects.visible_to(user).select_related(
        "office__territory", "territory", "topic", "executor"
    )


def appeal_list_public() -> QuerySet[Appeal]:
    """Appeals the public may see: not anonymous ones (not considered), and not crime
    reports (those go to the police, not to a public page)."""
    return (
        Appeal.objects.public()
        .select_related("office__territory", "territory", "topic")
        .only(
            "id",
            "number",
            "registered_on",
            "status",
            "outcome",
            "decided_on",
            "due_on",
            "text",
            "answer_text",
            "street",
            "latitude",
            "longitude",
            "publish_consent",
            "applicant_name",
            "topic",
            "territory",
            "office",
            "risk_band",
            "channel",
            "kind",
        )
    )


def appeal_get_for_tracking(*, number: str, code: str) -> Appeal | None:
    """The appeal with this number and private tracking code, or None."""
    number = re.sub(r"\s+", "", number or "").upper()
    if not number or not (code or "").strip():
        return None
    appeal = (
        Appeal.objects.filter(number__iexact=number)
        .select_related("office__territory", "topic", "territory")
        .first()
    )
    if appeal is None or not tracking_code_matches(appeal.tracking_code, code):
        return None
    return appeal


_IIN = re.compile(r"\b\d{12}\b")
_PHONE = re.compile(r"(?:\+?[78][\s\-()]*)?(?:\d[\s\-()]*){10}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


HIDDEN = "[…]"
# a number after a house / flat word: "д. 12", "дома 5а", "кв. 3", "үй 7", "пәтер 2", "house 4"
_HOUSE = re.compile(
    r"(?i)(?<!\w)(д\.|дом[аеу]?|кв\.|квартир[аеыу]?|үй[іде]*|пәтер[іде]*|house|apt\.?|flat|№)\s*\d+[\w/-]*"
)
# a number right after a street name: "ул. Мира, 12", "Абылай хана 15/2", "Seifullin St 3"
_STREET_NO = re.compile(
    r"(?i)((?<!\w)(ул\.|улица|көшесі|көш\.|пр\.|проспект|мкр\.?|микрорайон|даңғылы|street|st\.?)"
    r"(\s+[^\W\d]+){0,3}\s*,?\s*|(?<!\w)[^\W\d]+(\s+[^\W\d]+)?\s+(көшесі|street|st\.?)\s*,?\s*)"
    r"(\d+[\w/-]*)"
)


def hide_house_numbers(text: str) -> str:
    text = _HOUSE.sub(lambda m: m.group(1) + " " + HIDDEN, text or "")
    return _STREET_NO.sub(lambda m: m.group(1) + HIDDEN, text)


def anonymise(text: str, *, names: list[str] = ()) -> str:
    """Remove IINs, phone numbers, e-mail addresses, given names and house numbers."""
    text = _EMAIL.sub("[…]", text or "")
    text = _IIN.sub("[…]", text)
    text = _PHONE.sub("[…]", text)
    for name in names:
        for part in (name or "").split():
            if len(part) > 2:
                text = re.sub(rf"\b{re.escape(part)}\b", "[…]", text, flags=re.IGNORECASE)
    return hide_house_numbers(text)


def anonymise_address(address: str) -> str:
    """Keep the street, drop house and flat numbers."""
    return re.sub(
        r"[\s,]*(?:д\.|дом|үй|кв\.?|квартира|house|apt\.?)?\s*\d+\S*", "", address or ""
    ).strip(" ,")


def appeal_public_text(appeal: Appeal) -> str:
    """The appeal's text as the public may read it."""
    if appeal.publish_consent:
        return appeal.text
    return anonymise(appeal.text, names=[appeal.applicant_name])


def appeal_public_answer(appeal: Appeal) -> str:
    if appeal.publish_consent:
        return appeal.answer_text
    return anonymise(appeal.answer_text, names=[appeal.applicant_name])


# --- staff inbox ------------------------------------------------------------------------

SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "registered": ("registered_on", "id"),
    "-registered": ("-registered_on", "-id"),
    "risk": ("-risk_score", "due_on", "id"),
    "number": ("number",),
}


def appeal_inbox(*, user, filters: dict):
    """The staff inbox: the appeals the user may see, filtered and sorted, with counts.

    ``filters`` keys (all optional): status (a status, "open" — the default — or "all"),
    topic, executor ("me" or an id), channel, band, overdue (bool), due_within (working
    days), territory (code), q (search), sort.
    Returns (queryset, counts) where counts has per-status and per-band numbers of the
    set filtered by everything except that dimension. Three queries, whatever the size.
    """
    from django.db import connection
    from django.db.models import Count, Q

    from tyndau.core import calendar

    from .models import RiskBand

    today = calendar.today()
    base = Appeal.objects.visible_to(user)
    q = Q()
    if filters.get("topic"):
        q &= Q(topic__code=filters["topic"])
    if filters.get("channel"):
        q &= Q(channel=filters["channel"])
    executor = filters.get("executor")
    if executor == "me":
        q &= Q(executor=user) | Q(co_executors=user)
    elif executor:
        q &= Q(executor_id=executor)
    if filters.get("territory"):
        from tyndau.territory.models import Territory

        territory = Territory.objects.filter(code=filters["territory"]).first()
        q &= within_q(territory) if territory else Q(pk__in=[])
    if filters.get("overdue"):
        q &= overdue_q(on=today)
    if filters.get("due_within") not in (None, ""):
        days = int(filters["due_within"])
        limit = calendar.add_working_days(today, days) if days > 0 else today
        q &= open_q() & Q(due_on__gte=today, due_on__lte=limit)
    if filters.get("repeated"):
        q &= Q(repeated=True)
    text = (filters.get("q") or "").strip()
    if text:
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = SearchVector("text", config="russian")
            q &= Q(number__icontains=text) | Q(
                pk__in=Appeal.objects.annotate(sv=vector)
                .filter(sv=SearchQuery(text, config="russian", search_type="websearch"))
                .values("pk")
            )
        else:
            q &= (
                Q(number__icontains=text)
                | Q(text__icontains=text)
                | Q(applicant_name__icontains=text)
            )
    status = filters.get("status") or "open"
    if status == "open":
        status_q = open_q()
    elif status == "all":
        status_q = Q()
    else:
        status_q = Q(status=status)
    # COUNT(DISTINCT) only when the co-executor join can repeat rows.
    distinct = executor == "me"
    band_q = Q(risk_band=filters["band"]) if filters.get("band") else Q()

    by_status = base.filter(q & band_q).aggregate(
        all=Count("id", distinct=distinct),
        open=Count("id", filter=open_q(), distinct=distinct),
        overdue=Count("id", filter=overdue_q(on=today), distinct=distinct),
        **{
            f"status_{s}": Count("id", filter=Q(status=s), distinct=distinct) for s in Status.values
        },
    )
    by_band = base.filter(q & status_q).aggregate(
        **{
            f"band_{b}": Count("id", filter=Q(risk_band=b), distinct=distinct)
            for b in RiskBand.values
        }
    )
    sort = SORTS.get(filters.get("sort") or "due", SORTS["due"])
    qs = (
        base.filter(q & status_q & band_q)
        .select_related("topic", "executor", "territory", "office")
        .order_by(*sort)
    )
    if executor == "me":
        qs = qs.distinct()
    return qs, {**by_status, **by_band}


def appeal_similar(appeal: Appeal, *, limit: int = 10):
    """Open or recent appeals on the same topic and street in the same office."""
    qs = Appeal.objects.filter(office_id=appeal.office_id, topic_id=appeal.topic_id).exclude(
        pk=appeal.pk
    )
    if appeal.street:
        qs = qs.filter(street=appeal.street)
    else:
        qs = qs.filter(territory_id=appeal.territory_id)
    return qs.select_related("topic").order_by("-registered_on")[:limit]


def risk_map_data(*, user):
    """Counts of open appeals by band, and the points of those with coordinates."""
    from django.db.models import Count, Q

    from .models import RiskBand

    open_qs = appeal_list_visible_to(user=user).open()
    counts = open_qs.aggregate(**{b: Count("id", filter=Q(risk_band=b)) for b in RiskBand.values})
    points = list(
        open_qs.filter(latitude__isnull=False, longitude__isnull=False).values(
            "id", "number", "latitude", "longitude", "risk_band", "risk_score", "topic__code"
        )[:5000]
    )
    return counts, points


def rating_summary(*, user):
    """Residents' ratings of answers, averaged by executor and by topic (in the database)."""
    from django.db.models import Avg, Count

    from .models import Rating

    ratings = Rating.objects.visible_to(user)
    by_executor = (
        ratings.values(
            "appeal__executor__id", "appeal__executor__last_name", "appeal__executor__first_name"
        )
        .annotate(n=Count("id"), avg=Avg("score"))
        .order_by("-n")
    )
    by_topic = (
        ratings.values("appeal__topic__code")
        .annotate(n=Count("id"), avg=Avg("score"))
        .order_by("-n")
    )
    overall = ratings.aggregate(n=Count("id"), avg=Avg("score"))
    return {"overall": overall, "by_executor": list(by_executor), "by_topic": list(by_topic)}


def appeal_summary(*, user) -> dict:
    """Headline numbers for the staff home: open, overdue, due within 3 working days, mine.
    One query."""
    from django.db.models import Count, Q

    from tyndau.core import calendar

    today = calendar.today()
    soon = calendar.add_working_days(today, 3)
    is_open = open_q()
    return Appeal.objects.visible_to(user).aggregate(
        open=Count("id", filter=is_open),
        overdue=Count("id", filter=overdue_q(on=today)),
        due_soon=Count("id", filter=is_open & Q(due_on__gte=today, due_on__lte=soon)),
        mine=Count("id", filter=is_open & Q(executor=user)),
        red=Count("id", filter=is_open & Q(risk_band="red")),
    )


def _phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")[-10:]


def appeal_contact_matching(*, number: str, contact: str) -> tuple[Appeal, str] | None:
    """(appeal, "email" or "phone") when ``contact`` is the e-mail or phone given with the
    appeal ``number``; None otherwise. Phones compare by their last ten digits."""
    number = re.sub(r"\s+", "", number or "").upper()
    contact = (contact or "").strip()
    if not number or not contact:
        return None
    appeal = Appeal.objects.filter(number__iexact=number).only("pk", "email", "phone").first()
    if appeal is None:
        return None
    if "@" in contact:
        if appeal.email and appeal.email.strip().lower() == contact.lower():
            return appeal, "email"
        return None
    digits = _phone_digits(contact)
    if len(digits) == 10 and digits == _phone_digits(appeal.phone):
        return appeal, "phone"
    return None
