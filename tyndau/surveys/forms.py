"""The survey form, built from the survey's traits and questions; phone and code forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuestionKind, Survey

SCALE = [(str(v), str(v)) for v in range(1, 6)]


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Your mobile phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("We send a one-time code: one answer per phone."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class SurveyForm(forms.Form):
    """Traits first (``t_<code>``), then the questions (``q_<id>``)."""

    def __init__(self, *args, survey: Survey, paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        if paper:
            self.fields["respondent_name"] = forms.CharField(
                label=_("Respondent's name (from the form)"), max_length=255
            )
            self.fields["phone"] = forms.CharField(
                label=_("Respondent's phone (from the form)"), max_length=32
            )
        for trait in survey.traits.prefetch_related("options"):
            self.fields[f"t_{trait.code}"] = forms.ChoiceField(
                label=trait.name,
                choices=[(o.code, o.label) for o in trait.options.all()],
                widget=forms.RadioSelect,
            )
        for question in survey.questions.prefetch_related("choices"):
            name = f"q_{question.pk}"
            options = [(str(c.pk), c.text) for c in question.choices.all()]
            if question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple
                )
            elif question.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(
                    choices=SCALE, widget=forms.RadioSelect(attrs={"class": "scale"})
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(f"q_{question.pk}")
            for question in self.survey.questions.all()
        }

    def traits(self) -> dict:
        return {
            trait.code: self.cleaned_data.get(f"t_{trait.code}")
            for trait in self.survey.traits.all()
        }
