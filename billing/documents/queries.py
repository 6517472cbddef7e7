"""Reading documents: one with what it shows, or a page of a filtered list, each read in one
snapshot. Scoped to the caller's organization, except `document_state` (for the PDF store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access, lifecycle
from billing.access import Permission
from billing.errors import NotFound, shown_id
from billing.lifecycle import Status
from billing.pagination import (
    Conditions,
    Joined,
    Listing,
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    clean_search,
    compare,
    contains,
    keyset,
    keysets,
    paginate,
)
from billing.totals import totals_of
from models import Client, Document, DocumentCount, LineItem, Organization, Payment
from models.enums import Series
from models.ids import is_id
from models.rows import Statement, attach_many, grouped, postgres, table
from models.snapshot import read_snapshot
from models.taxes import TaxLine


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
    recurring_invoice_id: str | None = None
    status: Status | None = None
    issue_date_from: date | None = None
    issue_date_to: date | None = None
    due_date_from: date | None = None
    due_date_to: date | None = None


def not_found(series: Series | None, document_id: object) -> NotFound:
    """The error for an id that names no document of `series` in the organization."""
    noun = series.noun if series is not None else "invoice or estimate"
    return NotFound(f"No {noun} with id {shown_id(document_id)}", field="id")


DOCUMENTS = table(Document, "d")
CLIENTS = table(Client, "c")
ORGANIZATIONS = table(Organization, "o")
LINES = table(LineItem, "l")
PAYMENTS = table(Payment, "p")
WITH_CLIENT = (Joined(CLIENTS, "client"),)
WITH_PARTIES = (*WITH_CLIENT, Joined(ORGANIZATIONS, "organization"))


async def attach_contents(
    rows: Sequence[Document], *, payments: bool = False, conn: BaseDBAsyncClient | None = None
) -> None:
    """Give each of `rows` its lines in order (and its payments, oldest first), one statement
    for all the rows (each)."""
    ids = [row.id for row in rows]
    lines = await grouped(Statement(conn), LINES, "document_id", ids, LINES.column("position"))
    for row in rows:
        attach_many(row, "line_items", lines[row.id])
    if payments:
        order = f"{PAYMENTS.column('payment_date')}, {PAYMENTS.column('id')}"
        paid = await grouped(Statement(conn), PAYMENTS, "document_id", ids, order)
        for row in rows:
            attach_many(row, "payments", paid[row.id])


def _documents(*conditions: Conditions) -> Listing[Document]:
    """Documents matching `conditions`, each with its client and organization."""
    return Listing(DOCUMENTS, conditions, WITH_PARTIES)


async def _one(
    listing: Listing[Document],
    *,
    lines: bool = True,
    payments: bool = False,
    conn: BaseDBAsyncClient | None = None,
) -> Document | None:
    """The one document of `listing`, with its client and organization (and lines, and
    payments), or None."""
    statement = Statement(conn)
    found = await statement.fetch(listing.select(statement))
    if not found:
        return None
    document = listing.builder(statement)(found[0])
    if lines:
        await attach_contents([document], payments=payments, conn=conn)
    return document


async def load_written(document_id: str, conn: BaseDBAsyncClient) -> Document:
    """A document as a write's own transaction `conn` sees it, with its client, organization,
    lines and payments: what a mutation answers is what it wrote, not a later writer's."""
    written = _documents(compare(DOCUMENTS, "id", "=", document_id))
    document = await _one(written, payments=True, conn=conn)
    assert document is not None, "written in this transaction"
    return document


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
    access.require(Permission.DOCUMENTS_READ)
    if not is_id(document_id):
        raise not_found(series, document_id)
    listing = _documents(compare(DOCUMENTS, "id", "=", document_id)).where(*_scope(org, series))
    async with read_snapshot():
        document = await _one(listing, lines=with_lines, payments=with_payments)
    if document is None:
        raise not_found(series, document_id)
    return document


async def document_state(document_id: str) -> Document | None:
    """Any document with its client, organization and lines, read in one snapshot; None if
    there is none. Unscoped: for the PDF store, given ids of documents found already."""
    async with read_snapshot():
        return await _one(_documents(compare(DOCUMENTS, "id", "=", document_id)))


async def document_by_token(token: str) -> Document | None:
    """The document whose public link carries `token`, with its client, organization and
    lines, read in one snapshot; None if there is none. Unscoped: the token is the key."""
    async with read_snapshot():
        return await _one(_documents(compare(DOCUMENTS, "public_token", "=", token)))


async def read_written(document_id: str, conn: BaseDBAsyncClient) -> Document | None:
    """A document as the write's transaction `conn` sees it, with its client, organization
    and lines (two plain statements), or None once deleted: what its event shows."""
    return await _one(_documents(compare(DOCUMENTS, "id", "=", document_id)), conn=conn)


def lines_of(document: Document) -> list[LineItem]:
    """The lines of a document read with them (by `get_document` or a write), in order."""
    return list(document.line_items)


def needs_lines(document: Document) -> bool:
    """Whether `document`'s tax breakdown is read from its lines: it has none stored (it was
    stored before breakdowns were, or it has no tax), so `tax_lines` computes it again."""
    return not document.tax_breakdown


def tax_lines(document: Document, lines: Sequence[LineItem]) -> tuple[TaxLine, ...]:
    """`document`'s tax breakdown: as stored with it, or for a document stored before
    breakdowns were (migration 9), computed from its `lines` as they were priced (the same
    function, rounding and rates, so the same amounts)."""
    if not needs_lines(document):
        return tuple(TaxLine.from_json(row) for row in document.tax_breakdown)
    return totals_of(document, lines).tax_lines


def payments_written(document: Document) -> list[Payment] | None:
    """The payments read with a document by `load_written`, oldest first; None otherwise."""
    return list(document.payments) if document.payments._fetched else None


async def lines_by_document(
    org: Organization, document_ids: Sequence[str]
) -> dict[str, list[LineItem]]:
    """The lines of each of the organization's documents among `document_ids`, in order, in
    one statement (a document has at most 500)."""
    access.require(Permission.DOCUMENTS_READ)
    statement = Statement()
    join = f"JOIN {DOCUMENTS.source} ON {DOCUMENTS.column('id')} = {LINES.column('document_id')}"
    where = [f"{DOCUMENTS.column('organization_id')} = {statement(org.id)}"]
    order = LINES.column("position")
    return await grouped(
        statement, LINES, "document_id", document_ids, order, join=join, where=where
    )


async def documents_by(
    org: Organization, column: str, keys: Sequence[str]
) -> dict[str, list[Document]]:
    """The organization's documents whose `column` (id, source_estimate_id) is one of `keys`,
    by key, in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    statement = Statement()
    where = [f"{DOCUMENTS.column('organization_id')} = {statement(org.id)}"]
    return await grouped(statement, DOCUMENTS, column, keys, DOCUMENTS.column("id"), where=where)


# After every date SQLite stores (YYYY-MM-DD), and no date itself.
NO_DUE_DATE = "9999-99-99"


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
        sql = "CAST({column} AS REAL)" if not postgres() else None
        return Ordering(name, "total", "decimal", descending, sql=sql)
    if sort is DocumentSort.NUMBER:
        return Ordering(name, "number", "str", descending)
    if sort is DocumentSort.DUE_DATE and not postgres():
        # SQLite keeps dates as text: a NULL due date compares as a text after every date.
        return Ordering(
            name,
            "due_date",
            "date",
            descending,
            nullable=True,
            sql=f"COALESCE({{column}}, '{NO_DUE_DATE}')",
            null_value=NO_DUE_DATE,
        )
    return Ordering(
        name, sort.value.lower(), "date", descending, nullable=sort is DocumentSort.DUE_DATE
    )


def _scope(org: Organization, series: Series | None) -> list[Conditions]:
    """The conditions of the organization's documents of `series` (both for None)."""
    scope: list[Conditions] = [lambda s: [f"{DOCUMENTS.column('organization_id')} = {s(org.id)}"]]
    if series is not None:
        scope.append(lambda s: [f"{DOCUMENTS.column('is_estimate')} = {s(series.is_estimate)}"])
    return scope


COUNTS = table(DocumentCount, "n")


def _counted(org: Organization, series: Series | None) -> Callable[[Statement], str]:
    """The SQL of how many documents of `series` (of both for None) the organization has, as
    the database counts them (models.DocumentCount)."""

    def count(statement: Statement) -> str:
        where = f"{COUNTS.column('organization_id')} = {statement(org.id)}"
        if series is not None:
            where += f" AND {COUNTS.column('is_estimate')} = {statement(series.is_estimate)}"
        total = f"COALESCE(SUM({COUNTS.column('documents')}), 0)"
        return f"SELECT {total} FROM {COUNTS.source} WHERE {where}"  # noqa: S608

    return count


# Past this many clients matching a search, their ids are not listed in the statement: so
# many match that walking the list in its order finds a page soon.
MAX_LISTED_CLIENTS = 200


# SQLite's trigram index of the numbers, folded by UPPER (its migration 7); PostgreSQL's is an
# index of UPPER("number") itself, which the condition uses as written.
NUMBER_SEARCH = '"document_number_search"'
NUMBER_SEARCH_KEY = '"document_search_key"'
TRIGRAM = 3


def _number_holds(statement: Statement, term: str) -> str:
    """The condition that a document's number holds `term`, whatever the case.

    On SQLite a term of a trigram or more first finds its candidates in the index of the
    numbers (a superset: the folded number holds the folded term wherever the number holds
    the term), which the condition itself then checks, so that both ways find the same rows."""
    holds = contains(statement, term, DOCUMENTS.column("number"))
    folded = term.upper()
    if statement.postgres or len(folded) < TRIGRAM:
        return holds
    phrase = '"' + folded.replace('"', '""') + '"'
    return (
        f'({DOCUMENTS.column("id")} IN (SELECT k."document_id" FROM {NUMBER_SEARCH_KEY} AS k '  # noqa: S608
        f'WHERE k."key" IN (SELECT "rowid" FROM {NUMBER_SEARCH} '
        f"WHERE {NUMBER_SEARCH} MATCH {statement(phrase)})) AND ({holds}))"
    )


async def _searching(org: Organization, term: str) -> Conditions:
    """Documents whose number, or whose client's name or e-mail address, holds `term`.

    The clients are searched first (an organization has few next to its documents), and
    their ids listed in the documents' condition, so that the database knows how many rows
    they stand for and chooses: read the few documents of a rare match through the indexes
    of the number and the client, or walk the list's order for a frequent one."""
    clients = table(Client, "sc")
    statement = Statement()
    named = contains(statement, term, clients.column("name"), clients.column("email"))
    sql = (
        f"SELECT {clients.column('id')} FROM {clients.source} "  # noqa: S608
        f"WHERE {clients.column('organization_id')} = {statement(org.id)} AND ({named}) "
        f"LIMIT {statement(MAX_LISTED_CLIENTS + 1)}"
    )
    found = [str(row[0]) for row in await statement.fetch(sql)]

    def conditions(s: Statement) -> list[str]:
        number = _number_holds(s, term)
        client = DOCUMENTS.column("client_id")
        if not found:
            return [number]
        if len(found) <= MAX_LISTED_CLIENTS:
            return [f"{number} OR {client} IN ({s.each(found)})"]
        again = contains(s, term, clients.column("name"), clients.column("email"))
        return [
            f"{number} OR {client} IN (SELECT {clients.column('id')} FROM "  # noqa: S608
            f"{clients.source} WHERE {clients.column('organization_id')} = {s(org.id)} "
            f"AND ({again}))"
        ]

    return conditions


async def document_listing(
    org: Organization,
    series: Series | None,
    where: DocumentFilter | None = None,
    *,
    now: datetime | None = None,
    joined: tuple[Joined, ...] = (),
) -> Listing[Document]:
    """The organization's invoices or estimates (both for no series) matching `where`,
    unordered, each read with the rows of `joined`. A search reads the matching clients
    first: inside the caller's snapshot, if the list is to be of one moment with them."""
    access.require(Permission.DOCUMENTS_READ)
    where = where or DocumentFilter()
    conditions = _scope(org, series)
    if where == DocumentFilter():
        # All of the organization's documents (of the series): counted by the database.
        return Listing(DOCUMENTS, tuple(conditions), joined, _counted(org, series))
    term = clean_search(where.search)
    if term:
        conditions.append(await _searching(org, term))
    if where.client_id is not None:
        # An id of no shape names no client: nothing matches (the database is not asked).
        client_id = where.client_id if is_id(where.client_id) else ""
        conditions.append(compare(DOCUMENTS, "client_id", "=", client_id))
    if where.recurring_invoice_id is not None:
        made_by = where.recurring_invoice_id if is_id(where.recurring_invoice_id) else ""
        conditions.append(compare(DOCUMENTS, "recurring_invoice_id", "=", made_by))
    if where.status is not None:
        status, today = where.status, lifecycle.today_in(org, now)
        conditions.append(lambda s: lifecycle.status_conditions(status, today, DOCUMENTS, s))
    for column, bound, op in (
        ("issue_date", where.issue_date_from, ">="),
        ("issue_date", where.issue_date_to, "<="),
        ("due_date", where.due_date_from, ">="),
        ("due_date", where.due_date_to, "<="),
    ):
        if bound is not None:
            conditions.append(compare(DOCUMENTS, column, op, bound))
    return Listing(DOCUMENTS, tuple(conditions), joined)


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
    access.require(Permission.DOCUMENTS_READ)
    async with read_snapshot():
        listing = await document_listing(org, series, where, now=now)
        return await keyset(listing, ordering(sort, descending), window or Window())


#: What the documents of a nested list belong to: a client, or a recurring invoice.
Parent = Literal["client_id", "recurring_invoice_id"]


async def windows_by(
    org: Organization,
    series: Series,
    by: Parent,
    parent_ids: Sequence[str],
    where: DocumentFilter | None = None,
    *,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    window: Window | None = None,
    now: datetime | None = None,
) -> dict[str, Slice[Document]]:
    """The same keyset window of each parent's invoices or estimates (a page of every client
    of a list, or of every recurring invoice), each parent's first page read in one
    statement for all of them."""
    access.require(Permission.DOCUMENTS_READ)
    async with read_snapshot():
        listing = await document_listing(org, series, where, now=now)
        order = ordering(sort, descending)
        return await keysets(listing, order, window or Window(), by, parent_ids)


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
    access.require(Permission.DOCUMENTS_READ)
    joined = WITH_PARTIES if contents else WITH_CLIENT
    order = ordering(sort, descending, one_series=series is not None)
    # A page and its total are one statement, one moment by itself; a search's clients, read
    # first, or the contents, read after, must be of the same moment.
    searching = where is not None and bool(clean_search(where.search))
    async with read_snapshot() if contents or searching else nullcontext():
        listing = await document_listing(org, series, where, now=now, joined=joined)
        found = await paginate(listing, order, page or PageRequest())
        if contents:
            await attach_contents(found.items, payments=True)
    return found
