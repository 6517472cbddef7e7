"""Credit notes: the lawful correction of an issued invoice, and refunds out of their credit.

A credit note credits an invoice (`docs/domain.md`, Credit notes): all that is left of it,
an amount spread over its lines, or chosen lines (each whole, a quantity of it, or an amount).
What it credits of a line is gross (with the line's taxes); its net and taxes are derived from
that gross by the invoice's rounding, as `billing.totals` derives a tax-inclusive document's,
so its total is exactly what was asked. A credit of all that is left is what the invoice's
amounts leave after the earlier credit notes, line for line and tax for tax, so that together
they credit the invoice exactly. Credit notes are written with the invoice row
locked, so two at once never credit more than the invoice holds; once issued, never edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access, documents, lifecycle, numbering, payments, validation
from billing.access import Permission
from billing.changes import ChangeKind, writing
from billing.documents.commands import new_public_token
from billing.documents.queries import tax_lines
from billing.errors import InvalidTransition, NotFound, OverCredit, ValidationError, shown_id
from billing.money import parse_amount, parse_quantity, round_to
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
from billing.public_links import is_public_token
from billing.totals import allocate, compute_totals, taxes_of
from models import CreditNote, CreditNoteLine, Document, LineItem, Organization, Refund
from models.enums import DocumentStatus as S
from models.enums import PaymentMethod, Series
from models.ids import is_id
from models.rows import Statement, attach_many, grouped, table
from models.snapshot import read_snapshot
from models.taxes import AppliedTax, TaxLine

_FIELDS = {"invoice_id", "lines", "amount", "reason", "issue_date"}
_LINE_FIELDS = {"line_index", "quantity", "amount"}
_REFUND_FIELDS = {"amount", "method", "refund_date", "note"}

#: The most credit notes one invoice takes, and refunds one credit note.
MAX_CREDIT_NOTES_PER_INVOICE = 100
MAX_REFUNDS_PER_CREDIT_NOTE = 100

CREDIT_NOTES = table(CreditNote, "cn")
NEWEST_FIRST = Ordering("NEWEST_FIRST", descending=True)


def line_gross(invoice: Document, line: LineItem) -> Decimal:
    """What an invoice line comes to with its taxes, after its discount: the lines' add up to
    the invoice's total."""
    after: Decimal = line.amount - line.discount
    return after if invoice.prices_include_tax else after + line.tax


@dataclass(frozen=True, slots=True)
class _Credited:
    """A credited gross amount with its line's taxes, priced as billing.totals reads lines."""

    unit_price: Decimal
    taxes: tuple[AppliedTax, ...]
    quantity: Decimal = Decimal(1)
    tax_rate: Decimal = Decimal(0)
    apply_tax: bool = False
    apply_discount: bool = False


@dataclass(slots=True)
class _Left:
    """What is left to credit of an invoice, under its lock: of each line its gross, net and
    tax, and of each row of its tax breakdown what earlier credit notes took."""

    lines: list[LineItem]
    left: list[Decimal]
    net_left: list[Decimal]
    tax_left: list[Decimal]
    credited_taxes: dict[AppliedTax, tuple[Decimal, Decimal]]
    notes: int

    def breakdown_left(self, breakdown: Sequence[TaxLine]) -> tuple[TaxLine, ...]:
        """The invoice's `breakdown` less what earlier credit notes credited of each row;
        rows with nothing left drop out."""
        rows = []
        for row in breakdown:
            taxable, tax = self.credited_taxes.get(row.tax, (Decimal(0), Decimal(0)))
            left = TaxLine(row.tax, row.taxable_amount - taxable, row.tax_amount - tax)
            if left.taxable_amount or left.tax_amount:
                rows.append(left)
        return tuple(rows)


async def _left(invoice: Document, conn: BaseDBAsyncClient) -> _Left:
    lines = await LineItem.filter(document_id=invoice.id).using_db(conn).order_by("position")
    notes = await CreditNote.filter(invoice_id=invoice.id).using_db(conn)
    left = [line_gross(invoice, line) for line in lines]
    taxes = [line.tax for line in lines]
    nets = [gross - tax for gross, tax in zip(left, taxes, strict=True)]
    credited = (
        await CreditNoteLine.filter(credit_note_id__in=[note.id for note in notes])
        .using_db(conn)
        .values_list("invoice_line", "amount", "net", "tax")
        if notes
        else []
    )
    for position, amount, net, tax in credited:
        left[position] -= Decimal(amount)
        nets[position] -= Decimal(net)
        taxes[position] -= Decimal(tax)
    credited_taxes: dict[AppliedTax, tuple[Decimal, Decimal]] = {}
    for note in notes:
        for row in map(TaxLine.from_json, note.tax_breakdown):
            taxable, tax = credited_taxes.get(row.tax, (Decimal(0), Decimal(0)))
            credited_taxes[row.tax] = (taxable + row.taxable_amount, tax + row.tax_amount)
    return _Left(lines, left, nets, taxes, credited_taxes, len(notes))


def _requested(
    invoice: Document, state: _Left, values: Mapping[str, Any]
) -> list[tuple[int, Decimal, Decimal | None]]:
    """(line position, gross credited, quantity given) per line credited, by the request."""
    places = invoice.minor_units
    money = {"currency": invoice.currency, "places": places}
    if values.get("lines") is not None and values.get("amount") is not None:
        raise ValidationError("Give either lines or amount, not both", field="amount")
    if values.get("amount") is not None:
        amount = parse_amount(values["amount"], field="amount", **money)
        if amount <= 0:
            raise ValidationError("amount must be greater than 0", field="amount")
        _check_left(invoice, amount, sum(state.left, Decimal(0)), "amount")
        unit = Decimal(1).scaleb(-places)
        shares = allocate(
            int(amount.scaleb(places)), [int(left.scaleb(places)) for left in state.left]
        )
        return [(i, round_to(share * unit, places), None) for i, share in enumerate(shares)]
    raw = values.get("lines")
    if raw is None:  # all that is left
        return [(i, left, None) for i, left in enumerate(state.left)]
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes) or not raw:
        raise ValidationError("lines must be a list of the invoice's lines", field="lines")
    if len(raw) > len(state.lines):
        raise ValidationError("lines names more lines than the invoice has", field="lines")
    chosen: list[tuple[int, Decimal, Decimal | None]] = []
    seen: set[int] = set()
    for index, item in enumerate(raw):
        path = f"lines[{index}]"
        if not isinstance(item, Mapping):
            raise ValidationError(f"{path} must be an object", field=path)
        validation.known_fields(item, _LINE_FIELDS, path)
        position = item.get("line_index")
        if (
            not isinstance(position, int)
            or isinstance(position, bool)
            or not 0 <= position < len(state.lines)
        ):
            raise ValidationError(
                f"{path}.lineIndex must be the index of one of the invoice's "
                f"{len(state.lines)} lines (from 0)",
                field=f"{path}.lineIndex",
            )
        if position in seen:
            raise ValidationError(f"{path} names line {position} again", field=f"{path}.lineIndex")
        seen.add(position)
        line, left = state.lines[position], state.left[position]
        quantity = None
        if item.get("quantity") is not None and item.get("amount") is not None:
            raise ValidationError(f"Give {path} a quantity or an amount", field=f"{path}.amount")
        if item.get("quantity") is not None:
            quantity = parse_quantity(item["quantity"], field=f"{path}.quantity")
            if not 0 < quantity <= line.quantity:
                raise ValidationError(
                    f"{path}.quantity must be above 0 and at most the line's "
                    f"{line.quantity.normalize():f}",
                    field=f"{path}.quantity",
                )
            gross = round_to(line_gross(invoice, line) * quantity / line.quantity, places)
        elif item.get("amount") is not None:
            gross = parse_amount(item["amount"], field=f"{path}.amount", **money)
            if gross <= 0:
                raise ValidationError(
                    f"{path}.amount must be greater than 0", field=f"{path}.amount"
                )
        else:
            gross = left
        _check_left(invoice, gross, left, f"{path}", line=position)
        chosen.append((position, gross, quantity))
    return chosen


def _check_left(
    invoice: Document, amount: Decimal, left: Decimal, field: str, line: int | None = None
) -> None:
    places = invoice.minor_units
    if amount > left:
        what = (
            f"line {line} of invoice {invoice.number}"
            if line is not None
            else (f"invoice {invoice.number}")
        )
        raise OverCredit(
            f"A credit of {round_to(amount, places)} {invoice.currency} is more than is left "
            f"to credit of {what}: {round_to(max(left, Decimal(0)), places)}",
            field=field,
        )


def _locked_for_credit(invoice: Document) -> None:
    if invoice.status is S.DRAFT:
        raise InvalidTransition(
            f"Invoice {invoice.number} is a DRAFT: edit it or delete it, a credit note "
            "corrects an issued invoice",
            field="invoiceId",
        )
    if invoice.status is S.VOID:
        raise InvalidTransition(
            f"Invoice {invoice.number} is VOID: nothing is left to credit", field="invoiceId"
        )


async def create_credit_note(
    org: Organization, values: Mapping[str, Any], *, now: datetime | None = None
) -> CreditNote:
    """Issue a credit note against an issued invoice (see the module's docstring). The
    credit note's `invoice` is the invoice as it left it, with its amount credited."""
    access.require(Permission.DOCUMENTS_WRITE)
    validation.known_fields(values, _FIELDS)
    if values.get("invoice_id") is None:
        raise ValidationError("Missing required field: invoiceId", field="invoiceId")
    now = now or datetime.now(UTC)
    reason = validation.text(values.get("reason"), field="reason", max_length=2000, multiline=True)
    issue_date = lifecycle.given_date(org, values.get("issue_date"), field="issueDate", now=now)
    async with writing(now) as write:
        conn = write.conn
        invoice = await payments.locked_invoice(org, values["invoice_id"], conn, "be credited")
        _locked_for_credit(invoice)
        if issue_date < invoice.issue_date:
            raise ValidationError(
                f"issueDate must not be before the invoice's ({invoice.issue_date})",
                field="issueDate",
            )
        state = await _left(invoice, conn)
        if state.notes >= MAX_CREDIT_NOTES_PER_INVOICE:
            raise ValidationError(
                f"Invoice {invoice.number} has {MAX_CREDIT_NOTES_PER_INVOICE} credit notes, "
                "the most one invoice takes",
                field="invoiceId",
            )
        chosen = [row for row in _requested(invoice, state, values) if row[1] > 0]
        if not chosen:
            raise OverCredit(
                f"Nothing is left to credit of invoice {invoice.number}", field="invoiceId"
            )
        note = CreditNote(
            organization_id=org.id,
            invoice_id=invoice.id,
            client_id=invoice.client_id,
            number=await numbering.take_next_number(
                org, Series.CREDIT_NOTE, conn, issued=issue_date
            ),
            currency=invoice.currency,
            minor_units=invoice.minor_units,
            issue_date=issue_date,
            reason=reason,
            public_token=new_public_token(),
        )
        rows, breakdown = _priced(invoice, state, chosen)
        note.tax_breakdown = [row.to_json() for row in breakdown]
        note.subtotal = sum((row.net for row in rows), Decimal(0))
        note.tax_total = sum((row.tax for row in rows), Decimal(0))
        note.total = sum((row.amount for row in rows), Decimal(0))
        await note.save(using_db=conn, force_create=True)
        for row in rows:
            row.credit_note_id = note.id
        await CreditNoteLine.bulk_create(rows, using_db=conn)
        invoice.amount_credited = invoice.amount_credited + note.total
        changed = lifecycle.settle(invoice, invoice.amount_paid, write.at)
        await invoice.save(using_db=conn, update_fields=[*changed, "updated_at"])
        write.noted("credit_note.created", note)
        write.announce(ChangeKind.CREDITED, invoice)
        note.invoice = await _written(invoice.id, conn)
    return note


def _priced(
    invoice: Document, state: _Left, chosen: list[tuple[int, Decimal, Decimal | None]]
) -> tuple[list[CreditNoteLine], tuple[TaxLine, ...]]:
    """The credit note's lines (unsaved) and its tax breakdown: for a credit of all that is
    left, the invoice's own amounts less what earlier credit notes took (for a first one, the
    invoice's amounts); else derived from the credited gross."""
    taxes = [taxes_of(line, tax=invoice.tax, tax2=invoice.tax2) for line in state.lines]
    remaining = {position for position, left in enumerate(state.left) if left > 0}
    everything = {position for position, _, _ in chosen} == remaining and all(
        gross == state.left[position] for position, gross, _ in chosen
    )
    if everything:
        # All that is left: exactly the nets, taxes and breakdown rows earlier credit notes
        # left, so that the invoice's credit notes add up to it to the unit. A line whose
        # gross is all credited may still have a unit of net and tax to even out.
        evened = remaining | {
            position
            for position in range(len(state.lines))
            if state.net_left[position] or state.tax_left[position]
        }
        given = {position: quantity for position, _, quantity in chosen}
        chosen = [(p, state.left[p], given.get(p)) for p in sorted(evened)]
        nets = [state.net_left[p] for p, _, _ in chosen]
        line_taxes = [state.tax_left[p] for p, _, _ in chosen]
        breakdown = state.breakdown_left(tax_lines(invoice, state.lines))
    else:
        totals = compute_totals(
            [_Credited(unit_price=gross, taxes=taxes[position]) for position, gross, _ in chosen],
            currency=invoice.currency,
            places=invoice.minor_units,
            rounding=invoice.tax_rounding,
            prices_include_tax=True,
            lines_field="lines",
        )
        nets = [computed.net for computed in totals.lines]
        line_taxes = [computed.tax for computed in totals.lines]
        breakdown = totals.tax_lines
    rows = [
        CreditNoteLine(
            position=index,
            invoice_line=position,
            description=state.lines[position].description,
            quantity=quantity,
            amount=gross,
            net=net,
            tax=tax,
            applied_taxes=[applied.to_json() for applied in taxes[position]],
        )
        for index, ((position, gross, quantity), net, tax) in enumerate(
            zip(chosen, nets, line_taxes, strict=True)
        )
    ]
    return rows, breakdown


async def record_refund(
    org: Organization,
    credit_note_id: str,
    values: Mapping[str, Any],
    *,
    now: datetime | None = None,
) -> Refund:
    """Pay back to the client some of a credit note's credit: at most what the credit note
    has not refunded yet, and at most the invoice's credit balance (what payments and credit
    notes together hold beyond its total). The refund's `credit_note` is as it left it, its
    `invoice` loaded."""
    access.require(Permission.PAYMENTS_WRITE)
    validation.known_fields(values, _REFUND_FIELDS)
    for required in ("amount", "method"):
        if values.get(required) is None:
            raise ValidationError(f"Missing required field: {required}", field=required)
    now = now or datetime.now(UTC)
    method = validation.choice(PaymentMethod, values["method"], field="method")
    note_text = validation.text(values.get("note"), field="note", max_length=2000, multiline=True)
    refund_date = lifecycle.given_date(org, values.get("refund_date"), field="refundDate", now=now)
    found = await _one(org, credit_note_id)
    async with writing(now) as write:
        conn = write.conn
        # The invoice first, as every write of its amounts locks it: then the credit note.
        invoice = await payments.locked_invoice(org, found.invoice_id, conn, "be refunded")
        note = await CreditNote.filter(id=found.id).select_for_update().using_db(conn).get()
        places = note.minor_units
        amount = parse_amount(
            values["amount"], field="amount", currency=note.currency, places=places
        )
        if amount <= 0:
            raise ValidationError("amount must be greater than 0", field="amount")
        if await Refund.filter(credit_note_id=note.id).using_db(conn).count() >= (
            MAX_REFUNDS_PER_CREDIT_NOTE
        ):
            raise ValidationError(
                f"Credit note {note.number} has {MAX_REFUNDS_PER_CREDIT_NOTE} refunds, the "
                "most one takes",
                field="amount",
            )
        unrefunded = round_to(note.total - note.amount_refunded, places)
        balance = round_to(-lifecycle.amount_due(invoice), places)
        most = min(unrefunded, max(balance, Decimal(0)))
        if amount > most:
            raise OverCredit(
                f"A refund of {round_to(amount, places)} {note.currency} is more than credit "
                f"note {note.number} can pay back: at most {most} (its credit not refunded "
                f"yet is {unrefunded}; the client's credit on invoice {invoice.number}, "
                f"{max(balance, Decimal(0))})",
                field="amount",
            )
        refund = await Refund.create(
            organization_id=org.id,
            credit_note_id=note.id,
            amount=amount,
            refund_date=refund_date,
            method=method,
            note=note_text,
            using_db=conn,
        )
        note.amount_refunded = note.amount_refunded + amount
        await note.save(using_db=conn, update_fields=["amount_refunded", "updated_at"])
        invoice.amount_refunded = invoice.amount_refunded + amount
        changed = lifecycle.settle(invoice, invoice.amount_paid, write.at)
        await invoice.save(using_db=conn, update_fields=[*changed, "updated_at"])
        write.noted("credit_note.refunded", note)
        write.announce(ChangeKind.REFUNDED, invoice)
        note.invoice = await _written(invoice.id, conn)
        refund.credit_note = note
    return refund


async def _written(invoice_id: str, conn: BaseDBAsyncClient) -> Document:
    """The invoice as a credit note's write left it (`documents.load_written`), with its
    credit notes as that write's transaction sees them (`credit_notes_written`)."""
    invoice = await documents.load_written(invoice_id, conn)
    notes = await CreditNote.filter(invoice_id=invoice_id).using_db(conn).order_by("id")
    attach_many(invoice, "credit_notes", list(notes))
    return invoice


def credit_notes_written(invoice: Document) -> list[CreditNote] | None:
    """The credit notes read with an invoice by a credit note's write, oldest first; None
    when it was read otherwise."""
    return list(invoice.credit_notes) if invoice.credit_notes._fetched else None


async def claim_sending(org: Organization, credit_note_id: str) -> Shown:
    """Mark a credit note as being e-mailed (`lifecycle.claim_sending`) and return it with
    all its e-mail and PDF show, read in the claim's transaction. Until `record_sent` or
    `release_sending`, it cannot be e-mailed again (refunds may still be recorded)."""
    access.require(Permission.DOCUMENTS_SEND)
    found = await _one(org, credit_note_id)
    async with writing() as write:
        query = CreditNote.filter(id=found.id).select_for_update().using_db(write.conn)
        note = await query.get()
        lifecycle.claim_sending(note, f"Credit note {note.number}", write.at)
        await note.save(using_db=write.conn, update_fields=["sending_until"])
        return await _shown(note, write.conn)


async def release_sending(credit_note_id: str) -> None:
    """End a claim of `claim_sending` whose e-mail did not go out: nothing was recorded."""
    await CreditNote.filter(id=credit_note_id).update(sending_until=None)


async def record_sent(
    org: Organization,
    credit_note_id: str,
    *,
    recipients: Sequence[str],
    now: datetime | None = None,
) -> Shown:
    """Record that a credit note was e-mailed to `recipients`, once the e-mail was accepted:
    `sentTo` is set, the first `sentAt` kept, and the claim of `claim_sending` ends. Returns
    it as that write left it, with all it shows."""
    async with writing(now) as write:
        query = CreditNote.filter(id=credit_note_id, organization_id=org.id)
        note = await query.select_for_update().using_db(write.conn).get()
        note.sent_to = list(recipients)
        note.sent_at = note.sent_at or write.at
        note.sending_until = None
        await note.save(
            using_db=write.conn, update_fields=["sent_to", "sent_at", "sending_until", "updated_at"]
        )
        write.noted("credit_note.sent", note)
        return await _shown(note, write.conn)


def _listing(org: Organization, invoice_id: str | None = None) -> Listing[CreditNote]:
    conditions = [compare(CREDIT_NOTES, "organization_id", "=", org.id)]
    if invoice_id is not None:
        conditions.append(compare(CREDIT_NOTES, "invoice_id", "=", invoice_id))
    return Listing(CREDIT_NOTES, tuple(conditions))


async def _one(org: Organization, credit_note_id: object) -> CreditNote:
    found = []
    if isinstance(credit_note_id, str) and is_id(credit_note_id):
        found = await CreditNote.filter(id=credit_note_id, organization_id=org.id)
    if not found:
        raise NotFound(f"No credit note with id {shown_id(credit_note_id)}", field="id")
    return found[0]


async def get_credit_note(org: Organization, credit_note_id: str) -> CreditNote:
    """One of the organization's credit notes."""
    access.require(Permission.DOCUMENTS_READ)
    return await _one(org, credit_note_id)


async def window_credit_notes(
    org: Organization, *, invoice_id: str | None = None, window: Window | None = None
) -> Slice[CreditNote]:
    """A keyset window of the organization's credit notes (of one invoice), newest first."""
    access.require(Permission.DOCUMENTS_READ)
    return await keyset(_listing(org, invoice_id), NEWEST_FIRST, window or Window())


async def list_credit_notes(
    org: Organization, *, invoice_id: str | None = None, page: PageRequest | None = None
) -> Page[CreditNote]:
    """A page of the organization's credit notes (of one invoice), newest first."""
    access.require(Permission.DOCUMENTS_READ)
    return await paginate(_listing(org, invoice_id), NEWEST_FIRST, page or PageRequest())


@dataclass(frozen=True, slots=True)
class Shown:
    """A credit note with all its PDF shows, read in one snapshot."""

    note: CreditNote
    invoice: Document
    organization: Organization
    lines: list[CreditNoteLine]
    refunds: list[Refund]


async def credit_note_shown(org: Organization, credit_note_id: str) -> Shown:
    """One of the organization's credit notes with its invoice (and client), organization,
    lines and refunds, all of one moment."""
    access.require(Permission.DOCUMENTS_READ)
    async with read_snapshot():
        return await _shown(await _one(org, credit_note_id))


async def credit_note_by_token(token: str) -> Shown:
    """The credit note whose public link carries `token` (the link is the credential: no
    caller), with all its page shows, read in one snapshot."""
    async with read_snapshot():
        note = None
        if is_public_token(token):
            note = await CreditNote.get_or_none(public_token=token)
        if note is None:
            raise NotFound("No document at this link", field="token")
        return await _shown(note)


async def _shown(note: CreditNote, conn: BaseDBAsyncClient | None = None) -> Shown:
    invoice = await Document.get(id=note.invoice_id, using_db=conn).prefetch_related("client")
    lines = await CreditNoteLine.filter(credit_note_id=note.id).using_db(conn).order_by("position")
    organization = await Organization.get(id=note.organization_id, using_db=conn)
    refunds = await Refund.filter(credit_note_id=note.id).using_db(conn).order_by("id")
    return Shown(note, invoice, organization, list(lines), list(refunds))


async def shown_all(org: Organization, notes: Sequence[CreditNote]) -> list[Shown]:
    """`notes` (a page) each with its invoice, lines and refunds, in three statements; the
    invoices without their clients (what a list shows needs none)."""
    ids = [note.id for note in notes]
    lines = await lines_by_credit_note(org, ids)
    refunds = await refunds_by_credit_note(org, ids)
    invoices = await documents.documents_by(org, "id", [note.invoice_id for note in notes])
    return [
        Shown(note, invoices[note.invoice_id][0], org, lines[note.id], refunds[note.id])
        for note in notes
    ]


async def credit_notes_by_invoice(
    org: Organization, invoice_ids: Sequence[str]
) -> dict[str, list[CreditNote]]:
    """Each invoice's credit notes, oldest first, in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    statement = Statement()
    where = [f"{CREDIT_NOTES.column('organization_id')} = {statement(org.id)}"]
    order = CREDIT_NOTES.column("id")
    return await grouped(statement, CREDIT_NOTES, "invoice_id", invoice_ids, order, where=where)


LINES = table(CreditNoteLine, "cnl")
REFUNDS = table(Refund, "r")


async def lines_by_credit_note(
    org: Organization, credit_note_ids: Sequence[str]
) -> dict[str, list[CreditNoteLine]]:
    """Each credit note's lines, in order, in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    statement = Statement()
    join = (
        f"JOIN {CREDIT_NOTES.source} ON {CREDIT_NOTES.column('id')} = "
        f"{LINES.column('credit_note_id')}"
    )
    where = [f"{CREDIT_NOTES.column('organization_id')} = {statement(org.id)}"]
    return await grouped(
        statement,
        LINES,
        "credit_note_id",
        credit_note_ids,
        LINES.column("position"),
        join=join,
        where=where,
    )


async def refunds_by_credit_note(
    org: Organization, credit_note_ids: Sequence[str]
) -> dict[str, list[Refund]]:
    """Each credit note's refunds, oldest first, in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    statement = Statement()
    where = [f"{REFUNDS.column('organization_id')} = {statement(org.id)}"]
    return await grouped(
        statement, REFUNDS, "credit_note_id", credit_note_ids, REFUNDS.column("id"), where=where
    )
