"""billing.numbering: patterns, formatting, taking numbers and configuring sequences."""

from __future__ import annotations

import pytest
from tortoise.transactions import in_transaction

from billing import clients, numbering
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
        "{seq:4}",
        "{seq:00}",
        "{seq:013}",
        "{seq:04d}",
        "{SEQ}",
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


def test_series_of() -> None:
    assert numbering.series_of(False) is Series.INVOICE
    assert numbering.series_of(True) is Series.ESTIMATE


# --- Taking numbers ---------------------------------------------------------------------------


async def take(org: Organization, series: Series = Series.INVOICE) -> str:
    async with in_transaction() as conn:
        return await numbering.take_next_number(org, series, conn)


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
            assert await numbering.take_next_number(tenant.org, Series.INVOICE, conn) == "INV-0001"
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
) -> NumberSequence:
    async with in_transaction() as conn:
        return await numbering.configure_sequence(
            org, series, conn, pattern=pattern, next_value=next_value
        )


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
