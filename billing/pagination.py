"""Pages with a hard maximum size, shared by every list: offset pages (page numbers, for
REST) and keyset windows (cursors, for GraphQL)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Literal, TypeVar

from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count
from tortoise.models import Model
from tortoise.queryset import QuerySet

from billing import validation
from billing.errors import ValidationError
from models.ids import is_id
from models.snapshot import read_snapshot

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


# Keyset ("cursor") pagination. A cursor names the ordering it was made for, the sort
# value of its row and the row's id, so a page that follows it starts exactly after that
# row however many rows were added or removed meanwhile. Offset pages (above) serve the
# REST contract, which speaks in page numbers.

ValueKind = Literal["str", "date", "datetime", "decimal"]


@dataclass(frozen=True, slots=True)
class Ordering:
    """How a list is ordered: by `field` (None: by id alone), ties broken by id.

    NULLs sort after every value ascending (before them descending), on every database.
    `sql` is the expression to compare instead of the bare column where the column's
    storage does not compare by value (decimals kept as text by SQLite).
    """

    name: str
    field: str | None = None
    kind: ValueKind = "str"
    descending: bool = False
    nullable: bool = False
    sql: str | None = None


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


_SORT_VALUE = "_sort_value"
# Past every stored amount (20 digits, 4 of them decimals): a cursor beyond is forged.
_DECIMAL_BOUND = Decimal(10) ** 16
_SORT_NULL = "_sort_null"


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
        if ordering.kind == "decimal":
            value = Decimal(raw)
            if not value.is_finite() or abs(value) >= _DECIMAL_BOUND:
                raise ValueError(raw)
            return (float(value) if ordering.sql else value), row_id
        return raw, row_id
    except (ValueError, TypeError, InvalidOperation, binascii.Error, UnicodeDecodeError):
        raise _invalid_cursor(field) from None


def _where(lookup: str, value: object) -> Q:
    condition: dict[str, Any] = {lookup: value}
    return Q(**condition)


def _beyond(ordering: Ordering, cursor: str, field: str, greater: bool) -> Q:
    """Rows strictly greater (or less) than the cursor's row in the ascending order."""
    value, row_id = _decode(ordering, cursor, field)
    op = "gt" if greater else "lt"
    past_id = _where(f"id__{op}", row_id)
    if ordering.field is None:
        return past_id
    key = _SORT_VALUE if ordering.sql else ordering.field
    if value is None:
        # NULLs sort last ascending: beyond a NULL row lie only NULL rows, by id.
        null_rows = _where(f"{ordering.field}__isnull", True)
        return null_rows & past_id if greater else ~null_rows | (null_rows & past_id)
    after_value = _where(f"{key}__{op}", value) | (_where(key, value) & past_id)
    if greater and ordering.nullable:
        return after_value | _where(f"{ordering.field}__isnull", True)
    return after_value


def ordered(query: QuerySet[M], ordering: Ordering, *, reverse: bool = False) -> QuerySet[M]:
    """`query` in `ordering` (or its reverse), annotated with what the ordering compares."""
    if ordering.sql:
        query = query.annotate(**{_SORT_VALUE: RawSQL(ordering.sql)})
    descending = ordering.descending != reverse
    direction = "-" if descending else ""
    keys = [f"{direction}id"]
    if ordering.field is not None:
        keys.insert(0, f"{direction}{_SORT_VALUE if ordering.sql else ordering.field}")
        if ordering.nullable:
            column = f'"{query.model._meta.db_table}"."{ordering.field}"'
            null_flag = f"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END"
            query = query.annotate(**{_SORT_NULL: RawSQL(null_flag)})
            keys.insert(0, f"{direction}{_SORT_NULL}")
    return query.order_by(*keys)


async def paginate(query: QuerySet[M], ordering: Ordering, page: PageRequest) -> Page[M]:
    """One offset page of `query` in `ordering`, with the total count, both read in one
    snapshot: the count is that of the rows the page is cut from."""
    async with read_snapshot():
        total = await query.count()
        items = await ordered(query, ordering).offset(page.offset).limit(page.limit)
    return Page(items, total, page)


async def keyset(query: QuerySet[M], ordering: Ordering, window: Window) -> Slice[M]:
    """One window of `query` in `ordering`: at most `window.size` rows and their cursors."""
    rows = query
    for cursor, field, greater_in_list in (
        (window.after, "after", True),
        (window.before, "before", False),
    ):
        if cursor is not None:
            greater = greater_in_list != ordering.descending
            rows = rows.filter(_beyond(ordering, cursor, field, greater))
    # Walking backward (`last`) reads the list in reverse from the far end, then flips.
    rows = ordered(rows, ordering, reverse=window.backward)
    # One more row than asked says whether more follow (also for `first: 0`).
    fetched = list(await rows.limit(window.size + 1))
    more = len(fetched) > window.size
    fetched = fetched[: window.size]
    if window.backward:
        fetched.reverse()
    edges = [(_encode(ordering, row), row) for row in fetched]
    if window.backward:
        has_next, has_previous = window.before is not None, more
    else:
        has_next, has_previous = more, window.after is not None
    return Slice(edges, has_next, has_previous, query.count)


def _order_sql(ordering: Ordering, table: str) -> str:
    """`ordering` as an SQL ORDER BY list over `table`, as `ordered` sorts (NULLs last
    ascending, ties by id)."""
    direction = "DESC" if ordering.descending else "ASC"
    keys = [f'"{table}"."id" {direction}']
    if ordering.field is not None:
        column = f'"{table}"."{ordering.field}"'
        keys.insert(0, f"{ordering.sql or column} {direction}")
        if ordering.nullable:
            keys.insert(0, f"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END {direction}")
    return ", ".join(keys)


async def keysets(
    query: QuerySet[M], ordering: Ordering, window: Window, by: str, keys: Sequence[str]
) -> dict[str, Slice[M]]:
    """The window of `query` for each value of its column `by` among `keys` (a page of each
    client's invoices, say). A first page (no cursor, counted from the start) of every key
    is read in one statement, however many keys; with a cursor, each key's window is read on
    its own (a cursor belongs to one list). Each slice's count, when asked for, comes from
    one statement counting them all."""
    counts: dict[str, int] | None = None
    counting = asyncio.Lock()

    async def count_of(key: str) -> int:
        nonlocal counts
        async with counting:
            if counts is None:
                rows = (
                    await query.filter(**{f"{by}__in": list(keys)})
                    .annotate(_rows=Count("id"))
                    .group_by(by)
                    .values_list(by, "_rows")
                )
                counts = {str(group): int(number) for group, number in rows}
        return counts.get(key, 0)

    def counter(key: str) -> Callable[[], Awaitable[int]]:
        return lambda: count_of(key)

    if window.after is not None or window.before is not None or window.backward:
        return {
            key: replace(
                await keyset(query.filter(**{by: key}), ordering, window), count=counter(key)
            )
            for key in keys
        }
    table = query.model._meta.db_table
    rank = RawSQL(
        f'ROW_NUMBER() OVER (PARTITION BY "{table}"."{by}" ORDER BY {_order_sql(ordering, table)})'
    )
    ranked = query.filter(**{f"{by}__in": list(keys)}).annotate(_rank=rank).values("id", "_rank")
    # Tortoise cannot filter on a window function: the ranked rows are wrapped in SQL of
    # our own, over Tortoise's parameterized statement and an integer.
    ranked._choose_db_if_not_chosen()
    ranked._make_query()
    inner, params = ranked.query.get_parameterized_sql()
    limit = int(window.size) + 1  # one more than asked says whether more follow
    sql = f'SELECT "id", "_rank" FROM ({inner}) AS "ranked" WHERE "_rank" <= {limit}'  # noqa: S608
    _, found = await ranked._db.execute_query(sql, params)
    ranks = {str(row["id"]): int(row["_rank"]) for row in found}
    rows = await query.filter(id__in=list(ranks)) if ranks else []
    grouped: dict[str, list[M]] = {key: [] for key in keys}
    for row in sorted(rows, key=lambda row: ranks[str(row.pk)]):
        grouped[str(getattr(row, by))].append(row)
    slices: dict[str, Slice[M]] = {}
    for key, members in grouped.items():
        shown = members[: window.size]
        slices[key] = Slice(
            [(_encode(ordering, row), row) for row in shown],
            has_next_page=len(members) > window.size,
            has_previous_page=False,
            count=counter(key),
        )
    return slices
