"""`POST /api/v1/invoices/{id}/send` and `/estimates/{id}/send`: a document e-mailed with its
PDF and public link, beyond the v1 contract and in its style."""

from __future__ import annotations

from billing import documents
from billing.lifecycle import today_in
from billing.plans import Plan
from billing.sending import SendRequest
from mail.sending import Mailer
from models import Document, Organization
from models.enums import Series
from rest import shapes
from rest.endpoint import Body
from rest.serializers import estimate_json, invoice_json, one


async def _send(
    org: Organization,
    id: str,
    mailer: Mailer,
    plan: Plan,
    body: Body[shapes.DocumentSend] | None,
    *,
    series: Series,
) -> Document:
    request = SendRequest(**body.values) if body is not None else None
    return await mailer.send_document(org, id, series=series, plan=plan, request=request)


async def send_invoice(
    org: Organization,
    id: str,
    mailer: Mailer,
    plan: Plan,
    body: Body[shapes.DocumentSend] | None,
) -> shapes.One[shapes.Invoice]:
    """E-mail an invoice with its PDF and public link.

    To the client's address unless `to` is given (a client without one needs `to`). Only
    once the e-mail is accepted does a DRAFT invoice become SENT, with `sentViaEmail` and
    `sentAt`; a SENT, VIEWED or PARTIALLY_PAID one may be sent again (its status and first
    `sentAt` stay). A PAID or VOID invoice is refused (409); a plan without e-mail gets 403;
    an e-mail the SMTP server refused or could not take gets 502 with the server's reason,
    and nothing changes.
    """
    document = await _send(org, id, mailer, plan, body, series=Series.INVOICE)
    return one(invoice_json(document, documents.lines_of(document), today_in(org)))


async def send_estimate(
    org: Organization,
    id: str,
    mailer: Mailer,
    plan: Plan,
    body: Body[shapes.DocumentSend] | None,
) -> shapes.One[shapes.Estimate]:
    """E-mail an estimate with its PDF and public link.

    As for invoices: a DRAFT becomes SENT once the e-mail is accepted, a SENT or VIEWED one
    may be sent again, an ACCEPTED or VOID one is refused (409); 403 without the plan's
    e-mail, 502 when the e-mail did not go out.
    """
    document = await _send(org, id, mailer, plan, body, series=Series.ESTIMATE)
    return one(estimate_json(document, documents.lines_of(document), today_in(org)))
