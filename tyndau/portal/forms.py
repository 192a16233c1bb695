"""Forms of the public portal."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.models import Kind, Status, Topic
from tyndau.appeals.uploads import MAX_FILE_BYTES, MAX_FILES, clean_upload
from tyndau.appeals.validators import validate_iin
from tyndau.territory.models import LOCAL_LEVELS, Level, Territory

PORTAL_KINDS = [
    (Kind.STATEMENT, _("A request to solve a problem")),
    (Kind.COMPLAINT, _("A complaint")),
    (Kind.PROPOSAL, _("A proposal")),
    (Kind.REQUEST, _("A question (I need information)")),
]

_PHONE_OK = re.compile(r"^\+?[\d\s()-]{10,20}$")


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.plain


class TerritoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.parent_id and obj.level in (Level.VILLAGE, Level.SETTLEMENT):
            return f"{obj.name} ({obj.parent.name})"
        return obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def territory_choices():
    return (
        Territory.objects.filter(level__in=[*LOCAL_LEVELS, Level.CITY_OBLAST])
        .select_related("parent")
        .order_by("path")
    )


class AppealForm(forms.Form):
    """A resident's appeal (обращение) from the portal."""

    territory = TerritoryChoiceField(
        label=_("Your village or town"),
        queryset=Territory.objects.none(),
        empty_label=_("— choose —"),
        help_text=_("The appeal goes to the akimat that serves this place."),
    )
    topic = TopicChoiceField(
        label=_("What is it about?"),
        queryset=Topic.objects.none(),
        empty_label=_("— choose —"),
    )
    kind = forms.ChoiceField(
        label=_("What do you want?"),
        choices=PORTAL_KINDS,
        initial=Kind.STATEMENT,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your appeal"),
        min_length=10,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what happened, where and what you ask the akimat to do."),
    )
    address = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=255,
        help_text=_("Street and house, or a landmark. You can also put a pin on the map."),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    applicant_name = forms.CharField(
        label=_("Your full name"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    iin = forms.CharField(
        label=_("IIN (optional)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("12 digits. It helps the akimat find your earlier appeals."),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}
        ),
        help_text=_(
            "Up to 5 files: photos or PDF, 10 MB each. Location data is removed from photos."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data to consider this appeal."),
        error_messages={
            "required": _("Without this consent the akimat cannot consider the appeal.")
        },
    )
    publish_consent = forms.BooleanField(
        label=_("The text of my appeal may be published with my name and address."),
        required=False,
        help_text=_("Otherwise it is published without personal data."),
    )
    no_publication = forms.BooleanField(
        label=_("Do not publish my appeal at all."),
        required=False,
        help_text=_("Otherwise a clerk publishes it on the portal after removing personal data."),
    )
    private_terms = forms.CharField(
        label=_("Words that must never be published"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a diagnosis, a workplace or a relative's name; one a line."),
    )
    # A field people do not see and robots fill in (honeypot).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    client_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territory_choices()
        self.fields["topic"].queryset = Topic.objects.filter(is_active=True)
        # The browser refuses a file that is too large or of the wrong type before sending
        # (portal/uploads.js), so nothing typed is lost; the server checks again.
        self.fields["attachments"].widget.attrs.update(
            {
                "data-max-bytes": MAX_FILE_BYTES,
                "data-max-files": MAX_FILES,
                "data-too-large": _("“%(name)s” is too large: at most %(limit)s per file.")
                % {"name": "{name}", "limit": filesizeformat(MAX_FILE_BYTES)},
                "data-wrong-type": _(
                    "“%(name)s” is not a photo or a PDF document. "
                    "Attach JPEG, PNG, GIF, WEBP or PDF."
                )
                % {"name": "{name}"},
                "data-too-many": _("Attach at most %(n)d files.") % {"n": MAX_FILES},
            }
        )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE_OK.match(phone):
            raise ValidationError(_("Enter the phone number with digits, e.g. +7 701 123 45 67."))
        return phone

    def clean_iin(self):
        iin = self.cleaned_data["iin"].strip()
        if iin:
            validate_iin(iin)
        return iin

    def clean_client_key(self):
        key = self.cleaned_data["client_key"]
        if not re.fullmatch(r"[0-9a-f]{16,64}", key):
            raise ValidationError(_("The form is out of date: reload the page."))
        return key

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_FILES})
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error(
                "phone", _("Give a phone number or an e-mail so the akimat can answer you.")
            )
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("address", _("The map pin is incomplete: put it again."))
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


def _appeal_number_field() -> forms.CharField:
    """The appeal number as a resident types it (tracking, resending the link)."""
    return forms.CharField(
        label=_("Appeal number"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"placeholder": "KY-2026-00042", "autocapitalize": "characters"}
        ),
    )


class TrackForm(forms.Form):
    number = _appeal_number_field()
    code = forms.CharField(
        label=_("Private code"),
        max_length=40,
        help_text=_(
            "It is in the SMS, the e-mail and the slip you got, e.g. 7KQ2M-X9D4T; "
            "letter case, spaces and hyphens do not matter."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class ChallengeForm(forms.Form):
    """The applicant's complaint about the answer (обжалование), to the office above."""

    prefix = "challenge"
    reason = forms.CharField(
        label=_("Why do you disagree with the answer?"),
        min_length=10,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Your complaint goes to the akimat above the one that answered; it must answer "
            "within 20 working days."
        ),
    )


class ResendLinkForm(forms.Form):
    number = _appeal_number_field()
    contact = forms.CharField(
        label=_("Phone or e-mail given with the appeal"),
        max_length=254,
        help_text=_("The link is sent only there."),
    )


class SignInForm(forms.Form):
    contact = forms.CharField(
        label=_("Mobile phone or e-mail"),
        max_length=254,
        help_text=_("We send a one-time code there. No password is needed."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How do you rate the answer?"),
        coerce=int,
        choices=[
            (5, _("5 — excellent")),
            (4, _("4 — good")),
            (3, _("3 — so-so")),
            (2, _("2 — bad")),
            (1, _("1 — very bad")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublicFilterForm(forms.Form):
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("All topics"),
        to_field_name="code",
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    village = TerritoryChoiceField(
        label=_("Village"),
        queryset=Territory.objects.none(),
        required=False,
        empty_label=_("All places"),
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(is_active=True)
        self.fields["village"].queryset = territory_choices()
        self.fields["status"].choices = [("", _("Any status"))] + [
            (s.value, s.label) for s in Status if s != Status.NOT_CONSIDERED
        ]
