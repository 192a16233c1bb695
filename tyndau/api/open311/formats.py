"""GeoReport v2 answers in JSON or XML, and its error format.

JSON is a list (or an object) as the GeoReport v2 specification shows; XML uses the
specification's element names: ``services/service``, ``service_definition``,
``service_requests/request``, ``discovery``, ``errors/error``. Empty values are left out.
"""

import datetime as dt
import json
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}

# The element name of one item of a list, by the list's element name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def clean(value):
    """Drop empty values (None) recursively; dates become ISO 8601 strings."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _build(parent, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    _fill(element, name, value)


def _fill(element, name: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _build(element, key, item)
    elif isinstance(value, list | tuple):
        for item in value:
            _build(element, ITEM_NAMES.get(name, "item"), item)
    else:
        element.text = _text(value)


def to_xml(root: str, value) -> bytes:
    element = ET.Element(root)
    _fill(element, root, clean(value))
    document = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + document).encode()


def respond(fmt: str, root: str, value, status: int = 200) -> HttpResponse:
    """``root`` names the XML document element (the JSON has none)."""
    if fmt == "xml":
        body = to_xml(root, value)
    else:
        body = json.dumps(clean(value), ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=FORMATS.get(fmt, FORMATS["json"]))


def error(fmt: str, status: int, description) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": str(description)}], status)
