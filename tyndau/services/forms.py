"""Forms of public services: an application (portal and clerk), decisions, lookups."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.validators import validate_iin
from tyndau.portal.forms import TerritoryChoiceField, territory_choices
from tyndau.territory.models import Office
from tyndau.territory.selectors import office_serving

from .models import QueueAction, QueuePurpose, RefusalReason, ServiceKind


class ApplicationForm(forms.Form):
    territory = TerritoryChoiceField(
        label=_("Your village or town"), queryset=None, empty_label=_("— choose —")
    )
    applicant_name = forms.CharField(label=_("Full name"), max_length=255)
    iin = forms.CharField(
        label=_("IIN"),
        max_length=12,
        min_length=12,
        validators=[validate_iin],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    details = forms.CharField(
        label=_("Details (cadastral number, address of the plot, …)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    queue_action = forms.ChoiceField(
        label=_("What do you ask?"),
        choices=QueueAction.choices,
        required=False,
        widget=forms.RadioSelect,
        initial=QueueAction.JOIN,
    )
    queue_purpose = forms.ChoiceField(
        label=_("Purpose of the plot"),
        choices=[("", _("— choose —")), *QueuePurpose.choices],
        required=False,
    )
    queue_number = forms.CharField(
        label=_("Your queue number (to leave the queue)"), max_length=32, required=False
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["territory"].queryset = territory_choices()
        if service.kind != ServiceKind.QUEUE:
            for name in ("queue_action", "queue_purpose", "queue_number"):
                del self.fields[name]

    def clean(self):
        """The cleaned data are the keywords of ``application_register``, with the office
        that serves the chosen place."""
        data = super().clean()
        if data.get("territory") is not None:
            try:
                data["office"] = office_serving(territory=data["territory"])
            except Office.DoesNotExist:
                self.add_error("territory", _("No akimat serves this place yet."))
        if self.service.kind == ServiceKind.QUEUE:
            action = data.get("queue_action") or QueueAction.JOIN
            data["queue_action"] = action
            if action == QueueAction.JOIN and not data.get("queue_purpose"):
                self.add_error("queue_purpose", _("Choose the purpose of the plot."))
            if action == QueueAction.LEAVE and not data.get("queue_number"):
                self.add_error("queue_number", _("Give the number of your place in the queue."))
        return data


class RenderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    result_text = forms.CharField(
        label=_("Result (number and date of the decision, …)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RefuseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ModelChoiceField(
        label=_("Reason for the refusal"), queryset=None, empty_label=_("— choose —")
    )
    text = forms.CharField(
        label=_("Explanation for the applicant"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = RefusalReason.objects.filter(service=service)
        self.fields["reason"].label_from_instance = lambda r: r.name


class QueueLookupForm(forms.Form):
    number = forms.CharField(label=_("Queue number"), max_length=32)
    iin_last4 = forms.CharField(
        label=_("Last four digits of your IIN"),
        min_length=4,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_iin_last4(self):
        value = self.cleaned_data["iin_last4"].strip()
        if not value.isdigit():
            raise ValidationError(_("Four digits, for example 2728."))
        return value


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Application number"), max_length=32)
    code = forms.CharField(label=_("Code"), max_length=24)


class MonthForm(forms.Form):
    territory = forms.ChoiceField(label=_("Territory"), choices=())
    month = forms.CharField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), max_length=7
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [(t.code, t.name) for t in territories]
        today = timezone.localdate()
        self.fields["month"].initial = f"{today:%Y-%m}"

    def clean_month(self):
        value = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in value.split("-"))
            if not (2000 <= year <= 2100 and 1 <= month <= 12):
                raise ValueError
        except ValueError:
            raise ValidationError(_("Give a month as YYYY-MM.")) from None
        return year, month


class TermForm(forms.Form):
    """A service's legal term, with the term the editor saw (a change made meanwhile is
    detected, not overwritten)."""

    term_days = forms.IntegerField(
        label=_("Legal term, working days"),
        min_value=1,
        max_value=365,
        error_messages={
            "required": _("Enter the term in working days."),
            "invalid": _("A term is a whole number of working days, 1 to 365."),
            "min_value": _("A term is a whole number of working days, 1 to 365."),
            "max_value": _("A term is a whole number of working days, 1 to 365."),
        },
    )
    expected_term = forms.IntegerField(widget=forms.HiddenInput)
