"""Report pages: choose a form, a territory and a period; the sheet, a chart, exports and
the records behind every figure; the akim's dashboard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.territory.models import Territory

from .dashboard import dashboard_data
from .definitions import FORMS
from .exports import FORMATS, report_export
from .selectors import report_territories_for
from .services import APPEALS, MEETINGS, ReportError, report_build, report_records
from .sheets import semantics, sheet_build


class ReportForm(forms.Form):
    form = forms.ChoiceField(label=gettext_lazy("Report form"), choices=())
    territory = forms.ChoiceField(label=gettext_lazy("Territory"), choices=())
    date_from = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [(code, label) for code, label in FORMS.items()]
        self.fields["territory"].choices = [
            (t.code, "\u2003" * t.depth + f"{t.name} ({t.code})") for t in territories
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data


def _territory_for(request, code: str) -> Territory:
    territory = Territory.objects.filter(code=code).first()
    if territory is None or not request.user.has_perm("territory.view_reports", territory):
        raise PermissionDenied(_("You may not run reports for this territory."))
    return territory


def _params(request, territories):
    """The chosen report (form, territory, period) or None, with the bound form."""
    today = calendar.today()
    initial = {
        "form": "appeal-outcomes",
        "territory": territories[0].code if territories else "",
        "date_from": dt.date(today.year, 1, 1),
        "date_to": today,
    }
    if "form" not in request.GET:
        return None, ReportForm(initial=initial, territories=territories)
    if request.GET.get("territory"):
        # Refuse a territory beside or above the user's own before anything else.
        _territory_for(request, request.GET["territory"])
    chooser = ReportForm(request.GET, territories=territories)
    if not chooser.is_valid():
        return None, chooser
    territory = _territory_for(request, chooser.cleaned_data["territory"])
    return (
        {
            "form": chooser.cleaned_data["form"],
            "territory": territory,
            "date_from": chooser.cleaned_data["date_from"],
            "date_to": chooser.cleaned_data["date_to"],
        },
        chooser,
    )


def _query(params: dict, **extra) -> str:
    return urlencode(
        {
            "form": params["form"],
            "territory": params["territory"].code,
            "date_from": params["date_from"].isoformat(),
            "date_to": params["date_to"].isoformat(),
            **extra,
        }
    )


def chart_bars(items: list[dict], records_url: str | None = None) -> dict:
    """Horizontal bars for an inline SVG chart: label, value, width in %, link."""
    top = max([item["value"] for item in items] + [1])
    bars = []
    for index, item in enumerate(items):
        bars.append(
            {
                **item,
                "y": index * 26,
                "width": round(100 * item["value"] / top, 1),
                "url": f"{records_url}&figure={item['key']}"
                if records_url and "key" in item
                else "",
            }
        )
    return {"bars": bars, "height": len(items) * 26}


@login_required
def report_page(request):
    territories = list(report_territories_for(user=request.user))
    if not territories and not request.user.is_superuser:
        raise PermissionDenied(_("You have no role that may run reports."))
    params, chooser = _params(request, territories)
    context = {"chooser": chooser, "formats": list(FORMATS)}
    if params:
        try:
            data = report_build(**params)
        except ReportError as error:
            context["error"] = str(error)
        else:
            sheet = sheet_build(form=params["form"], data=data)
            records_url = reverse("reports:records") + "?" + _query(params)
            context.update(
                {
                    "params": params,
                    "sheet": sheet,
                    "semantics": semantics(params["form"]),
                    "records_url": records_url,
                    "export_url": reverse("reports:export") + "?" + _query(params),
                    "chart": chart_bars(sheet["chart"], records_url),
                }
            )
    return render(request, "reports/report.html", context)


@login_required
def report_export_view(request):
    territories = list(report_territories_for(user=request.user))
    params, chooser = _params(request, territories)
    fmt = request.GET.get("format", "json")
    if params is None or fmt not in FORMATS:
        return HttpResponse(_("Choose a form, a territory, a period and a format."), status=400)
    try:
        data = report_build(**params)
        content = report_export(form=params["form"], data=data, fmt=fmt)
    except ReportError as error:
        return HttpResponse(str(error), status=400)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = (
        f"{params['form']}_{params['territory'].code}_"
        f"{params['date_from']:%Y%m%d}-{params['date_to']:%Y%m%d}.{fmt}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_records_view(request):
    territories = list(report_territories_for(user=request.user))
    params, chooser = _params(request, territories)
    figure = request.GET.get("figure", "")
    if params is None:
        return HttpResponse(_("Choose a form, a territory and a period."), status=400)
    try:
        source, records = report_records(figure=figure, **params)
        data = report_build(**params)
    except ReportError as error:
        return HttpResponse(str(error), status=404)
    if source == APPEALS:
        records = records.select_related("territory", "topic", "office").order_by(
            "registered_on", "id"
        )
    elif source == MEETINGS:
        records = records.select_related("territory").order_by("held_on", "planned_on", "id")
    else:
        records = records.select_related("meeting", "meeting__territory", "topic").order_by(
            "meeting__held_on", "id"
        )
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    from .sheets import figure_value

    return render(
        request,
        "reports/records.html",
        {
            "params": params,
            "form_label": FORMS[params["form"]],
            "figure": figure,
            "value": figure_value(data, figure),
            "source": source,
            "page": page,
            "report_url": reverse("reports:report") + "?" + _query(params),
            "page_query": _query(params, figure=figure),
            "semantics": semantics(params["form"]),
        },
    )


@login_required
def dashboard_page(request):
    territories = list(report_territories_for(user=request.user))
    if not territories and not request.user.is_superuser:
        raise PermissionDenied(_("You have no role that may run reports."))
    code = request.GET.get("territory") or (territories[0].code if territories else "")
    territory = _territory_for(request, code)
    data = dashboard_data(territory=territory)
    lang = (get_language() or "ru")[:2]
    topic_items = [
        {
            "label": row.get(f"topic__name_{lang}") or row["topic__name_ru"],
            "value": row["value"],
        }
        for row in data["by_topic"]
    ]
    executor_items = [
        {
            "label": " ".join(
                filter(None, [row["executor__first_name"], row["executor__last_name"]])
            )
            or _("not assigned"),
            "value": row["value"],
            "overdue": row["overdue"],
        }
        for row in data["by_executor"]
    ]
    top_trend = max(
        [m["received"] for m in data["trend"]] + [m["decided"] for m in data["trend"]] + [1]
    )
    trend = [
        {
            **m,
            "x": i * 48,
            "h_received": round(140 * m["received"] / top_trend),
            "h_decided": round(140 * m["decided"] / top_trend),
            "y_received": 150 - round(140 * m["received"] / top_trend),
            "y_decided": 150 - round(140 * m["decided"] / top_trend),
        }
        for i, m in enumerate(data["trend"])
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "territory": territory,
            "territories": territories,
            "data": data,
            "inbox_url": reverse("appeals:inbox"),
            "bands_chart": chart_bars(
                [
                    {**b, "url": reverse("appeals:inbox") + f"?band={b['band']}"}
                    for b in data["bands"]
                ]
            ),
            "topics_chart": chart_bars(topic_items),
            "executors_chart": chart_bars(executor_items),
            "ratings_chart": chart_bars(
                [
                    {"label": "★" * d["score"], "value": d["value"]}
                    for d in data["satisfaction"]["distribution"]
                ]
            ),
            "trend": trend,
            "trend_width": len(trend) * 48,
        },
    )
