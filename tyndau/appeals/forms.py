"""Forms of the staff pages. They validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.territory.models import Territory

from .models import ApplicantType, Channel, Kind, Language, Outcome, RiskBand, Status, Topic
from .uploads import clean_upload
from .validators import validate_bin, validate_iin, validate_received_at

STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.PORTAL]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked by size and content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        # Checked by content; photos come back without their EXIF (GPS) metadata.
        return [clean_upload(single(f, initial)) for f in files if f]


class RegisterForm(forms.Form):
    """The clerk's fast form for paper, phone, DM, reception, e-mail and meeting appeals."""

    channel = forms.ChoiceField(label=_("Channel"), choices=STAFF_CHANNELS)
    received_at = forms.DateTimeField(
        label=_("Received at (date and time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty for now."),
        validators=[validate_received_at],
    )
    applicant_type = forms.ChoiceField(label=_("Applicant"), choices=ApplicantType.choices)
    applicant_name = forms.CharField(label=_("Full name or organisation"), required=False)
    iin = forms.CharField(label=_("IIN"), required=False, max_length=12)
    bin = forms.CharField(label=_("BIN"), required=False, max_length=12)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=32)
    email = forms.EmailField(label=_("E-mail"), required=False)
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Kind.choices)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(is_active=True), to_field_name="code"
    )
    territory = forms.ModelChoiceField(label=_("Settlement"), queryset=Territory.objects.none())
    text = forms.CharField(label=_("Text of the appeal"), widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=_("Address"), required=False)
    street = forms.CharField(label=_("Street"), required=False)
    # Set by the map (a pin, "locate me" or a street from the office's list), never typed.
    latitude = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    signatories = forms.IntegerField(label=_("Signatories"), min_value=1, initial=1)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=Language.choices)
    against_official = forms.BooleanField(label=_("Complaint against an official"), required=False)
    threat_to_life = forms.BooleanField(label=_("Threat to life or health"), required=False)
    crime_report = forms.BooleanField(
        label=_("Reports a crime or a threat to security"), required=False
    )
    social_assistance_recipient = forms.BooleanField(
        label=_("Applicant receives social assistance"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        if office is not None:
            self.fields["territory"].queryset = office.territory.subtree().order_by("path")
            self.fields["territory"].initial = office.territory

    def clean_iin(self):
        value = self.cleaned_data["iin"].strip()
        if value:
            validate_iin(value)
        return value

    def clean_bin(self):
        value = self.cleaned_data["bin"].strip()
        if value:
            validate_bin(value)
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == ApplicantType.LEGAL_ENTITY and not data.get("bin"):
            self.add_error("bin", _("A legal entity's appeal needs its BIN."))
        if kind == ApplicantType.INDIVIDUAL and not (
            data.get("applicant_name") or data.get("phone") or data.get("email")
        ):
            self.add_error("applicant_name", _("Give the applicant's name or a way to reach them."))
        return data


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(VersionedForm):
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=None)
    co_executors = forms.ModelMultipleChoiceField(
        label=_("Co-executors"), queryset=None, required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = candidates
        self.fields["co_executors"].queryset = candidates


class AnswerForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    file = forms.FileField(label=_("Answer letter (PDF)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload = clean_upload(upload)
        return upload


class ExtendForm(VersionedForm):
    until = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reasoned decision"), widget=forms.Textarea(attrs={"rows": 3}))


class RedirectForm(VersionedForm):
    to = forms.CharField(label=_("Competent body"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CloseForm(VersionedForm):
    pass


class ApproveForm(VersionedForm):
    pass


class ReturnForm(VersionedForm):
    comment = forms.CharField(
        label=_("What should the executor change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class ControlForm(VersionedForm):
    # The state asked for: the page offers the opposite of the current one.
    on = forms.BooleanField(required=False, widget=forms.HiddenInput)


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("open (not yet answered)")), ("all", _("any"))] + Status.choices,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="code",
        empty_label=_("any"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("any"))] + Channel.choices
    )
    band = forms.ChoiceField(
        label=_("Risk"), required=False, choices=[("", _("any"))] + RiskBand.choices
    )
    executor = forms.ChoiceField(label=_("Executor"), required=False)
    territory = forms.ChoiceField(label=_("Settlement"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    control = forms.BooleanField(label=_("On special control"), required=False)
    due_within = forms.IntegerField(
        label=_("Due within (working days)"), required=False, min_value=0, max_value=60
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("due", _("deadline, soonest first")),
            ("-registered", _("newest first")),
            ("registered", _("oldest first")),
            ("risk", _("highest risk first")),
            ("number", _("number")),
        ],
    )

    def __init__(self, *args, executors=(), territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor"].choices = [("", _("any")), ("me", _("me"))] + [
            (str(u.pk), str(u)) for u in executors
        ]
        self.fields["territory"].choices = [("", _("any"))] + [
            (t.code, t.name) for t in territories
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        if data.get("topic"):
            data["topic"] = data["topic"].code
        return data
