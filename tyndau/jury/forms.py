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
