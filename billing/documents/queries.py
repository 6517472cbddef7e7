"""Reading documents: one with what it shows, or a page of a filtered list, each read in one
snapshot. Scoped to the caller's organization, except `document_state` (for the PDF store)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.query_utils import Prefetch
from tortoise.queryset import QuerySet

from billing import lifecycle
from billing.errors import NotFound, shown_id
from billing.lifecycle import Status
from billing.pagination import (
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    clean_search,
    keyset,
    keysets,
    paginate,
)
from models import Document, LineItem, Organization, Payment
from models.enums import Series
from models.ids import is_id
from models.snapshot import read_snapshot


class DocumentSort(StrEnum):
    """Orders a document list can take; ties are broken by id, so pages are stable."""

    CREATED_AT = "CREATED_AT"
    ISSUE_DATE = "ISSUE_DATE"
    DUE_DATE = "DUE_DATE"
    NUMBER = "NUMBER"
    TOTAL = "TOTAL"


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What a document list may be narrowed by; every condition runs in the database."""

    search: str | None = None
    client_id: str | None = None
    status: Status | None = None
    issue_date_from: date | None = None
    issue_date_to: date | None = None
    due_date_from: date | None = None
    due_date_to: date | None = None


def not_found(series: Series | None, document_id: object) -> NotFound:
    """The error for an id that names no document of `series` in the organization."""
    noun = series.noun if series is not None else "invoice or estimate"
    return NotFound(f"No {noun} with id {shown_id(document_id)}", field="id")


def _payments() -> Prefetch:
    return Prefetch("payments", queryset=Payment.all().order_by("payment_date", "id"))


def with_contents(query: QuerySet[Document], *more: Prefetch) -> QuerySet[Document]:
    """`query` reading what a document shows: its client, organization and lines in order
    (and `more`)."""
    return with_parties(query).prefetch_related(
        Prefetch("line_items", queryset=LineItem.all().order_by("position")), *more
    )


def with_parties(query: QuerySet[Document]) -> QuerySet[Document]:
    """`query` reading a document with its client and organization, in one statement."""
    return query.select_related("client", "organization")


async def load_written(document_id: str, conn: BaseDBAsyncClient) -> Document:
    """A document as a write's own transaction `conn` sees it, with its client, organization,
    lines and payments: what a mutation answers is what it wrote, not a later writer's."""
    return await with_contents(Document.filter(id=document_id).using_db(conn), _payments()).get()


async def get_document(
    org: Organization,
    document_id: str,
    series: Series | None,
    *,
    with_payments: bool = False,
    with_lines: bool = True,
) -> Document:
    """One of the organization's invoices (or estimates; either for no series) with its
    client, organization and lines (and payments), all read in one snapshot (the caller's,
    if it opened one). Without lines, `lines_of` may not be asked for them."""
    if not is_id(document_id):
        raise not_found(series, document_id)
    query = Document.filter(id=document_id, organization_id=org.id)
    if series is not None:
        query = query.filter(is_estimate=series.is_estimate)
    async with read_snapshot():
        # Made inside the snapshot: `LineItem.all()`, which the lines' prefetch starts from,
        # takes the connection of the moment it is made.
        read = with_contents(query) if with_lines else with_parties(query)
        if with_payments:
            read = read.prefetch_related(_payments())
        document = await read.first()
    if document is None:
        raise not_found(series, document_id)
    return document


async def document_state(document_id: str) -> Document | None:
    """Any document with its client, organization and lines, read in one snapshot; None if
    there is none. Unscoped: for the PDF store, given ids of documents found already."""
    async with read_snapshot():
        return await with_contents(Document.filter(id=document_id)).first()


def lines_of(document: Document) -> list[LineItem]:
    """The lines of a document read with them (by `get_document` or a write), in order."""
    return list(document.line_items)


def payments_written(document: Document) -> list[Payment] | None:
    """The payments read with a document by `load_written`, oldest first; None otherwise."""
    return list(document.payments) if document.payments._fetched else None


def _sqlite() -> bool:
    return bool(Tortoise.get_connection("default").capabilities.dialect == "sqlite")


def ordering(sort: DocumentSort, descending: bool, *, one_series: bool = True) -> Ordering:
    """The keyset ordering of a document sort, ties broken by id."""
    name = f"{sort.value}:{'DESC' if descending else 'ASC'}"
    if sort is DocumentSort.CREATED_AT:
        if not one_series:
            # Ids of both series start with their prefix (est_, inv_): compare the times.
            return Ordering(name, "created_at", "datetime", descending)
        # Ids are time-ordered, so within a series creation order is id order.
        return Ordering(name, descending=descending)
    if sort is DocumentSort.TOTAL:
        # SQLite keeps decimals as text: compare their numeric value, not their spelling.
        sql = 'CAST("document"."total" AS REAL)' if _sqlite() else None
        return Ordering(name, "total", "decimal", descending, sql=sql)
    if sort is DocumentSort.NUMBER:
        return Ordering(name, "number", "str", descending)
    return Ordering(
        name, sort.value.lower(), "date", descending, nullable=sort is DocumentSort.DUE_DATE
    )


def document_query(
    org: Organization,
    series: Series | None,
    where: DocumentFilter | None = None,
    *,
    now: datetime | None = None,
) -> QuerySet[Document]:
    """The organization's invoices or estimates (both for no series) matching `where`,
    unordered."""
    where = where or DocumentFilter()
    query = Document.filter(organization_id=org.id)
    if series is not None:
        query = query.filter(is_estimate=series.is_estimate)
    term = clean_search(where.search)
    if term:
        query = query.filter(
            Q(number__icontains=term)
            | Q(client__name__icontains=term)
            | Q(client__email__icontains=term)
        )
    if where.client_id is not None:
        # An id of no shape names no client: nothing matches (the database is not asked).
        query = query.filter(client_id=where.client_id if is_id(where.client_id) else "")
    if where.status is not None:
        query = query.filter(lifecycle.status_filter(where.status, lifecycle.today_in(org, now)))
    for field, bound, op in (
        ("issue_date", where.issue_date_from, "gte"),
        ("issue_date", where.issue_date_to, "lte"),
        ("due_date", where.due_date_from, "gte"),
        ("due_date", where.due_date_to, "lte"),
    ):
        if bound is not None:
            query = query.filter(**{f"{field}__{op}": bound})
    return query


async def window_documents(
    org: Organization,
    series: Series,
    where: DocumentFilter | None = None,
    *,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    window: Window | None = None,
    now: datetime | None = None,
) -> Slice[Document]:
    """A keyset window of the organization's invoices or estimates."""
    query = document_query(org, series, where, now=now)
    return await keyset(query, ordering(sort, descending), window or Window())


async def windows_by_client(
    org: Organization,
    series: Series,
    client_ids: Sequence[str],
    where: DocumentFilter | None = None,
    *,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    window: Window | None = None,
    now: datetime | None = None,
) -> dict[str, Slice[Document]]:
    """The same keyset window of each client's invoices or estimates (a page of every client
    of a list), each client's first page read in one statement for all of them."""
    query = document_query(org, series, where, now=now)
    order = ordering(sort, descending)
    return await keysets(query, order, window or Window(), "client_id", client_ids)


async def list_documents(
    org: Organization,
    series: Series | None,
    where: DocumentFilter | None = None,
    *,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    page: PageRequest | None = None,
    now: datetime | None = None,
    contents: bool = False,
) -> Page[Document]:
    """A page of the organization's invoices or estimates (both for no series), with their
    clients (and, with `contents`, their organization, lines and payments), filtered in
    the database."""
    query = document_query(org, series, where, now=now)
    query = with_contents(query, _payments()) if contents else query.select_related("client")
    order = ordering(sort, descending, one_series=series is not None)
    return await paginate(query, order, page or PageRequest())
