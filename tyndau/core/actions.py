"""The one scaffold of a staff page that changes something.

A view maps its input onto a service call; what happens around the call is the same
everywhere, so it is written once here: call the service, turn a ``DomainError`` into a
message the user reads (on the form, or as a flash message), and on success say so and
redirect. Views pass the call as a function of the form's cleaned data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .access import require
from .errors import DomainError
from .tables import ImportFailed

FAILED = object()


def attempt(target, call: Callable[[], Any], *, field=None):
    """Run ``call()``; a ``DomainError`` becomes the form's error (``target`` a form: on
    ``field``, a name or a function of the error, else the form's own) or a flash message
    (``target`` a request), and ``FAILED`` is returned."""
    try:
        return call()
    except DomainError as exc:
        if isinstance(target, HttpRequest):
            messages.error(target, str(exc))
        else:
            target.add_error(field(exc) if callable(field) else field, str(exc))
        return FAILED


def with_version(service: Callable[..., Any], **given) -> Callable[[dict], Any]:
    """The ``act`` of a form whose fields are the service's own keywords: ``service`` is
    called with ``given`` (the record, the user…), the form's fields, and the form's
    ``version`` (the one its page was read at) as ``expected_version``."""

    def act(data: dict):
        fields = {name: value for name, value in data.items() if name != "version"}
        return service(**given, **fields, expected_version=data["version"])

    return act


def flash_errors(request: HttpRequest, form) -> None:
    """An invalid form posted from another page: its general errors as flash messages, or
    else each field's (a general error usually explains the field errors)."""
    general = form.non_field_errors()
    for error in general or [e for errors in form.errors.values() for e in errors]:
        messages.error(request, error)


def _say(request, success, result) -> None:
    if success:
        messages.success(request, success(result) if callable(success) else success)


def _to(done, result):
    return redirect(done(result) if callable(done) else done)


def form_page(
    request: HttpRequest,
    form,
    act: Callable[[dict], Any],
    *,
    template: str,
    done,
    success=None,
    context: dict | Callable[[], dict] | None = None,
    failed_status: int = 200,
    field=None,
) -> HttpResponse:
    """A GET shows ``form``; a valid POST calls ``act(cleaned_data)``. On success: the
    ``success`` message (text, or a function of the result) and a redirect to ``done`` (a
    URL, or a function of the result). A refusal is shown on the form (on ``field``, as
    ``attempt`` says), nothing changed; a POST that changed nothing (invalid or refused) is
    answered with ``failed_status``. ``context`` may be a function, called only when the
    page is shown."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = attempt(form, lambda: act(form.cleaned_data), field=field)
            if result is not FAILED:
                _say(request, success, result)
                return _to(done, result)
        status = failed_status
    if callable(context):
        context = context()
    return render(request, template, {"form": form, **(context or {})}, status=status)


def create_page(
    request: HttpRequest,
    form,
    create: Callable[..., Any],
    *,
    perm: str,
    template: str,
    detail: str,
    **options,
) -> HttpResponse:
    """A list page with the form that creates a record in a territory (a plan, a budget, a
    session, a jury): the user must hold ``perm`` on the territory chosen (else a 403,
    nothing created); then ``create(by=user, **cleaned_data)`` and, as ``form_page`` does
    (``options`` are its own), a redirect to the new record's page ``detail`` (a URL name
    taking its pk)."""

    def act(data: dict):
        require(request.user, perm, data["territory"])
        return create(by=request.user, **data)

    return form_page(
        request,
        form,
        act,
        template=template,
        done=lambda record: reverse(detail, args=[record.pk]),
        **options,
    )


def _form_refused(request, form, done, invalid, label_errors):
    """A posted form that is not valid, answered with flash messages: ``invalid`` (the
    message), else the form's own errors (each after its field's label with
    ``label_errors``); then back to ``done``."""
    if invalid:
        messages.error(request, invalid)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if label_errors and field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return _to(done, None)


def post_action(
    request: HttpRequest,
    act: Callable[[dict], Any],
    *,
    done,
    form=None,
    success=None,
    invalid=None,
    label_errors: bool = False,
) -> HttpResponse:
    """A button that posts: call ``act(cleaned_data)`` (``{}`` without a form) and redirect
    to ``done``; a refusal or an invalid form (``invalid``: the message, else the form's own
    errors, each after its field's label with ``label_errors``) is a flash message."""
    if form is not None and not form.is_valid():
        return _form_refused(request, form, done, invalid, label_errors)
    data = form.cleaned_data if form is not None else {}
    result = attempt(request, lambda: act(data))
    if result is not FAILED:
        _say(request, success, result)
    return _to(done, None if result is FAILED else result)


def upload_action(
    request: HttpRequest,
    form,
    act: Callable[..., Any],
    *,
    rows_page: Callable[[list], HttpResponse],
    done,
    success=None,
    invalid=None,
) -> HttpResponse:
    """A file posted from a record's page (``form`` with a ``file`` field): call
    ``act(cleaned_data, content=..., filename=...)`` and redirect to ``done`` with the
    ``success`` message. A file refused for its rows (``core.tables.ImportFailed``) is
    answered by ``rows_page(errors)``, the page that lists them; nothing is imported.
    Another refusal is a flash message. An
    invalid form: ``invalid`` (a message, or a function of the form that answers), else
    the form's errors as flash messages."""
    if not form.is_valid():
        if callable(invalid):
            return invalid(form)
        return _form_refused(request, form, done, invalid, False)
    upload = form.cleaned_data["file"]
    try:
        result = act(form.cleaned_data, content=upload.read(), filename=upload.name)
    except ImportFailed as failed:
        return rows_page(failed.errors)
    except DomainError as exc:
        messages.error(request, str(exc))
        return _to(done, None)
    _say(request, success, result)
    return _to(done, result)
