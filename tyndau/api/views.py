from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET


def _has_route(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


@require_GET
def guide(request):
    """The page an outside developer reads first: auth, idempotency, versions, Open311."""
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "api/guide.html",
        {
            "base": base,
            "schema_url": reverse("api:schema"),
            "docs_url": reverse("api:docs"),
            "open311_url": reverse("open311:discovery", kwargs={"fmt": "json"}),
            "reports": _has_route("api:report-list"),
        },
    )
