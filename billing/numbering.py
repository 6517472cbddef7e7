"""Document numbers: one sequence per organization and series, formatted by a pattern.

A pattern is literal text around one sequence placeholder, `{seq}` (or `{SEQ}`), optionally
zero-padded to a width as `{SEQ:4}` (or `{seq:04}`), and any of the date placeholders
`{YYYY}`, `{YY}` and `{MM}`, filled from the document's issue date. A pattern with a year
counts each year from 1 again, one with the month each month (it must have the year too):
`INV-{YYYY}-{SEQ:4}` gives INV-2026-0042, then INV-2027-0001 for the first invoice dated in
2027; each period keeps its own counter (models.NumberCounter), so an invoice dated back into
an earlier year takes that year's next number. The sequence row is locked while a number is
taken (a row lock on PostgreSQL; SQLite serializes write transactions), and numbers already
taken by hand are skipped, so concurrent creations never collide and leave no gap.
"""

from __future__ import annotations

import re
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access
from billing.access import Permission
from billing.errors import ValidationError
from models import CreditNote, Document, NumberCounter, NumberSequence, Organization
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
_SEQUENCE = re.compile(r"\{(?:seq|SEQ)(?::0?([1-9]|1[0-2]))?\}")
_DATE = re.compile(r"\{(YYYY|YY|MM)\}")
# Any date, for what only the pattern's length depends on.
_SAMPLE_DAY = date(2000, 1, 1)


def validate_pattern(pattern: str, *, field: str = "pattern") -> str:
    """Return `pattern` if it holds exactly one sequence placeholder, date placeholders
    only of the known ones (the month with a year), and no other braces."""
    pattern = pattern.strip()
    placeholders = _SEQUENCE.findall(pattern)
    dates = _DATE.findall(pattern)
    literal = _DATE.sub("", _SEQUENCE.sub("", pattern))
    if len(placeholders) != 1 or "{" in literal or "}" in literal:
        raise ValidationError(
            "A number pattern needs exactly one {SEQ} placeholder ({SEQ:4} to zero-pad it to "
            "4 digits), may hold {YYYY}, {YY} and {MM}, and no other braces, e.g. "
            "INV-{YYYY}-{SEQ:4}",
            field=field,
        )
    if "MM" in dates and not {"YYYY", "YY"} & set(dates):
        raise ValidationError(
            "A number pattern with {MM} needs {YYYY} or {YY} too: each month's numbers start "
            "from 1, and would repeat a year later",
            field=field,
        )
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in pattern):
        raise ValidationError("A number pattern must not contain control characters", field=field)
    if len(literal) > 40:
        raise ValidationError("A number pattern's text must be at most 40 characters", field=field)
    return pattern


def format_number(pattern: str, value: int, day: date = _SAMPLE_DAY) -> str:
    """The number `value` takes under `pattern` for a document issued on `day`."""

    def sequence(match: re.Match[str]) -> str:
        width = match.group(1)
        return f"{value:0{width}d}" if width else str(value)

    def dated(match: re.Match[str]) -> str:
        part = match.group(1)
        if part == "YYYY":
            return f"{day.year:04d}"
        return f"{day.year % 100:02d}" if part == "YY" else f"{day.month:02d}"

    return _DATE.sub(dated, _SEQUENCE.sub(sequence, pattern))


def period_of(pattern: str, day: date) -> str:
    """The period whose counter numbers a document issued on `day` under `pattern`: its
    month (`2026-03`) or year (`2026`) when the pattern shows one, else "" (one count)."""
    dates = set(_DATE.findall(pattern))
    if "MM" in dates:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}" if dates else ""


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


async def next_values(sequences: dict[Series, NumberSequence], today: date) -> dict[Series, int]:
    """The value each series' next number is made from today: a dated pattern's counter of
    today's period (1 when the period has none yet), an undated one's own."""
    found: dict[Series, int] = {}
    for series, sequence in sequences.items():
        period = period_of(sequence.pattern, today)
        if not period:
            found[series] = int(sequence.next_value)
            continue
        counter = await NumberCounter.filter(sequence_id=sequence.id, period=period).first()
        found[series] = int(counter.next_value) if counter is not None else 1
    return found


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


async def _counter(
    sequence: NumberSequence, period: str, conn: BaseDBAsyncClient
) -> NumberSequence | NumberCounter:
    """What holds the next value of `period` (its sequence is locked): the sequence itself
    for an undated pattern, else the period's counter, made at its first number."""
    if not period:
        return sequence
    counter = (
        await NumberCounter.filter(sequence_id=sequence.id, period=period).using_db(conn).first()
    )
    if counter is None:
        counter = await NumberCounter.create(sequence_id=sequence.id, period=period, using_db=conn)
    return counter


async def take_next_number(
    org: Organization, series: Series, conn: BaseDBAsyncClient, *, issued: date
) -> str:
    """Take the next free number of the series for a document issued on `issued`. Call
    inside the creating transaction."""
    sequence = await _locked_sequence(org, series, conn)
    counter = await _counter(sequence, period_of(sequence.pattern, issued), conn)
    value = counter.next_value
    number = format_number(sequence.pattern, value, issued)
    while await number_taken(org, series, number, conn):
        value += 1
        number = format_number(sequence.pattern, value, issued)
    if value > MAX_SEQUENCE_VALUE:
        raise ValidationError(
            f"The {series.noun} numbers are used up: give a number, "
            "or set a new pattern and next number",
            field="number",
        )
    counter.next_value = value + 1
    await counter.save(using_db=conn, update_fields=["next_value", "updated_at"])
    return number


async def configure_sequence(
    org: Organization,
    series: Series,
    conn: BaseDBAsyncClient,
    *,
    pattern: str | None = None,
    next_value: int | None = None,
    today: date,
) -> NumberSequence:
    """Change a series' pattern and/or the next number it hands out (for a dated pattern:
    the next of the period of `today`, the organization's)."""
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
    counter = await _counter(sequence, period_of(sequence.pattern, today), conn)
    if next_value is not None:
        counter.next_value = next_value
    if len(format_number(sequence.pattern, counter.next_value, today)) > MAX_NUMBER_LENGTH:
        raise ValidationError(
            f"Numbers from this pattern would exceed {MAX_NUMBER_LENGTH} characters", field=field
        )
    await sequence.save(using_db=conn)
    if counter is not sequence:
        await counter.save(using_db=conn, update_fields=["next_value", "updated_at"])
    return sequence
