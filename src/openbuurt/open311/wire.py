"""The wire formats of GeoReport v2: JSON and XML built from the same plain values, and the error bodies.

The JSON is the "Spark convention" mapping of the XML: a list wrapper element (``<services>``) becomes a JSON
array, and each list item gets the singular element name in XML. XML is built with ElementTree, never by string
concatenation, and characters that XML 1.0 cannot carry are dropped from text so the document always parses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

Format: TypeAlias = Literal["json", "xml"]
Value: TypeAlias = "str | int | float | bool | Sequence[Value] | Mapping[str, Value] | None"

FORMATS: tuple[Format, ...] = ("xml", "json")
CONTENT_TYPES: dict[Format, str] = {"json": "application/json", "xml": "text/xml"}
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'

# The element name of one item of each list (XML only; the JSON array has no item names).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# XML 1.0 allows tab, newline, carriage return and most of Unicode, but no other control characters or surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def parse_format(raw: str) -> Format | None:
    """Return the format named by a URL suffix (``json`` or ``xml``, any case), or ``None``."""
    lowered = raw.lower()
    if lowered == "json":
        return "json"
    if lowered == "xml":
        return "xml"
    return None


def xml_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def _fill(element: Element, value: Value) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, int | float):
        element.text = repr(value)
    elif isinstance(value, str):
        element.text = xml_text(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _fill(SubElement(element, key), item)
    else:
        item_name = ITEM_NAMES[element.tag]
        for item in value:
            _fill(SubElement(element, item_name), item)


def render_xml(root: str, value: Value) -> bytes:
    """Return the XML document whose root element is ``root`` and whose content is ``value``."""
    element = Element(root)
    _fill(element, value)
    body: bytes = tostring(element, encoding="utf-8")
    return XML_DECLARATION + body


def render_json(value: Value) -> bytes:
    """Return ``value`` as compact UTF-8 JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def render(fmt: Format, root: str, value: Value) -> bytes:
    """Return ``value`` in ``fmt``; ``root`` names the XML root element (ignored for JSON)."""
    return render_json(value) if fmt == "json" else render_xml(root, value)


def content_type(fmt: Format, *, bare: bool = False) -> str:
    """Return the Content-Type of ``fmt``; ``bare`` leaves out the charset (discovery, see the module's docs)."""
    return CONTENT_TYPES[fmt] if bare else f"{CONTENT_TYPES[fmt]}; charset=utf-8"


def response(fmt: Format, root: str, value: Value, *, status: int = 200, bare_type: bool = False) -> HttpResponse:
    """Return an HTTP response with ``value`` rendered in ``fmt``."""
    return HttpResponse(render(fmt, root, value), status=status, content_type=content_type(fmt, bare=bare_type))


def error_response(fmt: Format, status: int, descriptions: Sequence[str]) -> HttpResponse:
    """Return the spec's error body (a list of ``code`` + ``description``) with HTTP ``status``."""
    errors: list[Value] = [{"code": status, "description": description} for description in descriptions]
    return response(fmt, "errors", errors, status=status)


class Open311Error(Exception):
    """A refused request: answered with the spec's error body, HTTP ``status`` and one entry per description."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = descriptions
