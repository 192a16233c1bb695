"""Forms of the gathering's staff pages; they only map input onto the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.territory.models import Territory

from .models import AgendaKind, Member


class DateInput(forms.DateInput):
    input_type = "date"


class VersionForm(forms.Form):
    """What every form of the session's record carries: the version it was read at.
    ``refusal`` is what the page says when the form is not valid (else its own errors)."""

    refusal = None
    version = forms.IntegerField(widget=forms.HiddenInput)


class SessionForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("rural district"), queryset=Territory.objects.none())
    held_on = forms.DateField(label=_("date"), widget=DateInput)
    place = forms.CharField(label=_("place"), max_length=255, required=False)
    invited = forms.CharField(
        label=_("invited"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who took part without a vote: the akim, staff, guests (one a line)."),
    )

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories or Territory.objects.none()


class SessionEditForm(VersionForm):
    refusal = _("Check the date of the session.")
    held_on = forms.DateField(label=_("date"), widget=DateInput)
    place = forms.CharField(label=_("place"), max_length=255, required=False)
    invited = forms.CharField(
        label=_("invited"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(forms.Form):
    village = forms.ModelChoiceField(label=_("village"), queryset=Territory.objects.none())
    full_name = forms.CharField(label=_("full name"), max_length=255)
    delegated_on = forms.DateField(label=_("delegated on"), widget=DateInput)
    basis = forms.CharField(
        label=_("delegated by"),
        max_length=255,
        required=False,
        help_text=_(
            "The village gathering (сход) that delegated the member, e.g. its minutes number."
        ),
    )

    def __init__(self, *args, territory=None, **kwargs):
        super().__init__(*args, **kwargs)
        if territory is not None:
            self.fields["village"].queryset = territory.children.order_by("name_ru")


class MemberEditForm(MemberForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    left_on = forms.DateField(
        label=_("left on"),
        required=False,
        widget=DateInput,
        help_text=_("The first day no longer a member."),
    )


class AgendaForm(VersionForm):
    kind = forms.ChoiceField(label=_("kind of question"), choices=AgendaKind.choices)
    title_ru = forms.CharField(label=_("question in Russian"), max_length=500)
    title_kk = forms.CharField(label=_("question in Kazakh"), max_length=500)
    title_en = forms.CharField(label=_("question in English"), max_length=500, required=False)
    speaker = forms.CharField(label=_("speaker"), max_length=255, required=False)
    budget = forms.ModelChoiceField(label=_("budget"), required=False, queryset=None)
    plan = forms.ModelChoiceField(label=_("development plan"), required=False, queryset=None)

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        from tyndau.budget.models import Budget
        from tyndau.plans.models import Plan

        territory = session.territory if session is not None else None
        self.fields["budget"].queryset = Budget.objects.filter(territory=territory)
        self.fields["plan"].queryset = Plan.objects.filter(territory=territory)


class OpenForm(VersionForm):
    refusal = _("Choose the chair and the secretary of the session.")
    chair = forms.ModelChoiceField(label=_("chair"), queryset=Member.objects.none())
    secretary = forms.ModelChoiceField(label=_("secretary"), queryset=Member.objects.none())

    def __init__(self, *args, present=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in present or []]
        self.fields["chair"].queryset = Member.objects.filter(pk__in=ids)
        self.fields["secretary"].queryset = Member.objects.filter(pk__in=ids)


class DecisionForm(VersionForm):
    refusal = _("Give the text of the decision in Russian and in Kazakh.")
    text_ru = forms.CharField(
        label=_("decision in Russian"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_kk = forms.CharField(
        label=_("decision in Kazakh"), widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("decision in English"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
