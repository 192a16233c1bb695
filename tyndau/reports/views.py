"""Report pages: choose a form, a territory and a period; the sheet, a chart, exports and
the records behind every figure; the akim's dashboard."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tyndau.core import calendar
from tyndau.territory.models import Territory

from .dashboard import dashboard_data
from .definitions import FORMS, SCOPES
from .exports import FORMATS, report_export
from .selectors import report_territories_for
from .services import APPEALS, MEETINGS, RECEPTIONS, ReportError, report_build, report_records
from .sheet_notes import semantics
from .sheets import sheet_build


class ReportForm(forms.Form):
    form = forms.ChoiceField(label=gettext_lazy("Report form"), choices=())
    territory = forms.ChoiceField(label=gettext_lazy("Territory"), choices=())
    date_from = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = forms.ChoiceField(label=gettext_lazy("Whose records"), choices=(), required=False)

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [(code, label) for code, label in FORMS.items()]
        self.fields["scope"].choices = [("", _("as the official form has it"))] + [
            (code, label) for code, label in SCOPES.items()
        ]
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
            "scope": chooser.cleaned_data.get("scope") or None,
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
            **({"scope": params["scope"]} if params.get("scope") else {}),
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
    elif source == RECEPTIONS:
        # The visit, not the visitor: names stay in the reception journal.
        records = (
            records.select_related("office__territory")
            .annotate(question_count=Count("questions"))
            .order_by("held_at", "id")
        )
    else:
        records = records.select_related("meeting", "meeting__territory", "topic").order_by(
            "meeting__held_on", "id"
        )
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    from .sheets import figure_label, figure_value

    return render(
        request,
        "reports/records.html",
        {
            "params": params,
            "form_label": FORMS[params["form"]],
            "figure": figure,
            "figure_label": figure_label(form=params["form"], data=data, key=figure),
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


# --- the register of assignments and the protocol of a meeting ----------------------------


class RegisterForm(forms.Form):
    meeting = forms.ModelChoiceField(label=gettext_lazy("Meeting"), queryset=None, required=False)
    executor = forms.ModelChoiceField(label=gettext_lazy("Executor"), queryset=None, required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=(), required=False)
    due_from = forms.DateField(
        label=gettext_lazy("Deadline from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_to = forms.DateField(
        label=gettext_lazy("Deadline to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)

    def __init__(self, *args, assignments, **kwargs):
        from django.contrib.auth import get_user_model

        from tyndau.meetings.models import AssignmentStatus, Meeting

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            pk__in=assignments.values("question__meeting_id")
        ).order_by("-held_on", "-planned_on")
        self.fields["executor"].queryset = (
            get_user_model()
            .objects.filter(pk__in=assignments.values("executor_id"))
            .order_by("last_name", "first_name")
        )
        self.fields["executor"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["status"].choices = [("", _("any"))] + list(AssignmentStatus.choices)

    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data

    def register_filter(self):
        from .registers import RegisterFilter

        data = self.cleaned_data
        return RegisterFilter(
            meeting=data["meeting"].pk if data.get("meeting") else None,
            executor=data["executor"].pk if data.get("executor") else None,
            status=data.get("status") or "",
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            overdue=bool(data.get("overdue")),
        )


def _register(request):
    """(chooser, filtered assignments or None, query string) of the register."""
    from tyndau.meetings.selectors import assignment_list_visible_to

    from .registers import RegisterFilter, register_filter

    visible = assignment_list_visible_to(user=request.user)
    chooser = RegisterForm(request.GET or None, assignments=visible)
    if request.GET and not chooser.is_valid():
        return chooser, None, ""
    flt = chooser.register_filter() if request.GET else RegisterFilter()
    query = urlencode({k: v for k, v in request.GET.items() if k not in ("page", "format")})
    return chooser, register_filter(visible, flt), query


def _register_title(request) -> tuple[str, str]:
    today = dt.date.today()
    subtitle = _("As of %(date)s") % {"date": f"{today:%d.%m.%Y}"}
    return _("Register of assignments (deadlines and responsible executors)"), subtitle


@login_required
def assignment_register_page(request):
    from .registers import register_columns, register_rows

    chooser, assignments, query = _register(request)
    page = Paginator(assignments if assignments is not None else [], 50).get_page(
        request.GET.get("page")
    )
    rows = register_rows(page.object_list) if assignments is not None else []
    offset = (page.number - 1) * 50
    for row in rows:
        row["number"] += offset
    return render(
        request,
        "reports/assignments.html",
        {
            "chooser": chooser,
            "page": page,
            "rows": rows,
            "columns": register_columns(),
            "query": query,
        },
    )


@login_required
def assignment_register_export(request):
    from .registers import register_pdf, register_rows, register_xlsx

    fmt = request.GET.get("format", "")
    chooser, assignments, _query = _register(request)
    if assignments is None or fmt not in ("xlsx", "pdf"):
        return HttpResponse(_("Choose valid filters and a format (xlsx or pdf)."), status=400)
    title, subtitle = _register_title(request)
    rows = register_rows(assignments)
    try:
        exporter = register_xlsx if fmt == "xlsx" else register_pdf
        content = exporter(rows=rows, title=title, subtitle=subtitle)
    except ReportError as error:
        return HttpResponse(str(error), status=400)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="assignments_{dt.date.today():%Y%m%d}.{fmt}"'
    )
    return response


PROTOCOL_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
def meeting_protocol(request, pk: int):
    from django.http import Http404

    from tyndau.meetings.selectors import meeting_get_visible_to

    from .registers import protocol_docx, protocol_pdf

    meeting = meeting_get_visible_to(user=request.user, pk=pk)
    if meeting is None or not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404(_("No such meeting."))
    fmt = request.GET.get("format", "pdf")
    lang = request.GET.get("lang") or (get_language() or "ru")[:2]
    if fmt not in PROTOCOL_TYPES:
        return HttpResponse(_("The protocol is written as PDF or DOCX."), status=400)
    try:
        writer = protocol_pdf if fmt == "pdf" else protocol_docx
        content = writer(meeting=meeting, lang=lang)
    except ReportError as error:
        return HttpResponse(str(error), status=400)
    response = HttpResponse(content, content_type=PROTOCOL_TYPES[fmt])
    day = meeting.held_on or meeting.planned_on
    response["Content-Disposition"] = (
        f'attachment; filename="protocol_{meeting.pk}_{day:%Y%m%d}_{lang}.{fmt}"'
    )
    return response
