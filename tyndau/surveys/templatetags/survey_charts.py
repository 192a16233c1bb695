"""Server-drawn bar charts of survey results: inline SVG, no script, no build step.

``{% survey_chart item data %}`` draws one question's shares as horizontal bars, one bar
per group (all respondents, each option of a trait, or each cell of a cross table). The
chart is an image with a title and a description for screen readers; the table under it
keeps every figure, so nothing is only in the picture.
"""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

# Colours of the groups: distinguishable, and each at least 3:1 against white.
PALETTE = ["#0b5cad", "#c2410c", "#2b8a3e", "#862e9c", "#a16207", "#0e7490", "#be185d", "#4d7c0f"]
WIDTH = 640
LABEL_W = 210
PLOT_W = 350
VALUE_X = LABEL_W + PLOT_W + 8
MAX_LABEL = 32


def _n(value) -> str:
    """An SVG coordinate: always with a dot, whatever the language's decimal sign."""
    return f"{round(float(value), 1):g}"


def _pc(share) -> str:
    return f"{number_format(share or 0)}%"


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chart_of(item: dict, groups: list[dict], chart_id: str) -> dict | None:
    """The geometry of one question's chart (None for a free-text question)."""
    if not item["rows"]:
        return None
    n = max(len(groups), 1)
    bar = 16 if n == 1 else (12 if n <= 3 else 9)
    gap = 10
    legend = []
    top = 8
    if n > 1:
        x, y = 0, top
        for index, group in enumerate(groups):
            label = _short(group["label"] or _("All respondents"), 28)
            width = 22 + 7 * len(label)
            if x and x + width > WIDTH:
                x, y = 0, y + 18
            legend.append(
                {
                    "x": _n(x),
                    "y": _n(y),
                    "tx": _n(x + 16),
                    "ty": _n(y + 10),
                    "label": label,
                    "colour": PALETTE[index % len(PALETTE)],
                }
            )
            x += width + 12
        top = y + 26
    rows = []
    y = top
    for row in item["rows"]:
        bars = []
        for index, cell in enumerate(row["cells"]):
            share = float(cell["share"] or 0)
            bars.append(
                {
                    "y": _n(y + index * bar),
                    "w": _n(PLOT_W * share / 100),
                    "h": _n(bar - 2),
                    "ty": _n(y + index * bar + bar - 4),
                    "colour": PALETTE[index % len(PALETTE)],
                    "text": f"{cell['count']} · {_pc(share)}",
                    "share": _n(share),
                }
            )
        height = n * bar
        rows.append({"label": _short(row["label"]), "ly": _n(y + height / 2 + 4), "bars": bars})
        y += height + gap
    parts = []
    for row in item["rows"]:
        shares = ", ".join(
            f"{(g['label'] + ' ') if g['label'] else ''}{_pc(c['share'])}"
            for g, c in zip(groups, row["cells"], strict=False)
        )
        parts.append(f"{row['label']}: {shares}")
    return {
        "id": chart_id,
        "width": _n(WIDTH),
        "height": _n(y),
        "plot_x": _n(LABEL_W),
        "label_x": _n(LABEL_W - 6),
        "value_x": _n(VALUE_X),
        "axis_y1": _n(top - 4),
        "axis_y2": _n(y - gap + 4),
        "legend": legend,
        "rows": rows,
        "title": item["question"].text,
        "desc": _(
            "Bar chart of the shares of answers (per cent of those who answered): "
            "%(figures)s. The table below gives the same figures."
        )
        % {"figures": "; ".join(parts)},
    }


@register.inclusion_tag("surveys/_chart.html")
def survey_chart(item, data, prefix="chart"):
    chart_id = f"{prefix}-{item['question'].pk}"
    return {"chart": chart_of(item, data["groups"], chart_id)}
