"""Reminders of unpaid invoices (dunning): an organization's rules, and the worker's pass that
sends each rule's reminder of each open invoice once.

A rule says when: `offsetDays` from the due date (-3 is three days before it, 0 on it, 7 a
week after), in the organization's time zone, with a subject and a message whose
placeholders ({number}, {amount_due}, {due_date}, {link}, {client}, {organization}) are
filled in the organization's locale. It may charge a late fee (after the due date only): a
percentage of the amount due or a flat amount, issued as an invoice of its own that names
the overdue one. The overdue invoice is never changed.

A reminder goes to an open invoice only (SENT, VIEWED or PARTIALLY_PAID: never a draft, a
paid or a void one), with a due date, that has not opted out (`reminders_disabled`), on the
rule's day or within GRACE_DAYS after it (a worker down for a day still sends it; a rule added
today does not remind of every invoice that was due a year ago). Where several of an
invoice's rules are due at once, only the latest is sent and the earlier ones are recorded as
SKIPPED: a client gets one reminder a day at most.

Each rule reminds of each invoice once, whatever happens: the reminder is a row unique by
(rule, invoice), written (SENDING) before its e-mail goes out, with the invoice's row locked
(PostgreSQL; SQLite has one writer). A retry, a restart or a second worker finds it taken. A
reminder the SMTP server could not take just now (unreachable, or "try again later" before
it took the message) is RETRYING, tried again up to MAX_ATTEMPTS times in all, further apart
each time. One refused for good is FAILED with why; one whose worker died while sending it
becomes FAILED once its lease ends, as it may have reached the client. Neither is sent again
by itself. A reminder sent is an `invoice.reminded` event.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from billing import access, changes, documents, lifecycle, validation
from billing.access import Permission
from billing.changes import ChangeKind
from billing.errors import DeliveryFailed, DomainError, NotFound, ValidationError, shown_id
from billing.money import (
    minor_units,
    normalize_currency,
    parse_amount,
    parse_rate,
    round_to,
)
from billing.pagination import Listing, Ordering, Slice, Window, compare, keyset, keysets, one_of
from billing.plans import Plans
from models import Document, Organization, Reminder, ReminderRule
from models.enums import Series
from models.ids import is_id
from models.rows import Statement, table

log = logging.getLogger("invoicegraph.reminders")


class LateFeeType(StrEnum):
    PERCENT = "PERCENT"  # of the amount due when the reminder goes out
    FLAT = "FLAT"  # an amount in the rule's currency (invoices in others are charged none)


class ReminderState(StrEnum):
    SENDING = "SENDING"  # being e-mailed by a worker
    RETRYING = "RETRYING"  # the SMTP server could not take it just now: tried again later
    SENT = "SENT"
    FAILED = "FAILED"  # not e-mailed, or its worker stopped while e-mailing it (`error`)
    SKIPPED = "SKIPPED"  # a later rule's reminder went out instead, or its day passed unsent


#: The most rules an organization has; the furthest from the due date a rule is, in days.
MAX_RULES: Final = 10
MAX_OFFSET: Final = 365
#: How many days after a rule's day its reminder may still go out.
GRACE_DAYS: Final = 3
MAX_SUBJECT: Final = 200
MAX_MESSAGE: Final = 5000
#: The most candidate (invoice, rule) pairs one batch of the pass takes.
BATCH: Final = 200
#: How long a worker may take to e-mail a reminder before it counts as interrupted.
SEND_LEASE: Final = timedelta(minutes=5)
#: How often a reminder the SMTP server could not take is tried in all, and how long after
#: the first failure the second try comes (doubling each time: 5 minutes to 80, some 2.5
#: hours in all).
MAX_ATTEMPTS: Final = 6
FIRST_RETRY: Final = timedelta(minutes=5)

#: What a subject or a message may say in braces, filled in when the reminder is sent.
PLACEHOLDERS: Final = ("number", "amount_due", "due_date", "link", "client", "organization")
# Anything in braces: a placeholder, or a mistake refused when the rule is written.
_PLACEHOLDER: Final = re.compile(r"\{([^{}\n]*)\}")

DEFAULT_SUBJECT: Final = "Reminder: invoice {number} from {organization}"
_DEFAULT_MESSAGES: Final = (
    "This is a friendly reminder that invoice {number} for {amount_due} is due on {due_date}.",
    "Invoice {number} for {amount_due} is due today, {due_date}.",
    "Invoice {number} for {amount_due} was due on {due_date} and is still unpaid. Please pay "
    "it at your earliest convenience; you can see it here: {link}",
)

_FIELDS: Final = (
    "name",
    "offset_days",
    "subject",
    "message",
    "enabled",
    "late_fee_type",
    "late_fee_value",
    "late_fee_currency",
)
_LATE_FEE_FIELDS: Final = frozenset({"late_fee_type", "late_fee_value", "late_fee_currency"})

RULES: Final = table(ReminderRule, "rr")
REMINDERS: Final = table(Reminder, "rm")
DOCUMENTS: Final = table(Document, "d")
BY_OFFSET: Final = Ordering("OFFSET", "offset_days", kind="int")
NEWEST_FIRST: Final = Ordering("NEWEST_FIRST", descending=True)


def default_message(offset_days: int) -> str:
    """The message of a rule that gives none: before, on or after the due date."""
    return _DEFAULT_MESSAGES[(offset_days > 0) - (offset_days < 0) + 1]


def fill(template: str, values: Mapping[str, str]) -> str:
    """`template` with each known placeholder replaced by its value (text in braces that is
    not one is left as it is)."""
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), template)


def _template(value: object, *, field: str, max_length: int, multiline: bool) -> str:
    text = validation.text(value, field=field, max_length=max_length, multiline=multiline)
    for found in _PLACEHOLDER.finditer(text):
        if found.group(1) not in PLACEHOLDERS:
            raise ValidationError(
                f"{field}: {found.group(0)[:40]!r} is not a placeholder; there are "
                + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                field=field,
            )
    return text


def _offset(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_OFFSET:
        raise ValidationError(
            f"offsetDays must be a whole number from -{MAX_OFFSET} to {MAX_OFFSET} (days from "
            "the due date: negative before it, 0 on it)",
            field="offsetDays",
        )
    return value


def _apply(org: Organization, rule: ReminderRule, values: Mapping[str, Any]) -> None:
    """Check and set the fields present in `values`, then the rule as a whole."""
    validation.known_fields(values, _FIELDS)
    if "name" in values:
        rule.name = validation.text(values["name"], field="name", max_length=200)
    if "offset_days" in values:
        rule.offset_days = _offset(values["offset_days"])
    if "subject" in values:
        rule.subject = _template(
            values["subject"], field="subject", max_length=MAX_SUBJECT, multiline=False
        )
    if "message" in values:
        rule.message = _template(
            values["message"], field="message", max_length=MAX_MESSAGE, multiline=True
        )
    if "enabled" in values:
        rule.enabled = validation.flag(values["enabled"], field="enabled")
    if _LATE_FEE_FIELDS & values.keys():
        _apply_late_fee(org, rule, values)
    if rule.late_fee_type is not None and rule.offset_days <= 0:
        raise ValidationError(
            "A late fee is charged after the due date only: offsetDays must be above 0",
            field="lateFeeType",
        )


def _apply_late_fee(org: Organization, rule: ReminderRule, values: Mapping[str, Any]) -> None:
    kind = values.get("late_fee_type", rule.late_fee_type)
    if kind is None:
        if values.get("late_fee_value") is not None:
            raise ValidationError("lateFeeValue needs a lateFeeType", field="lateFeeType")
        rule.late_fee_type = rule.late_fee_currency = None
        rule.late_fee_value = None  # type: ignore[assignment]  # a nullable column
        return
    fee = validation.choice(LateFeeType, kind, field="lateFeeType")
    raw = values.get("late_fee_value", rule.late_fee_value)
    if raw is None:
        raise ValidationError("A late fee needs its lateFeeValue", field="lateFeeValue")
    if fee is LateFeeType.PERCENT:
        if values.get("late_fee_currency") is not None:
            raise ValidationError(
                "A percentage late fee has no currency: it is in the invoice's",
                field="lateFeeCurrency",
            )
        value, currency = parse_rate(raw, field="lateFeeValue"), None
    else:
        currency = normalize_currency(
            values.get("late_fee_currency") or rule.late_fee_currency or org.currency,
            field="lateFeeCurrency",
        )
        value = parse_amount(
            raw, field="lateFeeValue", currency=currency, places=minor_units(currency)
        )
    if value <= 0:
        raise ValidationError("lateFeeValue must be above 0", field="lateFeeValue")
    rule.late_fee_type, rule.late_fee_value, rule.late_fee_currency = fee.value, value, currency


# --- Rules ----------------------------------------------------------------------------------


def _rules(org: Organization) -> Listing[ReminderRule]:
    return Listing(RULES, (compare(RULES, "organization_id", "=", org.id),))


async def window_rules(org: Organization, *, window: Window | None = None) -> Slice[ReminderRule]:
    """A keyset window of the organization's reminder rules, earliest offset first."""
    access.require(Permission.ORGANIZATION_READ)
    return await keyset(_rules(org), BY_OFFSET, window or Window())


async def get_rule(org: Organization, rule_id: str) -> ReminderRule:
    """One of the organization's reminder rules."""
    access.require(Permission.ORGANIZATION_READ)
    found = []
    if is_id(rule_id):
        found = await _rules(org).where(one_of(RULES, "id", [rule_id])).rows()
    if not found:
        raise NotFound(f"No reminder rule with id {shown_id(rule_id)}", field="id")
    return found[0]


async def rules_by_id(org: Organization, rule_ids: Sequence[str]) -> dict[str, ReminderRule]:
    """The organization's rules among `rule_ids`, by id, in one query."""
    access.require(Permission.DOCUMENTS_READ)  # what reading an invoice's reminders needs
    wanted = [each for each in rule_ids if is_id(each)]
    return {row.id: row for row in await _rules(org).where(one_of(RULES, "id", wanted)).rows()}


def _offset_taken(offset: int) -> ValidationError:
    return ValidationError(
        f"A reminder rule {offset} days from the due date exists: change it instead",
        field="offsetDays",
    )


async def create_rule(org: Organization, values: Mapping[str, Any]) -> ReminderRule:
    """Add a reminder rule (at most MAX_RULES); its subject and message default to ones for
    before, on or after the due date."""
    access.require(Permission.ORGANIZATION_WRITE)
    if values.get("offset_days") is None:
        raise ValidationError("Missing required field: offsetDays", field="offsetDays")
    rule = ReminderRule(organization_id=org.id, subject="", message="", enabled=True)
    _apply(org, rule, values)
    rule.subject = rule.subject or DEFAULT_SUBJECT
    rule.message = rule.message or default_message(rule.offset_days)
    try:
        async with in_transaction() as conn:
            count = await ReminderRule.filter(organization_id=org.id).using_db(conn).count()
            if count >= MAX_RULES:
                raise ValidationError(
                    f"An organization has at most {MAX_RULES} reminder rules",
                    field="offsetDays",
                )
            await rule.save(using_db=conn, force_create=True)
    except IntegrityError:
        raise _offset_taken(rule.offset_days) from None
    return rule


async def _locked(org: Organization, rule_id: str, conn: BaseDBAsyncClient) -> ReminderRule:
    rule = None
    if is_id(rule_id):
        query = ReminderRule.filter(id=rule_id, organization_id=org.id).select_for_update()
        rule = await query.using_db(conn).first()
    if rule is None:
        raise NotFound(f"No reminder rule with id {shown_id(rule_id)}", field="id")
    return rule


async def update_rule(org: Organization, rule_id: str, values: Mapping[str, Any]) -> ReminderRule:
    """Change a rule; the reminders it sent keep what they said. A rule moved to another
    offset reminds, from then on, of invoices it has not reminded of."""
    access.require(Permission.ORGANIZATION_WRITE)
    try:
        async with in_transaction() as conn:
            rule = await _locked(org, rule_id, conn)
            _apply(org, rule, values)
            if not rule.subject:
                rule.subject = DEFAULT_SUBJECT
            if not rule.message:
                rule.message = default_message(rule.offset_days)
            await rule.save(using_db=conn)
    except IntegrityError:
        raise _offset_taken(int(values.get("offset_days") or 0)) from None
    return rule


async def delete_rule(org: Organization, rule_id: str) -> None:
    """Remove a rule; the reminders it sent stay on their invoices."""
    access.require(Permission.ORGANIZATION_WRITE)
    async with in_transaction() as conn:
        rule = await _locked(org, rule_id, conn)
        await rule.delete(using_db=conn)


# --- An invoice's reminders -----------------------------------------------------------------


def _reminders(org: Organization) -> Listing[Reminder]:
    return Listing(REMINDERS, (compare(REMINDERS, "organization_id", "=", org.id),))


async def window_reminders(
    org: Organization, invoice_ids: Sequence[str], *, window: Window | None = None
) -> dict[str, Slice[Reminder]]:
    """The same window of each invoice's reminders, newest first: a first page of all of
    them in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    return await keysets(
        _reminders(org), NEWEST_FIRST, window or Window(), "document_id", invoice_ids
    )


async def set_reminders(
    org: Organization, invoice_id: str, *, enabled: bool, now: datetime | None = None
) -> Document:
    """Let the organization's rules remind of an invoice, or not (whatever its status);
    returned as written, an `invoice.updated` event when it changed."""
    access.require(Permission.DOCUMENTS_WRITE)
    enabled = validation.flag(enabled, field="enabled")
    async with changes.writing(now) as write:
        invoice = None
        if is_id(invoice_id):
            query = Document.filter(id=invoice_id, organization_id=org.id, is_estimate=False)
            invoice = await query.select_for_update().using_db(write.conn).first()
        if invoice is None:
            raise NotFound(f"No invoice with id {shown_id(invoice_id)}", field="id")
        if invoice.reminders_disabled == enabled:
            invoice.reminders_disabled = not enabled
            await invoice.save(
                using_db=write.conn, update_fields=["reminders_disabled", "updated_at"]
            )
            write.announce(ChangeKind.UPDATED, invoice)
        return await documents.load_written(invoice.id, write.conn)


# --- The pass -------------------------------------------------------------------------------


#: How the worker e-mails a reminder: the organization, the invoice's id and the rule; the
#: addresses it went to. Refusals are DomainErrors (DELIVERY_FAILED when it did not go out).
Remind = Callable[[Organization, str, ReminderRule], Awaitable[Sequence[str]]]
#: How it e-mails a late fee invoice, by id (as recurring invoices are sent).
Send = Callable[[Organization, str], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Claim:
    """A reminder this worker took to send: its row (SENDING), its rule and invoice."""

    reminder: Reminder
    rule: ReminderRule
    org: Organization
    invoice: Document


def _day_of(statement: Statement, due: str, offset: str) -> str:
    """SQL of the day a rule's reminder of an invoice falls on: its due date plus the
    rule's offset."""
    if statement.postgres:
        return f"({due} + {offset})"
    return f"date({due}, {offset} || ' days')"


def _before(statement: Statement, day: date, offset: str) -> str:
    """SQL of `day` less a rule's offset: the due date whose reminder falls on `day` (so that
    the due date is compared as it is, by the index on it)."""
    if statement.postgres:
        return f"(CAST({statement(day)} AS DATE) - {offset})"
    return f"date({statement(day)}, (-{offset}) || ' days')"


async def _candidates(now: datetime, batch: int) -> list[tuple[str, str]]:
    """(invoice, rule) pairs that may be due at `now`: a superset (no time zone is more than
    a day from UTC) that `_claim` decides on exactly, earliest day first."""
    async with in_transaction() as conn:
        statement = Statement(conn)
        column, rule = DOCUMENTS.column, RULES.column
        offset = rule("offset_days")
        latest = (now + timedelta(days=1)).date()
        earliest = (now - timedelta(days=1 + GRACE_DAYS)).date()
        sql = (
            f"SELECT {column('id')}, {rule('id')} FROM {RULES.source} "  # noqa: S608
            f"JOIN {DOCUMENTS.source} ON {column('organization_id')} = {rule('organization_id')} "
            f"AND {column('due_date')} >= {_before(statement, earliest, offset)} "
            f"AND {column('due_date')} <= {_before(statement, latest, offset)} "
            f"WHERE {rule('enabled')} = TRUE "
            f"AND {column('status')} IN ({lifecycle.OPEN_STATUSES_SQL}) "
            f"AND {column('is_estimate')} = FALSE AND {column('reminders_disabled')} = FALSE "
            f"AND NOT EXISTS (SELECT 1 FROM {REMINDERS.source} "
            f"WHERE {REMINDERS.column('rule_id')} = {rule('id')} "
            f"AND {REMINDERS.column('document_id')} = {column('id')}) "
            f"ORDER BY {_day_of(statement, column('due_date'), offset)}, {column('id')}, "
            f"{rule('id')} LIMIT {statement(batch)}"
        )
        return [(str(row[0]), str(row[1])) for row in await statement.fetch(sql)]


async def _claim(
    invoice_id: str, rule_ids: Sequence[str], now: datetime
) -> tuple[Claim | None, int]:
    """Take the latest of the invoice's rules among `rule_ids` due today (in its
    organization's time zone) to send, recording the others whose day passed as SKIPPED:
    the claim (None when none is due, or another worker took it) and how many reminders were
    recorded."""
    try:
        async with in_transaction() as conn:
            invoice = (
                await Document.filter(id=invoice_id).select_for_update().using_db(conn).first()
            )
            if (
                invoice is None
                or invoice.status not in lifecycle.OVERDUE_CAPABLE
                or invoice.reminders_disabled
                or invoice.due_date is None
            ):
                return None, 0
            org = await Organization.filter(id=invoice.organization_id).using_db(conn).get()
            taken = {
                str(each)
                for each in await Reminder.filter(
                    document_id=invoice.id, rule_id__in=list(rule_ids)
                )
                .using_db(conn)
                .values_list("rule_id", flat=True)
            }
            rules = await ReminderRule.filter(
                id__in=[each for each in rule_ids if each not in taken],
                organization_id=org.id,
                enabled=True,
            ).using_db(conn)
            today = lifecycle.today_in(org, now)
            passed = sorted(
                (rule for rule in rules if invoice.due_date + timedelta(rule.offset_days) <= today),
                key=lambda rule: rule.offset_days,
            )
            if not passed:
                return None, 0
            latest = passed[-1]
            send = invoice.due_date + timedelta(latest.offset_days) >= today - timedelta(GRACE_DAYS)
            skipped = passed[:-1] if send else passed
            await Reminder.bulk_create(
                [
                    Reminder(
                        organization_id=org.id,
                        rule_id=rule.id,
                        document_id=invoice.id,
                        offset_days=rule.offset_days,
                        state=ReminderState.SKIPPED.value,
                    )
                    for rule in skipped
                ],
                using_db=conn,
            )
            if not send:
                return None, len(skipped)
            reminder = Reminder(
                organization_id=org.id,
                rule_id=latest.id,
                document_id=invoice.id,
                offset_days=latest.offset_days,
                state=ReminderState.SENDING.value,
                sending_until=now + SEND_LEASE,
                attempts=1,
            )
            await reminder.save(using_db=conn, force_create=True)
            return Claim(reminder, latest, org, invoice), len(skipped) + 1
    except IntegrityError:  # another worker recorded one of them first
        return None, 0


async def _mark(
    reminder: Reminder,
    state: ReminderState,
    now: datetime,
    error: str = "",
    until: datetime | None = None,
) -> None:
    """Record what came of a reminder (`until`: when a RETRYING one is tried again)."""
    await Reminder.filter(id=reminder.id).update(
        state=state.value, error=error[:500], sending_until=until, updated_at=now
    )


def _error_text(refused: DomainError) -> str:
    return f"{refused.code}: {refused.message}"[:500]


async def _fail_interrupted(now: datetime, batch: int) -> int:
    """Record as FAILED the reminders whose worker stopped while e-mailing them: they may
    have reached the client, so they are not sent again."""
    done = 0
    for reminder in await Reminder.filter(
        state=ReminderState.SENDING.value, sending_until__lt=now
    ).limit(batch):
        claimed = await Reminder.filter(
            id=reminder.id, state=ReminderState.SENDING.value, sending_until__lt=now
        ).update(
            state=ReminderState.FAILED.value,
            sending_until=None,
            updated_at=now,
            error="Its worker stopped while e-mailing the reminder, which may or may not have "
            "gone out: it is not sent again",
        )
        done += claimed
    return done


async def _retries_due(now: datetime, batch: int) -> list[Reminder]:
    """The reminders due to be tried again now (oldest due first)."""
    return (
        await Reminder.filter(state=ReminderState.RETRYING.value, sending_until__lte=now)
        .order_by("sending_until", "id")
        .limit(batch)
    )


async def _retake(reminder: Reminder, now: datetime) -> Claim | None:
    """Take a reminder to try again, unless another worker did: None then, or when its
    invoice or rule no longer wants it (recorded as SKIPPED)."""
    # A claim only one worker wins: the update of a row still RETRYING.
    claimed = await Reminder.filter(
        id=reminder.id, state=ReminderState.RETRYING.value, sending_until__lte=now
    ).update(
        state=ReminderState.SENDING.value,
        sending_until=now + SEND_LEASE,
        attempts=reminder.attempts + 1,
        updated_at=now,
    )
    if not claimed:
        return None
    reminder.attempts += 1
    invoice = await Document.filter(id=reminder.document_id).first()
    rule = (
        None
        if reminder.rule_id is None
        else await ReminderRule.get_or_none(id=reminder.rule_id, enabled=True)
    )
    if (
        invoice is None
        or rule is None
        or invoice.status not in lifecycle.OVERDUE_CAPABLE
        or invoice.reminders_disabled
    ):
        why = "Not tried again: the invoice is no longer open, or its rule was disabled or deleted"
        await _mark(reminder, ReminderState.SKIPPED, now, why)
        return None
    org = await Organization.get(id=invoice.organization_id)
    return Claim(reminder, rule, org, invoice)


def late_fee(rule: ReminderRule, invoice: Document) -> tuple[Decimal | None, str]:
    """The late fee `rule` charges on `invoice` now, in the invoice's currency's decimals,
    or None with why none is."""
    if rule.late_fee_type is None or rule.late_fee_value is None:
        return None, ""
    if invoice.late_fee_for_id is not None:
        return None, "No late fee: the invoice is itself a late fee"
    due = lifecycle.amount_due(invoice)
    if rule.late_fee_type == LateFeeType.PERCENT:
        fee = round_to(due * rule.late_fee_value / 100, invoice.minor_units)
    elif rule.late_fee_currency != invoice.currency:
        return None, (
            f"No late fee: the rule's flat fee is in {rule.late_fee_currency}, the invoice "
            f"in {invoice.currency}"
        )
    else:
        fee = round_to(rule.late_fee_value, invoice.minor_units)
    if due <= 0 or fee <= 0:
        return None, "No late fee: nothing is due"
    return fee, ""


def _fee_values(invoice: Document, fee: Decimal, today: date) -> dict[str, Any]:
    """The late fee invoice of `invoice`: one line, issued today, due as long after as the
    overdue invoice was after its own date."""
    assert invoice.due_date is not None
    terms = max(0, (invoice.due_date - invoice.issue_date).days)
    return {
        "client_id": invoice.client_id,
        "currency": invoice.currency,
        "issue_date": today,
        "due_date": today + timedelta(days=terms),
        "line_items": [
            {
                "description": f"Late fee on invoice {invoice.number}, due "
                f"{invoice.due_date.isoformat()}",
                "quantity": "1",
                "unit_price": format(fee, "f"),
                "tax_rate": "0",
                "apply_tax": False,
                "apply_discount": False,
            }
        ],
        "notes": f"A late fee on invoice {invoice.number}, unpaid since "
        f"{invoice.due_date.isoformat()}.",
    }


async def _charge(claim: Claim, now: datetime, plans: Plans, send: Send) -> str:
    """Issue and e-mail the late fee invoice of a reminder sent, if its rule charges one;
    what to note on the reminder (empty when all went well)."""
    invoice = await Document.get(id=claim.invoice.id)
    fee, why_not = late_fee(claim.rule, invoice)
    if fee is None:
        return why_not
    try:
        async with changes.writing(now) as write:
            made = await documents.create_document(
                claim.org,
                _fee_values(invoice, fee, lifecycle.today_in(claim.org, now)),
                Series.INVOICE,
                plan=plans.of(claim.org),
                now=now,
                late_fee_for_id=invoice.id,
            )
            await (
                Reminder.filter(id=claim.reminder.id)
                .using_db(write.conn)
                .update(late_fee_document_id=made.id, updated_at=now)
            )
    except DomainError as refused:
        return f"No late fee invoice: {_error_text(refused)}"
    try:
        await send(claim.org, made.id)
    except DomainError as refused:
        return f"The late fee invoice {made.number} is a DRAFT, not e-mailed: " + _error_text(
            refused
        )
    return ""


async def _send(claim: Claim, now: datetime, plans: Plans, remind: Remind, send: Send) -> None:
    reminder = claim.reminder
    try:
        recipients = await remind(claim.org, claim.invoice.id, claim.rule)
    except DeliveryFailed as failed:
        if failed.retryable and reminder.attempts < MAX_ATTEMPTS:
            wait = FIRST_RETRY * 2 ** (reminder.attempts - 1)
            await _mark(reminder, ReminderState.RETRYING, now, _error_text(failed), now + wait)
        else:
            await _mark(reminder, ReminderState.FAILED, now, _error_text(failed))
        return
    except DomainError as refused:
        await _mark(reminder, ReminderState.FAILED, now, _error_text(refused))
        return
    except Exception:
        log.exception("Reminder %s could not be e-mailed", reminder.id)
        await _mark(reminder, ReminderState.FAILED, now, "The e-mail failed on the server")
        return
    async with changes.writing(now) as write:
        await (
            Reminder.filter(id=reminder.id)
            .using_db(write.conn)
            .update(
                state=ReminderState.SENT.value,
                error="",  # an earlier attempt's, if it was tried before
                sent_to=list(recipients),
                sent_at=now,
                sending_until=None,
                updated_at=now,
            )
        )
        write.announce(ChangeKind.REMINDED, claim.invoice)
    note = await _charge(claim, now, plans, send)
    if note:
        await Reminder.filter(id=reminder.id).update(error=note[:500], updated_at=now)


async def remind_due(
    now: datetime, *, plans: Plans, remind: Remind, send: Send, batch: int = BATCH
) -> int:
    """Send the reminders due at `now` of up to `batch` (invoice, rule) pairs, one per
    invoice, and issue their late fees; how many reminders were dealt with."""
    done = await _fail_interrupted(now, batch)
    # Each taken just before it is sent, so that no lease runs out while others are sent.
    for reminder in await _retries_due(now, batch):
        retry = await _retake(reminder, now)
        if retry is not None:
            await _send(retry, now, plans, remind, send)
        done += 1
    by_invoice: dict[str, list[str]] = {}
    for invoice_id, rule_id in await _candidates(now, batch):
        by_invoice.setdefault(invoice_id, []).append(rule_id)
    for invoice_id, rule_ids in by_invoice.items():
        claim, recorded = await _claim(invoice_id, rule_ids, now)
        if claim is not None:
            await _send(claim, now, plans, remind, send)
        done += recorded
    return done
