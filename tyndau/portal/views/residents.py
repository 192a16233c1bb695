"""A resident's sign-in with a one-time code and their own appeals."""

from __future__ import annotations

from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from tyndau.accounts import services as account_services
from tyndau.core.actions import form_page

from .. import selectors
from ..forms import SignInCodeForm, SignInForm
from .common import _safe_next


def sign_in(request):
    """A resident signs in with a one-time code sent to their phone or e-mail."""
    form = SignInForm(request.POST or None)
    if request.GET.get("next"):
        request.session["signin_next"] = _safe_next(request, "")

    def send(data):
        account_services.resident_code_send(contact=data["contact"], language=get_language())
        request.session["signin_contact"] = data["contact"]

    return form_page(
        request,
        form,
        send,
        template="portal/sign_in.html",
        done=reverse("portal:sign-in-code"),
        field="contact",
    )


def sign_in_code(request):
    contact = request.session.get("signin_contact")
    if not contact:
        return redirect("portal:sign-in")

    def sign_in(data) -> str:
        user = account_services.resident_sign_in(
            contact=contact, code=data["code"], language=request.LANGUAGE_CODE
        )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.pop("signin_contact", None)
        return request.session.pop("signin_next", "") or reverse("portal:my-appeals")

    return form_page(
        request,
        SignInCodeForm(request.POST or None),
        sign_in,
        template="portal/sign_in_code.html",
        done=lambda target: target,
        context={"contact": contact},
        field="code",
    )


@login_required(login_url="portal:sign-in")
def my_appeals(request):
    return render(
        request,
        "portal/my_appeals.html",
        {
            "appeals": selectors.appeal_list_for_resident(user=request.user),
            "followed": selectors.appeal_list_followed_by(user=request.user),
        },
    )
