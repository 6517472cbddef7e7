"""`/api/v1/invoices`."""

from __future__ import annotations

from datetime import UTC, datetime

from billing import documents
from billing.lifecycle import Status, today_in
from billing.pagination import PageRequest
from billing.plans import Plan
from einvoice.formats import Format
from einvoice.store import EInvoices
from models import Organization
from models.enums import Series
from pdf.store import DocumentPdfs
from rest import shapes
from rest.endpoint import Body
from rest.pdfs import Pdf, Xml, download, rendering
from rest.serializers import (
    balance_json,
    invoice_json,
    invoice_list_item,
    invoice_summary,
    many,
    one,
    tax_breakdown_json,
)


async def list_invoices(
    org: Organization, query: shapes.InvoiceQuery
) -> shapes.Many[shapes.InvoiceListItem]:
    """List invoices, newest first.

    `search` matches the invoice number and the client's name or e-mail address.
    `status=OVERDUE` finds the sent, viewed or partly paid invoices past their due date.
    """
    now = datetime.now(UTC)
    status = query.get("status")
    page = await documents.list_documents(
        org,
        Series.INVOICE,
        documents.DocumentFilter(
            search=query.get("search"),
            client_id=query.get("clientId"),
            status=Status(status) if status is not None else None,
        ),
        page=PageRequest(query["page"], query["limit"]),
        now=now,
    )
    today = today_in(org, now)
    return many(page, lambda document: invoice_list_item(document, today))


async def create_invoice(
    org: Organization, body: Body[shapes.InvoiceCreate], plan: Plan
) -> shapes.One[shapes.InvoiceSummary]:
    """Create a DRAFT invoice.

    The server computes every amount from the lines (totals sent are ignored). Counts
    against the plan's monthly invoice limit (403 once reached). Its PDF is rendered in the
    background.
    """
    document = await documents.create_document(org, body.values, series=Series.INVOICE, plan=plan)
    return one(invoice_summary(document, today_in(org)))


async def get_invoice(org: Organization, id: str) -> shapes.One[shapes.Invoice]:
    """Get an invoice with its lines and client."""
    document = await documents.get_document(org, id, series=Series.INVOICE)
    lines = documents.lines_of(document)
    return one(invoice_json(document, lines, today_in(org)))


async def get_invoice_taxes(org: Organization, id: str) -> shapes.One[shapes.TaxBreakdown]:
    """Get an invoice's tax breakdown (extension).

    One row per tax (rate, name, EN 16931 category, exemption) with its taxable amount and
    tax, adding up to `taxTotal` exactly; how it was rounded and whether prices include tax.
    """
    document = await documents.get_document(org, id, series=Series.INVOICE)
    return one(tax_breakdown_json(document, documents.lines_of(document)))


async def get_invoice_balance(org: Organization, id: str) -> shapes.One[shapes.Balance]:
    """Get what an invoice is owed (extension): its payments, credit notes and refunds.

    `amountDue` below zero is a credit the client holds (`creditBalance`): refund it from a
    credit note, or keep it for the client.
    """
    document = await documents.get_document(org, id, series=Series.INVOICE, with_lines=False)
    return one(balance_json(document))


async def update_invoice(
    org: Organization, id: str, body: Body[shapes.InvoiceUpdate]
) -> shapes.One[shapes.InvoiceSummary]:
    """Update a DRAFT invoice.

    Absent fields keep their value; `lineItems`, when sent, replace all lines and the
    totals are recomputed. Any other status is refused with 400.
    """
    document = await documents.update_document(org, id, body.values, series=Series.INVOICE)
    return one(invoice_summary(document, today_in(org)))


async def delete_invoice(org: Organization, id: str) -> None:
    """Delete an invoice and its PDF for good.

    An invoice with payments cannot be deleted (409): void it instead.
    """
    await documents.delete_document(org, id, series=Series.INVOICE)


async def void_invoice(org: Organization, id: str) -> shapes.One[shapes.Invoice]:
    """Void an invoice (final).

    Refused (409) while it has payments, and for an invoice already void.
    """
    document = await documents.void_document(org, id, series=Series.INVOICE)
    lines = documents.lines_of(document)
    return one(invoice_json(document, lines, today_in(org)))


async def get_invoice_pdf(
    org: Organization, id: str, pdfs: DocumentPdfs, einvoices: EInvoices, query: shapes.PdfQuery
) -> Pdf:
    """Download an invoice's PDF.

    Served as an attachment named `<invoiceNumber>.pdf`. 503 when it cannot be rendered just
    now: retry a little later. With `facturx=true`, the Factur-X PDF (PDF/A-3 with its
    EN 16931 CII attached): 400 listing what the invoice lacks for it, 409 for a DRAFT or
    VOID one.
    """
    if query.get("facturx") == "true":
        with rendering(id):
            made = await einvoices.invoice_facturx(org, id)
        return Pdf(made.pdf, made.name)
    return await download(
        pdfs, id, lambda: documents.get_document(org, id, Series.INVOICE, with_lines=False)
    )


async def get_invoice_einvoice(
    org: Organization, id: str, einvoices: EInvoices, query: shapes.EInvoiceQuery
) -> Xml:
    """Download an issued invoice's e-invoice (EN 16931), named `<invoiceNumber>.xml`.

    `format` chooses the syntax and specification (Peppol BIS 3.0 UBL by default). What the
    document, its organization or its client lacks for that format is a 400 listing each
    missing value by its path; a DRAFT or VOID invoice is a 409.
    """
    generated = await einvoices.invoice(org, id, Format(query.get("format", "UBL_PEPPOL")))
    return Xml(generated.xml, generated.name)
