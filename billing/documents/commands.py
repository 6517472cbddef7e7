"""Changing invoices and estimates: create, update (drafts only), delete, void, mark sent,
e-mail (claim, record), accept, convert. One transaction each (`billing.changes.writing`),
which announces what changed once it commits; totals always come from `billing.totals`.
Each answers with the document as its own transaction wrote it."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from billing import access, lifecycle, numbering, plans, tax_rates
from billing.access import Permission
from billing.changes import ChangeKind, Write, writing
from billing.documents.input import (
    LineData,
    apply_header,
    parse_lines,
    parse_number,
    refuse_unknown,
)
from billing.documents.queries import load_written, not_found
from billing.errors import (
    AlreadyConverted,
    DuplicateNumber,
    HasCreditNotes,
    HasPayments,
    NotEditable,
    NotFound,
    ValidationError,
    shown_id,
)
from billing.money import minor_units
from billing.plans import Plan
from billing.totals import Priced, totals_of
from models import Client, CreditNote, Document, LineItem, Organization, Payment
from models.enums import DocumentStatus as S
from models.enums import Series
from models.ids import is_id


class Line(Priced, Protocol):
    """A line as it is stored: a validated LineData, or a stored LineItem being copied."""

    @property
    def description(self) -> str: ...

    @property
    def unit_code(self) -> str: ...


def new_public_token() -> str:
    """An unguessable token for a document's public link (192 random bits)."""
    return secrets.token_urlsafe(24)


async def active_client(org: Organization, client_id: object, conn: BaseDBAsyncClient) -> Client:
    """The organization's client of `client_id`, which documents may be made for (active)."""
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


async def _locked(
    org: Organization, document_id: str, series: Series | None, conn: BaseDBAsyncClient
) -> Document:
    """The document, locked: of `series`, or of either for None."""
    if not is_id(document_id):
        raise not_found(series, document_id)
    query = Document.filter(id=document_id, organization_id=org.id)
    if series is not None:
        query = query.filter(is_estimate=series.is_estimate)
    document = await query.select_for_update().using_db(conn).first()
    if document is None:
        raise not_found(series, document_id)
    return document


async def _stored_lines(document: Document, conn: BaseDBAsyncClient) -> list[LineItem]:
    return await LineItem.filter(document_id=document.id).using_db(conn).order_by("position")


async def _with_taxes(
    org: Organization, lines: list[LineData], conn: BaseDBAsyncClient
) -> list[LineData]:
    """`lines` with the taxes their `tax_rate_ids` name, read from `org`'s catalogue."""
    named = {rate_id for line in lines for rate_id in line.tax_rate_ids}
    if not named:
        return lines
    catalogue = {rate.id: rate for rate in await tax_rates.rates_by_id(org, named, conn)}
    resolved = []
    for index, line in enumerate(lines):
        for position, rate_id in enumerate(line.tax_rate_ids):
            if rate_id not in catalogue:
                field = f"lineItems[{index}].taxRateIds[{position}]"
                raise ValidationError(f"{field}: no tax rate {rate_id!r}", field=field)
        taxes = tuple(tax_rates.applied(catalogue[rate_id]) for rate_id in line.tax_rate_ids)
        resolved.append(replace(line, taxes=taxes))
    return resolved


async def _write_lines(
    document: Document, lines: Sequence[Line], conn: BaseDBAsyncClient, *, new: bool = False
) -> None:
    """Compute `document`'s totals with `lines`, and store both: a `new` document is
    inserted, an existing one has its lines replaced."""
    totals = totals_of(document, lines)
    document.tax_breakdown = [row.to_json() for row in totals.tax_lines]
    document.subtotal = totals.subtotal
    document.discount_total = totals.discount_total
    document.tax_total = totals.tax_total
    document.total = totals.total
    await document.save(using_db=conn, force_create=new)
    if not new:
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
                unit_code=line.unit_code,
                applied_taxes=[applied.to_json() for applied in line.taxes],
                amount=computed.amount,
                discount=computed.discount,
                tax=computed.tax,
            )
            for position, (line, computed) in enumerate(zip(lines, totals.lines, strict=True))
        ],
        using_db=conn,
    )


def _series(document: Document) -> Series:
    return numbering.series_of(document.is_estimate)


def _duplicate(series: Series | None, number: object) -> DuplicateNumber:
    noun = series.noun.capitalize() if series is not None else "Document"
    return DuplicateNumber(f"{noun} number {number} is already taken", field="number")


async def _ensure_number_free(
    org: Organization, series: Series, number: str, conn: BaseDBAsyncClient
) -> None:
    if await numbering.number_taken(org, series, number, conn):
        raise _duplicate(series, number)


async def _insert(
    org: Organization,
    plan: Plan,
    document: Document,
    lines: Sequence[Line],
    number: str | None,
    write: Write,
) -> None:
    series = _series(document)
    if series is Series.INVOICE:
        await plans.check_invoice_limit(org, plan, write.conn)
    if number is None:
        number = await numbering.take_next_number(
            org, series, write.conn, issued=document.issue_date
        )
    else:
        await _ensure_number_free(org, series, number, write.conn)
    document.number = number
    await _write_lines(document, lines, write.conn, new=True)
    write.announce(ChangeKind.CREATED, document)


async def create_document(
    org: Organization,
    values: Mapping[str, Any],
    series: Series,
    *,
    plan: Plan,
    now: datetime | None = None,
    recurring_invoice_id: str | None = None,
    late_fee_for_id: str | None = None,
) -> Document:
    """Create a DRAFT invoice or estimate; the number is the series' next unless given. An
    invoice counts against the monthly limit of `plan` (the organization's); one a recurring
    invoice makes names it, as a late fee invoice names the overdue one it charges for."""
    access.require(Permission.DOCUMENTS_WRITE)
    refuse_unknown(values)
    if values.get("client_id") is None:
        raise ValidationError("Missing required field: clientId", field="clientId")
    now = now or datetime.now(UTC)
    lines = parse_lines(values.get("line_items", []))
    number = parse_number(values["number"]) if values.get("number") is not None else None
    document = Document(
        organization_id=org.id,
        is_estimate=series.is_estimate,
        status=S.DRAFT,
        currency=org.currency,
        minor_units=minor_units(org.currency),
        tax_rounding=org.tax_rounding,
        issue_date=lifecycle.today_in(org, now),
        public_token=new_public_token(),
        recurring_invoice_id=recurring_invoice_id,
        late_fee_for_id=late_fee_for_id,
    )
    apply_header(document, values)
    try:
        async with writing(now) as write:
            client = await active_client(org, values["client_id"], write.conn)
            document.client_id = client.id
            if "buyer_reference" not in values:
                document.buyer_reference = client.buyer_reference
            lines = await _with_taxes(org, lines, write.conn)
            await _insert(org, plan, document, lines, number, write)
            return await load_written(document.id, write.conn)
    except IntegrityError:
        # A number given by hand and taken by a concurrent request between check and insert.
        raise _duplicate(series, number) from None


async def update_document(
    org: Organization, document_id: str, values: Mapping[str, Any], series: Series | None
) -> Document:
    """Change a DRAFT (of `series`, or of either for None); `line_items`, when given, replace
    all lines. Totals are recomputed."""
    access.require(Permission.DOCUMENTS_WRITE)
    refuse_unknown(values)
    new_lines = parse_lines(values["line_items"]) if "line_items" in values else None
    try:
        async with writing() as write:
            document = await _locked(org, document_id, series, write.conn)
            series = _series(document)
            lifecycle.require_editable(document, write.at)
            if values.get("client_id") is not None:
                document.client_id = (await active_client(org, values["client_id"], write.conn)).id
            if values.get("number") is not None:
                number = parse_number(values["number"])
                if number != document.number:
                    await _ensure_number_free(org, series, number, write.conn)
                document.number = number
            apply_header(document, values)
            lines = (
                await _with_taxes(org, new_lines, write.conn)
                if new_lines is not None
                else await _stored_lines(document, write.conn)
            )
            await _write_lines(document, lines, write.conn)
            write.announce(ChangeKind.UPDATED, document)
            return await load_written(document.id, write.conn)
    except IntegrityError:
        raise _duplicate(series, values.get("number")) from None


async def delete_document(org: Organization, document_id: str, series: Series | None) -> None:
    """Delete a document (of `series`, or of either for None) with its lines and PDF; one
    with payments must be voided instead."""
    access.require(Permission.DOCUMENTS_WRITE)
    async with writing() as write:
        document = await _locked(org, document_id, series, write.conn)
        if lifecycle.being_sent(document, write.at):
            raise NotEditable(
                f"{lifecycle.label(document)} is being e-mailed just now and cannot be deleted",
                field="id",
            )
        if await Payment.filter(document_id=document.id).using_db(write.conn).exists():
            raise HasPayments(
                f"{lifecycle.label(document)} has payments and cannot be deleted: void it "
                "instead (after deleting its payments) or keep it",
                field="id",
            )
        if await CreditNote.filter(invoice_id=document.id).using_db(write.conn).exists():
            raise HasCreditNotes(
                f"{lifecycle.label(document)} has credit notes, which correct it, and cannot "
                "be deleted",
                field="id",
            )
        await document.delete(using_db=write.conn)
        write.announce(ChangeKind.DELETED, document)


_ANNOUNCED = {S.SENT: ChangeKind.SENT, S.VOID: ChangeKind.VOIDED, S.ACCEPTED: ChangeKind.ACCEPTED}


async def _move(
    org: Organization, document_id: str, target: S, series: Series, now: datetime | None
) -> Document:
    async with writing(now) as write:
        document = await _locked(org, document_id, series, write.conn)
        changed = lifecycle.perform(document, target, write.at)
        await document.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
        write.announce(_ANNOUNCED[target], document)
        return await load_written(document.id, write.conn)


async def mark_sent(
    org: Organization, document_id: str, series: Series, *, now: datetime | None = None
) -> Document:
    """Record that a DRAFT was sent by other means than our e-mail."""
    access.require(Permission.DOCUMENTS_WRITE)
    return await _move(org, document_id, S.SENT, series, now)


async def void_document(
    org: Organization, document_id: str, series: Series, *, now: datetime | None = None
) -> Document:
    """Void a document (final); refused while an invoice has payments."""
    access.require(Permission.DOCUMENTS_WRITE)
    return await _move(org, document_id, S.VOID, series, now)


async def accept_estimate(
    org: Organization, estimate_id: str, *, now: datetime | None = None
) -> Document:
    """Record the client's acceptance of an estimate."""
    access.require(Permission.DOCUMENTS_WRITE)
    return await _move(org, estimate_id, S.ACCEPTED, Series.ESTIMATE, now)


async def claim_sending(org: Organization, document_id: str, series: Series | None) -> Document:
    """Mark a document as being e-mailed (`lifecycle.claim_sending`) and return it as it is
    then with what it shows: the state its e-mail carries. Until `record_sent` or
    `release_sending`, it cannot be edited, deleted or sent again. Announces nothing: what
    the document shows did not change."""
    access.require(Permission.DOCUMENTS_SEND)
    async with writing() as write:
        document = await _locked(org, document_id, series, write.conn)
        lifecycle.require_sendable(document)
        lifecycle.claim_sending(document, lifecycle.label(document), write.at)
        await document.save(using_db=write.conn, update_fields=["sending_until"])
        return await load_written(document.id, write.conn)


async def release_sending(document_id: str) -> None:
    """End a claim of `claim_sending` whose e-mail did not go out: nothing was recorded."""
    await Document.filter(id=document_id).update(sending_until=None)


async def record_sent(
    org: Organization,
    document_id: str,
    series: Series | None,
    *,
    recipients: Sequence[str],
    now: datetime | None = None,
) -> Document:
    """Record that a document was e-mailed to `recipients`, once the e-mail was accepted: a
    DRAFT becomes SENT, `sentViaEmail` and `sentTo` are set, the first `sentAt` is kept, and
    the claim of `claim_sending` ends."""
    async with writing(now) as write:
        document = await _locked(org, document_id, series, write.conn)
        # Checked again under the lock: a void that came in during the delivery wins.
        changed = lifecycle.emailed(document, write.at)
        document.sent_via_email = True
        document.sent_to = list(recipients)
        document.sending_until = None
        await document.save(
            using_db=write.conn,
            update_fields=[*changed, "sent_via_email", "sent_to", "sending_until", "updated_at"],
        )
        write.announce(ChangeKind.SENT, document)
        return await load_written(document.id, write.conn)


async def rotate_public_token(org: Organization, document_id: str, series: Series) -> Document:
    """Give one of the organization's documents a new public token: the old link stops
    working at once, the new one shows the same document."""
    access.require(Permission.DOCUMENTS_WRITE)
    async with writing() as write:
        document = await _locked(org, document_id, series, write.conn)
        document.public_token = new_public_token()
        # Only the token (and the update time): a concurrent change to other fields is kept.
        await document.save(using_db=write.conn, update_fields=["public_token", "updated_at"])
        write.announce(ChangeKind.UPDATED, document)
        return await load_written(document.id, write.conn)


@dataclass(frozen=True, slots=True)
class Conversion:
    """An estimate and the invoice converted from it, as the conversion wrote them."""

    estimate: Document
    invoice: Document


async def convert_estimate(
    org: Organization, estimate_id: str, *, plan: Plan, now: datetime | None = None
) -> Document:
    """Create a DRAFT invoice from an estimate (once), linked both ways; the estimate is
    ACCEPTED. The invoice counts against the monthly limit of `plan`. Returns the invoice."""
    access.require(Permission.DOCUMENTS_WRITE)
    return (await convert(org, estimate_id, plan=plan, now=now)).invoice


async def convert(
    org: Organization, estimate_id: str, *, plan: Plan, now: datetime | None = None
) -> Conversion:
    """`convert_estimate`, answering with both documents as its transaction wrote them."""
    access.require(Permission.DOCUMENTS_WRITE)
    try:
        async with writing(now) as write:
            estimate = await _locked(org, estimate_id, Series.ESTIMATE, write.conn)
            existing = (
                await Document.filter(source_estimate_id=estimate.id).using_db(write.conn).first()
            )
            if existing is not None:
                raise AlreadyConverted(
                    f"Estimate {estimate.number} was already converted to invoice "
                    f"{existing.number} ({existing.id})",
                    field="id",
                )
            if estimate.status is not S.ACCEPTED:
                changed = lifecycle.transition(estimate, S.ACCEPTED, write.at)
                await estimate.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
                write.announce(ChangeKind.ACCEPTED, estimate)
            invoice = Document(
                organization_id=org.id,
                client_id=estimate.client_id,
                is_estimate=False,
                status=S.DRAFT,
                currency=estimate.currency,
                minor_units=estimate.minor_units,  # the figures the client accepted
                issue_date=lifecycle.today_in(org, write.at),
                discount_type=estimate.discount_type,
                discount_value=estimate.discount_value,
                tax=estimate.tax,
                tax2=estimate.tax2,
                tax_rounding=estimate.tax_rounding,
                prices_include_tax=estimate.prices_include_tax,
                notes=estimate.notes,
                terms=estimate.terms,
                buyer_reference=estimate.buyer_reference,
                purchase_order_reference=estimate.purchase_order_reference,
                delivery_date=estimate.delivery_date,
                delivery_country=estimate.delivery_country,
                source_estimate_id=estimate.id,
                public_token=new_public_token(),
            )
            lines = await _stored_lines(estimate, write.conn)
            await _insert(org, plan, invoice, lines, None, write)
            write.announce(ChangeKind.CONVERTED, estimate)
            return Conversion(
                await load_written(estimate.id, write.conn),
                await load_written(invoice.id, write.conn),
            )
    except IntegrityError:
        # The unique link in the database is the last word should a conversion pass the lock.
        existing = await Document.get(source_estimate_id=estimate_id)
        raise AlreadyConverted(
            f"Estimate was already converted to invoice {existing.number} ({existing.id})",
            field="id",
        ) from None
