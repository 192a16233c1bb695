"""Forms of the staff pages; they only collect input, the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .importing import KINDS
from .models import FinancingSource, ItemStatus, Plan, PlanItem
from .services import ITEM_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["territory", "title_ru", "title_kk", "title_en", "first_year", "last_year"]

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if territories is not None:
            self.fields["territory"].queryset = territories
        if self.instance.pk:
            del self.fields["territory"]


class ItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanItem
        fields = list(ITEM_FIELDS)  # what the item services take
        widgets = {
            "starts_on": DATE,
            "due_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = ItemStatus.objects.all()
        self.fields["responsible_user"].queryset = (
            staff if staff is not None else get_user_model().objects.none()
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class FinancingForm(forms.Form):
    source = forms.ChoiceField(label=_("source"), choices=FinancingSource.choices)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    planned = forms.DecimalField(
        label=_("planned, tenge"), min_value=0, max_digits=16, decimal_places=2
    )
    spent = forms.DecimalField(
        label=_("spent, tenge"), min_value=0, max_digits=16, decimal_places=2, initial=0
    )
    budget_programme_code = forms.CharField(
        label=_("budget programme code"), max_length=16, required=False
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("date"), widget=DATE)
    percent = forms.DecimalField(label=_("done, %"), min_value=0, max_value=100, decimal_places=2)
    text = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("photos"), required=False)


class LinkForm(forms.Form):
    appeal_number = forms.CharField(label=_("appeal number"), max_length=32, required=False)
    question = forms.IntegerField(label=_("meeting question (number)"), min_value=1, required=False)
    assignment = forms.IntegerField(label=_("assignment (number)"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        given = [k for k in ("appeal_number", "question", "assignment") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(
                _("Give one appeal number, one question or one assignment.")
            )
        return data


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("table"),
        choices=[(k, k) for k in KINDS],
    )
    file = forms.FileField(label=_("file (.csv or .xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("items", _("items")),
            ("financing", _("financing lines")),
            ("progress", _("progress entries")),
        ]


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("e-mail"), required=False)
    phone = forms.RegexField(
        label=_("phone"), regex=r"^\+?[\d\s()\-]{10,20}$", required=False, max_length=32
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data
