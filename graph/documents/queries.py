"""Root query fields of invoices and estimates."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import documents
from billing.errors import NotFound
from graph.context import Info
from graph.documents.connections import estimate_connection, invoice_connection
from graph.documents.dataloaders import remember
from graph.documents.filters import DocumentFilter, DocumentSort
from graph.documents.types import Estimate, Invoice
from graph.pagination import After, Before, Connection, First, Last
from models import Document
from models.enums import Series


async def find(info: Info, document_id: str, *, series: Series) -> Document | None:
    """One of the organization's documents, None when it has no such one."""
    try:
        row = await documents.get_document(info.context.organization, document_id, series=series)
    except NotFound:
        return None
    remember(info.context, row)
    return row


@strawberry.type
class DocumentQueries:
    @strawberry.field(description="An invoice by id; null when the organization has none such.")
    async def invoice(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> Invoice | None:
        row = await find(info, id, series=Series.INVOICE)
        return None if row is None else Invoice.from_model(row, info.context.today)

    @strawberry.field(description="The organization's invoices, newest first unless sorted.")
    async def invoices(
        self,
        info: Info,
        filter: DocumentFilter = None,
        sort: DocumentSort = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Invoice]:
        return await invoice_connection(info, filter, sort, first, after, last, before)

    @strawberry.field(description="An estimate by id; null when the organization has none such.")
    async def estimate(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> Estimate | None:
        row = await find(info, id, series=Series.ESTIMATE)
        return None if row is None else Estimate.from_model(row, info.context.today)

    @strawberry.field(description="The organization's estimates, newest first unless sorted.")
    async def estimates(
        self,
        info: Info,
        filter: DocumentFilter = None,
        sort: DocumentSort = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Estimate]:
        return await estimate_connection(info, filter, sort, first, after, last, before)
