"""Which internal topics fall into which column of each report form (editable)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.fields import link
from tyndau.meetings.models import COUNT_FIELDS

from .definitions import COLUMNS, FORMS, MAPPED_FORMS


class FormTopicMapping(models.Model):
    """One internal topic counted in one column of a report form.

    A topic has at most one column per form; a topic with no row for a form is counted
    in that form's ``other`` column.
    """

    form = models.CharField(
        _("report form"),
        max_length=32,
        choices=[(f, FORMS[f]) for f in MAPPED_FORMS],
    )
    column = models.CharField(_("column"), max_length=48)
    topic = link(
        "appeals.Topic", _("topic"), on_delete=models.CASCADE, related_name="form_mappings"
    )

    class Meta:
        ordering = ["form", "column", "topic__order"]
        verbose_name = _("topic mapping of a report form")
        verbose_name_plural = _("topic mappings of report forms")
        constraints = [
            models.UniqueConstraint(fields=["form", "topic"], name="unique_form_topic_mapping")
        ]

    def __str__(self):
        return f"{self.form}: {self.topic} → {self.column}"

    def clean(self):
        columns = [c for c, _label in COLUMNS.get(self.form, [])]
        if self.column not in columns:
            raise ValidationError(
                {
                    "column": _("This form has no such column. Columns: %(columns)s.")
                    % {"columns": ", ".join(columns)}
                }
            )


class AppealTally(models.Model):
    """Maintained counts of appeals by territory, day or month, event and dimensions
    (see ``tyndau.reports.tally``); written only by database triggers and ``rebuild``."""

    territory_id = models.IntegerField()  # 0: the whole country
    own = models.SmallIntegerField()  # 1: the territory's own records; 0: its subtree
    grain = models.CharField(max_length=1)  # d: day, m: month (day = its first day)
    day = models.DateField()
    event = models.CharField(max_length=1)  # r registered, d decided, s settled
    topic_id = models.IntegerField()
    channel = models.CharField(max_length=32)
    applicant_type = models.CharField(max_length=16)
    outcome = models.CharField(max_length=16)
    flag = models.SmallIntegerField()  # r: undecided and no longer open; d: redirected
    repeated = models.SmallIntegerField()
    level = models.SmallIntegerField(default=0)  # o: akim level of the receiving office
    n = models.IntegerField()

    class Meta:
        verbose_name = _("maintained count of appeals")
        verbose_name_plural = _("maintained counts of appeals")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "territory_id",
                    "own",
                    "grain",
                    "day",
                    "event",
                    "topic_id",
                    "channel",
                    "applicant_type",
                    "outcome",
                    "flag",
                    "repeated",
                    "level",
                ],
                name="appeal_tally_key",
            )
        ]
        # The unique key's leading columns serve every read: a territory, a scope, a
        # grain and a range of days.

    def __str__(self):
        return f"{self.territory_id}/{self.own}/{self.grain}/{self.day}/{self.event}: {self.n}"


MEETING_TALLY_SUMS = list(COUNT_FIELDS)
MEETING_TALLY_KEY = [
    "territory_id",
    "own",
    "grain",
    "day",
    "event",
    "kind",
    "level",
    "online",
    "topic_id",
    "critical_of",
    "repeated",
]


class MeetingTally(models.Model):
    """Maintained counts of meetings and of the questions raised at them by territory,
    day or month, event and dimensions, with the sums of the meetings' count fields (see
    ``tyndau.reports.meeting_tally``); written only by database triggers and ``rebuild``."""

    territory_id = models.IntegerField()  # 0: the whole country
    own = models.SmallIntegerField()  # 1: the territory's own records; 0: its subtree
    grain = models.CharField(max_length=1)  # d: day, m: month (day = its first day)
    day = models.DateField()
    event = models.CharField(max_length=1)  # p planned, h held, q question raised (held)
    kind = models.CharField(max_length=16)  # the meeting's kind
    level = models.SmallIntegerField()  # akim level of the office holding it (p, h)
    online = models.SmallIntegerField()  # h: broadcast online (any broadcast)
    topic_id = models.IntegerField()  # q
    critical_of = models.SmallIntegerField()  # q: akim level criticised, 0: none
    repeated = models.SmallIntegerField()  # q
    n = models.IntegerField()
    broadcasts_instagram = models.BigIntegerField(default=0)
    broadcasts_facebook = models.BigIntegerField(default=0)
    broadcasts_videoconference = models.BigIntegerField(default=0)
    broadcasts_tv = models.BigIntegerField(default=0)
    participants_offline = models.BigIntegerField(default=0)
    participants_instagram = models.BigIntegerField(default=0)
    participants_facebook = models.BigIntegerField(default=0)
    participants_videoconference = models.BigIntegerField(default=0)
    participants_tv = models.BigIntegerField(default=0)
    speakers = models.BigIntegerField(default=0)
    media_central = models.BigIntegerField(default=0)
    media_local = models.BigIntegerField(default=0)
    media_social = models.BigIntegerField(default=0)
    officials_government = models.BigIntegerField(default=0)
    officials_parliament = models.BigIntegerField(default=0)
    officials_state_bodies = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("maintained count of meetings")
        verbose_name_plural = _("maintained counts of meetings")
        constraints = [models.UniqueConstraint(fields=MEETING_TALLY_KEY, name="meeting_tally_key")]

    def __str__(self):
        return f"{self.territory_id}/{self.own}/{self.grain}/{self.day}/{self.event}: {self.n}"


class TallyPause(models.Model):
    """A row here pauses the appeal tally's per-row insert trigger on SQLite while a bulk
    insert runs inside one transaction (``tally.counted_after_insert``); the inserted rows
    are then counted in one set-based statement. Empty outside such a transaction."""

    class Meta:
        verbose_name = _("pause of the appeal tally's trigger")
        verbose_name_plural = _("pauses of the appeal tally's trigger")

    def __str__(self):
        return f"tally pause {self.pk}"
