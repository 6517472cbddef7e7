"""Pages of invoices and estimates, as connections: the root lists and a client's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from billing import documents
from billing.pagination import Slice
from graph.clients.dataloaders import ClientByIdLoader
from graph.context import Info
from graph.documents.dataloaders import LineItemsByDocumentLoader, WindowsByParentLoader
from graph.documents.filters import DocumentFilterInput, DocumentSortInput, SortDirection
from graph.documents.types import DocumentFields, Estimate, Invoice
from graph.lookahead import node_fields
from graph.pagination import Connection, window
from graph.payments.dataloaders import PaymentsByInvoiceLoader
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
    parent: tuple[documents.Parent, str] | None,
) -> Slice[Document]:
    sort = sort or DocumentSortInput()
    order = documents.DocumentSort(sort.field.name)
    descending = sort.direction is SortDirection.DESC
    if parent is not None:
        # A client's (a recurring invoice's) documents, in a list of them: one page for all
        # of them at once.
        by, parent_id = parent
        loader = info.context.loader(
            WindowsByParentLoader,
            series,
            by,
            # The parent is the loader's key, whatever the filter names.
            replace((where or DocumentFilterInput()).to_billing(), **{by: None}),
            order,
            descending,
            window(first, after, last, before),
        )
        return await loader.load(parent_id)
    return await documents.window_documents(
        info.context.organization,
        series=series,
        where=(where or DocumentFilterInput()).to_billing(),
        sort=order,
        descending=descending,
        window=window(first, after, last, before),
    )


async def _preload(info: Info, nodes: Sequence[DocumentFields]) -> None:
    """Load the clients, lines and payments of the page's documents when its nodes are
    asked for them (graph/lookahead.py), and hand them to the nodes, whose fields then
    answer synchronously. Each kind is one statement for the whole page: the loader's batch,
    shared with any page resolving alongside (a list of clients, each with its invoices)."""
    asked = node_fields(info) if nodes else frozenset()
    loader = info.context.loader
    # All asked for before any is awaited: every loader's batch goes out in the same turn.
    clients = (
        loader(ClientByIdLoader).load_many([node.row.client_id for node in nodes])
        if "client" in asked
        else None
    )
    lines = (
        loader(LineItemsByDocumentLoader).load_many([node.row.id for node in nodes])
        if "lineItems" in asked
        else None
    )
    payments = (
        loader(PaymentsByInvoiceLoader).load_many([node.row.id for node in nodes])
        if "payments" in asked and all(isinstance(node, Invoice) for node in nodes)
        else None
    )
    if clients is not None:
        for node, client in zip(nodes, await clients, strict=True):
            node.client_row = client
    if lines is not None:
        for node, rows in zip(nodes, await lines, strict=True):
            node.line_rows = rows
    if payments is not None:
        for node, paid in zip(nodes, await payments, strict=True):
            assert isinstance(node, Invoice)
            node.payment_rows = paid


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
    recurring_invoice_id: str | None = None,
) -> Connection[Invoice]:
    """A page of invoices (of one client, or made by one recurring invoice, when given)."""
    parent: tuple[documents.Parent, str] | None = None
    if client_id is not None:
        parent = ("client_id", client_id)
    elif recurring_invoice_id is not None:
        parent = ("recurring_invoice_id", recurring_invoice_id)
    page = await _window(info, Series.INVOICE, where, sort, first, after, last, before, parent)
    today = info.context.today
    connection = Connection.of(page, lambda row: Invoice.from_model(row, today))
    await _preload(info, [edge.node for edge in connection.edges])
    return connection


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
    parent: tuple[documents.Parent, str] | None = (
        None if client_id is None else ("client_id", client_id)
    )
    page = await _window(info, Series.ESTIMATE, where, sort, first, after, last, before, parent)
    today = info.context.today
    connection = Connection.of(page, lambda row: Estimate.from_model(row, today))
    await _preload(info, [edge.node for edge in connection.edges])
    return connection
