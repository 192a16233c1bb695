from django import forms
from django.utils.translation import gettext_lazy as _


class VolunteerForm(forms.Form):
    """A resident volunteers for a jury; one choice field per quota trait."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    contact = forms.CharField(label=_("Phone or e-mail"), max_length=200)
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Used only so that at most one person per household is drawn."),
    )
    village = forms.CharField(label=_("Village"), max_length=120, required=False)
    consent = forms.BooleanField(
        label=_("I agree to take part if drawn and to the use of my data for the draw."),
    )
    public_consent = forms.BooleanField(
        label=_("If I am drawn, my first name and village may be shown on the jury's page."),
        required=False,
    )

    def __init__(self, *args, traits: dict[str, list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.trait_names = sorted(traits)
        for trait in self.trait_names:
            choices = [("", "—")] + [(v, v) for v in traits[trait]]
            self.fields[f"trait_{trait}"] = forms.ChoiceField(label=trait, choices=choices)

    def traits(self) -> dict[str, str]:
        return {t: self.cleaned_data[f"trait_{t}"] for t in self.trait_names}


class JuryForm(forms.Form):
    """Staff create a jury: the question, where, how many members, when."""

    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=None)
    panel_size = forms.IntegerField(label=_("Panel size"), min_value=1, max_value=500, initial=20)
    starts_on = forms.DateField(label=_("Hearings start"), widget=forms.DateInput({"type": "date"}))
    ends_on = forms.DateField(label=_("Hearings end"), widget=forms.DateInput({"type": "date"}))
    household_rule = forms.BooleanField(
        label=_("At most one person per address"), required=False, initial=True
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories


class PoolUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Pool of volunteers (CSV or XLSX)"),
        help_text=_(
            "Columns id and name, optionally contact, address and village, and one column "
            "per trait (gender, age, ...). Nothing is saved if any row is wrong."
        ),
    )


class SharesForm(forms.Form):
    shares = forms.CharField(
        label=_("One line per trait value: trait,value,share"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 50}),
        help_text=_("Shares may be people or percentages; each trait's shares are scaled to 1."),
    )

    def clean_shares(self):
        shares: dict[str, dict[str, float]] = {}
        errors = []
        for number, line in enumerate(self.cleaned_data["shares"].splitlines(), start=1):
            if not line.strip() or line.strip().lower().startswith("trait,"):
                continue
            parts = [p.strip() for p in line.split(",")]
            try:
                trait, value, share = parts
                amount = float(share.replace("\u00a0", "").replace(" ", ""))
                if amount < 0 or not trait or not value:
                    raise ValueError
            except ValueError:
                errors.append(
                    _("line %(n)s: write trait,value,share with a number not below zero")
                    % {"n": number}
                )
                continue
            shares.setdefault(trait.lower(), {})[value] = amount
        if errors:
            raise forms.ValidationError(errors)
        if not shares:
            raise forms.ValidationError(_("Enter at least one trait value and its share."))
        return shares


class DrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Public random seed"),
        max_length=200,
        help_text=_("A number published by an outside source at a time announced in advance."),
    )
    seed_source = forms.CharField(label=_("Where and when the seed was published"), max_length=300)


class VerdictForm(forms.Form):
    experts = forms.CharField(
        label=_("Experts heard"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    documents = forms.CharField(
        label=_("Documents"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    verdict = forms.CharField(label=_("Verdict"), widget=forms.Textarea(attrs={"rows": 6}))
