"""Payments: recorded and deleted with the invoice row locked, so concurrent payments never
overpay an invoice and never lose one; the invoice's amount paid and status follow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access, documents, lifecycle, validation
from billing.access import Permission
from billing.changes import ChangeKind, writing
from billing.errors import (
    CurrencyMismatch,
    InvalidTransition,
    NotFound,
    Overpayment,
    ValidationError,
    shown_id,
)
from billing.lifecycle import outstanding
from billing.money import normalize_currency, parse_amount, round_to
from billing.pagination import (
    Listing,
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    compare,
    keyset,
    paginate,
)
from models import Document, Organization, Payment
from models.enums import DocumentStatus as S
from models.enums import PaymentMethod
from models.ids import is_id
from models.rows import Statement, grouped, table

_FIELDS = {"invoice_id", "amount", "currency", "payment_date", "payment_method", "note"}

# An invoice's payments are listed whole (GraphQL's Invoice.payments): bounded here.
MAX_PAYMENTS_PER_INVOICE = 500


async def locked_invoice(
    org: Organization, invoice_id: object, conn: BaseDBAsyncClient, purpose: str = "take payments"
) -> Document:
    """The organization's invoice `invoice_id`, its row locked for a write of its amounts;
    an estimate is refused, as what cannot `purpose`."""
    if not isinstance(invoice_id, str) or not invoice_id:
        raise ValidationError("invoiceId must be an invoice's id", field="invoiceId")
    if not is_id(invoice_id):
        raise NotFound(f"No invoice with id {shown_id(invoice_id)}", field="invoiceId")
    document = (
        await Document.filter(id=invoice_id, organization_id=org.id)
        .select_for_update()
        .using_db(conn)
        .first()
    )
    if document is None:
        raise NotFound(f"No invoice with id {shown_id(invoice_id)}", field="invoiceId")
    if document.is_estimate:
        raise ValidationError(
            f"Estimate {document.number} cannot {purpose}: convert it to an invoice",
            field="invoiceId",
        )
    return document


async def _amounts(document: Document, conn: BaseDBAsyncClient) -> list[Decimal]:
    rows = await Payment.filter(document_id=document.id).using_db(conn).values_list("amount")
    return [Decimal(amount) for (amount,) in rows]


async def _paid_so_far(document: Document, conn: BaseDBAsyncClient) -> Decimal:
    # Summed here from the rows, not by the database: SQLite keeps decimals as text and its
    # SUM would go through floating point.
    return round_to(sum(await _amounts(document, conn), Decimal(0)), document.minor_units)


async def record_payment(
    org: Organization, values: Mapping[str, Any], *, now: datetime | None = None
) -> Payment:
    """Record a payment on an invoice; refuses overpayment, another currency, void invoices.
    The payment's `document` is the invoice as the payment left it."""
    access.require(Permission.PAYMENTS_WRITE)
    validation.known_fields(values, _FIELDS)
    for required in ("invoice_id", "amount", "payment_method"):
        if values.get(required) is None:
            name = {"invoice_id": "invoiceId", "payment_method": "paymentMethod"}.get(
                required, required
            )
            raise ValidationError(f"Missing required field: {name}", field=name)
    now = now or datetime.now(UTC)
    method = validation.choice(PaymentMethod, values["payment_method"], field="paymentMethod")
    note = validation.text(values.get("note"), field="note", max_length=2000, multiline=True)
    async with writing(now) as write:
        conn = write.conn
        invoice = await locked_invoice(org, values["invoice_id"], conn)
        if invoice.status is S.VOID:
            raise InvalidTransition(
                f"Invoice {invoice.number} is VOID and takes no payments", field="invoiceId"
            )
        # Only a given code is checked against today's ISO list: an invoice keeps its currency
        # even after that currency is withdrawn.
        given = values.get("currency")
        currency = normalize_currency(given) if given else invoice.currency
        if currency != invoice.currency:
            raise CurrencyMismatch(
                f"Invoice {invoice.number} is in {invoice.currency}; a payment in {currency} "
                "cannot be recorded on it",
                field="currency",
            )
        places = invoice.minor_units
        amount = parse_amount(values["amount"], field="amount", currency=currency, places=places)
        if amount <= 0:
            raise ValidationError("amount must be greater than 0", field="amount")
        payment_date = lifecycle.given_date(
            org, values.get("payment_date"), field="paymentDate", now=now
        )
        earlier = await _amounts(invoice, conn)
        if len(earlier) >= MAX_PAYMENTS_PER_INVOICE:
            raise ValidationError(
                f"Invoice {invoice.number} already has {MAX_PAYMENTS_PER_INVOICE} payments, the "
                "most one invoice takes",
                field="invoiceId",
            )
        paid = round_to(sum(earlier, Decimal(0)), places)
        due = outstanding(invoice, paid)
        if amount > due:
            raise Overpayment(
                f"A payment of {round_to(amount, places)} {currency} would take invoice "
                f"{invoice.number} above its total of {round_to(invoice.total, places)}"
                + (" with its credit notes" if invoice.amount_credited else "")
                + f": at most {max(due, Decimal(0))} is due",
                field="amount",
            )
        payment = await Payment.create(
            organization_id=org.id,
            document_id=invoice.id,
            amount=amount,
            currency=currency,
            minor_units=places,
            payment_date=payment_date,
            payment_method=method,
            note=note,
            using_db=conn,
        )
        changed = lifecycle.settle(invoice, paid + amount, now)
        await invoice.save(using_db=conn, update_fields=[*changed, "updated_at"])
        write.paid(invoice, payment_id=payment.id)
        payment.document = await documents.load_written(invoice.id, conn)
    return payment


async def get_payment(org: Organization, payment_id: str) -> Payment:
    """One of the organization's payments."""
    access.require(Permission.PAYMENTS_READ)
    payment = None
    if is_id(payment_id):
        payment = await Payment.get_or_none(id=payment_id, organization_id=org.id)
    if payment is None:
        raise NotFound(f"No payment with id {shown_id(payment_id)}", field="id")
    return payment


async def delete_payment(
    org: Organization, payment_id: str, *, now: datetime | None = None
) -> Document:
    """Delete a payment; the invoice's amount paid and status are recomputed from the rest."""
    access.require(Permission.PAYMENTS_WRITE)
    now = now or datetime.now(UTC)
    payment = await get_payment(org, payment_id)
    async with writing(now) as write:
        invoice = await locked_invoice(org, payment.document_id, write.conn)
        deleted = await Payment.filter(id=payment.id).using_db(write.conn).delete()
        if not deleted:
            raise NotFound(f"No payment with id {shown_id(payment_id)}", field="id")
        changed = lifecycle.settle(invoice, await _paid_so_far(invoice, write.conn), now)
        await invoice.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
        write.announce(ChangeKind.PAYMENT_REMOVED, invoice, payment=payment)
        return await documents.load_written(invoice.id, write.conn)


NEWEST_FIRST = Ordering("PAYMENT_DATE:DESC", "payment_date", "date", descending=True)
OLDEST_FIRST = Ordering("PAYMENT_DATE:ASC", "payment_date", "date")


@dataclass(frozen=True, slots=True)
class PaymentFilter:
    """What a payment list may be narrowed by."""

    invoice_id: str | None = None
    client_id: str | None = None
    payment_method: PaymentMethod | None = None
    date_from: date | None = None
    date_to: date | None = None


PAYMENTS = table(Payment, "p")


def payment_listing(org: Organization, where: PaymentFilter | None = None) -> Listing[Payment]:
    """The organization's payments matching `where`, unordered."""
    access.require(Permission.PAYMENTS_READ)
    where = where or PaymentFilter()
    conditions = [compare(PAYMENTS, "organization_id", "=", org.id)]
    # An id of no shape names nothing: nothing matches (the database is not asked for it).
    if where.invoice_id is not None:
        invoice_id = where.invoice_id if is_id(where.invoice_id) else ""
        conditions.append(compare(PAYMENTS, "document_id", "=", invoice_id))
    if where.client_id is not None:
        client_id = where.client_id if is_id(where.client_id) else ""
        invoices = table(Document, "pd")

        def of_client(s: Statement) -> list[str]:
            return [
                f"{PAYMENTS.column('document_id')} IN (SELECT {invoices.column('id')} "  # noqa: S608
                f"FROM {invoices.source} WHERE {invoices.column('client_id')} = {s(client_id)} "
                f"AND {invoices.column('organization_id')} = {s(org.id)})"
            ]

        conditions.append(of_client)
    if where.payment_method is not None:
        conditions.append(compare(PAYMENTS, "payment_method", "=", where.payment_method.value))
    if where.date_from is not None:
        conditions.append(compare(PAYMENTS, "payment_date", ">=", where.date_from))
    if where.date_to is not None:
        conditions.append(compare(PAYMENTS, "payment_date", "<=", where.date_to))
    return Listing(PAYMENTS, tuple(conditions))


async def payments_by_invoice(
    org: Organization, invoice_ids: Sequence[str]
) -> dict[str, list[Payment]]:
    """The payments of each of the organization's invoices among `invoice_ids`, oldest
    first, in one statement."""
    access.require(Permission.PAYMENTS_READ)
    statement = Statement()
    where = [f"{PAYMENTS.column('organization_id')} = {statement(org.id)}"]
    order = f"{PAYMENTS.column('payment_date')}, {PAYMENTS.column('id')}"
    return await grouped(statement, PAYMENTS, "document_id", invoice_ids, order, where=where)


async def list_payments(
    org: Organization,
    where: PaymentFilter | None = None,
    *,
    page: PageRequest | None = None,
    oldest_first: bool = False,
) -> Page[Payment]:
    """A page of the organization's payments, newest payment date first (or oldest)."""
    access.require(Permission.PAYMENTS_READ)
    ordering = OLDEST_FIRST if oldest_first else NEWEST_FIRST
    return await paginate(payment_listing(org, where), ordering, page or PageRequest())


async def window_payments(
    org: Organization, *, where: PaymentFilter | None = None, window: Window | None = None
) -> Slice[Payment]:
    """A keyset window of the organization's payments, newest payment date first."""
    access.require(Permission.PAYMENTS_READ)
    return await keyset(payment_listing(org, where), NEWEST_FIRST, window or Window())
