"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the appeals.

- a service is a topic of the taxonomy; a service request is an appeal, its
  ``service_request_id`` the appeal's number;
- ``status`` is open or closed, ``status_notes`` our outcome, ``expected_datetime`` the
  legal deadline, ``agency_responsible`` the office;
- a request shows only public fields: the text is anonymised, no name, IIN, BIN, phone,
  e-mail or house address ever appears;
- ``POST requests`` needs an ``api_key``: a REST API token of a user who may register
  appeals for the office; the appeal is registered through ``appeal_register`` with the
  portal channel. ``jurisdiction_id`` is the KATO code of a territory (optional).
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authtoken.models import Token

from tyndau.appeals import intake
from tyndau.appeals.models import (
    OPEN_STATUSES,
    Appeal,
    ApplicantType,
    Channel,
    Kind,
    Status,
    Topic,
)
from tyndau.core.errors import DomainError
from tyndau.territory.models import Territory

from .formats import FORMATS, error, respond
from .public import public_street, public_text, requests_visible

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-28T00:00:00+05:00"
MAX_REQUESTS = 1000
MAX_SPAN = dt.timedelta(days=90)  # a query window of the API, not a legal term
CLOSED_STATUSES = tuple(s for s in Status.values if s not in OPEN_STATUSES)


class Open311Error(Exception):
    def __init__(self, status: int, description):
        super().__init__(description)
        self.status = status
        self.description = description


def endpoint(view):
    """Checks the format, turns Open311Error into the standard error answer."""

    def wrapped(request, fmt, **kwargs):
        if fmt not in FORMATS:
            return error("json", 400, _("The format must be json or xml."))
        values = [*kwargs.values(), *request.GET.values(), *request.POST.values()]
        if any("\x00" in value for value in values):
            return error(fmt, 400, _("Null characters are not allowed."))
        try:
            return view(request, fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except DomainError as exc:
            return error(fmt, 400, exc)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _param(request, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or request.GET.get(name) or "").strip()


def _api_user(request, *, required: bool):
    key = _param(request, "api_key")
    if not key:
        if required:
            raise Open311Error(403, _("An api_key is required to file a request."))
        return None
    token = Token.objects.select_related("user").filter(key=key[:40]).first()
    if token is None or not token.user.is_active:
        raise Open311Error(403, _("This api_key is not valid."))
    return token.user


def _jurisdiction(request) -> Territory | None:
    code = _param(request, "jurisdiction_id")
    if not code:
        return None
    territory = Territory.objects.filter(code=code[:16]).first()
    if territory is None:
        raise Open311Error(404, _("No jurisdiction has this jurisdiction_id."))
    return territory


def _allowed(request, methods):
    if request.method not in methods:
        raise Open311Error(405, _("This method is not allowed here."))


# --- Discovery and services -------------------------------------------------------------


@endpoint
def discovery(request, fmt):
    _allowed(request, {"GET", "HEAD"})
    base = request.build_absolute_uri("/open311/v2").rstrip("/")
    body = {
        "changeset": CHANGESET,
        "contact": getattr(settings, "DEFAULT_FROM_EMAIL", ""),
        "key_service": _("Ask the akimat office for an API token; send it as api_key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", body)


def _service(topic: Topic) -> dict:
    return {
        "service_code": topic.code,
        "service_name": topic.name,
        "description": topic.plain,
        "metadata": True,
        "type": "batch",
        "keywords": ", ".join(n for n in (topic.name_ru, topic.name_kk, topic.name_en) if n),
        "group": "appeals",
    }


@endpoint
def services(request, fmt):
    _allowed(request, {"GET", "HEAD"})
    _jurisdiction(request)
    topics = Topic.objects.filter(is_active=True).order_by("order", "code")
    return respond(fmt, "services", [_service(t) for t in topics])


def _attributes() -> list[dict]:
    return [
        {
            "variable": True,
            "code": "kind",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("The kind of appeal; a statement if not given."),
            "order": 1,
            "description": _("Kind of appeal"),
            "values": [{"key": value, "name": str(label)} for value, label in Kind.choices],
        },
        {
            "variable": True,
            "code": "territory",
            "datatype": "string",
            "required": False,
            "datatype_description": _("KATO code, e.g. 111033100."),
            "order": 2,
            "description": _("The village or district the appeal is about"),
        },
        {
            "variable": True,
            "code": "iin",
            "datatype": "string",
            "required": False,
            "datatype_description": _("12 digits."),
            "order": 3,
            "description": _("The applicant's IIN (never shown publicly)"),
        },
        {
            "variable": True,
            "code": "signatories",
            "datatype": "number",
            "required": False,
            "datatype_description": _("1 or more."),
            "order": 4,
            "description": _("Number of signatories of a collective appeal"),
        },
    ]


@endpoint
def service_definition(request, fmt, service_code):
    _allowed(request, {"GET", "HEAD"})
    _jurisdiction(request)
    if not Topic.objects.filter(code=service_code, is_active=True).exists():
        raise Open311Error(404, _("No service has this service_code."))
    body = {"service_code": service_code, "attributes": _attributes()}
    return respond(fmt, "service_definition", body)


# --- Requests ---------------------------------------------------------------------------


def _status_notes(appeal: Appeal) -> str:
    if appeal.status == Status.REDIRECTED and appeal.redirected_to:
        return _("Redirected to %(body)s") % {"body": appeal.redirected_to}
    if appeal.outcome:
        return str(appeal.get_outcome_display())
    return str(appeal.get_status_display())


def _deadline(day: dt.date) -> dt.datetime:
    hours, minutes = (int(x) for x in settings.TYNDAU_WORKDAY_END.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hours, minutes)))


def _request(appeal: Appeal) -> dict:
    closed = appeal.status not in OPEN_STATUSES
    place = ", ".join(p for p in (public_street(appeal), appeal.territory.name) if p)
    return {
        "service_request_id": appeal.number,
        "status": "closed" if closed else "open",
        "status_notes": _status_notes(appeal),
        "service_name": appeal.topic.name,
        "service_code": appeal.topic.code,
        "description": public_text(appeal),
        "agency_responsible": appeal.office.name,
        "service_notice": _("The answer is due by law by %(date)s.")
        % {"date": appeal.due_on.isoformat()},
        "requested_datetime": timezone.localtime(appeal.received_at),
        "updated_datetime": timezone.localtime(appeal.updated_at),
        "expected_datetime": _deadline(appeal.due_on),
        "address": place or None,
        # about 100 m: enough for a map, not enough to point at one house
        "lat": round(appeal.latitude, 3) if appeal.latitude is not None else None,
        "long": round(appeal.longitude, 3) if appeal.longitude is not None else None,
    }


def _when(value: str, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
        if parsed is None:
            day = parse_date(value)
            parsed = dt.datetime.combine(day, dt.time()) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(
            400,
            _("%(name)s must be a date and time like 2026-01-01T00:00:00Z.") % {"name": name},
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _list_requests(request, fmt):
    user = _api_user(request, required=False)
    jurisdiction = _jurisdiction(request)
    appeals = requests_visible(user=user)
    if jurisdiction is not None:
        appeals = appeals.within(jurisdiction)
    ids = [i.strip() for i in _param(request, "service_request_id").split(",") if i.strip()]
    if ids:
        appeals = appeals.filter(number__in=ids[:MAX_REQUESTS])
    else:
        codes = [c.strip() for c in _param(request, "service_code").split(",") if c.strip()]
        if codes:
            appeals = appeals.filter(topic__code__in=codes)
        start = _when(_param(request, "start_date"), "start_date")
        end = _when(_param(request, "end_date"), "end_date")
        if start and end and end - start > MAX_SPAN:
            raise Open311Error(400, _("start_date and end_date may not span more than 90 days."))
        if start is None:
            start = (end or timezone.now()) - MAX_SPAN
        appeals = appeals.filter(received_at__gte=start)
        if end is not None:
            appeals = appeals.filter(received_at__lte=end)
        statuses = {s.strip() for s in _param(request, "status").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, _("status must be open or closed."))
        if statuses == {"open"}:
            appeals = appeals.open()
        elif statuses == {"closed"}:
            appeals = appeals.filter(status__in=CLOSED_STATUSES)
    appeals = appeals.order_by("-received_at", "-id")[:MAX_REQUESTS]
    return respond(fmt, "service_requests", [_request(a) for a in appeals])


def _file_request(request, fmt):
    user = _api_user(request, required=True)
    from tyndau.core import ratelimit

    if ratelimit.is_limited_for(scope="api_write", who=f"user:{user.pk}"):
        raise Open311Error(429, _("Too many requests with this api_key in the last hour."))
    ratelimit.hit_for(scope="api_write", who=f"user:{user.pk}")
    code = _param(request, "service_code")
    if not code:
        raise Open311Error(400, _("service_code is required."))
    topic = Topic.objects.filter(code=code, is_active=True).first()
    if topic is None:
        raise Open311Error(404, _("No service has this service_code."))
    description = _param(request, "description")
    if not description:
        raise Open311Error(400, _("description is required: write what the appeal is about."))
    lat, long = _param(request, "lat"), _param(request, "long")
    address = _param(request, "address_string")
    if not ((lat and long) or address or _param(request, "address_id")):
        raise Open311Error(400, _("Give a location: lat and long, address_string or address_id."))
    try:
        latitude = float(lat) if lat else None
        longitude = float(long) if long else None
    except ValueError:
        raise Open311Error(400, _("lat and long must be numbers.")) from None
    if (latitude is not None and not -90 <= latitude <= 90) or (
        longitude is not None and not -180 <= longitude <= 180
    ):
        raise Open311Error(400, _("lat and long must be numbers.")) from None

    territory = _jurisdiction(request)
    place_code = _param(request, "attribute[territory]")
    if place_code:
        place = Territory.objects.filter(code=place_code[:16]).first()
        if place is None or (territory is not None and not place.is_within(territory)):
            raise Open311Error(400, _("No territory of this jurisdiction has this code."))
        territory = place
    kind = _param(request, "attribute[kind]") or Kind.STATEMENT
    if kind not in Kind.values:
        raise Open311Error(400, _("Unknown kind of appeal."))
    signatories = _param(request, "attribute[signatories]") or "1"
    if not signatories.isdigit() or not 1 <= int(signatories) <= 100000:
        raise Open311Error(400, _("signatories must be a whole number, 1 or more."))
    iin = _param(request, "attribute[iin]")
    name = " ".join(p for p in (_param(request, "first_name"), _param(request, "last_name")) if p)
    anonymous = _param(request, "attribute[anonymous]").lower() in ("1", "true", "yes")
    if not name and not anonymous:
        # GeoReport v2 lets a server require fields: an appeal without a name is not
        # considered by law, so it is never filed as anonymous silently.
        raise Open311Error(
            400,
            _(
                "first_name and last_name are required: the applicant's name. To file "
                "anonymously (the appeal will not be considered), send "
                "attribute[anonymous]=true."
            ),
        )
    publish = _param(request, "attribute[publish]").lower() not in ("0", "false", "no")
    language = (get_language() or "ru")[:2]

    draft = intake.AppealDraft(
        channel=Channel.PORTAL,
        kind=kind,
        topic=topic,
        text=description[:20000],
        applicant=intake.Applicant(
            type=ApplicantType.ANONYMOUS if anonymous and not name else ApplicantType.INDIVIDUAL,
            name=name[:255],
            iin=iin[:12],
            phone=_param(request, "phone")[:32],
            email=_param(request, "email")[:254],
        ),
        place=intake.Place(
            territory=territory, address=address[:255], latitude=latitude, longitude=longitude
        ),
        signatories=int(signatories),
        language=language if language in {"kk", "ru", "en"} else "ru",
        idempotency_key=request.headers.get("Idempotency-Key", "")[:48],
        publication=intake.Publication(declined=not publish),
    )
    try:
        registration = intake.appeal_register(draft=draft, by=user)
    except intake.RegistrationRefused as exc:
        if exc.code == "idempotency":
            raise Open311Error(409, exc) from exc
        message = _("This api_key may not file requests in this jurisdiction.")
        raise Open311Error(403, message) from exc
    except DomainError as exc:
        if exc.code == "office":
            raise Open311Error(400, _("jurisdiction_id is required for this api_key.")) from exc
        raise
    appeal = registration.appeal
    body = [
        {
            "service_request_id": appeal.number,
            "token": appeal.tracking_code,
            "service_notice": _("The answer is due by law by %(date)s.")
            % {"date": appeal.due_on.isoformat()},
        }
    ]
    return respond(fmt, "service_requests", body, status=200 if registration.replayed else 201)


@csrf_exempt
@endpoint
def requests_(request, fmt):
    """GET: requests with the standard filters; POST: file a new request."""
    _allowed(request, {"GET", "HEAD", "POST"})
    if request.method == "POST":
        return _file_request(request, fmt)
    return _list_requests(request, fmt)


@endpoint
def request_detail(request, fmt, service_request_id):
    _allowed(request, {"GET", "HEAD"})
    user = _api_user(request, required=False)
    appeals = requests_visible(user=user).filter(number=service_request_id)
    jurisdiction = _jurisdiction(request)
    if jurisdiction is not None:
        appeals = appeals.within(jurisdiction)
    appeals = list(appeals.order_by("-received_at")[:10])
    if not appeals:
        raise Open311Error(404, _("No request has this service_request_id."))
    return respond(fmt, "service_requests", [_request(a) for a in appeals])


@endpoint
def token(request, fmt, token):
    _allowed(request, {"GET", "HEAD"})
    appeal = Appeal.objects.filter(tracking_code=token[:32]).only("number").first()
    if appeal is None:
        raise Open311Error(404, _("No request has this token."))
    return respond(fmt, "service_requests", [{"service_request_id": appeal.number, "token": token}])
