"""Each form laid out like its official sheet: header rows and body rows of cells.

A sheet is plain data that the HTML page, the XLSX and PDF exports all draw from, so the
three look alike. A cell with a ``key`` holds a figure of the report; the HTML page links
it to the records behind it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tyndau.territory.models import AkimLevel

from .cells import blank, fig, figure_value, head, text
from .cells import title as _title
from .definitions import (
    AKIM_LEVELS,
    APPEAL_OUTCOMES,
    APPEAL_TOPICS,
    COLUMNS,
    DECREE_826,
    PERSONAL_RECEPTION,
    REPORTING_MEETINGS,
)
from .sheet_notes import row_notes


def appeal_outcomes_sheet(data: dict) -> dict:
    header = [
        [
            head("№", rowspan=2),
            head(_("Total received"), rowspan=2),
            head(_("Total considered"), rowspan=2),
            head(_("Redirected to other bodies"), rowspan=2),
            head(_("Of them:"), colspan=5),
            head(_("Of the received:"), colspan=5),
            head(_("Pending at the end of the period"), rowspan=2),
        ],
        [
            head(pgettext("report sheet", "satisfied")),
            head(pgettext("report sheet", "refused")),
            head(pgettext("report sheet", "explained")),
            head(pgettext("report sheet", "terminated")),
            head(pgettext("report sheet", "considered repeatedly")),
            head(pgettext("report sheet", "individuals")),
            head(pgettext("report sheet", "legal entities")),
            head(pgettext("report sheet", "at a personal reception")),
            head(pgettext("report sheet", "anonymous")),
            head(pgettext("report sheet", "repeated")),
        ],
    ]
    keys = [
        "received",
        "considered",
        "redirected",
        "satisfied",
        "refused",
        "explained",
        "terminated",
        "considered_repeatedly",
        "received_by_source.individual",
        "received_by_source.legal_entity",
        "received_by_source.personal_reception",
        "received_by_source.anonymous",
        "repeated",
        "pending_at_end",
    ]
    rows = [[text("1")] + [fig(data, k) for k in keys]]
    chart = [
        (pgettext("report sheet", "received"), "received"),
        (pgettext("report sheet", "considered"), "considered"),
        (pgettext("report sheet", "redirected"), "redirected"),
        (pgettext("report sheet", "satisfied"), "satisfied"),
        (pgettext("report sheet", "refused"), "refused"),
        (pgettext("report sheet", "explained"), "explained"),
        (pgettext("report sheet", "terminated"), "terminated"),
        (pgettext("report sheet", "pending at the end"), "pending_at_end"),
    ]
    return {"header": header, "rows": rows, "chart": chart}


def appeal_topics_sheet(data: dict) -> dict:
    header = [[head("№"), head(_("Nature of the questions")), head(_("Number of appeals"))]]
    rows = [
        [text(i), text(label), fig(data, f"topics.{column}")]
        for i, (column, label) in enumerate(COLUMNS[APPEAL_TOPICS], start=1)
    ]
    rows.append(
        [blank(), text(pgettext("report sheet", "Total"), bold=True), fig(data, "total", bold=True)]
    )
    chart = [(label, f"topics.{column}") for column, label in COLUMNS[APPEAL_TOPICS]]
    return {"header": header, "rows": rows, "chart": chart}


def personal_reception_sheet(data: dict) -> dict:
    columns = COLUMNS[PERSONAL_RECEPTION]
    header = [
        [
            head(_("Personal reception"), rowspan=2),
            head(_("Total received at the reception"), rowspan=2),
            head(_("Including by category of questions"), colspan=len(columns)),
            head(_("Of them"), colspan=3),
        ],
        [head(label) for _c, label in columns]
        + [
            head(pgettext("report sheet", "satisfied")),
            head(pgettext("report sheet", "explained")),
            head(pgettext("report sheet", "rejected")),
        ],
    ]
    rows = [
        [text(data["territory"]["name"]), fig(data, "total")]
        + [fig(data, f"categories.{column}") for column, _label in columns]
        + [fig(data, "satisfied"), fig(data, "explained"), fig(data, "rejected")]
    ]
    chart = [(label, f"categories.{column}") for column, label in columns]
    return {"header": header, "rows": rows, "chart": chart}


def _akim_lines(case: str) -> dict:
    """The six lines by akim level of a Decree 826 row, worded as the seed's sheet words
    them for that row: who held the meetings (rows 1–2), to whom appeals and remarks were
    addressed (rows 6 and 8), by whom receptions were held (row 7)."""
    lines = {
        "held": [
            pgettext(
                "decree 826: held",
                "akim of an oblast, a city of republican significance, the capital",
            ),
            pgettext(
                "decree 826: held",
                "akims of districts in a city of republican significance, the capital",
            ),
            pgettext("decree 826: held", "akims of cities of oblast significance"),
            pgettext("decree 826: held", "akims of districts in a city of oblast significance"),
            pgettext("decree 826: held", "akims of districts"),
            pgettext(
                "decree 826: held",
                "akims of rural districts, villages, towns of district significance",
            ),
        ],
        "addressed": [
            pgettext(
                "decree 826: addressed to",
                "akim of an oblast, a city of republican significance, the capital",
            ),
            pgettext(
                "decree 826: addressed to",
                "akims of districts in a city of republican significance, the capital",
            ),
            pgettext("decree 826: addressed to", "akims of cities of oblast significance"),
            pgettext(
                "decree 826: addressed to", "akims of districts in a city of oblast significance"
            ),
            pgettext("decree 826: addressed to", "akims of districts"),
            pgettext(
                "decree 826: addressed to",
                "akims of rural districts, villages, towns of district significance",
            ),
        ],
        "by": [
            pgettext(
                "decree 826: by",
                "akim of an oblast, a city of republican significance, the capital",
            ),
            pgettext(
                "decree 826: by",
                "akims of districts in a city of republican significance, the capital",
            ),
            pgettext("decree 826: by", "akims of cities of oblast significance"),
            pgettext("decree 826: by", "akims of districts in a city of oblast significance"),
            pgettext("decree 826: by", "akims of districts"),
            pgettext(
                "decree 826: by",
                "akims of rural districts, villages, towns of district significance",
            ),
        ],
    }[case]
    return {str(level.value): line for level, line in zip(AkimLevel, lines, strict=True)}


def _media_lines(line, number: str, label: str, *, social: bool) -> None:
    """The rows of the media coverage of meetings (both meeting forms have them)."""
    line(number, label, "media.total", bold=True)
    line("", _("in central (republican) media"), "media.central", indent=True)
    line("", _("in local (oblast, district) media"), "media.local", indent=True)
    if social:
        line("", _("in social networks"), "media.social", indent=True)


def _officials_lines(
    line, number: str, label: str, bodies: list[tuple[str, str]], *, total
) -> None:
    """The rows of the officials present at meetings, by the body they came from. Decree
    826 gives the row's total; the reporting-meeting sheet only its three lines."""
    if total:
        line(number, label, "officials_present.total", bold=True)
    else:
        line(number, label, None, bold=True)
    for key, body in bodies:
        line("", body, f"officials_present.{key}", indent=True)


def decree_826_sheet(data: dict) -> dict:
    quarters = data["quarters"]
    header = [
        [head("№"), head(_("Measures under Presidential Decree No. 826 of 3 March 2022"))]
        + [head(_("Q%(q)s %(year)s") % {"q": q["quarter"], "year": q["year"]}) for q in quarters]
    ]
    rows: list[list[dict]] = []

    def line(number, label, key, *, bold=False, indent=False):
        rows.append(
            [text(number), text(label, bold=bold, indent=indent)]
            + [fig(data, f"quarters.{i}.{key}", bold=bold) for i in range(len(quarters))]
        )

    def by_level(key, case):
        lines = _akim_lines(case)
        for level in AKIM_LEVELS:
            line("", lines[level], f"{key}.by_level.{level}", indent=True)

    line(
        "1.",
        _("Total meetings of akims of all levels planned"),
        "meetings_planned.total",
        bold=True,
    )
    by_level("meetings_planned", "held")
    line(
        "2.",
        _("Meetings of akims of all levels held (cumulative)"),
        "meetings_held.total",
        bold=True,
    )
    by_level("meetings_held", "held")
    # The online channels, in the order of the form (``meetings.models.ONLINE_CHANNELS``).
    channels = [
        ("instagram", "Instagram"),
        ("facebook", "Facebook"),
        ("videoconference", pgettext("report sheet", "video conference")),
        ("tv", _("television")),
    ]
    line("3.", _("Online broadcasts of the meetings (cumulative)"), "broadcasts.total", bold=True)
    for key, label in channels:
        line("", label, f"broadcasts.{key}", indent=True)
    line(
        "4.",
        _("Residents who took part in the meetings (cumulative)"),
        "participants.total",
        bold=True,
    )
    line("", _("offline"), "participants.offline", indent=True)
    line("", _("through online broadcasts"), "participants.online", indent=True)
    for key, label in channels:
        line("", label, f"participants.{key}", indent=True)
    line("5.", _("Questions raised and proposals made (cumulative)"), "questions.total", bold=True)
    for i, (column, label) in enumerate(COLUMNS[DECREE_826], start=1):
        line("", f"{i}) {label}", f"questions.by_topic.{column}", indent=True)
    line(
        "6.",
        _("Appeals of citizens through social networks, blogs, e-mail and others (cumulative)"),
        "social_appeals.total",
        bold=True,
    )
    by_level("social_appeals", "addressed")
    line(
        "7.",
        _("Receptions of citizens held (cumulative), by"),
        "receptions.total",
        bold=True,
    )
    by_level("receptions", "by")
    line(
        "",
        _("Citizens who took part in the receptions (cumulative)"),
        "receptions.citizens",
        bold=True,
    )
    line(
        "8.",
        _("Critical remarks made (cumulative), addressed to"),
        "critical_remarks.total",
        bold=True,
    )
    by_level("critical_remarks", "addressed")
    _media_lines(line, "9.", _("Media coverage of the meetings (cumulative)"), social=True)
    _officials_lines(
        line,
        "10.",
        _("Officials present at the meetings (cumulative)"),
        [
            ("government", _("Presidential Administration, Government")),
            ("parliament", pgettext("report sheet", "Parliament")),
            ("state_bodies", pgettext("report sheet", "central and local state bodies")),
        ],
        total=True,
    )
    # Listed apart, as the seed does: not meetings with residents, so not in rows 1–10.
    line(
        "",
        _("Apart: meetings with heads of organisations planned (cumulative)"),
        "organisation_meetings.planned",
    )
    line(
        "",
        _("Apart: meetings with heads of organisations held (cumulative)"),
        "organisation_meetings.held",
    )
    last = len(quarters) - 1
    chart = [
        (label, f"quarters.{last}.questions.by_topic.{column}")
        for column, label in COLUMNS[DECREE_826]
    ]
    return {"header": header, "rows": rows, "chart": chart}


def reporting_meetings_sheet(data: dict) -> dict:
    header = [
        [
            head("№"),
            head(_("Indicator")),
            head(pgettext("report sheet", "Total")),
            head(_("of them repeated")),
        ]
    ]
    rows: list[list[dict]] = []

    def line(number, label, key, repeated=None, *, bold=False, indent=False):
        rows.append(
            [text(number), text(label, bold=bold, indent=indent)]
            + [fig(data, key, bold=bold) if key else blank()]
            + [fig(data, repeated, bold=bold) if repeated else blank()]
        )

    line(
        "1.",
        _(
            "Reporting meetings planned (all meetings of akims of all levels planned for the "
            "whole period)"
        ),
        "planned",
        bold=True,
    )
    line(
        "2.",
        _("Reporting meetings held (as of the report's date, with the earlier meetings)"),
        "held",
        bold=True,
    )
    line("", _("of them with an online broadcast"), "held_online", indent=True)
    line("3.", _("Residents who took part"), "present", bold=True)
    line("4.", _("Residents who spoke"), "speakers", bold=True)
    line("5.", _("Critical remarks made, addressed to"), "critical_remarks.total", bold=True)
    for key, label in [
        ("local", _("the akim of the rural district or settlement")),
        ("district", _("the akim of the district (city)")),
        ("oblast", _("the akim of the oblast")),
    ]:
        line("", label, f"critical_remarks.by_level.{key}", indent=True)
    line("6.", _("Proposals made"), "proposals.total", "proposals.repeated", bold=True)
    for column, label in COLUMNS[REPORTING_MEETINGS]:
        line(
            "",
            label,
            f"proposals.by_category.{column}.total",
            f"proposals.by_category.{column}.repeated",
            indent=True,
        )
    _media_lines(line, "7.", _("Media coverage in all, including:"), social=False)
    _officials_lines(
        line,
        "8.",
        _("Representatives present at the reporting meetings"),
        [
            (
                "government",
                pgettext("reporting meeting sheet", "Presidential Administration, Government"),
            ),
            ("parliament", pgettext("reporting meeting sheet", "Parliament")),
            ("state_bodies", _("local executive bodies")),
        ],
        total=False,
    )
    chart = [
        (label, f"proposals.by_category.{column}.total")
        for column, label in COLUMNS[REPORTING_MEETINGS]
    ]
    return {"header": header, "rows": rows, "chart": chart}


SHEETS = {
    APPEAL_OUTCOMES: appeal_outcomes_sheet,
    APPEAL_TOPICS: appeal_topics_sheet,
    PERSONAL_RECEPTION: personal_reception_sheet,
    DECREE_826: decree_826_sheet,
    REPORTING_MEETINGS: reporting_meetings_sheet,
}


def sheet_build(*, form: str, data: dict) -> dict:
    """The official sheet of a form filled with the report's data."""
    sheet = SHEETS[form](data)
    sheet["notes"] = row_notes(form)
    sheet["title"], sheet["subtitle"] = _title(form, data)
    sheet["width"] = sum(cell["colspan"] for cell in sheet["rows"][0])
    sheet["chart"] = [
        {"label": str(label), "key": key, "value": figure_value(data, key)}
        for label, key in sheet["chart"]
    ]
    return sheet


def _header_labels(sheet: dict) -> dict[int, list[str]]:
    """The header texts standing over each column of the sheet (merged cells included)."""
    over: dict[int, list[str]] = {}
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(sheet["header"]):
        column = 0
        for cell in header_row:
            while (r, column) in taken:
                column += 1
            for c in range(column, column + cell["colspan"]):
                if cell["text"]:
                    over.setdefault(c, []).append(str(cell["text"]))
                for below in range(cell.get("rowspan", 1)):
                    taken.add((r + below, c))
            column += cell["colspan"]
    return over


def figure_label(*, form: str, data: dict, key: str) -> str:
    """A figure named in words, as the sheet names it: its row's label and, on a sheet of
    several figure columns, the headers over its column ("Поступило — I квартал")."""
    sheet = sheet_build(form=form, data=data)
    over = _header_labels(sheet)
    figures_per_row = max(
        (sum(1 for cell in row if "key" in cell) for row in sheet["rows"]), default=1
    )
    for row in sheet["rows"]:
        column = 0
        for cell in row:
            if cell.get("key") == key:
                words = [str(c["text"]) for c in row if c.get("text") and "key" not in c]
                label = " ".join(w for w in words if not w.rstrip(".").isdigit())
                heads = [h for h in over.get(column, []) if h != "№"]
                if figures_per_row > 1 and heads:
                    label = " — ".join(filter(None, [label, " ".join(heads)]))
                return label or key
            column += cell["colspan"]
    return key
