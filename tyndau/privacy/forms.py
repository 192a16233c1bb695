from django import forms
from django.utils.translation import gettext_lazy as _


class ModerationForm(forms.Form):
    text = forms.CharField(
        label=_("Public text (anonymised; edit before publishing)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
