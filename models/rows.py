"""Plain-SQL reads: statements written as text with parameters, their rows turned into model
instances by decoders made once per column, without the ORM's query building.

The hot reads (lists and their counts, a document with its contents, the per-request loaders,
the API key look-up, the stored PDF) go through here; writes keep Tortoise. What a column
holds is still defined once, by the model: `Table` takes each column's name and its field's
type from the model's own metadata, and decodes each stored value as that field would
(Tortoise's `to_python_value`), only faster for the types every row carries (datetimes,
dates, decimals, enums, booleans).

A statement runs on the connection of the moment, so inside `models.snapshot.read_snapshot`
(or a write's transaction) it sees what the rest of the block sees. Parameters are always
passed apart from the text: the text is built only from identifiers of the models and from
the placeholders `Statement` hands out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, Generic, TypeVar, cast

from tortoise import Tortoise, fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connections
from tortoise.models import Model

M = TypeVar("M", bound=Model)
Decoder = Callable[[Any], Any]
Record = Sequence[Any]

CONNECTION = "default"


def postgres() -> bool:
    """Whether the connection of the moment is PostgreSQL's (else SQLite's)."""
    return bool(Tortoise.get_connection(CONNECTION).capabilities.dialect == "postgres")


def _datetime(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is UTC:  # as stored: "+00:00" reads as UTC itself
        return moment
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value[:10])


def _decimal(quant: Decimal) -> Decoder:
    def decode(value: Any) -> Decimal:
        return Decimal(value).quantize(quant)

    return decode


def _json(value: Any) -> Any:
    if value == "[]":  # most lists stored are empty (a document never sent)
        return []
    return json.loads(value) if isinstance(value, str | bytes) else value


def _enum(enum_type: Any) -> Decoder:
    members = enum_type._value2member_map_

    def decode(value: Any) -> Any:
        member = members.get(value)
        return member if member is not None else enum_type(value)

    return decode


def _decoder(field: fields.Field[Any], native: bool, postgres: bool) -> Decoder | None:
    """How a stored value of `field` becomes its Python value (None: as it is). asyncpg gives
    PostgreSQL's timestamps (with time zone, in UTC), dates, booleans and numerics (with the
    column's scale, the field's decimal places) as Python's own already."""
    if isinstance(field, fields.DatetimeField | fields.DateField | fields.BooleanField):
        if postgres:
            return None
        if isinstance(field, fields.DatetimeField):
            return _datetime
        return _date if isinstance(field, fields.DateField) else bool
    if isinstance(field, fields.DecimalField):
        return None if postgres else _decimal(field.quant)
    if isinstance(field, fields.JSONField):
        return _json
    enum_type = getattr(field, "enum_type", None)
    if enum_type is not None:
        return _enum(enum_type)
    if native:
        return None
    return field.to_python_value


class Layout(Generic[M]):
    """How the rows of a model's table are read on one backend: its columns, in one order,
    and the decoder of each (made from the model's fields once Tortoise has set them up,
    which it does per backend)."""

    def __init__(self, model: type[M], postgres: bool) -> None:
        meta = model._meta
        self.model = model
        native = {key for key, _, _ in meta.db_native_fields}
        default = {key: field.field_type for key, _, field in meta.db_default_fields}
        attributes: list[str] = []
        decoded: list[tuple[str, Decoder]] = []
        for column in meta.db_fields:
            attribute = meta.fields_db_projection_reverse[column]
            field = meta.fields_map[attribute]
            attributes.append(attribute)
            decode = default.get(column) or _decoder(field, column in native, postgres)
            if decode is not None:
                decoded.append((attribute, decode))
        self.columns = tuple(meta.db_fields)
        self.attributes = tuple(attributes)
        self.decoded = tuple(decoded)
        self.width = len(self.columns)
        self.flags = {
            "_partial": False,
            "_saved_in_db": True,
            "_custom_generated_pk": meta.db_pk_column not in meta.generated_db_fields,
        }

    def build(self, record: Record, start: int = 0) -> M:
        """The model instance of the columns of `record` from `start` (in `columns` order),
        as Tortoise would have made it from the same row."""
        instance = self.model.__new__(self.model)
        state = instance.__dict__
        state.update(self.flags)
        state["_await_when_save"] = {}
        if start == 0 and len(record) == self.width:
            # The whole row is this table's: read as it is, with no copy of it.
            state.update(zip(self.attributes, record, strict=False))
        else:
            state.update(
                zip(self.attributes, tuple(record)[start : start + self.width], strict=True)
            )
        for attribute, decode in self.decoded:
            value = state[attribute]
            if value is not None:
                state[attribute] = decode(value)
        return instance


class Table(Generic[M]):
    """A model's table as plain reads select it: every column, under an alias."""

    def __init__(self, model: type[M], alias: str) -> None:
        self.model = model
        self.alias = alias
        self.name = model._meta.db_table
        self._layouts: dict[bool, Layout[M]] = {}

    def layout(self, statement: Statement) -> Layout[M]:
        """The table's layout on the backend `statement` runs on."""
        found = self._layouts.get(statement.postgres)
        if found is None:
            found = self._layouts[statement.postgres] = Layout(self.model, statement.postgres)
        return found

    def column(self, name: str) -> str:
        """One of the table's columns, qualified by its alias."""
        return f'"{self.alias}"."{name}"'

    def select_list(self, statement: Statement) -> str:
        """Every column, in the order the layout reads them."""
        return ", ".join(self.column(name) for name in self.layout(statement).columns)

    @property
    def source(self) -> str:
        """The table under its alias, for FROM and JOIN."""
        return f'"{self.name}" AS "{self.alias}"'


@cache
def table(model: type[M], alias: str) -> Table[M]:
    """The `Table` of `model` under `alias` (made once)."""
    return Table(model, alias)


def attach(instance: Model, relation: str, related: object) -> None:
    """Give `instance` the object of its foreign key `relation`, as a join read it (what
    Tortoise's `select_related` does): `instance.<relation>` is then that object."""
    instance.__dict__[f"_{relation}"] = related


def attach_many(instance: Model, relation: str, related: list[Any]) -> None:
    """Give `instance` the rows of its reverse relation `relation`, as a prefetch would."""
    getattr(instance, relation)._set_result_for_query(related)


def _sqlite_value(value: Any) -> Any:
    """`value` as Tortoise stores it in SQLite, to compare with what is stored there."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


class Statement:
    """A statement being written: its parameters, each given a placeholder in the dialect of
    the connection of the moment (`$1` on PostgreSQL, `?1` on SQLite)."""

    __slots__ = ("conn", "params", "postgres")

    def __init__(self, conn: BaseDBAsyncClient | None = None) -> None:
        self.conn = conn or get_connections().get(CONNECTION)
        self.postgres = self.conn.capabilities.dialect == "postgres"
        self.params: list[Any] = []

    def __call__(self, value: Any) -> str:
        """The placeholder of a new parameter `value`."""
        self.params.append(value if self.postgres else _sqlite_value(value))
        # Numbered on both, so that the text may use them in any order.
        return f"${len(self.params)}" if self.postgres else f"?{len(self.params)}"

    def each(self, values: Iterable[Any]) -> str:
        """The placeholders of `values`, comma-separated (for IN)."""
        return ", ".join(self(value) for value in values)

    async def fetch(self, sql: str) -> list[Record]:
        """The rows `sql` (written with this statement's placeholders) reads."""
        _, rows = await self.conn.execute_query(sql, self.params)
        # sqlite3.Row and asyncpg's Record: both read by position too.
        return cast(list[Record], list(rows))


def skip_locked(statement: Statement, rows: Table[Any]) -> str:
    """The clause a claiming SELECT ends with: on PostgreSQL, lock the rows of `rows` it
    reads, passing over those another transaction has locked (FOR UPDATE SKIP LOCKED); on
    SQLite, which has one writer at a time, nothing."""
    return f' FOR UPDATE OF "{rows.alias}" SKIP LOCKED' if statement.postgres else ""


async def grouped(
    statement: Statement,
    rows: Table[M],
    by: str,
    keys: Sequence[str],
    order: str,
    *,
    join: str = "",
    where: Sequence[str] = (),
) -> dict[str, list[M]]:
    """The rows of `rows` whose column `by` is one of `keys`, grouped by it, each group in
    `order` (an ORDER BY list), in one statement; `join` and `where` (written with the
    statement's placeholders) narrow them further, e.g. to an organization."""
    found: dict[str, list[M]] = {key: [] for key in keys}
    if not keys:
        return found
    column = rows.column(by)
    conditions = " ".join(f"AND ({condition})" for condition in where)
    sql = (
        f"SELECT {rows.select_list(statement)} FROM {rows.source} {join} "  # noqa: S608
        f"WHERE {column} IN ({statement.each(keys)}) {conditions} ORDER BY {column}, {order}"
    )
    layout = rows.layout(statement)
    for record in await statement.fetch(sql):
        row = layout.build(record)
        found[getattr(row, by)].append(row)
    return found
