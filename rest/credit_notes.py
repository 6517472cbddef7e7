"""`/api/v1/credit-notes`: correcting issued invoices, beyond the v1 contract, in its style."""

from __future__ import annotations

from billing import credit_notes
from billing.pagination import PageRequest
from billing.plans import Plan
from billing.sending import SendRequest
from einvoice.formats import Format
from einvoice.store import EInvoices
from mail.sending import Mailer
from models import Organization
from pdf.store import DocumentPdfs
from rest import shapes
from rest.endpoint import Body
from rest.pdfs import Pdf, Xml, rendering
from rest.serializers import credit_note_json, many, one


async def list_credit_notes(
    org: Organization, query: shapes.CreditNoteQuery
) -> shapes.Many[shapes.CreditNote]:
    """List credit notes, newest first, across the organization or for one invoice."""
    page = await credit_notes.list_credit_notes(
        org,
        invoice_id=query.get("invoiceId"),
        page=PageRequest(query["page"], query["limit"]),
    )
    # Each shown whole, as GET /credit-notes/{id} shows it: the page's lines, refunds and
    # invoices in one statement each.
    shown = {one.note.id: one for one in await credit_notes.shown_all(org, page.items)}
    return many(page, lambda note: credit_note_json(shown[note.id]))


async def create_credit_note(
    org: Organization, body: Body[shapes.CreditNoteCreate]
) -> shapes.One[shapes.CreditNote]:
    """Issue a credit note against an issued invoice.

    Credits everything left of it, an amount spread over its lines, or chosen lines (whole,
    a quantity or an amount each), never more than is left (400). The invoice's amount due
    falls; below zero, the client holds a credit. 409 on a DRAFT or VOID invoice.
    """
    note = await credit_notes.create_credit_note(org, body.values)
    return one(credit_note_json(await credit_notes.credit_note_shown(org, note.id)))


async def get_credit_note(org: Organization, id: str) -> shapes.One[shapes.CreditNote]:
    """Get a credit note with its lines, tax breakdown and refunds."""
    return one(credit_note_json(await credit_notes.credit_note_shown(org, id)))


async def create_refund(
    org: Organization, id: str, body: Body[shapes.RefundCreate]
) -> shapes.One[shapes.CreditNote]:
    """Record money paid back to the client out of a credit note.

    At most what the credit note has not refunded and what the client holds beyond the
    invoice's total (400 otherwise). Answers the credit note with its refunds.
    """
    await credit_notes.record_refund(org, id, body.values)
    return one(credit_note_json(await credit_notes.credit_note_shown(org, id)))


async def get_credit_note_pdf(
    org: Organization, id: str, pdfs: DocumentPdfs, einvoices: EInvoices, query: shapes.PdfQuery
) -> Pdf:
    """Download a credit note's PDF, named `<creditNoteNumber>.pdf`; 503 when it cannot be
    rendered just now. With `facturx=true`, its Factur-X PDF (400 listing what is missing)."""
    if query.get("facturx") == "true":
        with rendering(id):
            made = await einvoices.credit_note_facturx(org, id)
        return Pdf(made.pdf, made.name)
    shown = await credit_notes.credit_note_shown(org, id)
    with rendering(id):
        return Pdf(await pdfs.credit_note(shown), shown.note.number)


async def send_credit_note(
    org: Organization,
    id: str,
    mailer: Mailer,
    plan: Plan,
    body: Body[shapes.DocumentSend] | None,
) -> shapes.One[shapes.CreditNote]:
    """E-mail a credit note with its PDF and public link.

    To the client's address unless `to` is given (a client without one needs `to`). Once
    the e-mail is accepted, `sentTo` and the first `sentAt` are set; it may be sent again,
    but not while another e-mail of it is being delivered (409). 403 without the plan's
    e-mail; 502 with the server's reason when the e-mail did not go out, and nothing changes.
    """
    request = SendRequest(**body.values) if body is not None else None
    return one(credit_note_json(await mailer.send_credit_note(org, id, plan=plan, request=request)))


async def get_credit_note_einvoice(
    org: Organization, id: str, einvoices: EInvoices, query: shapes.EInvoiceQuery
) -> Xml:
    """Download a credit note's e-invoice (EN 16931 type 381, naming its invoice), named
    `<creditNoteNumber>.xml`; `format` as for invoices, 400 for what is missing."""
    generated = await einvoices.credit_note(org, id, Format(query.get("format", "UBL_PEPPOL")))
    return Xml(generated.xml, generated.name)
