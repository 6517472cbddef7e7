"""Pages of invoices and estimates, as connections: the root lists and a client's own."""

from __future__ import annotations

from dataclasses import replace

from billing import documents
from billing.pagination import Slice
from graph.context import Info
from graph.documents.dataloaders import WindowsByClientLoader
from graph.documents.filters import DocumentFilterInput, DocumentSortInput, SortDirection
from graph.documents.types import Estimate, Invoice
from graph.pagination import Connection, window
from models import Document
from models.enums import Series


async def _window(
    info: Info,
    series: Series,
    where: DocumentFilterInput | None,
    sort: DocumentSortInput | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    client_id: str | None,
) -> Slice[Document]:
    sort = sort or DocumentSortInput()
    order = documents.DocumentSort(sort.field.name)
    descending = sort.direction is SortDirection.DESC
    if client_id is not None:
        # A client's documents, in a list of clients: one page for all of them at once.
        loader = info.context.loader(
            WindowsByClientLoader,
            series,
            # The parent's client is the loader's key, whatever the filter names.
            replace((where or DocumentFilterInput()).to_billing(), client_id=None),
            order,
            descending,
            window(first, after, last, before),
        )
        return await loader.load(client_id)
    return await documents.window_documents(
        info.context.organization,
        series=series,
        where=(where or DocumentFilterInput()).to_billing(),
        sort=order,
        descending=descending,
        window=window(first, after, last, before),
    )


async def invoice_connection(
    info: Info,
    where: DocumentFilterInput | None,
    sort: DocumentSortInput | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    client_id: str | None = None,
) -> Connection[Invoice]:
    """A page of invoices (of one client, when given)."""
    page = await _window(info, Series.INVOICE, where, sort, first, after, last, before, client_id)
    today = info.context.today
    return Connection.of(page, lambda row: Invoice.from_model(row, today))


async def estimate_connection(
    info: Info,
    where: DocumentFilterInput | None,
    sort: DocumentSortInput | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    client_id: str | None = None,
) -> Connection[Estimate]:
    """A page of estimates (of one client, when given)."""
    page = await _window(info, Series.ESTIMATE, where, sort, first, after, last, before, client_id)
    today = info.context.today
    return Connection.of(page, lambda row: Estimate.from_model(row, today))
