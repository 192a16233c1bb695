"""A JSON parser that answers 400, not 500, to a body nested too deeply to parse."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def _depth_ok(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when brackets outside strings never nest deeper than ``limit`` (one pass,
    no recursion), so json.loads cannot hit Python's recursion limit."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(_("The body is not valid UTF-8 JSON.")) from exc
        if not _depth_ok(text):
            raise ParseError(
                _("The JSON is nested too deeply (at most %(n)s levels).") % {"n": MAX_DEPTH}
            )
        import io

        try:
            return super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError as exc:  # belt and braces
            raise ParseError(_("The JSON is nested too deeply.")) from exc
