from django import forms
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.models import Topic
from tyndau.core import calendar
from tyndau.territory.models import AkimLevel

from .models import (
    ATTENDANCE_FIELDS,
    BROADCAST_FIELDS,
    MEDIA_FIELDS,
    OFFICIAL_FIELDS,
    WEEKDAYS,
    Meeting,
    MeetingKind,
    ReceptionSchedule,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Where it is held"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    planned_on = forms.DateField(label=_("Planned date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Start time"), required=False, widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    title = forms.CharField(label=_("Subject"), max_length=255, required=False)
    title_kk = forms.CharField(label=_("Subject in Kazakh"), max_length=255, required=False)
    title_en = forms.CharField(label=_("Subject in English"), max_length=255, required=False)
    broadcast_url = forms.URLField(label=_("Broadcast link"), required=False, assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Date held"), widget=DATE)
    participants_offline = forms.IntegerField(label=_("Present in person"), min_value=0)
    participants_instagram = forms.IntegerField(label=_("Watched on Instagram"), min_value=0)
    participants_facebook = forms.IntegerField(label=_("Watched on Facebook"), min_value=0)
    participants_videoconference = forms.IntegerField(
        label=_("Joined by video conference"), min_value=0
    )
    participants_tv = forms.IntegerField(label=_("Watched on TV"), min_value=0)
    speakers = forms.IntegerField(label=_("Speakers"), min_value=0)
    broadcasts_instagram = forms.IntegerField(label=_("Broadcasts on Instagram"), min_value=0)
    broadcasts_facebook = forms.IntegerField(label=_("Broadcasts on Facebook"), min_value=0)
    broadcasts_videoconference = forms.IntegerField(
        label=_("Broadcasts by video conference"), min_value=0
    )
    broadcasts_tv = forms.IntegerField(label=_("Broadcasts on TV"), min_value=0)
    broadcast_url = forms.URLField(label=_("Broadcast link"), required=False, assume_scheme="https")
    media_central = forms.IntegerField(label=_("Central media"), min_value=0)
    media_local = forms.IntegerField(label=_("Local media"), min_value=0)
    media_social = forms.IntegerField(label=_("Social networks"), min_value=0)
    officials_government = forms.IntegerField(
        label=_("Presidential Administration or Government"), min_value=0
    )
    officials_parliament = forms.IntegerField(label=_("Parliament"), min_value=0)
    officials_state_bodies = forms.IntegerField(
        label=_("Central and local state bodies"), min_value=0
    )
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    GROUPS = [
        (_("Attendance"), ["held_on", *ATTENDANCE_FIELDS]),
        (_("Online broadcasts"), [*BROADCAST_FIELDS, "broadcast_url"]),
        (_("Media coverage"), MEDIA_FIELDS),
        (_("Officials present"), OFFICIAL_FIELDS),
        (_("Minutes"), ["minutes"]),
    ]

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        initial = {name: getattr(meeting, name) for name in cls.base_fields}
        initial["held_on"] = meeting.held_on or min(meeting.planned_on, calendar.today())
        return initial


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


class FilesForm(forms.Form):
    protocol = forms.FileField(label=_("Protocol (PDF)"), required=False)
    photo = forms.ImageField(label=_("Photo"), required=False)


class QuestionForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(is_active=True))
    text = forms.CharField(
        label=_("Question or proposal"), widget=forms.Textarea(attrs={"rows": 3})
    )
    repeated = forms.BooleanField(label=_("Raised before (repeated)"), required=False)
    critical_of = forms.TypedChoiceField(
        label=_("Critical remark aimed at akim level"),
        choices=[("", _("not a critical remark"))] + list(AkimLevel.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )


class AssignForm(forms.Form):
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=None)
    text = forms.CharField(label=_("What must be done"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for 15 working days."),
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = (
            get_user_model()
            .objects.filter(memberships__office=office, is_active=True)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["executor"].label_from_instance = lambda u: u.get_full_name() or u.username


class QuestionAppealForm(forms.Form):
    applicant_name = forms.CharField(label=_("Resident's full name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


class CompleteForm(forms.Form):
    result = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ControlForm(forms.Form):
    """Put on (``on``) or take off the akim's special control."""

    on = forms.BooleanField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Reception days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)
    slot_minutes = forms.IntegerField(label=_("Minutes per visitor"), min_value=5, max_value=240)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    received_by = forms.CharField(label=_("Who receives"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, schedule: ReceptionSchedule) -> dict:
        return {name: getattr(schedule, name) for name in cls.base_fields}


def slot_choices(slots) -> list[tuple[str, str]]:
    return [
        (
            timezone.localtime(at).isoformat(),
            formats.date_format(timezone.localtime(at), "D d.m.Y H:i"),
        )
        for at, free in slots
        if free
    ]


class BookingForm(forms.Form):
    slot = forms.ChoiceField(label=_("Time"))
    name = forms.CharField(label=_("Full name"), max_length=255)
    phone = forms.CharField(label=_("Phone"), max_length=32)
    email = forms.EmailField(label=_("E-mail"), required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(is_active=True))
    summary = forms.CharField(
        label=_("What the question is about"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = slot_choices(slots)

    def clean_slot(self):
        import datetime as dt

        return dt.datetime.fromisoformat(self.cleaned_data["slot"])


class VisitorForm(forms.Form):
    visitor_name = forms.CharField(label=_("Visitor's full name"), max_length=255)
    iin = forms.CharField(label=_("IIN"), max_length=12, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


class AskedForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(is_active=True), required=False
    )
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("topic"):
            self.add_error("topic", _("Choose the topic of the question."))
        return data


AskedFormSet = forms.formset_factory(AskedForm, extra=3)
