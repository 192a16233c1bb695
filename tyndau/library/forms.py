from django import forms
from django.utils.translation import gettext_lazy as _

from tyndau.appeals.models import Topic
from tyndau.portal.forms import TopicChoiceField


class EntryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    topic = TopicChoiceField(label=_("Topic"), queryset=None, empty_label=_("— choose —"))
    question_ru = forms.CharField(
        label=_("Question in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_ru = forms.CharField(
        label=_("Answer in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    question_kk = forms.CharField(
        label=_("Question in Kazakh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_kk = forms.CharField(
        label=_("Answer in Kazakh"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=500,
        help_text=_("For example: Land Code of the Republic of Kazakhstan, art. 43."),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args, with_published=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(is_active=True)
        if not with_published:
            del self.fields["is_published"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = TopicChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("all topics")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(
            is_active=True, library_entries__is_published=True
        ).distinct()
