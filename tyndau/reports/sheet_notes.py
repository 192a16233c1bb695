"""What a sheet states in words: under its table, what each row counts (with the admin's
current mapping of topics to rows), and on the report, how its figures are counted."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .definitions import (
    APPEAL_OUTCOMES,
    APPEAL_TOPICS,
    COLUMNS,
    DECREE_826,
    MAPPED_FORMS,
    PERSONAL_RECEPTION,
    REPORTING_MEETINGS,
)


def _mapping_notes(form: str) -> list[str]:
    """One line per topic column of a mapped form: the internal topics it counts, as the
    admin's topic mapping says now (unmapped topics count under "other")."""
    from .models import FormTopicMapping

    topics: dict[str, list[str]] = {}
    for mapping in FormTopicMapping.objects.filter(form=form).select_related("topic"):
        topics.setdefault(mapping.column, []).append(mapping.topic.name)
    lines = []
    for column, label in COLUMNS[form]:
        names = ", ".join(sorted(topics.get(column, [])))
        if column == "other":
            names = (names + "; " if names else "") + _("every topic not mapped to another row")
        lines.append(
            _("“%(row)s” counts the topics: %(topics)s.")
            % {"row": label, "topics": names or _("none")}
        )
    return lines


def row_notes(form: str) -> list[str]:
    """What each row (or column) of the sheet counts, stated under the table."""
    if form == APPEAL_OUTCOMES:
        lines = [
            _("Total received: appeals registered within the period."),
            _(
                "Total considered and each outcome (satisfied, refused, explained, "
                "terminated): appeals decided with that outcome within the period, whenever "
                "registered; considered repeatedly: of them, those marked repeated."
            ),
            _(
                "Redirected to other bodies: appeals decided within the period without an "
                "outcome, sent to another body."
            ),
            _(
                "Of the received: individuals, legal entities and anonymous exclude the "
                "appeals received at a personal reception, which are counted on their own; "
                "repeated: received appeals marked repeated."
            ),
            _(
                "Pending at the end of the period: registered by its last day and not decided "
                "on that day."
            ),
        ]
    elif form == PERSONAL_RECEPTION:
        lines = [
            _(
                "Total received at the reception and each category: appeals with channel "
                "“personal reception” registered within the period."
            ),
            _(
                "Satisfied, explained, rejected: appeals of the personal reception decided "
                "with that outcome within the period."
            ),
        ]
    elif form == DECREE_826:
        lines = [
            _(
                "Rows 1–2: meetings with residents by planned date (every status) and by "
                "date held; meetings with heads of organisations are listed apart below."
            ),
            _("Row 3: broadcasts of the meetings held, by channel."),
            _(
                "Row 4: residents present in the hall (offline) and watching the broadcasts, "
                "of the meetings held."
            ),
            _("Row 5: questions and proposals raised at the meetings held, by topic row."),
            _(
                "Row 6: appeals registered through an online channel: social networks, "
                "e-mail, the portal and e-Otinish (the blog platform)."
            ),
            _(
                "Row 7: receptions held, i.e. the days on which an office received citizens "
                "at a personal reception (visits recorded in the reception journal); "
                "citizens: the visits."
            ),
            _("Row 8: critical remarks among the questions raised, by the level they address."),
            _("Rows 9–10: media items and officials present at the meetings held."),
            _(
                "By level: the akim level of the office that holds the meeting, receives the "
                "appeal or holds the reception."
            ),
        ]
    elif form == REPORTING_MEETINGS:
        lines = [
            _("Rows 1–2: reporting meetings by planned date and by date held."),
            _("Rows 3–4: residents present (in the hall and online) and residents who spoke."),
            _(
                "Row 5: critical remarks among the proposals, by the level they address: "
                "rural district or settlement; district, city or district in a city; oblast."
            ),
            _(
                "Row 6: proposals (questions raised) at the reporting meetings held, with "
                "how many of each category are repeated."
            ),
            _(
                "Row 7: media coverage in all (central, local and social networks); its rows "
                "are the central and the local media."
            ),
            _("Row 8: representatives present from each kind of body."),
        ]
    else:
        lines = [_("Number of appeals: appeals registered within the period, by topic row.")]
    if form in MAPPED_FORMS:
        lines += _mapping_notes(form)
    return lines


def semantics(form: str) -> list[str]:
    """How the figures of a form are counted, in words shown on the report."""
    territory = _(
        "Records belong to the territory where they happened. The scope “own records” "
        "counts those registered to the territory itself; “with everything below it” "
        "adds every territory below it."
    )
    if form in (APPEAL_OUTCOMES, APPEAL_TOPICS, PERSONAL_RECEPTION):
        lines = [
            _("Received: appeals registered within the period."),
            _(
                "Considered, redirected and each outcome: appeals decided within the period, "
                "whenever they were registered (appeals carried over from earlier periods "
                "count), so considered plus redirected may exceed received."
            ),
        ]
        if form == APPEAL_OUTCOMES:
            lines.append(
                _(
                    "Pending at the end: appeals registered by the end of the period and not "
                    "decided on that date."
                )
            )
        if form == PERSONAL_RECEPTION:
            lines.append(
                _("Only appeals received at a personal reception (channel “personal reception”).")
            )
        return lines + [territory]
    if form == DECREE_826:
        return [
            _(
                "Every figure is cumulative from 1 January to the end of the quarter (or to "
                "the end of the period, if earlier)."
            ),
            _("Meetings planned count by the planned date, meetings held by the date held."),
            _(
                "By level: the akim level of the office that holds the meeting or receives "
                "the appeal; critical remarks by the level they are aimed at."
            ),
            _(
                "Appeals through social networks, blogs, e-mail and others: appeals with an "
                "online channel (social network, e-mail, portal, e-Otinish)."
            ),
            _(
                "Receptions: days on which an office received citizens at a personal "
                "reception (the reception journal); citizens: the visits recorded."
            ),
            _("Meetings with heads of organisations are counted apart from rows 1–10."),
            territory,
        ]
    return [
        _("Reporting meetings only; planned by the planned date, held by the date held."),
        _("Proposals: questions raised at the reporting meetings held within the period."),
        territory,
    ]
