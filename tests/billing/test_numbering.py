"""billing.numbering: patterns, formatting, taking numbers and configuring sequences."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from tortoise.transactions import in_transaction

from billing import clients, documents, numbering
from billing.errors import ValidationError
from billing.numbering import MAX_SEQUENCE_VALUE, format_number, validate_pattern
from billing.plans import UNLIMITED
from models import NumberSequence, Organization
from models.enums import Series
from tests.billing.factories import a_document_row
from tests.conftest import Tenant

# --- Patterns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "cleaned"),
    [
        ("INV-{seq:04}", "INV-{seq:04}"),
        ("{seq}", "{seq}"),
        ("  INV-{seq}  ", "INV-{seq}"),
        ("{seq:012}/2026", "{seq:012}/2026"),
        ("F-{seq:01}", "F-{seq:01}"),
        ("x" * 40 + "{seq}", "x" * 40 + "{seq}"),
        ("{SEQ}", "{SEQ}"),
        ("{seq:4}", "{seq:4}"),
        ("INV-{YYYY}-{SEQ:4}", "INV-{YYYY}-{SEQ:4}"),
        ("{YY}{MM}-{SEQ}", "{YY}{MM}-{SEQ}"),
        ("{YYYY}/{MM}/{SEQ:03}", "{YYYY}/{MM}/{SEQ:03}"),
    ],
)
def test_validate_pattern_accepts(pattern: str, cleaned: str) -> None:
    assert validate_pattern(pattern) == cleaned


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "   ",
        "INV-",
        "INV-{seq}-{seq}",
        "{seq}{seq:04}",
        "INV-{seq",
        "INV-seq}",
        "INV-{seq}}",
        "{INV-{seq}",
        "{}{seq}",
        "{year}-{seq}",
        "{seq:00}",
        "{seq:013}",
        "{seq:04d}",
        "{Seq}",
        "{yyyy}-{SEQ}",
        "{YYYY}-{SEQ}-{SEQ}",
        "{MM}-{SEQ}",  # months without a year would repeat their numbers a year later
        "{YYYY}",
        "x" * 41 + "{seq}",
        # A number is one line of printable text: it ends up in e-mail subjects and file names.
        "INV\n{seq}",
        "INV\r\nBcc: someone@example.com {seq}",
        "INV\x00{seq}",
        "INV\x1b[2J{seq}",
    ],
)
def test_validate_pattern_refuses(pattern: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_pattern(pattern, field="invoiceNumberPattern")
    assert info.value.field == "invoiceNumberPattern"


@pytest.mark.parametrize(
    ("pattern", "value", "number"),
    [
        ("INV-{seq:04}", 7, "INV-0007"),
        ("INV-{seq:04}", 1234, "INV-1234"),
        ("{seq}", 12345, "12345"),
        ("INV-{seq:02}", 12345, "INV-12345"),  # padding shorter than the value keeps all digits
        ("{seq:012}", 1, "000000000001"),
        ("2026/{seq:03}-A", 42, "2026/042-A"),
        ("{seq}", MAX_SEQUENCE_VALUE, str(MAX_SEQUENCE_VALUE)),
    ],
)
def test_format_number(pattern: str, value: int, number: str) -> None:
    assert format_number(pattern, value) == number


@pytest.mark.parametrize(
    ("pattern", "value", "day", "number", "period"),
    [
        ("INV-{YYYY}-{SEQ:4}", 42, date(2026, 12, 31), "INV-2026-0042", "2026"),
        ("INV-{YYYY}-{SEQ:4}", 1, date(2027, 1, 1), "INV-2027-0001", "2027"),
        ("{YY}{MM}-{SEQ}", 7, date(2027, 3, 1), "2703-7", "2027-03"),
        ("{YYYY}/{MM}/{seq:03}", 12, date(2026, 11, 30), "2026/11/012", "2026-11"),
        ("INV-{seq:04}", 7, date(2026, 1, 1), "INV-0007", ""),
    ],
)
def test_format_number_with_dates(
    pattern: str, value: int, day: date, number: str, period: str
) -> None:
    assert format_number(pattern, value, day) == number
    assert numbering.period_of(pattern, day) == period


def test_series_of() -> None:
    assert numbering.series_of(False) is Series.INVOICE
    assert numbering.series_of(True) is Series.ESTIMATE


# --- Taking numbers ---------------------------------------------------------------------------


async def take(
    org: Organization, series: Series = Series.INVOICE, issued: date = date(2026, 3, 1)
) -> str:
    async with in_transaction() as conn:
        return await numbering.take_next_number(org, series, conn, issued=issued)


async def next_value(org: Organization, series: Series) -> int:
    sequence = await NumberSequence.get(organization_id=org.id, series=series)
    value: int = sequence.next_value
    return value


async def test_take_next_number_advances_each_series_separately(tenant: Tenant) -> None:
    assert await take(tenant.org) == "INV-0001"
    assert await take(tenant.org) == "INV-0002"
    assert await take(tenant.org, series=Series.ESTIMATE) == "EST-0001"
    assert await take(tenant.org) == "INV-0003"
    assert await next_value(tenant.org, Series.INVOICE) == 4
    assert await next_value(tenant.org, Series.ESTIMATE) == 2


async def test_take_next_number_skips_numbers_already_taken(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    await a_document_row(tenant.org, client, "INV-0001")
    await a_document_row(tenant.org, client, "INV-0002")
    await a_document_row(tenant.org, client, "INV-0004")

    assert await take(tenant.org) == "INV-0003"
    assert await next_value(tenant.org, Series.INVOICE) == 4
    assert await take(tenant.org) == "INV-0005"
    assert await next_value(tenant.org, Series.INVOICE) == 6


async def test_take_next_number_ignores_the_other_series_and_other_organizations(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    theirs = await clients.create_client(other_tenant.org, {"name": "Bob"}, UNLIMITED)
    # An estimate numbered like an invoice, and another organization's invoice.
    await a_document_row(tenant.org, client, "INV-0001", is_estimate=True)
    await a_document_row(other_tenant.org, theirs, "INV-0001")
    await a_document_row(tenant.org, client, "EST-0001")  # an invoice numbered like an estimate

    assert await take(tenant.org) == "INV-0001"
    assert await take(tenant.org, series=Series.ESTIMATE) == "EST-0001"


async def test_a_rolled_back_transaction_gives_its_number_back(tenant: Tenant) -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        async with in_transaction() as conn:
            taken = await numbering.take_next_number(
                tenant.org, Series.INVOICE, conn, issued=date(2026, 3, 1)
            )
            assert taken == "INV-0001"
            raise Abort
    assert await next_value(tenant.org, Series.INVOICE) == 1
    assert await take(tenant.org) == "INV-0001"


# --- Configuring sequences --------------------------------------------------------------------


async def configure(
    org: Organization,
    series: Series,
    *,
    pattern: str | None = None,
    next_value: int | None = None,
    today: date = date(2026, 3, 1),
) -> NumberSequence:
    async with in_transaction() as conn:
        return await numbering.configure_sequence(
            org, series, conn, pattern=pattern, next_value=next_value, today=today
        )


async def test_a_dated_pattern_counts_each_year_and_month_on_its_own(tenant: Tenant) -> None:
    await configure(
        tenant.org,
        Series.INVOICE,
        pattern="INV-{YYYY}-{SEQ:4}",
        next_value=42,
        today=date(2026, 12, 31),
    )
    assert await take(tenant.org, issued=date(2026, 12, 31)) == "INV-2026-0042"
    assert await take(tenant.org, issued=date(2027, 1, 1)) == "INV-2027-0001"
    assert await take(tenant.org, issued=date(2027, 1, 2)) == "INV-2027-0002"
    # Dated back into 2026: that year's next number, without a gap in either year.
    assert await take(tenant.org, issued=date(2026, 6, 1)) == "INV-2026-0043"
    assert await take(tenant.org, issued=date(2027, 5, 1)) == "INV-2027-0003"
    # Undated series are untouched; a monthly pattern counts each month.
    assert await take(tenant.org, Series.ESTIMATE) == "EST-0001"
    await configure(tenant.org, Series.ESTIMATE, pattern="E{YY}{MM}-{SEQ}")
    assert await take(tenant.org, Series.ESTIMATE, date(2026, 3, 31)) == "E2603-1"
    assert await take(tenant.org, Series.ESTIMATE, date(2026, 3, 31)) == "E2603-2"
    assert await take(tenant.org, Series.ESTIMATE, date(2026, 4, 1)) == "E2604-1"
    sequences = await NumberSequence.filter(organization_id=tenant.org.id).order_by("series")
    values = await numbering.next_values({row.series: row for row in sequences}, date(2027, 1, 9))
    assert (values[Series.INVOICE], values[Series.ESTIMATE]) == (4, 1)


async def test_dated_numbers_taken_at_once_are_unique_and_gap_free(tenant: Tenant) -> None:
    await configure(tenant.org, Series.INVOICE, pattern="INV-{YYYY}-{SEQ:4}")
    client = await clients.create_client(tenant.org, {"name": "Globex"}, UNLIMITED)
    line = {"description": "Work", "quantity": "1", "unit_price": "10"}

    async def create(day: str) -> str:
        made = await documents.create_document(
            tenant.org,
            {"client_id": client.id, "issue_date": day, "line_items": [line]},
            series=Series.INVOICE,
            plan=UNLIMITED,
        )
        return made.number

    days = ["2026-12-31", "2027-01-01"] * 10
    numbers = await asyncio.gather(*(create(day) for day in days))
    for year in ("2026", "2027"):
        mine = sorted(number for number in numbers if number.startswith(f"INV-{year}-"))
        assert mine == [f"INV-{year}-{index:04d}" for index in range(1, 11)]


async def test_configure_sequence_sets_the_next_value_and_pattern(tenant: Tenant) -> None:
    sequence = await configure(tenant.org, Series.INVOICE, next_value=42)
    assert (sequence.pattern, sequence.next_value) == ("INV-{seq:04}", 42)
    assert await take(tenant.org) == "INV-0042"

    await configure(tenant.org, Series.INVOICE, pattern="F{seq:06}")
    assert await next_value(tenant.org, Series.INVOICE) == 43  # the pattern alone keeps it
    assert await take(tenant.org) == "F000043"

    # Going back is allowed; taken numbers are still skipped.
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    await a_document_row(tenant.org, client, "F000010")
    await configure(tenant.org, Series.INVOICE, next_value=10)
    assert await take(tenant.org) == "F000011"

    # The estimate series is untouched.
    assert await take(tenant.org, series=Series.ESTIMATE) == "EST-0001"


async def test_configure_sequence_accepts_the_largest_next_value(tenant: Tenant) -> None:
    await configure(tenant.org, Series.ESTIMATE, next_value=MAX_SEQUENCE_VALUE)
    assert await take(tenant.org, series=Series.ESTIMATE) == f"EST-{MAX_SEQUENCE_VALUE}"
    # The next value still fits a 32-bit Int; the series then refuses, saying what to do.
    with pytest.raises(ValidationError, match="used up") as caught:
        await take(tenant.org, series=Series.ESTIMATE)
    assert caught.value.field == "number"


@pytest.mark.parametrize(
    ("series", "pattern", "value", "field"),
    [
        (Series.INVOICE, None, 0, "nextInvoiceNumber"),
        (Series.INVOICE, None, MAX_SEQUENCE_VALUE + 1, "nextInvoiceNumber"),
        (Series.ESTIMATE, None, -1, "nextEstimateNumber"),
        (Series.INVOICE, "INV", None, "invoiceNumberPattern"),
        (Series.ESTIMATE, "{seq}{seq}", None, "estimateNumberPattern"),
        (Series.ESTIMATE, "E{seq}", 0, "nextEstimateNumber"),
    ],
)
async def test_configure_sequence_refuses_bad_values(
    tenant: Tenant, series: Series, pattern: str | None, value: int | None, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await configure(tenant.org, series, pattern=pattern, next_value=value)
    assert info.value.field == field
    sequence = await NumberSequence.get(organization_id=tenant.org.id, series=series)
    assert sequence.next_value == 1
    assert sequence.pattern == numbering.DEFAULT_PATTERNS[series]
