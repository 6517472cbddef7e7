"""E-invoices through HTTP: Invoice.eInvoice and CreditNote.eInvoice over GraphQL (URL,
validity, findings, what is missing), the downloads over REST (content type, file name), the
XML's totals and breakdown equal to GraphQL's to the unit, and the refusals."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

import httpx
from facturx import generate_from_binary
from lxml import etree

from billing import credit_notes, documents, payments
from billing.demo import create_demo
from einvoice.validation import Syntax, fatal, validate
from graph.einvoices.types import MAX_PER_REQUEST
from models import Document
from models.enums import DocumentStatus, Series
from tests.billing.factories import an_invoice
from tests.conftest import Tenant
from tests.einvoice.conftest import a_buyer, a_seller
from tests.einvoice.test_rules import CAC, CBC, line, rate
from tests.graph.helpers import Bearer, data, gql, top_errors
from tests.rest.conftest import error_of, send

Json = dict[str, Any]

E_INVOICE = "eInvoice(format: $format) { format url valid missing findings { rule flag text } }"
INVOICE = (
    "query($id: ID!, $format: EInvoiceFormat!) { invoice(id: $id) {"
    f" number total taxTotal amountDue taxLines {{ rate taxableAmount taxAmount }} {E_INVOICE}"
    " } }"
)
CREDIT_NOTE = (
    "query($id: ID!, $format: EInvoiceFormat!) { creditNote(id: $id) {"
    f" number total {E_INVOICE} }} }}"
)


async def an_issued_invoice(tenant: Tenant, **buyer: Any) -> str:
    await a_seller(tenant.org)
    client = await a_buyer(tenant.org, **buyer)
    full, reduced = await rate(tenant, "VAT 19%", "19"), await rate(tenant, "VAT 7%", "7")
    draft = await an_invoice(
        tenant.org,
        client,
        line_items=[line(tax_rate_ids=[full]), line("Books", "3", "24.90", tax_rate_ids=[reduced])],
        issue_date="2026-03-01",
        due_date="2026-03-31",
        discount_type="PERCENT",
        discount_value="5",
    )
    await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
    await payments.record_payment(
        tenant.org, {"invoice_id": draft.id, "amount": "1000.00", "payment_method": "CASH"}
    )
    return draft.id


def path_of(url: str) -> str:
    return url[url.index("/api/") :]


async def test_an_invoices_e_invoice_over_graphql_and_rest_agree_to_the_unit(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    result = await data(http, tenant, INVOICE, {"id": invoice_id, "format": "UBL_PEPPOL"})
    invoice = result["invoice"]
    e_invoice = invoice["eInvoice"]
    assert (e_invoice["valid"], e_invoice["missing"], e_invoice["format"]) == (
        True,
        [],
        "UBL_PEPPOL",
    )
    assert [f for f in e_invoice["findings"] if f["flag"] == "fatal"] == []
    assert e_invoice["url"].endswith(f"/api/v1/invoices/{invoice_id}/einvoice?format=UBL_PEPPOL")

    download = await send(http, "GET", path_of(e_invoice["url"]), tenant)
    assert download.status_code == 200, download.text
    assert download.headers["content-type"] == "application/xml"
    assert download.headers["content-disposition"] == 'attachment; filename="INV-0001.xml"'
    assert fatal(validate(download.content, Syntax.UBL_INVOICE)) == []
    root = etree.fromstring(download.content)
    assert root.findtext(f".//{CBC}TaxInclusiveAmount") == invoice["total"]
    assert root.findtext(f"{CAC}TaxTotal/{CBC}TaxAmount") == invoice["taxTotal"]
    assert root.findtext(f".//{CBC}PayableAmount") == invoice["amountDue"]
    rows = [
        {
            "rate": subtotal.findtext(f"{CAC}TaxCategory/{CBC}Percent"),
            "taxableAmount": subtotal.findtext(f"{CBC}TaxableAmount"),
            "taxAmount": subtotal.findtext(f"{CBC}TaxAmount"),
        }
        for subtotal in root.iter(f"{CAC}TaxSubtotal")
    ]
    assert rows == [
        {**row, "rate": str(Decimal(row["rate"]).normalize())} for row in invoice["taxLines"]
    ]
    lines = [node.findtext(f"{CBC}LineExtensionAmount") for node in root.iter(f"{CAC}InvoiceLine")]
    assert sum(Decimal(amount or "0") for amount in lines) == Decimal(invoice["total"]) - Decimal(
        invoice["taxTotal"]
    )

    cii = await send(
        http, "GET", f"/api/v1/invoices/{invoice_id}/einvoice?format=CII_EN16931", tenant
    )
    assert cii.status_code == 200 and fatal(validate(cii.content, Syntax.CII)) == []


async def test_what_is_missing_is_listed_and_refused(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant, postal_address=None, peppol_id=None)
    result = await data(http, tenant, INVOICE, {"id": invoice_id, "format": "UBL_PEPPOL"})
    e_invoice = result["invoice"]["eInvoice"]
    assert (e_invoice["valid"], e_invoice["url"]) == (False, None)
    assert [missing.split(":")[0] for missing in e_invoice["missing"]] == ["client.postalAddress"]
    url = f"/api/v1/invoices/{invoice_id}/einvoice"
    message = error_of(await send(http, "GET", url, tenant), 400)
    assert message.startswith(
        "The document lacks what an EN 16931 e-invoice needs: client.postalAddress"
    )
    assert "format" in error_of(await send(http, "GET", f"{url}?format=PDF", tenant), 400)
    error_of(await send(http, "GET", url, other_tenant), 404)


async def test_a_draft_has_no_e_invoice(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await a_seller(tenant.org)
    draft = await an_invoice(tenant.org, await a_buyer(tenant.org))
    message = error_of(
        await send(http, "GET", f"/api/v1/invoices/{draft.id}/einvoice", tenant), 409
    )
    assert message == "Invoice INV-0001 is DRAFT: only an issued invoice has an e-invoice"


async def test_a_credit_notes_e_invoice_names_its_invoice(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "500.00"}
    )
    result = await data(http, tenant, CREDIT_NOTE, {"id": note.id, "format": "XRECHNUNG_UBL"})
    e_invoice = result["creditNote"]["eInvoice"]
    assert e_invoice["valid"] and e_invoice["missing"] == [], e_invoice
    download = await send(http, "GET", path_of(e_invoice["url"]), tenant)
    assert download.headers["content-disposition"] == 'attachment; filename="CN-0001.xml"'
    root = etree.fromstring(download.content)
    assert root.tag.endswith("}CreditNote")
    assert root.findtext(f".//{CAC}InvoiceDocumentReference/{CBC}ID") == "INV-0001"
    assert root.findtext(f".//{CBC}TaxInclusiveAmount") == result["creditNote"]["total"]
    assert fatal(validate(download.content, Syntax.UBL_CREDIT_NOTE)) == []


async def test_the_demos_paid_invoice_is_a_valid_peppol_invoice(
    http: httpx.AsyncClient, db: object
) -> None:
    """README's worked example: the demo's paid invoice (a US seller with its tax id and
    D-U-N-S number, a London buyer) as Peppol BIS 3.0 UBL and as CII."""
    org, secret = await create_demo()
    caller = Bearer(secret)
    paid = await Document.get(organization_id=org.id, status=DocumentStatus.PAID)
    for format in ("UBL_PEPPOL", "CII_EN16931"):
        result = await data(http, caller, INVOICE, {"id": paid.id, "format": format})
        e_invoice = result["invoice"]["eInvoice"]
        assert e_invoice["valid"] and e_invoice["missing"] == [], e_invoice
    missing = await data(http, caller, INVOICE, {"id": paid.id, "format": "XRECHNUNG_UBL"})
    assert missing["invoice"]["eInvoice"]["missing"] == ["organization.paymentMeans: BR-DE-1"]


CHECK = (
    "query($content: String!, $encoding: EInvoiceEncoding) {"
    " eInvoiceCheck(content: $content, encoding: $encoding) {"
    " syntax valid findings { rule flag text } number typeCode issueDate currency"
    " sellerName sellerVatId buyerName buyerVatId total taxTotal due } }"
)


async def check(http: httpx.AsyncClient, tenant: Tenant, content: bytes, *, xml: bool) -> Json:
    variables = (
        {"content": content.decode(), "encoding": "XML"}
        if xml
        else {"content": base64.b64encode(content).decode(), "encoding": "BASE64"}
    )
    checked: Json = (await data(http, tenant, CHECK, variables))["eInvoiceCheck"]
    return checked


async def test_a_received_e_invoice_is_parsed_and_validated(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    url = f"/api/v1/invoices/{invoice_id}/einvoice"
    ubl_xml = (await send(http, "GET", f"{url}?format=UBL_PEPPOL", tenant)).content
    cii_xml = (await send(http, "GET", f"{url}?format=CII_EN16931", tenant)).content
    shown = (await data(http, tenant, INVOICE, {"id": invoice_id, "format": "UBL_PEPPOL"}))[
        "invoice"
    ]
    for received, syntax, as_xml in ((ubl_xml, "UBL_INVOICE", True), (cii_xml, "CII", False)):
        checked = await check(http, tenant, received, xml=as_xml)
        assert (checked["syntax"], checked["valid"]) == (syntax, True), checked
        assert checked["number"] == "INV-0001" and checked["typeCode"] == "380"
        assert (checked["sellerName"], checked["sellerVatId"]) == ("Acme Studio", "DE136695976")
        assert (checked["buyerName"], checked["buyerVatId"]) == ("Globex SA", "BE0403170701")
        assert (checked["total"], checked["taxTotal"], checked["due"]) == (
            shown["total"],
            shown["taxTotal"],
            shown["amountDue"],
        )
        assert checked["currency"] == "USD"

    # A Factur-X PDF as the maintained factur-x package makes one, from our PDF and CII.
    pdf = (await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)).content
    facturx_pdf = generate_from_binary(pdf, cii_xml, check_xsd=False)
    from_pdf = await check(http, tenant, facturx_pdf, xml=False)
    assert (from_pdf["syntax"], from_pdf["valid"], from_pdf["number"]) == ("CII", True, "INV-0001")

    plain_pdf = await check(http, tenant, pdf, xml=False)
    assert (plain_pdf["syntax"], plain_pdf["valid"]) == (None, False)
    assert [f["rule"] for f in plain_pdf["findings"]] == ["PDF"]

    tampered = ubl_xml.replace(
        f">{shown['total']}</cbc:TaxInclusiveAmount>".encode(),
        b">1.00</cbc:TaxInclusiveAmount>",
    )
    wrong = await check(http, tenant, tampered, xml=True)
    assert wrong["valid"] is False and "BR-CO-15" in {f["rule"] for f in wrong["findings"]}


async def test_what_is_not_an_e_invoice_is_a_finding_and_reads_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&e;</Invoice>'
    )
    refused = await check(http, tenant, xxe, xml=True)
    assert (refused["syntax"], refused["valid"], refused["number"]) == (None, False, None)
    assert "root:" not in str(refused)
    assert [f["rule"] for f in refused["findings"]] == ["XML"]
    other = await check(http, tenant, b"<order><id>1</id></order>", xml=True)
    assert [f["rule"] for f in other["findings"]] == ["SYNTAX"]
    broken = await check(http, tenant, b"<Invoice", xml=True)
    assert [f["rule"] for f in broken["findings"]] == ["XML"]
    body = await gql(http, tenant, CHECK, {"content": "not base64!", "encoding": "BASE64"})
    assert top_errors(body) == [("VALIDATION", "content")]


async def test_one_request_generates_at_most_ten(http: httpx.AsyncClient, tenant: Tenant) -> None:
    """Each e-invoice reads its document and runs the rules: a page of more than
    MAX_PER_REQUEST is refused, a page of that many answered."""
    first = await an_issued_invoice(tenant)
    template = await documents.get_document(tenant.org, first, Series.INVOICE)
    for _ in range(MAX_PER_REQUEST):
        draft = await an_invoice(
            tenant.org,
            template.client,
            line_items=[line(tax_rate="19")],
            due_date="2026-12-31",
        )
        await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
    page = (
        "query($first: Int!) { invoices(first: $first) { edges { node {"
        " eInvoice(format: CII_EN16931) { valid } } } } }"
    )
    refused = await gql(http, tenant, page, {"first": MAX_PER_REQUEST + 1})
    assert top_errors(refused) == [("VALIDATION", "eInvoice")]
    assert refused["data"] is None
    answered = await data(http, tenant, page, {"first": MAX_PER_REQUEST})
    edges = answered["invoices"]["edges"]
    assert len(edges) == MAX_PER_REQUEST
    assert all(edge["node"]["eInvoice"]["valid"] for edge in edges)
