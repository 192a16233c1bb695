"""Checks of uploaded files: size, and type by content (not by the file name)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def sniff(upload) -> str | None:
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload) -> str:
    """Return the real content type of an allowed file, or raise ValidationError."""
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("%(name)s is too large: at most %(mb)s MB.")
            % {"name": upload.name, "mb": MAX_SIZE // (1024 * 1024)},
            code="size",
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}, code="type"
        )
    upload.content_type = content_type
    return content_type
