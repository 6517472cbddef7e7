"""Per-request loaders of documents and their lines."""

from __future__ import annotations

from collections.abc import Sequence

from billing import documents
from billing.pagination import Slice, Window
from graph.clients.dataloaders import ClientByIdLoader
from graph.context import Context, OrgLoader
from graph.payments.dataloaders import PaymentsByInvoiceLoader
from models import Document, LineItem, Organization
from models.enums import Series


class DocumentByIdLoader(OrgLoader[str, Document | None]):
    """Invoices and estimates by id, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[Document | None]:
        found = await documents.documents_by(self.org, "id", keys)
        return [next(iter(found[key]), None) for key in keys]


class WindowsByParentLoader(OrgLoader[str, Slice[Document]]):
    """The same page of each parent's invoices or estimates (a list of clients, or of
    recurring invoices, each with its documents), a first page of all in one statement."""

    def __init__(
        self,
        org: Organization,
        series: Series,
        by: documents.Parent,
        where: documents.DocumentFilter,
        sort: documents.DocumentSort,
        descending: bool,
        window: Window,
    ) -> None:
        super().__init__(org)
        self.series, self.by, self.where, self.window = series, by, where, window
        self.sort, self.descending = sort, descending

    async def load_batch(self, keys: list[str]) -> Sequence[Slice[Document]]:
        found = await documents.windows_by(
            self.org,
            self.series,
            self.by,
            keys,
            self.where,
            sort=self.sort,
            descending=self.descending,
            window=self.window,
        )
        return [found[key] for key in keys]


class InvoiceByEstimateLoader(OrgLoader[str, Document | None]):
    """The invoice each estimate was converted to, if any, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[Document | None]:
        found = await documents.documents_by(self.org, "source_estimate_id", keys)
        return [next(iter(found[key]), None) for key in keys]


class LineItemsByDocumentLoader(OrgLoader[str, list[LineItem]]):
    """Documents' lines in order, in one query (a document has at most 500)."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[LineItem]]:
        found = await documents.lines_by_document(self.org, keys)
        return [found[key] for key in keys]


def remember(context: Context, row: Document) -> None:
    """Prime the request's loaders with a document billing read with its contents (a read's
    `get_document`, a write's `load_written`): its lines, client and payments come from that
    same read, which is not asked again, and a mutation's payload shows the state its own
    transaction committed, not what a later writer left."""
    context.loader(LineItemsByDocumentLoader).prime(row.id, documents.lines_of(row), force=True)
    context.loader(ClientByIdLoader).prime(row.client_id, row.client, force=True)
    payments = documents.payments_written(row)
    if payments is not None:
        context.loader(PaymentsByInvoiceLoader).prime(row.id, payments, force=True)
