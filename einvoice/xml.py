"""What the two syntaxes' writers share: building elements in namespaces, and writing numbers
and dates as EN 16931 wants them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree


class Builder:
    """Appends namespaced elements: `builder.add(parent, "ram:ID", "INV-1", schemeID="VA")`."""

    def __init__(self, namespaces: dict[str, str]) -> None:
        self.namespaces = namespaces

    def _name(self, tag: str) -> str:
        prefix, local = tag.split(":")
        return f"{{{self.namespaces[prefix]}}}{local}"

    def root(self, tag: str) -> etree._Element:
        return etree.Element(self._name(tag), nsmap=self.namespaces)

    def add(
        self, parent: etree._Element, tag: str, text: str | None = None, **attributes: str
    ) -> etree._Element:
        element = etree.SubElement(parent, self._name(tag), attributes)
        if text is not None:
            element.text = text
        return element


def money(value: Decimal, places: int) -> str:
    """An amount with `places` decimals (`5500.00`, JPY `5500`)."""
    return f"{value:.{places}f}"


def number(value: Decimal) -> str:
    """A quantity, price or rate as written: no exponent, no trailing zeros (`12.5`, `40`)."""
    text = f"{value.normalize():f}"
    return text


def compact_date(value: date) -> str:
    """A date in UNTDID 2379 format 102: YYYYMMDD."""
    return value.strftime("%Y%m%d")


def serialized(root: etree._Element) -> bytes:
    """The document as UTF-8 XML with its declaration."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
