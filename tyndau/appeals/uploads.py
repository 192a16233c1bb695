"""Checks and cleaning of files attached to an appeal, by a resident or by staff.

The type is decided by the file's first bytes (its "magic"), never by its name or the
browser's claim. Photos are re-encoded with Pillow so EXIF metadata (GPS position, camera,
time) does not reach the akimat's storage or the public.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_BYTES = getattr(settings, "TYNDAU_UPLOAD_MAX_FILE_BYTES", 10 * 1024 * 1024)
MAX_FILES = getattr(settings, "TYNDAU_UPLOAD_MAX_FILES", 5)

# (first bytes, content type, extension, is an image)
_SIGNATURES: list[tuple[bytes, str, str, bool]] = [
    (b"\xff\xd8\xff", "image/jpeg", "jpg", True),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", True),
    (b"GIF87a", "image/gif", "gif", True),
    (b"GIF89a", "image/gif", "gif", True),
    (b"%PDF-", "application/pdf", "pdf", False),
]


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str
    is_image: bool


def sniff(head: bytes) -> Sniffed | None:
    """The type of a file from its first bytes, or None if it is not one we accept."""
    for magic, content_type, ext, is_image in _SIGNATURES:
        if head.startswith(magic):
            return Sniffed(content_type, ext, is_image)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image/webp", "webp", True)
    return None


def _max_pixels() -> int:
    return getattr(settings, "TYNDAU_MAX_IMAGE_PIXELS", 40_000_000)


def _strip_metadata(data: bytes, kind: Sniffed) -> bytes:
    """Re-encode an image without any metadata: EXIF (GPS included), XMP, ICC, comments
    (a JPEG COM segment or a GIF comment can carry a script). The size is read from the
    header and checked before any pixel is decoded (a 13000×13000 PNG would take 1.4 GB)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    limit = _max_pixels()
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width * height > limit:
                raise ValidationError(
                    _("The picture is too large: %(w)s×%(h)s pixels; at most %(mp)s megapixels.")
                    % {"w": width, "h": height, "mp": limit // 1_000_000}
                )
            img.load()
            # keep the picture the right way up, since the orientation tag goes away
            img = ImageOps.exif_transpose(img)
            fmt = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[kind.extension]
            if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            # a fresh image: only the pixels (and a palette) are carried over, no .info
            clean = Image.new(img.mode, img.size)
            clean.paste(img)
            if img.mode == "P" and img.getpalette():
                clean.putpalette(img.getpalette())
            out = io.BytesIO()
            params = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
            clean.save(out, format=fmt, **params)
            return out.getvalue()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own guard, at twice our limit
        raise ValidationError(
            _("The picture is too large: at most %(mp)s megapixels.") % {"mp": limit // 1_000_000}
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(_("The picture could not be read. Is the file damaged?")) from exc


def clean_upload(upload, *, index: int = 1) -> SimpleUploadedFile:
    """Check one uploaded file and return a safe copy (images without metadata)."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: at most %(limit)s per file.")
            % {"name": upload.name, "limit": filesizeformat(MAX_FILE_BYTES)}
        )
    data = upload.read()
    kind = sniff(data[:16])
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a photo or a PDF document. Attach JPEG, PNG, GIF, WEBP or PDF.")
            % {"name": upload.name}
        )
    if kind.is_image:
        data = _strip_metadata(data, kind)
    elif b"%%EOF" not in data[-1024:]:
        raise ValidationError(
            _("“%(name)s” is not a complete PDF document.") % {"name": upload.name}
        )
    stem = (upload.name.rsplit(".", 1)[0] or "file")[:80]
    cleaned = SimpleUploadedFile(f"{stem}.{kind.extension}", data, content_type=kind.content_type)
    cleaned.tyndau_checked = True  # intake takes it as it is
    return cleaned
