"""Views of the core app: the second login step (TOTP) and our own error pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


@login_required
def otp_verify(request):
    """The second step of a staff login: a code from the user's TOTP app (django-otp)."""
    from django_otp import login as otp_login
    from django_otp.forms import OTPTokenForm

    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = OTPTokenForm(request.user, request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.get_user().otp_device)
        return redirect(next_url or "core:staff-home")
    choices = form.fields["otp_device"].choices
    context = {"form": form, "next": next_url, "device_id": choices[0][0] if choices else ""}
    return render(request, "core/otp_verify.html", context)


# --- our own error pages, with the site's navigation, in the visitor's language ------


def _error(request, template: str, status: int):
    try:
        return render(request, template, status=status)
    except Exception:  # the page must not fail while reporting a failure
        from django.http import HttpResponse

        return HttpResponse(f"<h1>{status}</h1>", status=status)


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def permission_denied(request, exception=None):
    return _error(request, "403.html", 403)


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def server_error(request):
    return _error(request, "500.html", 500)
