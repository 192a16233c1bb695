"""Benchmark-only views: a bare insert of one row, and the product's intake service.

Loaded only through ``benchmarks.settings`` (ROOT_URLCONF = "benchmarks.urls")."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BARE_TABLE = "bench_bare_row"


def ensure_bare_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} "
            "(id INTEGER PRIMARY KEY, text VARCHAR(2000) NOT NULL, created_at VARCHAR(40) NOT NULL)"
            if connection.vendor == "sqlite"
            else f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} "
            "(id BIGSERIAL PRIMARY KEY, text VARCHAR(2000) NOT NULL, created_at TIMESTAMPTZ)"
        )


@csrf_exempt
@require_POST
def bare_insert(request):
    """One INSERT, autocommit, nothing else: the floor of a write request."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (text, created_at) VALUES (%s, %s)",
            [request.POST.get("text", ""), timezone.now().isoformat()],
        )
    return HttpResponse("ok", status=201)


_office = None


@csrf_exempt
@require_POST
def intake(request):
    """Register an appeal through the product's service, as the staff form and API do
    (without the login and permission check, which the bare view does not have either)."""
    from tyndau.appeals.intake import AppealDraft, appeal_register
    from tyndau.territory.models import Office

    global _office
    if _office is None:
        _office = Office.objects.select_related("territory").get(territory__code="111033000")
    draft = AppealDraft.from_fields(
        office=_office,
        channel=request.POST.get("channel", "phone"),
        applicant_type=request.POST.get("applicant_type", "individual"),
        kind=request.POST.get("kind", "statement"),
        topic=request.POST.get("topic", "water_supply"),
        text=request.POST.get("text", ""),
        applicant_name=request.POST.get("applicant_name", ""),
        phone=request.POST.get("phone", ""),
        email=request.POST.get("email", ""),
        street=request.POST.get("street", ""),
    )
    appeal = appeal_register(draft=draft).appeal
    return JsonResponse({"number": appeal.number}, status=201)
