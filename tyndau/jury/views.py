from django.shortcuts import get_object_or_404, render

from tyndau.appeals.selectors import anonymise

from . import selectors


def jury_public(request, pk):
    """The public page: question, method, probability summary, members who agreed to be
    shown (first name and village), experts, documents and the verdict."""
    jury = get_object_or_404(selectors.public_juries(), pk=pk)
    context = {
        "jury": jury,
        "summary": selectors.probability_summary(jury),
        "members": selectors.public_members(jury),
        "verdict": anonymise(jury.verdict) if jury.verdict else "",
    }
    return render(request, "jury/public.html", context)
