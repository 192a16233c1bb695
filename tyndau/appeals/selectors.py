"""Reads of appeals. Staff pages use the *_visible_to selectors; the portal only the
public ones, which never carry a name, IIN, phone, e-mail or house number."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import QuerySet

from tyndau.privacy import anonymiser
from tyndau.territory.querysets import within_q

from .models import Appeal, Status
from .querysets import open_q, overdue_q
from .tracking import tracking_code_matches


def appeal_list_visible_to(*, user) -> QuerySet[Appeal]:
    return Appeal.objects.visible_to(user).select_related(
        "office__territory", "territory", "topic", "executor"
    )


def appeal_list_counted() -> QuerySet[Appeal]:
    """Appeals counted in public statistics (figures only, never their texts): not
    anonymous ones (not considered), and not crime reports."""
    return Appeal.objects.counted()


def appeal_list_public() -> QuerySet[Appeal]:
    """Appeals the public may read: counted ones that a clerk has published (moderation,
    ``tyndau.privacy``); their text is the anonymised one the clerk published."""
    return (
        Appeal.objects.public()
        .select_related("office__territory", "territory", "topic", "publication")
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
            "supporters",
            "channel",
            "kind",
            "publication__state",
            "publication__public_text",
            "publication__public_answer",
            "publication__answer_digest",
            "publication__private_terms",
            "publication__version",
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


# The anonymiser lives in tyndau.privacy.anonymiser (natasha + pymorphy3 + the shipped
# Kazakh names); these names stay so that every caller keeps calling the same function.
HIDDEN = anonymiser.HIDDEN
hide_house_numbers = anonymiser.hide_house_numbers


def anonymise(text: str, *, names: list[str] = (), private: list[str] = ()) -> str:
    """Remove IINs/BINs, phone numbers, e-mail addresses, personal names in any case,
    house and flat numbers, and what the applicant marked private."""
    return anonymiser.anonymise(text, names=names, private=private)


def anonymise_address(address: str) -> str:
    """Keep the street, drop house and flat numbers."""
    return anonymiser.street_only(address)


def _applicant_names(appeal: Appeal) -> list[str]:
    return [appeal.applicant_name] if appeal.applicant_name else []


def _publication(appeal: Appeal):
    from tyndau.privacy.models import Publication

    try:
        return appeal.publication
    except Publication.DoesNotExist:
        return None


@lru_cache(maxsize=4096)
def _anonymised(
    text: str,
    names: tuple[str, ...],
    private: tuple[str, ...],
    consent: bool,
    places: frozenset[str] = frozenset(),
):
    if consent:  # the applicant's own name and address may stay; numbers and others go
        return anonymiser.anonymise(
            text,
            names=names,
            private=private,
            keep_names=names,
            keep_addresses=True,
            places=places,
        )
    return anonymiser.anonymise(text, names=names, private=private, places=places)


def _places(appeal: Appeal) -> frozenset[str]:
    """The office's place names the anonymiser keeps (its territories and streets)."""
    from tyndau.privacy.places import place_names

    return place_names(appeal.office.territory)


def appeal_anonymised_text(appeal: Appeal) -> str:
    """The text through the anonymiser (for staff who may not read the raw text)."""
    publication = _publication(appeal)
    terms = tuple(publication.terms) if publication else ()
    return _anonymised(
        appeal.text or "",
        tuple(_applicant_names(appeal)),
        terms,
        appeal.publish_consent,
        _places(appeal),
    )


def appeal_public_text(appeal: Appeal) -> str:
    """The appeal's text as the public may read it: the text a clerk published, or (not yet
    published, for staff of other offices) the anonymised text."""
    publication = _publication(appeal)
    if publication is not None and publication.state == "published":
        return publication.public_text
    return appeal_anonymised_text(appeal)


def appeal_public_answer(appeal: Appeal) -> str:
    """The answer through the anonymiser, made once per answer and kept on the
    publication."""
    from tyndau.privacy.services import publication_public_answer

    publication = _publication(appeal)
    if publication is not None:
        return publication_public_answer(publication=publication)
    return _anonymised(
        appeal.answer_text or "",
        tuple(_applicant_names(appeal)),
        (),
        appeal.publish_consent,
        _places(appeal),
    )


def appeal_public_street(appeal: Appeal) -> str:
    """The street without house or flat numbers, whatever was typed («Мира 3 Кв 9» → «Мира»)."""
    return anonymiser.street_only(appeal.street)


# --- staff inbox ------------------------------------------------------------------------

SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "registered": ("registered_on", "id"),
    "-registered": ("-registered_on", "-id"),
    "risk": ("-risk_score", "due_on", "id"),
    "number": ("number",),
}


def appeal_inbox(*, user, filters: dict, with_counts: bool = True):
    """The staff inbox: the appeals the user may see, filtered and sorted, with counts.

    ``filters`` keys (all optional): status (a status, "open" — the default — or "all"),
    topic, executor ("me" or an id), channel, band, overdue (bool), control (on the akim's
    special control, bool), due_within (working days), territory (code), q (search), sort.
    Returns (queryset, counts) where counts has per-status and per-band numbers of the
    set filtered by everything except that dimension. Three queries, whatever the size.
    ``with_counts=False`` returns the queryset alone (the register export).
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
    if filters.get("control"):
        q &= Q(special_control=True)
    text = (filters.get("q") or "").strip()
    if text:
        # The policy (tyndau.privacy.policy): the raw text and the applicant's name are
        # searched only where the user reads them (own office's akim, deputy, clerk, or
        # the executor); elsewhere only the number and the published anonymised text.
        from tyndau.privacy.policy import raw_text_offices

        if getattr(user, "is_superuser", False):
            readable = Q()
        else:
            readable = (
                Q(office_id__in=raw_text_offices(user=user))
                | Q(executor=user)
                | Q(co_executors=user)
            )
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            query = SearchQuery(text, config="russian", search_type="websearch")
            q &= (
                Q(number__icontains=text)
                | Q(
                    pk__in=Appeal.objects.filter(readable)
                    .annotate(sv=SearchVector("text", config="russian"))
                    .filter(sv=query)
                    .values("pk")
                )
                | Q(
                    pk__in=Appeal.objects.filter(publication__state="published")
                    .annotate(sv=SearchVector("publication__public_text", config="russian"))
                    .filter(sv=query)
                    .values("pk")
                )
            )
        else:
            q &= (
                Q(number__icontains=text)
                | Q(
                    pk__in=Appeal.objects.filter(readable)
                    .filter(Q(text__icontains=text) | Q(applicant_name__icontains=text))
                    .values("pk")
                )
                | Q(
                    publication__state="published",
                    publication__public_text__icontains=text,
                )
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
    sort = SORTS.get(filters.get("sort") or "due", SORTS["due"])
    qs = (
        base.filter(q & status_q & band_q)
        .select_related("topic", "executor", "territory", "office")
        .order_by(*sort)
    )
    if executor == "me":
        qs = qs.distinct()
    if not with_counts:
        return qs

    by_status = base.filter(q & band_q).aggregate(
        all=Count("id", distinct=distinct),
        open=Count("id", filter=open_q(), distinct=distinct),
        overdue=Count("id", filter=overdue_q(on=today), distinct=distinct),
        control=Count("id", filter=Q(special_control=True), distinct=distinct),
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
    from django.db.models import BooleanField, Count, ExpressionWrapper, Q

    from tyndau.privacy.policy import exact_pin_q

    from .models import RiskBand

    open_qs = appeal_list_visible_to(user=user).open()
    counts = open_qs.aggregate(**{b: Count("id", filter=Q(risk_band=b)) for b in RiskBand.values})
    exact = ExpressionWrapper(exact_pin_q(user=user), output_field=BooleanField())
    points = list(
        open_qs.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(exact_pin=exact)
        .values(
            "id",
            "number",
            "latitude",
            "longitude",
            "risk_band",
            "risk_score",
            "topic__code",
            "exact_pin",
        )[:5000]
    )
    for point in points:  # the exact pin only where the policy gives it (EXACT_PIN)
        if not point.pop("exact_pin"):
            point["latitude"] = round(point["latitude"], 3)
            point["longitude"] = round(point["longitude"], 3)
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
