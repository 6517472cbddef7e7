"""`/api/v1/estimates`: invoices' counterpart, beyond the v1 contract and in its style."""

from __future__ import annotations

from billing import documents
from billing.lifecycle import Status, today_in
from billing.pagination import PageRequest
from billing.plans import Plan
from models import Organization
from models.enums import Series
from pdf.store import DocumentPdfs
from rest import shapes
from rest.endpoint import Body
from rest.pdfs import Pdf, download
from rest.serializers import (
    estimate_json,
    estimate_list_item,
    estimate_summary,
    invoice_summary,
    many,
    one,
    tax_breakdown_json,
)


async def list_estimates(
    org: Organization, query: shapes.EstimateQuery
) -> shapes.Many[shapes.EstimateListItem]:
    """List estimates, newest first.

    `search` matches the estimate number and the client's name or e-mail address.
    """
    status = query.get("status")
    page = await documents.list_documents(
        org,
        Series.ESTIMATE,
        documents.DocumentFilter(
            search=query.get("search"),
            client_id=query.get("clientId"),
            status=Status(status) if status is not None else None,
        ),
        page=PageRequest(query["page"], query["limit"]),
    )
    today = today_in(org)
    return many(page, lambda document: estimate_list_item(document, today))


async def create_estimate(
    org: Organization, body: Body[shapes.EstimateCreate], plan: Plan
) -> shapes.One[shapes.EstimateSummary]:
    """Create a DRAFT estimate.

    The server computes every amount from the lines (totals sent are ignored). Its PDF is
    rendered in the background.
    """
    document = await documents.create_document(org, body.values, series=Series.ESTIMATE, plan=plan)
    return one(estimate_summary(document, today_in(org)))


async def get_estimate(org: Organization, id: str) -> shapes.One[shapes.Estimate]:
    """Get an estimate with its lines and client."""
    document = await documents.get_document(org, id, series=Series.ESTIMATE)
    lines = documents.lines_of(document)
    return one(estimate_json(document, lines, today_in(org)))


async def get_estimate_taxes(org: Organization, id: str) -> shapes.One[shapes.TaxBreakdown]:
    """Get an estimate's tax breakdown (extension), as an invoice's."""
    document = await documents.get_document(org, id, series=Series.ESTIMATE)
    return one(tax_breakdown_json(document, documents.lines_of(document)))


async def update_estimate(
    org: Organization, id: str, body: Body[shapes.EstimateUpdate]
) -> shapes.One[shapes.EstimateSummary]:
    """Update a DRAFT estimate.

    Absent fields keep their value; `lineItems`, when sent, replace all lines and the
    totals are recomputed. Any other status is refused with 400.
    """
    document = await documents.update_document(org, id, body.values, series=Series.ESTIMATE)
    return one(estimate_summary(document, today_in(org)))


async def delete_estimate(org: Organization, id: str) -> None:
    """Delete an estimate and its PDF for good."""
    await documents.delete_document(org, id, series=Series.ESTIMATE)


async def convert_estimate(
    org: Organization, id: str, plan: Plan
) -> shapes.One[shapes.InvoiceSummary]:
    """Convert an estimate into a new DRAFT invoice.

    The invoice takes the estimate's client, currency, lines, discount, taxes, notes and
    terms; the estimate becomes ACCEPTED. Converting twice is refused (409) and the message
    names the invoice that exists. Counts against the plan's monthly invoice limit.
    """
    invoice = await documents.convert_estimate(org, id, plan=plan)
    return one(invoice_summary(invoice, today_in(org)))


async def void_estimate(org: Organization, id: str) -> shapes.One[shapes.Estimate]:
    """Void an estimate: the client declined it (final)."""
    document = await documents.void_document(org, id, series=Series.ESTIMATE)
    lines = documents.lines_of(document)
    return one(estimate_json(document, lines, today_in(org)))


async def get_estimate_pdf(org: Organization, id: str, pdfs: DocumentPdfs) -> Pdf:
    """Download an estimate's PDF.

    Served as an attachment named `<estimateNumber>.pdf`. 503 when it cannot be rendered just
    now: retry a little later.
    """
    return await download(
        pdfs, id, lambda: documents.get_document(org, id, Series.ESTIMATE, with_lines=False)
    )
