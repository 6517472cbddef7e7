"""Invoices and estimates: create, update (drafts only), delete, void, mark sent, accept,
convert, list. One transaction each; totals always come from `billing.totals`.

Callers pass plain values keyed by snake_case field (`client_id`, `line_items`, ...) as
they came from the wire; everything is validated here, and errors name the API's
camelCase field (`lineItems[0].unitPrice`).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.query_utils import Prefetch
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from billing import lifecycle, numbering, plans, validation
from billing.errors import (
    AlreadyConverted,
    DuplicateNumber,
    HasPayments,
    InvalidTransition,
    NotEditable,
    NotFound,
    ValidationError,
    shown_id,
)
from billing.lifecycle import Status
from billing.money import (
    normalize_currency,
    parse_amount,
    parse_quantity,
    parse_rate,
    parse_unit_price,
)
from billing.pagination import (
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    clean_search,
    keyset,
    paginate,
)
from billing.totals import LineInput, Totals, compute_totals
from models import Client, Document, LineItem, Organization, Payment
from models.enums import DiscountType
from models.enums import DocumentStatus as S
from models.ids import is_id
from models.snapshot import read_snapshot

MAX_LINE_ITEMS = 500
# How long a document's e-mail may take to render and deliver before its claim lapses (the
# PDF's and the SMTP server's time-outs are far shorter): only a process that died mid-send
# leaves a claim to lapse.
SENDING_CLAIM = timedelta(minutes=10)
MAX_DESCRIPTION_LENGTH = 5000
MAX_NOTES_LENGTH = 20000
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)

_LINE_FIELDS = {
    "description": "description",
    "quantity": "quantity",
    "unit_price": "unitPrice",
    "tax_rate": "taxRate",
    "apply_tax": "applyTax",
    "apply_discount": "applyDiscount",
}
_DOCUMENT_FIELDS = {
    "client_id": "clientId",
    "number": "number",
    "currency": "currency",
    "issue_date": "issueDate",
    "due_date": "dueDate",
    "discount_type": "discountType",
    "discount_value": "discountValue",
    "tax": "tax",
    "tax2": "tax2",
    "notes": "notes",
    "terms": "terms",
    "line_items": "lineItems",
}


class DocumentSort(StrEnum):
    """Orders a document list can take; ties are broken by id, so pages are stable."""

    CREATED_AT = "CREATED_AT"
    ISSUE_DATE = "ISSUE_DATE"
    DUE_DATE = "DUE_DATE"
    NUMBER = "NUMBER"
    TOTAL = "TOTAL"


@dataclass(frozen=True, slots=True)
class LineData:
    """A validated line item."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal = Decimal(0)
    apply_tax: bool = True
    apply_discount: bool = True

    def as_input(self) -> LineInput:
        """What the totals function needs of this line."""
        return LineInput(
            self.quantity, self.unit_price, self.tax_rate, self.apply_tax, self.apply_discount
        )

    @classmethod
    def from_model(cls, line: LineItem) -> LineData:
        """A stored line as validated data."""
        return cls(
            line.description,
            line.quantity,
            line.unit_price,
            line.tax_rate,
            line.apply_tax,
            line.apply_discount,
        )


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be true or false", field=field)
    return value


def _refuse_unknown(values: Mapping[str, Any], known: Mapping[str, str], path: str = "") -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        where = f"{path}." if path else ""
        raise ValidationError(
            f"Unknown field: {', '.join(where + name for name in unknown)}",
            field=where + unknown[0],
        )


def parse_lines(raw: object) -> list[LineData]:
    """Validate the `lineItems` of a request."""
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise ValidationError("lineItems must be a list", field="lineItems")
    if len(raw) > MAX_LINE_ITEMS:
        raise ValidationError(
            f"A document has at most {MAX_LINE_ITEMS} line items, got {len(raw)}",
            field="lineItems",
        )
    lines = []
    for index, item in enumerate(raw):
        path = f"lineItems[{index}]"
        if not isinstance(item, Mapping):
            raise ValidationError(f"{path} must be an object", field=path)
        _refuse_unknown(item, _LINE_FIELDS, path)
        for required in ("description", "quantity", "unit_price"):
            if item.get(required) is None:
                name = _LINE_FIELDS[required]
                raise ValidationError(
                    f"Missing required field: {path}.{name}", field=f"{path}.{name}"
                )
        lines.append(
            LineData(
                description=validation.text(
                    item["description"],
                    field=f"{path}.description",
                    max_length=MAX_DESCRIPTION_LENGTH,
                    required=True,
                    multiline=True,
                ),
                quantity=parse_quantity(item["quantity"], field=f"{path}.quantity"),
                unit_price=parse_unit_price(item["unit_price"], field=f"{path}.unitPrice"),
                tax_rate=parse_rate(item.get("tax_rate", 0) or 0, field=f"{path}.taxRate"),
                apply_tax=_flag(item.get("apply_tax", True), f"{path}.applyTax"),
                apply_discount=_flag(item.get("apply_discount", True), f"{path}.applyDiscount"),
            )
        )
    return lines


def _date(value: object, field: str) -> date:
    parsed = validation.iso_date(value, field=field)
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValidationError(f"{field} must be between 1900 and 2999", field=field)
    return parsed


def _number(value: object) -> str:
    number = validation.text(value, field="number", max_length=numbering.MAX_NUMBER_LENGTH)
    if not number:
        raise ValidationError(
            "number must not be empty; leave it out to get the next one", field="number"
        )
    return number


async def _client(org: Organization, client_id: object, conn: BaseDBAsyncClient) -> Client:
    if not isinstance(client_id, str) or not client_id:
        raise ValidationError("clientId must be a client's id", field="clientId")
    client = None
    if is_id(client_id):
        client = await Client.filter(id=client_id, organization_id=org.id).using_db(conn).first()
    if client is None:
        raise NotFound(f"No client with id {shown_id(client_id)}", field="clientId")
    if not client.is_active:
        raise ValidationError(
            f"Client {client.name!r} is deactivated: restore it first", field="clientId"
        )
    return client


def _apply_header(document: Document, values: Mapping[str, Any]) -> None:
    """Validate and set the header fields present in `values` (not client, number, lines)."""
    if "currency" in values:
        document.currency = normalize_currency(values["currency"])
    if "issue_date" in values:
        document.issue_date = _date(values["issue_date"], "issueDate")
    if "due_date" in values:
        document.due_date = (
            None if values["due_date"] is None else _date(values["due_date"], "dueDate")
        )
    if "discount_type" in values:
        raw = values["discount_type"]
        try:
            document.discount_type = None if raw is None else DiscountType(raw)
        except ValueError:
            raise ValidationError(
                "discountType must be PERCENT or FLAT", field="discountType"
            ) from None
    if "discount_value" in values:
        document.discount_value = values["discount_value"]
    for field in ("tax", "tax2"):
        if field in values:
            setattr(document, field, parse_rate(values[field] or 0, field=field))
    for field in ("notes", "terms"):
        if field in values:
            setattr(
                document,
                field,
                validation.text(
                    values[field], field=field, max_length=MAX_NOTES_LENGTH, multiline=True
                ),
            )
    # The discount value is read by its type (and currency), so it is checked once all are
    # known; a stored value carries the column's trailing zeros, which are not precision.
    raw_value: object = document.discount_value if document.discount_value is not None else 0
    if isinstance(raw_value, Decimal):
        raw_value = raw_value.normalize()
    if document.discount_type is DiscountType.PERCENT:
        document.discount_value = parse_rate(raw_value, field="discountValue")
    elif document.discount_type is DiscountType.FLAT:
        document.discount_value = parse_amount(
            raw_value, field="discountValue", currency=document.currency
        )
    else:
        if parse_amount(raw_value, field="discountValue", currency=document.currency):
            raise ValidationError(
                "discountValue needs a discountType (PERCENT or FLAT)", field="discountType"
            )
        document.discount_value = Decimal(0)
    if document.due_date is not None and document.due_date < document.issue_date:
        raise ValidationError("dueDate must not be before issueDate", field="dueDate")


def compute(document: Document, lines: Sequence[LineData]) -> Totals:
    """The totals of `document` with `lines` (the one call into billing.totals)."""
    return compute_totals(
        [line.as_input() for line in lines],
        currency=document.currency,
        discount_type=document.discount_type,
        discount_value=document.discount_value,
        tax=document.tax,
        tax2=document.tax2,
    )


def _apply_totals(document: Document, lines: Sequence[LineData]) -> Totals:
    totals = compute(document, lines)
    document.subtotal = totals.subtotal
    document.discount_total = totals.discount_total
    document.tax_total = totals.tax_total
    document.total = totals.total
    return totals


async def _replace_lines(
    document: Document, lines: Sequence[LineData], totals: Totals, conn: BaseDBAsyncClient
) -> None:
    await LineItem.filter(document_id=document.id).using_db(conn).delete()
    await LineItem.bulk_create(
        [
            LineItem(
                document_id=document.id,
                position=position,
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                tax_rate=line.tax_rate,
                apply_tax=line.apply_tax,
                apply_discount=line.apply_discount,
                amount=computed.amount,
                discount=computed.discount,
                tax=computed.tax,
            )
            for position, (line, computed) in enumerate(zip(lines, totals.lines, strict=True))
        ],
        using_db=conn,
    )


def _kind(is_estimate: bool) -> str:
    return "estimate" if is_estimate else "invoice"


async def _locked(
    org: Organization, document_id: str, is_estimate: bool, conn: BaseDBAsyncClient
) -> Document:
    if not is_id(document_id):
        raise NotFound(f"No {_kind(is_estimate)} with id {shown_id(document_id)}", field="id")
    document = (
        await Document.filter(id=document_id, organization_id=org.id, is_estimate=is_estimate)
        .select_for_update()
        .using_db(conn)
        .first()
    )
    if document is None:
        raise NotFound(f"No {_kind(is_estimate)} with id {shown_id(document_id)}", field="id")
    return document


def with_contents(query: QuerySet[Document], *more: Prefetch) -> QuerySet[Document]:
    """`query` reading what a document shows: its client, organization and lines in order
    (and `more`)."""
    return query.select_related("client", "organization").prefetch_related(
        Prefetch("line_items", queryset=LineItem.all().order_by("position")), *more
    )


async def load_written(document_id: str, conn: BaseDBAsyncClient) -> Document:
    """A document as a write's own transaction `conn` sees it, with its client, organization,
    lines and payments: what a mutation answers is what it wrote, not a later writer's."""
    payments = Prefetch("payments", queryset=Payment.all().order_by("payment_date", "id"))
    return await with_contents(Document.filter(id=document_id).using_db(conn), payments).get()


async def get_document(org: Organization, document_id: str, *, is_estimate: bool) -> Document:
    """One of the organization's invoices (or estimates) with its client, organization and
    lines, all read in one snapshot."""
    if not is_id(document_id):
        raise NotFound(f"No {_kind(is_estimate)} with id {shown_id(document_id)}", field="id")
    query = Document.filter(id=document_id, organization_id=org.id, is_estimate=is_estimate)
    async with read_snapshot():
        document = await with_contents(query).first()
    if document is None:
        raise NotFound(f"No {_kind(is_estimate)} with id {shown_id(document_id)}", field="id")
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


def new_public_token() -> str:
    """An unguessable token for a document's public link (192 random bits)."""
    return secrets.token_urlsafe(24)


def _duplicate(is_estimate: bool, number: object) -> DuplicateNumber:
    return DuplicateNumber(
        f"{_kind(is_estimate).capitalize()} number {number} is already taken", field="number"
    )


async def _ensure_number_free(
    org: Organization, is_estimate: bool, number: str, conn: BaseDBAsyncClient
) -> None:
    taken = Document.filter(organization_id=org.id, is_estimate=is_estimate, number=number)
    if await taken.using_db(conn).exists():
        raise _duplicate(is_estimate, number)


async def _insert(
    org: Organization,
    document: Document,
    lines: Sequence[LineData],
    number: str | None,
    conn: BaseDBAsyncClient,
) -> Document:
    if not document.is_estimate:
        await plans.check_invoice_limit(org, conn)
    if number is None:
        number = await numbering.take_next_number(org, document.is_estimate, conn)
    else:
        await _ensure_number_free(org, document.is_estimate, number, conn)
    document.number = number
    totals = _apply_totals(document, lines)
    await document.save(using_db=conn, force_create=True)
    await _replace_lines(document, lines, totals, conn)
    return document


async def create_document(
    org: Organization,
    values: Mapping[str, Any],
    *,
    is_estimate: bool,
    now: datetime | None = None,
) -> Document:
    """Create a DRAFT invoice or estimate; the number is the series' next unless given."""
    _refuse_unknown(values, _DOCUMENT_FIELDS)
    if values.get("client_id") is None:
        raise ValidationError("Missing required field: clientId", field="clientId")
    now = now or datetime.now(UTC)
    lines = parse_lines(values.get("line_items", []))
    number = _number(values["number"]) if values.get("number") is not None else None
    document = Document(
        organization_id=org.id,
        is_estimate=is_estimate,
        status=S.DRAFT,
        currency=org.currency,
        issue_date=lifecycle.today_in(org, now),
        public_token=new_public_token(),
    )
    _apply_header(document, values)
    try:
        async with in_transaction() as conn:
            client = await _client(org, values["client_id"], conn)
            document.client_id = client.id
            await _insert(org, document, lines, number, conn)
            return await load_written(document.id, conn)
    except IntegrityError:
        # A number given by hand and taken by a concurrent request between check and insert.
        raise _duplicate(is_estimate, number) from None


async def update_document(
    org: Organization,
    document_id: str,
    values: Mapping[str, Any],
    *,
    is_estimate: bool,
) -> Document:
    """Change a DRAFT; `line_items`, when given, replace all lines. Totals are recomputed."""
    _refuse_unknown(values, _DOCUMENT_FIELDS)
    new_lines = parse_lines(values["line_items"]) if "line_items" in values else None
    try:
        async with in_transaction() as conn:
            document = await _locked(org, document_id, is_estimate, conn)
            lifecycle.require_editable(document, datetime.now(UTC))
            if values.get("client_id") is not None:
                document.client_id = (await _client(org, values["client_id"], conn)).id
            if values.get("number") is not None:
                number = _number(values["number"])
                if number != document.number:
                    await _ensure_number_free(org, is_estimate, number, conn)
                document.number = number
            _apply_header(document, values)
            if new_lines is None:
                stored = (
                    await LineItem.filter(document_id=document.id)
                    .using_db(conn)
                    .order_by("position")
                )
                new_lines = [LineData.from_model(line) for line in stored]
            totals = _apply_totals(document, new_lines)
            await document.save(using_db=conn)
            await _replace_lines(document, new_lines, totals, conn)
            return await load_written(document.id, conn)
    except IntegrityError:
        raise _duplicate(is_estimate, values.get("number")) from None


async def delete_document(org: Organization, document_id: str, *, is_estimate: bool) -> None:
    """Delete a document with its lines and PDF; one with payments must be voided instead."""
    async with in_transaction() as conn:
        document = await _locked(org, document_id, is_estimate, conn)
        if lifecycle.being_sent(document, datetime.now(UTC)):
            raise NotEditable(
                f"{lifecycle.label(document)} is being e-mailed just now and cannot be deleted",
                field="id",
            )
        if await Payment.filter(document_id=document.id).using_db(conn).exists():
            raise HasPayments(
                f"{lifecycle.label(document)} has payments and cannot be deleted: void it "
                "instead (after deleting its payments) or keep it",
                field="id",
            )
        await document.delete(using_db=conn)


async def _move(
    org: Organization,
    document_id: str,
    target: S,
    *,
    is_estimate: bool,
    now: datetime | None,
) -> Document:
    now = now or datetime.now(UTC)
    async with in_transaction() as conn:
        document = await _locked(org, document_id, is_estimate, conn)
        changed = lifecycle.perform(document, target, now)
        await document.save(using_db=conn, update_fields=[*changed, "updated_at"])
        return await load_written(document.id, conn)


async def mark_sent(
    org: Organization, document_id: str, *, is_estimate: bool, now: datetime | None = None
) -> Document:
    """Record that a DRAFT was sent by other means than our e-mail."""
    return await _move(org, document_id, S.SENT, is_estimate=is_estimate, now=now)


async def claim_sending(org: Organization, document_id: str, *, is_estimate: bool) -> Document:
    """Mark a document as being e-mailed, for SENDING_CLAIM at most, and return it as it is
    then with what it shows: the state its e-mail carries. Until `record_sent` or
    `release_sending`, it cannot be edited, deleted or sent again."""
    now = datetime.now(UTC)
    async with in_transaction() as conn:
        document = await _locked(org, document_id, is_estimate, conn)
        lifecycle.require_sendable(document)
        if lifecycle.being_sent(document, now):
            raise InvalidTransition(
                f"{lifecycle.label(document)} is being e-mailed just now: wait for that sending "
                "to end",
                field="id",
            )
        document.sending_until = now + SENDING_CLAIM
        await document.save(using_db=conn, update_fields=["sending_until"])
        return await load_written(document.id, conn)


async def release_sending(document_id: str) -> None:
    """End a claim of `claim_sending` whose e-mail did not go out: nothing was recorded."""
    await Document.filter(id=document_id).update(sending_until=None)


async def record_sent(
    org: Organization,
    document_id: str,
    *,
    is_estimate: bool,
    recipients: Sequence[str],
    now: datetime | None = None,
) -> Document:
    """Record that a document was e-mailed to `recipients`, once the e-mail was accepted: a
    DRAFT becomes SENT, `sentViaEmail` and `sentTo` are set, the first `sentAt` is kept, and
    the claim of `claim_sending` ends."""
    now = now or datetime.now(UTC)
    async with in_transaction() as conn:
        document = await _locked(org, document_id, is_estimate, conn)
        # Checked again under the lock: a void that came in during the delivery wins.
        changed = lifecycle.emailed(document, now)
        document.sent_via_email = True
        document.sent_to = list(recipients)
        document.sending_until = None
        await document.save(
            using_db=conn,
            update_fields=[*changed, "sent_via_email", "sent_to", "sending_until", "updated_at"],
        )
        return await load_written(document.id, conn)


async def void_document(
    org: Organization, document_id: str, *, is_estimate: bool, now: datetime | None = None
) -> Document:
    """Void a document (final); refused while an invoice has payments."""
    return await _move(org, document_id, S.VOID, is_estimate=is_estimate, now=now)


async def accept_estimate(
    org: Organization, estimate_id: str, *, now: datetime | None = None
) -> Document:
    """Record the client's acceptance of an estimate."""
    return await _move(org, estimate_id, S.ACCEPTED, is_estimate=True, now=now)


@dataclass(frozen=True, slots=True)
class Conversion:
    """An estimate and the invoice converted from it, as the conversion wrote them."""

    estimate: Document
    invoice: Document


async def convert_estimate(
    org: Organization, estimate_id: str, *, now: datetime | None = None
) -> Document:
    """Create a DRAFT invoice from an estimate (once), linked both ways; the estimate is
    ACCEPTED. Returns the invoice."""
    return (await convert(org, estimate_id, now=now)).invoice


async def convert(
    org: Organization, estimate_id: str, *, now: datetime | None = None
) -> Conversion:
    """`convert_estimate`, answering with both documents as its transaction wrote them."""
    now = now or datetime.now(UTC)
    try:
        async with in_transaction() as conn:
            estimate = await _locked(org, estimate_id, True, conn)
            existing = await Document.filter(source_estimate_id=estimate.id).using_db(conn).first()
            if existing is not None:
                raise AlreadyConverted(
                    f"Estimate {estimate.number} was already converted to invoice "
                    f"{existing.number} ({existing.id})",
                    field="id",
                )
            if estimate.status is not S.ACCEPTED:
                changed = lifecycle.transition(estimate, S.ACCEPTED, now)
                await estimate.save(using_db=conn, update_fields=[*changed, "updated_at"])
            stored = (
                await LineItem.filter(document_id=estimate.id).using_db(conn).order_by("position")
            )
            invoice = Document(
                organization_id=org.id,
                client_id=estimate.client_id,
                is_estimate=False,
                status=S.DRAFT,
                currency=estimate.currency,
                issue_date=lifecycle.today_in(org, now),
                discount_type=estimate.discount_type,
                discount_value=estimate.discount_value,
                tax=estimate.tax,
                tax2=estimate.tax2,
                notes=estimate.notes,
                terms=estimate.terms,
                source_estimate_id=estimate.id,
                public_token=new_public_token(),
            )
            await _insert(org, invoice, [LineData.from_model(line) for line in stored], None, conn)
            return Conversion(
                await load_written(estimate.id, conn), await load_written(invoice.id, conn)
            )
    except IntegrityError:
        # The unique link in the database is the last word should a conversion pass the lock.
        existing = await Document.get(source_estimate_id=estimate_id)
        raise AlreadyConverted(
            f"Estimate was already converted to invoice {existing.number} ({existing.id})",
            field="id",
        ) from None


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


def _sqlite() -> bool:
    return bool(Tortoise.get_connection("default").capabilities.dialect == "sqlite")


def ordering(sort: DocumentSort, descending: bool) -> Ordering:
    """The keyset ordering of a document sort, ties broken by id."""
    name = f"{sort.value}:{'DESC' if descending else 'ASC'}"
    if sort is DocumentSort.CREATED_AT:
        # Ids are time-ordered, so creation order is id order.
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
    *,
    is_estimate: bool,
    where: DocumentFilter | None = None,
    now: datetime | None = None,
) -> QuerySet[Document]:
    """The organization's invoices or estimates matching `where`, unordered."""
    where = where or DocumentFilter()
    query = Document.filter(organization_id=org.id, is_estimate=is_estimate)
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
    *,
    is_estimate: bool,
    where: DocumentFilter | None = None,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    window: Window | None = None,
    now: datetime | None = None,
) -> Slice[Document]:
    """A keyset window of the organization's invoices or estimates."""
    query = document_query(org, is_estimate=is_estimate, where=where, now=now)
    return await keyset(query, ordering(sort, descending), window or Window())


async def list_documents(
    org: Organization,
    *,
    is_estimate: bool,
    search: str | None = None,
    client_id: str | None = None,
    status: Status | None = None,
    issue_date_from: date | None = None,
    issue_date_to: date | None = None,
    due_date_from: date | None = None,
    due_date_to: date | None = None,
    sort: DocumentSort = DocumentSort.CREATED_AT,
    descending: bool = True,
    page: PageRequest | None = None,
    now: datetime | None = None,
) -> Page[Document]:
    """A page of the organization's invoices or estimates, filtered in the database."""
    page = page or PageRequest()
    where = DocumentFilter(
        search,
        client_id,
        status,
        issue_date_from,
        issue_date_to,
        due_date_from,
        due_date_to,
    )
    query = document_query(org, is_estimate=is_estimate, where=where, now=now)
    return await paginate(query.select_related("client"), ordering(sort, descending), page)
