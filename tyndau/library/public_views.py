"""Public pages of the answer library (/<lang>/answers/): the FAQ by topic with full-text
search, one entry, and the suggestions shown while a resident types an appeal (HTMX)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import selectors, services
from .forms import SearchForm


def index(request):
    form = SearchForm(request.GET or None)
    text, topic = "", None
    if form.is_bound and form.is_valid():
        text, topic = form.cleaned_data["q"], form.cleaned_data["topic"]
    entries = selectors.entry_search_public(text=text, topic=topic)
    page = Paginator(entries, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "library/public/index.html",
        {"form": form, "page": page, "searched": bool(text.strip())},
    )


def detail(request, pk):
    entry = get_object_or_404(selectors.entry_list_public(), pk=pk)
    return render(request, "library/public/detail.html", {"entry": entry})


def suggest(request):
    """Up to three entries for the text being typed; counted as shown for this form."""
    entries = selectors.entry_suggestions(text=request.GET.get("text", "")[:4000])
    if entries:
        services.impressions_record(entries=entries, client_key=request.GET.get("client_key", ""))
    return render(request, "library/public/_suggestions.html", {"entries": entries})
