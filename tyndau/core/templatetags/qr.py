"""``{% qr_svg link %}``: a QR code of a link, as inline SVG (printable, no image file)."""

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(data: str, scale: int = 3) -> str:
    if not data:
        return ""
    svg = segno.make(str(data), error="m").svg_inline(scale=scale, border=2, title=str(data))
    return mark_safe(svg)  # noqa: S308 (segno writes the SVG; the link is escaped in its title)
