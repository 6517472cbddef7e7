"""Mutations of documents' public links: rotating one retires the link the client was given."""

from __future__ import annotations

import strawberry

from billing import documents
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
from models.enums import Series


async def _rotate(
    info: Info, document_id: str, *, series: Series
) -> tuple[Document | None, list[Error]]:
    org = info.context.organization
    return await attempt(
        info, lambda: documents.rotate_public_token(org, document_id, series=series)
    )


@strawberry.type
class DocumentLinkMutations:
    @strawberry.mutation(
        description="Give an invoice a new publicUrl; the old link stops working at once."
    )
    async def invoice_public_link_rotate(self, info: Info, id: DocumentId) -> InvoicePayload:
        row, errors = await _rotate(info, id, series=Series.INVOICE)
        return invoice_payload(info, row, errors)

    @strawberry.mutation(
        description="Give an estimate a new publicUrl; the old link stops working at once."
    )
    async def estimate_public_link_rotate(self, info: Info, id: DocumentId) -> EstimatePayload:
        row, errors = await _rotate(info, id, series=Series.ESTIMATE)
        return estimate_payload(info, row, errors)
