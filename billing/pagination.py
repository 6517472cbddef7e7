"""Pages with a hard maximum size, shared by every list: offset pages (page numbers, for
REST) and keyset windows (cursors, for GraphQL)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Literal, TypeVar

from tortoise.models import Model

from billing import validation
from billing.errors import ValidationError
from models.ids import is_id
from models.rows import Record, Statement, Table, attach
from models.snapshot import one_statement, read_snapshot

T = TypeVar("T")
M = TypeVar("M", bound=Model)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 255
# Deep offsets cost the database a scan of every row skipped; past this, use a filter.
MAX_SKIP = 1_000_000


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A validated page number (from 1) and size (1 to MAX_PAGE_SIZE); or, for an API that
    counts rows rather than pages, how many rows to `skip` before the page."""

    page: int = 1
    limit: int = DEFAULT_PAGE_SIZE
    skip: int | None = None

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValidationError("page must be at least 1", field="page")
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise ValidationError(f"limit must be between 1 and {MAX_PAGE_SIZE}", field="limit")
        if self.skip is not None and not 0 <= self.skip <= MAX_SKIP:
            raise ValidationError(f"skip must be between 0 and {MAX_SKIP}", field="skip")

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return self.skip if self.skip is not None else (self.page - 1) * self.limit


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the total count across all pages."""

    items: Sequence[T]
    total: int
    request: PageRequest

    @property
    def total_pages(self) -> int:
        """How many pages the total makes at this page size."""
        return -(-self.total // self.request.limit)


def clean_search(search: str | None) -> str | None:
    """A stripped search term, None when empty; refuses terms over the maximum length or
    with control characters."""
    if search is None:
        return None
    return validation.text(search, field="search", max_length=MAX_SEARCH_LENGTH) or None


def contains(statement: Statement, term: str, *columns: str) -> str:
    """The condition that one of `columns` holds `term`, whatever the case.

    Folded by UPPER, which on SQLite folds every script as PostgreSQL's does (models.sqlite),
    and which PostgreSQL's trigram indexes of the searched columns are made on. On SQLite an
    ASCII term is matched by LIKE alone, whose own folding of ASCII letters then finds the
    same rows without calling back into Python for every row."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    if not statement.postgres and pattern.isascii():
        return " OR ".join(f"{column} LIKE {statement(pattern)} ESCAPE '\\'" for column in columns)
    return " OR ".join(
        f"UPPER({column}) LIKE UPPER({statement(pattern)}) ESCAPE '\\'" for column in columns
    )


# Keyset ("cursor") pagination. A cursor names the ordering it was made for, the sort
# value of its row and the row's id, so a page that follows it starts exactly after that
# row however many rows were added or removed meanwhile. Offset pages (above) serve the
# REST contract, which speaks in page numbers.

ValueKind = Literal["str", "int", "date", "datetime", "decimal"]


@dataclass(frozen=True, slots=True)
class Ordering:
    """How a list is ordered: by `field` (None: by id alone), ties broken by id.

    NULLs sort after every value ascending (before them descending), on every database.
    `sql` is the expression to compare instead of the bare column where the column's
    storage does not compare by value (decimals kept as text by SQLite), written with
    `{column}` for the column. Where the column may be NULL, `null_value` is what `sql` makes
    of a NULL (a value after every stored one, such as SQLite's COALESCE of a date with
    '9999-99-99'); without it, a NULL flag leads the keys.
    """

    name: str
    field: str | None = None
    kind: ValueKind = "str"
    descending: bool = False
    nullable: bool = False
    sql: str | None = None
    null_value: str | None = None

    def key(self, table: Table[Any]) -> str | None:
        """The expression of `table`'s rows that the list is sorted by (None: by id alone)."""
        if self.field is None:
            return None
        column = table.column(self.field)
        return self.sql.format(column=column) if self.sql else column

    def keys(self, table: Table[Any]) -> list[str]:
        """What ORDER BY lists, ascending, in order: NULLs last (a flag first, where the column
        may be NULL), then the sort key, then the id. Indexes of the lists are made on exactly
        these expressions (migrations), so the database walks an index rather than sorting."""
        keys = [table.column("id")]
        key = self.key(table)
        if key is not None:
            keys.insert(0, key)
            if self.nullable and self.null_value is None:
                keys.insert(0, f"({key} IS NULL)")
        return keys


@dataclass(frozen=True, slots=True)
class Window:
    """A Relay slice request: `first` rows after a cursor, or `last` rows before one."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    def __post_init__(self) -> None:
        if self.first is not None and self.last is not None:
            raise ValidationError("Pass either first or last, not both", field="last")
        for name in ("first", "last"):
            size = getattr(self, name)
            if size is not None and not 0 <= size <= MAX_PAGE_SIZE:
                raise ValidationError(f"{name} must be between 0 and {MAX_PAGE_SIZE}", field=name)

    @property
    def backward(self) -> bool:
        """Whether the slice is counted from its end (`last`)."""
        return self.last is not None

    @property
    def size(self) -> int:
        """How many rows the slice holds at most."""
        if self.last is not None:
            return self.last
        return DEFAULT_PAGE_SIZE if self.first is None else self.first


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    """The rows of a window in list order, each with its cursor, and whether more exist."""

    edges: Sequence[tuple[str, T]]
    has_next_page: bool
    has_previous_page: bool
    count: Callable[[], Awaitable[int]]

    @property
    def start_cursor(self) -> str | None:
        """The cursor of the first row, None when empty."""
        return self.edges[0][0] if self.edges else None

    @property
    def end_cursor(self) -> str | None:
        """The cursor of the last row, None when empty."""
        return self.edges[-1][0] if self.edges else None


# Past every stored amount (20 digits, 4 of them decimals): a cursor beyond is forged.
_DECIMAL_BOUND = Decimal(10) ** 16


def _invalid_cursor(field: str) -> ValidationError:
    return ValidationError(
        f"{field} is not a cursor of this list: pass a cursor returned with the same "
        "sort, or none to start from the beginning",
        field=field,
    )


def _encode(ordering: Ordering, row: Any) -> str:
    value = None if ordering.field is None else getattr(row, ordering.field)
    raw = json.dumps([ordering.name, None if value is None else str(value), row.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(ordering: Ordering, cursor: str, field: str) -> tuple[Any, str]:
    """The sort value (typed) and id a cursor holds; refuses cursors of other lists."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, raw, row_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if name != ordering.name or not is_id(row_id):
            raise ValueError(name)
        if raw is None or ordering.field is None:
            return None, row_id
        if not isinstance(raw, str) or not validation.is_storable(raw):
            raise ValueError(raw)
        if ordering.kind == "date":
            return date.fromisoformat(raw), row_id
        if ordering.kind == "datetime":
            return datetime.fromisoformat(raw), row_id
        if ordering.kind == "int":
            number = int(raw)
            if abs(number) >= _DECIMAL_BOUND:
                raise ValueError(raw)
            return number, row_id
        if ordering.kind == "decimal":
            value = Decimal(raw)
            if not value.is_finite() or abs(value) >= _DECIMAL_BOUND:
                raise ValueError(raw)
            return (float(value) if ordering.sql else value), row_id
        return raw, row_id
    except (ValueError, TypeError, InvalidOperation, binascii.Error, UnicodeDecodeError):
        raise _invalid_cursor(field) from None


Conditions = Callable[[Statement], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Joined:
    """A table read with each row of a list, through a foreign key that is never NULL (a
    document's client): `relation` names the foreign key on the list's rows."""

    table: Table[Any]
    relation: str

    def join(self, rows: Table[Any]) -> str:
        return (
            f"JOIN {self.table.source} ON {self.table.column('id')} = "
            f"{rows.column(self.relation + '_id')}"
        )


@dataclass(frozen=True, slots=True)
class Listing(Generic[M]):
    """A list as plain SQL: the rows of `table` for which every one of the `conditions` holds
    (each written with the statement's placeholders, scoped to an organization by whoever
    makes the listing), each read with the rows of `joined`."""

    table: Table[M]
    conditions: tuple[Conditions, ...]
    joined: tuple[Joined, ...] = ()
    # The SQL of the list's count where the database keeps it (None: a COUNT of the rows).
    counted: Callable[[Statement], str] | None = None

    def where(self, *more: Conditions) -> Listing[M]:
        """The same list narrowed by `more` conditions (counted by COUNT)."""
        return Listing(self.table, (*self.conditions, *more), self.joined)

    def where_sql(self, statement: Statement) -> str:
        """The WHERE clause's conditions, ANDed."""
        written = [text for make in self.conditions for text in make(statement)]
        return " AND ".join(f"({text})" for text in written) or "TRUE"

    def select(self, statement: Statement, *, tail: str = "", extra: str = "") -> str:
        """SELECT of every column of the rows and their joined rows (then `extra` columns),
        matching the conditions, followed by `tail` (ORDER BY, LIMIT...)."""
        columns = ", ".join(
            [
                self.table.select_list(statement),
                *(joined.table.select_list(statement) for joined in self.joined),
            ]
        )
        joins = " ".join(joined.join(self.table) for joined in self.joined)
        where = self.where_sql(statement)
        return f"SELECT {columns}{extra} FROM {self.table.source} {joins} WHERE {where} {tail}"  # noqa: S608

    def builder(self, statement: Statement) -> Callable[[Record], M]:
        """What makes a row (with its joined rows) of a record `select` read for
        `statement`."""
        layout = self.table.layout(statement)
        joined = [(join.relation, join.table.layout(statement)) for join in self.joined]

        def build(record: Record) -> M:
            row = layout.build(record)
            start = layout.width
            for relation, related in joined:
                attach(row, relation, related.build(record, start))
                start += related.width
            return row

        return build

    async def rows(self) -> list[M]:
        """Every row of the list, in no order (for look-ups that match a few)."""
        statement = Statement()
        build = self.builder(statement)
        return [build(record) for record in await statement.fetch(self.select(statement))]

    def count_sql(self, statement: Statement) -> str:
        """A statement (or a scalar subquery) of how many rows the list holds."""
        if self.counted is not None:
            return self.counted(statement)
        where = self.where_sql(statement)
        return f"SELECT COUNT(*) FROM {self.table.source} WHERE {where}"  # noqa: S608

    async def count(self) -> int:
        """How many rows the list holds."""
        statement = Statement()
        (found,) = await statement.fetch(self.count_sql(statement))
        return int(found[0])


def order_by(ordering: Ordering, table: Table[Any], *, reverse: bool = False) -> str:
    """The ORDER BY list of `ordering` (or its reverse) over `table`."""
    direction = " DESC" if ordering.descending != reverse else ""
    return ", ".join(key + direction for key in ordering.keys(table))


def _beyond(
    ordering: Ordering, table: Table[Any], cursor: str, field: str, greater: bool
) -> Conditions:
    """Rows strictly greater (or less) than the cursor's row in the ascending order, written
    so that the database reads them as a range of the index made on the sort's keys: on
    PostgreSQL one row comparison; on SQLite, which reads a row comparison as a range only over
    bare columns, the key's own bound and then the ties past the cursor's id."""
    value, row_id = _decode(ordering, cursor, field)
    op = ">" if greater else "<"

    def conditions(statement: Statement) -> list[str]:
        key = ordering.key(table)
        row = table.column("id")
        if key is None:
            return [f"{row} {op} {statement(row_id)}"]
        if ordering.nullable and ordering.null_value is None:
            return _beyond_null_flag(key, row, value, row_id, op, statement)
        bound = ordering.null_value if value is None else value
        if statement.postgres:
            return [f"({key}, {row}) {op} ({statement(bound)}, {statement(row_id)})"]
        return [
            f"{key} {op}= {statement(bound)}",
            f"{key} {op} {statement(bound)} OR {row} {op} {statement(row_id)}",
        ]

    return conditions


def _beyond_null_flag(
    key: str, row: str, value: Any, row_id: str, op: str, statement: Statement
) -> list[str]:
    """`_beyond` where a NULL flag leads the keys (PostgreSQL's nullable orders)."""
    flag = f"({key} IS NULL)"
    if value is not None:
        # NULL rows come after every value: greater than a value's row are the values
        # after it and every NULL row (decided by the flag alone), less only values.
        return [f"({flag}, {key}, {row}) {op} (FALSE, {statement(value)}, {statement(row_id)})"]
    if op == ">":  # beyond a NULL row lie only NULL rows, by id
        return [f"{key} IS NULL", f"{row} > {statement(row_id)}"]
    return [f"({flag}, {row}) < (TRUE, {statement(row_id)})"]


async def paginate(listing: Listing[M], ordering: Ordering, page: PageRequest) -> Page[M]:
    """One offset page of `listing` in `ordering`, with the total count, both of one moment:
    the count is that of the rows the page is cut from.

    One statement reads both (the count as a column of every row), which the database runs
    in one snapshot of its own; only a page with no rows, which carries no count, has it read
    apart, both again in one read snapshot. The rows skipped are skipped as ids alone, in the
    index of the order (where the conditions allow, without reading the rows), and only the
    page's rows are read whole with what they join."""
    async with one_statement():
        found = await _page_and_count(listing, ordering, page)
    if found is None:
        async with read_snapshot():
            found = await _page_and_count(listing, ordering, page)
            if found is None:
                return Page([], await listing.count(), page)
    return found


async def _page_and_count(
    listing: Listing[M], ordering: Ordering, page: PageRequest
) -> Page[M] | None:
    """The page and its count in one statement; None for a page with no rows."""
    table = listing.table
    statement = Statement()
    order = order_by(ordering, table)
    page_ids = (
        f"SELECT {table.column('id')} FROM {table.source} "  # noqa: S608
        f"WHERE {listing.where_sql(statement)} ORDER BY {order} "
        f"LIMIT {statement(page.limit)} OFFSET {statement(page.offset)}"
    )
    rows = Listing(table, (lambda _: [f"{table.column('id')} IN ({page_ids})"],), listing.joined)
    total = f', ({listing.count_sql(statement)}) AS "_total"'
    records = await statement.fetch(rows.select(statement, extra=total, tail=f"ORDER BY {order}"))
    if not records:
        return None
    build = listing.builder(statement)
    return Page([build(record) for record in records], int(records[0][-1]), page)


async def keyset(listing: Listing[M], ordering: Ordering, window: Window) -> Slice[M]:
    """One window of `listing` in `ordering`: at most `window.size` rows and their cursors."""
    rows = listing
    for cursor, field, greater_in_list in (
        (window.after, "after", True),
        (window.before, "before", False),
    ):
        if cursor is not None:
            greater = greater_in_list != ordering.descending
            rows = rows.where(_beyond(ordering, listing.table, cursor, field, greater))
    statement = Statement()
    # Walking backward (`last`) reads the list in reverse from the far end, then flips.
    order = order_by(ordering, listing.table, reverse=window.backward)
    # One more row than asked says whether more follow (also for `first: 0`).
    sql = rows.select(statement, tail=f"ORDER BY {order} LIMIT {statement(window.size + 1)}")
    build = rows.builder(statement)
    fetched = [build(record) for record in await statement.fetch(sql)]
    more = len(fetched) > window.size
    fetched = fetched[: window.size]
    if window.backward:
        fetched.reverse()
    edges = [(_encode(ordering, row), row) for row in fetched]
    if window.backward:
        has_next, has_previous = window.before is not None, more
    else:
        has_next, has_previous = more, window.after is not None
    return Slice(edges, has_next, has_previous, listing.count)


def compare(table: Table[Any], column: str, op: str, value: Any) -> Conditions:
    """The condition that `column` of `table` compares to `value` by `op` (=, <, >=...)."""
    return lambda statement: [f"{table.column(column)} {op} {statement(value)}"]


def one_of(table: Table[Any], column: str, keys: Sequence[Any]) -> Conditions:
    """The condition that `column` of `table` is one of `keys` (none: no row)."""
    return lambda statement: [
        f"{table.column(column)} IN ({statement.each(keys)})" if keys else "FALSE"
    ]


async def keysets(
    listing: Listing[M], ordering: Ordering, window: Window, by: str, keys: Sequence[str]
) -> dict[str, Slice[M]]:
    """The window of `listing` for each value of its column `by` among `keys` (a page of each
    client's invoices, say). A first page (no cursor, counted from the start) of every key
    is read in one statement, however many keys; with a cursor, each key's window is read on
    its own (a cursor belongs to one list). Each slice's count, when asked for, comes from
    one statement counting them all."""
    counts: dict[str, int] | None = None
    counting = asyncio.Lock()
    table = listing.table

    async def count_of(key: str) -> int:
        nonlocal counts
        async with counting:
            if counts is None:
                statement = Statement()
                where = listing.where(one_of(table, by, keys)).where_sql(statement)
                column = table.column(by)
                sql = (
                    f"SELECT {column}, COUNT(*) FROM {table.source} WHERE {where} "  # noqa: S608
                    f"GROUP BY {column}"
                )
                found = await statement.fetch(sql)
                counts = {str(group): int(number) for group, number in found}
        return counts.get(key, 0)

    def counter(key: str) -> Callable[[], Awaitable[int]]:
        return lambda: count_of(key)

    if window.after is not None or window.before is not None or window.backward:
        slices = {}
        for key in keys:
            own = listing.where(one_of(table, by, [key]))
            found = await keyset(own, ordering, window)
            slices[key] = Slice(
                found.edges, found.has_next_page, found.has_previous_page, counter(key)
            )
        return slices
    statement = Statement()
    order = order_by(ordering, table)
    limit = statement(window.size + 1)  # one more than asked says whether more follow
    # One branch per key, each the first rows of its own key in the list's order (a range of
    # the index on the key, however many rows the key has), numbered in that order once cut,
    # so that the whole keeps each key's order; all in one statement.
    branches = []
    for index, key in enumerate(keys):
        cut = listing.where(one_of(table, by, [key])).select(
            statement, tail=f"ORDER BY {order} LIMIT {limit}"
        )
        branch = Table(table.model, f"branch{index}")
        rank = f'ROW_NUMBER() OVER (ORDER BY {order_by(ordering, branch)}) AS "_rank"'
        alias = f'"{branch.alias}"'
        branches.append(f"SELECT {alias}.*, {rank} FROM ({cut}) AS {alias}")  # noqa: S608
    if not branches:
        return {}
    sql = " UNION ALL ".join(branches) + ' ORDER BY "_rank"'
    grouped: dict[str, list[M]] = {key: [] for key in keys}
    build = listing.builder(statement)
    for record in await statement.fetch(sql):
        row = build(record)
        grouped[str(getattr(row, by))].append(row)
    return {
        key: Slice(
            [(_encode(ordering, row), row) for row in members[: window.size]],
            has_next_page=len(members) > window.size,
            has_previous_page=False,
            count=counter(key),
        )
        for key, members in grouped.items()
    }
