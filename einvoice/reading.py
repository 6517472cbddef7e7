"""A received e-invoice, checked: UBL 2.1 (Invoice or CreditNote) or CII, as XML or inside a
Factur-X / ZUGFeRD PDF; which syntax it is, what the official rules find, and the main
values it states (number, dates, parties, totals) for a person to compare with what they
expected. Nothing is stored."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from lxml import etree

from einvoice.validation import Finding, Syntax, parse, validate

log = logging.getLogger("invoicegraph.einvoice")

#: The largest document read (a Factur-X PDF included).
MAX_SIZE: Final = 10 * 1024 * 1024

_UBL_INVOICE: Final = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
_UBL_CREDIT_NOTE: Final = "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote"
_CII: Final = "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice"
_NAMESPACES: Final = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
# Where each value is, by syntax (XPath 1.0 over lxml).
_SELLER: Final = "cac:AccountingSupplierParty/cac:Party"
_BUYER: Final = "cac:AccountingCustomerParty/cac:Party"
_UBL: Final = {
    "number": "cbc:ID",
    "type_code": "cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode",
    "issue_date": "cbc:IssueDate",
    "currency": "cbc:DocumentCurrencyCode",
    "seller_name": f"{_SELLER}/cac:PartyLegalEntity/cbc:RegistrationName",
    "seller_vat_id": f"{_SELLER}/cac:PartyTaxScheme/cbc:CompanyID",
    "buyer_name": f"{_BUYER}/cac:PartyLegalEntity/cbc:RegistrationName",
    "buyer_vat_id": f"{_BUYER}/cac:PartyTaxScheme/cbc:CompanyID",
    "total": "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
    "tax_total": "cac:TaxTotal/cbc:TaxAmount",
    "due": "cac:LegalMonetaryTotal/cbc:PayableAmount",
}
_SETTLEMENT: Final = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
_AGREEMENT: Final = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
_SUMMATION: Final = f"{_SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
_CII_PATHS: Final = {
    "number": "rsm:ExchangedDocument/ram:ID",
    "type_code": "rsm:ExchangedDocument/ram:TypeCode",
    "issue_date": "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
    "currency": f"{_SETTLEMENT}/ram:InvoiceCurrencyCode",
    "seller_name": f"{_AGREEMENT}/ram:SellerTradeParty/ram:Name",
    "seller_vat_id": f"{_AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID",
    "buyer_name": f"{_AGREEMENT}/ram:BuyerTradeParty/ram:Name",
    "buyer_vat_id": f"{_AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID",
    "total": f"{_SUMMATION}/ram:GrandTotalAmount",
    "tax_total": f"{_SUMMATION}/ram:TaxTotalAmount",
    "due": f"{_SUMMATION}/ram:DuePayableAmount",
}


@dataclass(frozen=True, slots=True)
class Received:
    """What a received document is and says, and what the rules find in it."""

    syntax: Syntax | None  # None when it is not an e-invoice this reads
    findings: tuple[Finding, ...]
    values: dict[str, str]  # number, type_code, issue_date, currency, parties, totals

    @property
    def valid(self) -> bool:
        return self.syntax is not None and not any(finding.fatal for finding in self.findings)


def _refused(rule: str, text: str) -> Received:
    return Received(None, (Finding(rule, "fatal", "", text),), {})


def _attached_xml(pdf: bytes) -> bytes | None:
    from facturx import get_facturx_xml_from_pdf

    try:
        _, xml = get_facturx_xml_from_pdf(pdf, check_xsd=False)
    except Exception:  # a PDF that cannot be read is a finding, not an error of ours
        log.info("A received PDF could not be read", exc_info=True)
        return None
    return bytes(xml) if xml else None


def read(content: bytes) -> Received:
    """Check a received document (XML, or a PDF with its factur-x.xml / zugferd-invoice.xml):
    CPU-bound, run it in a thread."""
    if len(content) > MAX_SIZE:
        return _refused("SIZE", f"The document is larger than {MAX_SIZE // 1024 // 1024} MB")
    if content.startswith(b"%PDF-"):
        attached = _attached_xml(content)
        if attached is None:
            return _refused(
                "PDF", "The PDF carries no factur-x.xml (or zugferd-invoice.xml) attachment"
            )
        content = attached
    try:
        root = parse(content)
    except etree.XMLSyntaxError as exc:
        return _refused("XML", f"Not well-formed XML: {exc}")
    syntaxes = {_UBL_INVOICE: Syntax.UBL_INVOICE, _UBL_CREDIT_NOTE: Syntax.UBL_CREDIT_NOTE}
    syntax = syntaxes.get(root.tag) or (Syntax.CII if root.tag == _CII else None)
    if syntax is None:
        return _refused(
            "SYNTAX", "Not a UBL 2.1 Invoice or CreditNote, nor a CII CrossIndustryInvoice"
        )
    paths = _CII_PATHS if syntax is Syntax.CII else _UBL
    values = {}
    for name, path in paths.items():
        found = root.xpath(path, namespaces=_NAMESPACES)
        if found:
            values[name] = " ".join((found[0].text or "").split())
    return Received(syntax, tuple(validate(content, syntax)), values)
