"""Attachments and meeting files are served only through this view, which checks who may
see them (it reads several apps, hence it lives here at the top). Behind nginx it answers
with ``X-Accel-Redirect`` (nginx then sends the file from an ``internal`` location); on
other storages (django-storages) it redirects to the storage's short-lived URL; otherwise
Django streams the file itself."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils._os import safe_join
from django.views.decorators.http import require_GET


def _may_see(user, name: str) -> bool:
    from tyndau.appeals.models import Attachment
    from tyndau.meetings import selectors as meeting_selectors
    from tyndau.meetings.models import Meeting, MeetingPhoto

    if name.startswith("appeals/"):
        item = Attachment.objects.select_related("appeal").filter(file=name).first()
        return bool(item and user.has_perm("appeals.view_appeal", item.appeal))
    if name.startswith("meetings/"):
        meeting_id = (
            Meeting.objects.filter(protocol=name).values_list("pk", flat=True).first()
            or MeetingPhoto.objects.filter(file=name).values_list("meeting_id", flat=True).first()
        )
        if meeting_id is None:
            return False
        if meeting_selectors.meeting_list_public().filter(pk=meeting_id).exists():
            return True
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        return bool(meeting and user.has_perm("meetings.view_meeting", meeting))
    return False


@require_GET
def serve_media(request, path: str):
    name = path.lstrip("/")
    if ".." in name.split("/") or "\x00" in name or not _may_see(request.user, name):
        raise Http404
    storage = default_storage
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.TYNDAU_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.TYNDAU_MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + name
    elif not isinstance(storage, FileSystemStorage):
        response = HttpResponseRedirect(storage.url(name))
    else:
        try:
            full = safe_join(storage.location, name)
            response = FileResponse(open(full, "rb"), content_type=content_type)  # noqa: SIM115
        except (OSError, ValueError) as exc:
            raise Http404 from exc
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
