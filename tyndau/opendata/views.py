"""Open data: CSV and JSON downloads and a DCAT catalogue in JSON-LD."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from .datasets import BY_SLUG, DATASETS, LICENCE_NAME, LICENCE_URL


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def index(request):
    return render(
        request,
        "opendata/index.html",
        {"datasets": DATASETS, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL},
    )


def download(request, slug: str, fmt: str):
    dataset = BY_SLUG.get(slug)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404
    rows = [{c: _plain(row.get(c)) for c in dataset.columns} for row in dataset.rows()]
    if fmt == "json":
        response = JsonResponse(
            {"dataset": slug, "licence": LICENCE_URL, "columns": dataset.columns, "rows": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=dataset.columns)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="{slug}.{fmt}"'
    return response


def catalogue(request):
    """The same data sets as a DCAT catalogue in JSON-LD (what CKAN and portals harvest)."""
    base = request.build_absolute_uri("/").rstrip("/")
    lang = request.LANGUAGE_CODE
    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": base + reverse("opendata:catalogue"),
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Tyndau open data", "@language": "en"},
        "dct:license": {"@id": LICENCE_URL},
        "dcat:dataset": [
            {
                "@id": base + reverse("opendata:index") + f"#{d.slug}",
                "@type": "dcat:Dataset",
                "dct:identifier": d.slug,
                "dct:title": {"@value": str(d.title), "@language": lang},
                "dct:description": {"@value": str(d.description), "@language": lang},
                "dct:license": {"@id": LICENCE_URL},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": {
                            "@id": base
                            + reverse("opendata:download", kwargs={"slug": d.slug, "fmt": fmt})
                        },
                        "dcat:mediaType": media,
                        "dct:format": fmt.upper(),
                        "dct:license": {"@id": LICENCE_URL},
                    }
                    for fmt, media in (("csv", "text/csv"), ("json", "application/json"))
                ],
            }
            for d in DATASETS
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/ld+json"
    )
