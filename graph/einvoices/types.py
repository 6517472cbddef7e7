"""GraphQL types of e-invoices: the formats, and what a document's e-invoice is in one of
them (where to download it, and what the official rules found)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum

import strawberry

from billing.errors import EInvoiceIncomplete, ValidationError
from einvoice.formats import Format, Generated
from graph.context import Info

#: How many e-invoices one request may generate.
MAX_PER_REQUEST = 10


@strawberry.enum(description="An e-invoice format: a syntax and a specification of EN 16931.")
class EInvoiceFormat(Enum):
    UBL_PEPPOL = strawberry.enum_value(
        Format.UBL_PEPPOL.value, description="UBL 2.1, Peppol BIS Billing 3.0."
    )
    XRECHNUNG_UBL = strawberry.enum_value(
        Format.XRECHNUNG_UBL.value, description="UBL 2.1, XRechnung 3.0 (Germany)."
    )
    XRECHNUNG_CII = strawberry.enum_value(
        Format.XRECHNUNG_CII.value, description="UN/CEFACT CII D16B, XRechnung 3.0 (Germany)."
    )
    CII_EN16931 = strawberry.enum_value(
        Format.CII_EN16931.value,
        description="UN/CEFACT CII D16B, EN 16931 (the XML of Factur-X / ZUGFeRD's profile).",
    )
    FACTURX = strawberry.enum_value(
        "FACTURX",
        description="Factur-X / ZUGFeRD: its PDF as PDF/A-3 with that CII attached "
        "(factur-x.xml, profile EN 16931); the findings are the CII's.",
    )


@strawberry.type(description="A rule an e-invoice fails, as the official validator reports it.")
class ValidationFinding:
    rule: str = strawberry.field(description="The rule's id (BR-CO-17), or XSD for the schema.")
    flag: str = strawberry.field(description="fatal or warning.")
    location: str = strawberry.field(description="Where in the XML (an XPath).")
    text: str = strawberry.field(description="What the rule says.")


@strawberry.type(description="A document's e-invoice in one format.")
class EInvoice:
    format: EInvoiceFormat = strawberry.field(description="The format.")
    url: str | None = strawberry.field(
        description="Where to download it (REST, with the same key); null while something "
        "is missing."
    )
    valid: bool = strawberry.field(
        description="Whether it passes the schema and the EN 16931 rules with no fatal finding."
    )
    missing: list[str] = strawberry.field(
        description="What the document, its organization or client lacks for this format, "
        "each as `path: why` (organization.vatId: ...); empty when complete."
    )
    findings: list[ValidationFinding] = strawberry.field(
        description="What the official rules found (XSD, then CEN's EN 16931 Schematron)."
    )


def located(base_url: str, collection: str, id: str, format: EInvoiceFormat) -> tuple[Format, str]:
    """The XML format `format` is checked as, and where its file downloads (REST's route of
    `collection`: invoices or credit-notes)."""
    document = f"{base_url}/api/v1/{collection}/{id}"
    if format is EInvoiceFormat.FACTURX:
        return Format.CII_EN16931, f"{document}/pdf?facturx=true"
    chosen = Format[format.name]
    return chosen, f"{document}/einvoice?format={chosen.value}"


async def e_invoice_of(
    info: Info, make: Callable[[], Awaitable[Generated]], format: EInvoiceFormat, url: str
) -> EInvoice:
    """The e-invoice `make` generates, or what it lacks; at most MAX_PER_REQUEST a request
    (each reads its document and runs the rules)."""
    info.context.e_invoices += 1
    if info.context.e_invoices > MAX_PER_REQUEST:
        raise ValidationError(
            f"At most {MAX_PER_REQUEST} e-invoices are generated per request: ask for eInvoice "
            "on fewer documents",
            field="eInvoice",
        )
    try:
        generated = await make()
    except EInvoiceIncomplete as incomplete:
        return EInvoice(
            format=format, url=None, valid=False, missing=list(incomplete.missing), findings=[]
        )
    return EInvoice(
        format=format,
        url=url,
        valid=generated.valid,
        missing=[],
        findings=[
            ValidationFinding(rule=f.rule, flag=f.flag, location=f.location, text=f.text)
            for f in generated.findings
        ],
    )
