"""Mutations of documents' public links: rotating one retires the link the client was given."""

from __future__ import annotations

import strawberry

from billing import public_links
from graph.context import Info
from graph.documents.mutations import (
    DocumentId,
    EstimatePayload,
    InvoicePayload,
    estimate_payload,
    invoice_payload,
)
from graph.errors import Error, attempt
from models import Document


async def _rotate(
    info: Info, document_id: str, *, is_estimate: bool
) -> tuple[Document | None, list[Error]]:
    # Unlike the other mutations of documents, no PDF refresh follows: the token is not
    # printed on the PDF, so the PDF has not changed.
    org = info.context.organization
    return await attempt(
        info, lambda: public_links.rotate_public_token(org, document_id, is_estimate=is_estimate)
    )


@strawberry.type
class DocumentLinkMutations:
    @strawberry.mutation(
        description="Give an invoice a new publicUrl; the old link stops working at once."
    )
    async def invoice_public_link_rotate(self, info: Info, id: DocumentId) -> InvoicePayload:
        row, errors = await _rotate(info, id, is_estimate=False)
        return invoice_payload(info, row, errors)

    @strawberry.mutation(
        description="Give an estimate a new publicUrl; the old link stops working at once."
    )
    async def estimate_public_link_rotate(self, info: Info, id: DocumentId) -> EstimatePayload:
        row, errors = await _rotate(info, id, is_estimate=True)
        return estimate_payload(info, row, errors)
