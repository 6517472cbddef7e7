"""Document numbers: one sequence per organization and series, formatted by a pattern.

A pattern is literal text around one `{seq}` placeholder, optionally zero-padded as
`{seq:04}`. The sequence row is locked while a number is taken (a row lock on PostgreSQL;
SQLite serializes write transactions), and numbers already taken by hand are skipped, so
concurrent creations never collide.
"""

from __future__ import annotations

import re

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access
from billing.access import Permission
from billing.errors import ValidationError
from models import CreditNote, Document, NumberSequence, Organization
from models.enums import Series

DEFAULT_PATTERNS = {
    Series.INVOICE: "INV-{seq:04}",
    Series.ESTIMATE: "EST-{seq:04}",
    Series.CREDIT_NOTE: "CN-{seq:04}",
}
MAX_NUMBER_LENGTH = 64
# The next value stays within a 32-bit signed integer, GraphQL's Int: two billion numbers
# per series is plenty, and clients never meet a value their Int cannot hold.
MAX_SEQUENCE_VALUE = 2**31 - 2
_PLACEHOLDER = re.compile(r"\{seq(?::0([1-9]|1[0-2]))?\}")


def validate_pattern(pattern: str, *, field: str = "pattern") -> str:
    """Return `pattern` if it holds exactly one `{seq}` placeholder and no other braces."""
    pattern = pattern.strip()
    placeholders = _PLACEHOLDER.findall(pattern)
    literal = _PLACEHOLDER.sub("", pattern)
    if len(placeholders) != 1 or "{" in literal or "}" in literal:
        raise ValidationError(
            "A number pattern needs exactly one {seq} placeholder (or {seq:04} for "
            "zero-padding) and no other braces, e.g. INV-{seq:04}",
            field=field,
        )
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in pattern):
        raise ValidationError("A number pattern must not contain control characters", field=field)
    if len(literal) > 40:
        raise ValidationError("A number pattern's text must be at most 40 characters", field=field)
    return pattern


def format_number(pattern: str, value: int) -> str:
    """The number `value` takes under `pattern`."""

    def render(match: re.Match[str]) -> str:
        width = match.group(1)
        return f"{value:0{width}d}" if width else str(value)

    return _PLACEHOLDER.sub(render, pattern)


def series_of(is_estimate: bool) -> Series:
    """The numbering series of invoices or estimates."""
    return Series.ESTIMATE if is_estimate else Series.INVOICE


async def number_taken(
    org: Organization, series: Series, number: str, conn: BaseDBAsyncClient
) -> bool:
    """Whether a document (or credit note) of the series already holds `number`."""
    if series is Series.CREDIT_NOTE:
        notes = CreditNote.filter(organization_id=org.id, number=number)
        return await notes.using_db(conn).exists()
    taken = Document.filter(organization_id=org.id, is_estimate=series.is_estimate, number=number)
    return await taken.using_db(conn).exists()


async def create_sequences(org: Organization, conn: BaseDBAsyncClient | None = None) -> None:
    """Give a new organization its sequences with the default patterns."""
    for series, pattern in DEFAULT_PATTERNS.items():
        await NumberSequence.create(organization=org, series=series, pattern=pattern, using_db=conn)


async def _locked_sequence(
    org: Organization, series: Series, conn: BaseDBAsyncClient
) -> NumberSequence:
    return (
        await NumberSequence.filter(organization_id=org.id, series=series)
        .select_for_update()
        .using_db(conn)
        .get()
    )


async def take_next_number(org: Organization, series: Series, conn: BaseDBAsyncClient) -> str:
    """Take the next free number of the series. Call inside the creating transaction."""
    sequence = await _locked_sequence(org, series, conn)
    value = sequence.next_value
    number = format_number(sequence.pattern, value)
    while await number_taken(org, series, number, conn):
        value += 1
        number = format_number(sequence.pattern, value)
    if value > MAX_SEQUENCE_VALUE:
        raise ValidationError(
            f"The {series.noun} numbers are used up: give a number, "
            "or set a new pattern and next number",
            field="number",
        )
    sequence.next_value = value + 1
    await sequence.save(using_db=conn, update_fields=["next_value", "updated_at"])
    return number


async def configure_sequence(
    org: Organization,
    series: Series,
    conn: BaseDBAsyncClient,
    *,
    pattern: str | None = None,
    next_value: int | None = None,
) -> NumberSequence:
    """Change a series' pattern and/or the next number it hands out."""
    access.require(Permission.ORGANIZATION_WRITE)
    sequence = await _locked_sequence(org, series, conn)
    field = "invoiceNumberPattern" if series is Series.INVOICE else "estimateNumberPattern"
    if pattern is not None:
        sequence.pattern = validate_pattern(pattern, field=field)
    if next_value is not None:
        next_field = "nextInvoiceNumber" if series is Series.INVOICE else "nextEstimateNumber"
        if not 1 <= next_value <= MAX_SEQUENCE_VALUE:
            raise ValidationError(
                f"The next number must be between 1 and {MAX_SEQUENCE_VALUE}", field=next_field
            )
        sequence.next_value = next_value
    if len(format_number(sequence.pattern, sequence.next_value)) > MAX_NUMBER_LENGTH:
        raise ValidationError(
            f"Numbers from this pattern would exceed {MAX_NUMBER_LENGTH} characters", field=field
        )
    await sequence.save(using_db=conn)
    return sequence
