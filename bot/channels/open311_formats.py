"""Open311 answers in the format the path asks for: `.json`, or `.xml` as GeoReport v2 lays it out
(`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`), rendered with
ElementTree so that every value is escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from fastapi.responses import JSONResponse, Response

FORMATS = ("json", "xml")
# Characters XML 1.0 cannot carry at all (control characters a resident's text might hold).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A list's items are named by the singular of the list's name.
_ITEM = {"services": "service", "service_requests": "request", "errors": "error", "attributes": "attribute",
         "values": "value"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(element, _ITEM.get(element.tag, "item")), inner)
    else:
        element.text = _text(value)


def to_xml(root: str, value: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def render(fmt: str, root: str, value: Any, status: int = 200) -> Response:
    """`value` (a list, or the service definition's dict) as JSON or as XML under `root`."""
    if fmt == "xml":
        return Response(to_xml(root, value), status_code=status, media_type="application/xml")
    return JSONResponse(value, status_code=status)


def error(fmt: str, status: int, description: str) -> Response:
    """The spec's errors: a list of {code, description}."""
    return render(fmt if fmt in FORMATS else "json", "errors", [{"code": status, "description": description}],
                  status)
