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


# The staff editor ----------------------------------------------------------------------

LINES_HELP = _(
    "One option a line: Russian | Kazakh | English (English may be left out). "
    "For example: Житель | Тұрғын | Resident"
)


def lines_of(options, prefix: str) -> str:
    """The options of a trait or question as the editor's lines."""
    rows = []
    for option in options:
        cells = [getattr(option, f"{prefix}_ru"), getattr(option, f"{prefix}_kk")]
        if getattr(option, f"{prefix}_en"):
            cells.append(getattr(option, f"{prefix}_en"))
        rows.append(" | ".join(cells))
    return "\n".join(rows)


class OptionLinesField(forms.CharField):
    """A textarea of options, one a line, cells split by “|”: [(ru, kk, en), …]."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(max_length=5000, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split("|")]
            if len(cells) < 2 or len(cells) > 3:
                raise forms.ValidationError(
                    _("Line %(n)s: write the option as “Russian | Kazakh”."),
                    params={"n": number},
                    code="line",
                )
            rows.append(tuple(cells))
        return rows


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SurveySetupForm(VersionedForm):
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=None)
    title_ru = forms.CharField(label=_("Title in Russian"), max_length=255)
    title_kk = forms.CharField(label=_("Title in Kazakh"), max_length=255)
    title_en = forms.CharField(label=_("Title in English"), max_length=255, required=False)
    intro_ru = forms.CharField(
        label=_("Introduction in Russian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    intro_kk = forms.CharField(
        label=_("Introduction in Kazakh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    intro_en = forms.CharField(
        label=_("Introduction in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        help_text=_("Anonymous: only a one-way key of the phone is kept, no name, no number."),
    )

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if territories is None:
            del self.fields["territory"]
        else:
            self.fields["territory"].queryset = territories

    def values(self) -> dict:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("version", "territory")
        }


class TraitForm(VersionedForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Latin letters and digits, used in links and exports, for example: age."),
    )
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=200)
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    options = OptionLinesField(label=_("Options"))


class QuestionForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_ru = forms.CharField(label=_("Question in Russian"), max_length=500)
    text_kk = forms.CharField(label=_("Question in Kazakh"), max_length=500)
    text_en = forms.CharField(label=_("Question in English"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    choices = OptionLinesField(
        label=_("Answer options (single or multiple choice only)"), required=False
    )
