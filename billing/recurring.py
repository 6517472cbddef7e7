"""Recurring invoices: a template of an invoice and an RFC 5545 recurrence rule, run by the
worker once per period.

A recurring invoice holds what each of its invoices holds (client, currency, lines, taxes,
discount, notes, terms, payment terms in days) and when to make one: a rule (`FREQ=MONTHLY`,
`FREQ=WEEKLY;INTERVAL=2`, `FREQ=MONTHLY;BYMONTHDAY=-1`, ...) expanded by python-dateutil from
its start, up to an optional end date or count, in the organization's time zone. A monthly
rule started on the 29th to the 31st falls on the last day of shorter months (and a yearly
one started on 29 February on the 28th in other years), as people mean it; RFC 5545 itself
would skip those months.

Each period runs once, whatever happens (`run_due`): the run is a row keyed by (recurring
invoice, period), written in the transaction that makes its invoice and moves `next_run_on`
on, with the recurring invoice's row locked (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so that
workers take different ones; SQLite has one writer). A retry, a restart, or a second worker
finds the period taken. A server that was down catches the missed periods up, each invoice
dated to its own period, or skips all but the latest (`missed`). A run whose invoice cannot
be made (the plan's limit, a deactivated client) is recorded as FAILED with why, and one whose
invoice cannot be e-mailed keeps its draft as SEND_FAILED: each with a
`recurring_invoice.run_failed` event, and neither is tried again by itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from dateutil import rrule
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from billing import access, changes, documents, lifecycle, tax_rates, validation
from billing.access import Permission
from billing.documents.input import LATEST_DATE, apply_header, parse_lines
from billing.errors import DomainError, InvalidTransition, NotFound, ValidationError, shown_id
from billing.money import minor_units, normalize_currency
from billing.pagination import (
    Joined,
    Listing,
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    compare,
    keyset,
    keysets,
    one_of,
    paginate,
)
from billing.plans import Feature, Plan, Plans, require_feature
from models import Client, Document, Organization, RecurringInvoice, RecurringRun
from models.enums import Series
from models.ids import is_id
from models.rows import Statement, attach, skip_locked, table

log = logging.getLogger("invoicegraph.recurring")


class RunAction(StrEnum):
    """What a run does with its invoice."""

    DRAFT = "DRAFT"  # makes it, a DRAFT to look over and send
    SEND = "SEND"  # makes it and e-mails it to the client with its PDF


class Missed(StrEnum):
    """What becomes of periods that passed while no worker ran."""

    CATCH_UP = "CATCH_UP"  # each is run late, its invoice dated to its period
    SKIP = "SKIP"  # only the latest is run; the others are recorded as SKIPPED


class Status(StrEnum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"  # no run until resumed; the periods in between are not run
    CANCELLED = "CANCELLED"  # for good
    FINISHED = "FINISHED"  # its end date or count reached; a later end makes it ACTIVE again


class RunState(StrEnum):
    CREATED = "CREATED"  # its DRAFT invoice was made
    PENDING_SEND = "PENDING_SEND"  # made, to be e-mailed
    SENDING = "SENDING"  # being e-mailed by a worker
    SENT = "SENT"  # made and e-mailed
    SEND_FAILED = "SEND_FAILED"  # made, its e-mail refused or failed: the DRAFT is kept
    FAILED = "FAILED"  # no invoice could be made (`error` says why)
    SKIPPED = "SKIPPED"  # passed while no worker ran, and `missed` is SKIP


#: The most recurring invoices an organization has that are not cancelled.
MAX_RECURRING: Final = 1000
MAX_RULE_LENGTH: Final = 500
MAX_PAYMENT_TERMS: Final = 3650
MAX_COUNT: Final = 10000
MAX_PREVIEW: Final = 50
#: The most recurring invoices one batch of the pass takes, and the most periods one of them
#: runs (or skips) in one go: a year of a weekly one missed is caught up over a few passes.
BATCH: Final = 100
MAX_PERIODS_AT_ONCE: Final = 60
#: How far after a day its rule's next date is looked for: a rule with none for ten years is
#: taken to have none (the search is bounded, whatever the rule).
HORIZON: Final = timedelta(days=3660)
#: The most periods one run records as skipped at once (a daily one after years down).
MAX_SKIPPED_AT_ONCE: Final = 1000
#: How long a worker may take to e-mail a run's invoice before the run counts as interrupted.
SEND_LEASE: Final = timedelta(minutes=5)

_FREQUENCIES: Final = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RULE_PARTS: Final = frozenset(
    {"FREQ", "INTERVAL", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"}
)
_BY_PARTS: Final = frozenset(part for part in _RULE_PARTS if part.startswith("BY"))
# What each frequency may be narrowed by: enough for invoices (weekdays, days of the month,
# the nth weekday, months of the year), and nothing that would have dateutil search a daily
# rule day by day to the year 9999 for a date that never comes.
_BY_OF: Final[Mapping[str, frozenset[str]]] = {
    "DAILY": frozenset({"BYDAY"}),
    "WEEKLY": frozenset({"BYDAY"}),
    "MONTHLY": frozenset({"BYDAY", "BYMONTHDAY", "BYSETPOS"}),
    "YEARLY": frozenset({"BYDAY", "BYMONTHDAY", "BYSETPOS", "BYMONTH"}),
}
_MAX_INTERVAL: Final[Mapping[str, int]] = {"DAILY": 366, "WEEKLY": 52, "MONTHLY": 12, "YEARLY": 10}
#: How long, in seconds, a new rule's first date is looked for (in a thread) before the rule
#: is refused as having none: one matching no date is searched to the year 9999.
RULE_SEARCH: Final = 0.25
_TEMPLATE_FIELDS: Final = (
    "line_items",
    "discount_type",
    "discount_value",
    "tax",
    "tax2",
    "prices_include_tax",
    "notes",
    "terms",
    "buyer_reference",
    "purchase_order_reference",
)
_SCHEDULE_FIELDS: Final = (
    "client_id",
    "name",
    "currency",
    "payment_terms_days",
    "rule",
    "starts_on",
    "ends_on",
    "count",
    "action",
    "missed",
)
_TIMING: Final = frozenset({"rule", "starts_on", "ends_on", "count"})

RECURRING: Final = "recurring invoice"
RECURRING_TABLE: Final = table(RecurringInvoice, "r")
RUNS: Final = table(RecurringRun, "rr")
#: Each recurring invoice read with its client (`.client`), by a join: a page's in the
#: page's one statement.
WITH_CLIENT: Final = (Joined(table(Client, "rc"), "client"),)
NEWEST_FIRST: Final = Ordering("NEWEST_FIRST", descending=True)
LATEST_PERIOD_FIRST: Final = Ordering("LATEST_PERIOD_FIRST", "period", descending=True)

#: How a worker e-mails a run's invoice: the organization and the invoice's id; refusals are
#: DomainErrors (DELIVERY_FAILED when the e-mail did not go out).
Send = Callable[[Organization, str], Awaitable[object]]


# --- Rules ----------------------------------------------------------------------------------


def parse_rule(raw: object) -> str:
    """`raw` as a recurrence rule: RFC 5545 RRULE parts (`FREQ=MONTHLY;BYMONTHDAY=1`, with or
    without `RRULE:`), at most daily; its start, end and count are the recurring invoice's
    own fields. Returned as written, upper-cased, without the prefix."""
    text = validation.text(raw, field="rule", max_length=MAX_RULE_LENGTH, required=True)
    body = text.upper().removeprefix("RRULE:").strip().strip(";")
    parts: dict[str, str] = {}
    for part in body.split(";"):
        name, equals, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name or not value:
            raise ValidationError(
                f"rule: {part!r} is not NAME=VALUE, e.g. FREQ=MONTHLY;BYMONTHDAY=1", field="rule"
            )
        if name in ("DTSTART", "UNTIL", "COUNT"):
            instead = {"DTSTART": "startsOn", "UNTIL": "endsOn", "COUNT": "count"}[name]
            raise ValidationError(f"rule: give {name} as {instead}, not in the rule", field="rule")
        if name not in _RULE_PARTS:
            raise ValidationError(
                f"rule: {name} is not supported; a rule has "
                + ", ".join(sorted(_RULE_PARTS))
                + " (invoices recur at most daily)",
                field="rule",
            )
        if name in parts:
            raise ValidationError(f"rule: {name} is given twice", field="rule")
        parts[name] = value
    frequency = parts.get("FREQ", "")
    if frequency not in _FREQUENCIES:
        raise ValidationError(f"rule: FREQ must be one of {', '.join(_FREQUENCIES)}", field="rule")
    allowed = _BY_OF[frequency]
    if frequency == "DAILY" and parts.get("INTERVAL", "1") != "1":
        allowed = frozenset()  # every n days on some weekdays may never meet one
    for name in sorted(_BY_PARTS & parts.keys() - allowed):
        raise ValidationError(
            f"rule: {name} does not go with FREQ={frequency}"
            + (f" (it takes {', '.join(sorted(allowed))})" if allowed else ""),
            field="rule",
        )
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= _MAX_INTERVAL[frequency]:
        raise ValidationError(
            f"rule: INTERVAL with FREQ={frequency} is from 1 to {_MAX_INTERVAL[frequency]}",
            field="rule",
        )
    normalized = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        _expanded(normalized, date(2000, 1, 31))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(f"rule: not a valid RRULE ({exc})", field="rule") from None
    return normalized


def _expanded(rule: str, start: date, until: date | None = None) -> rrule.rrule:
    """The dates of `rule` from `start` (to `until`), a plain monthly (yearly) rule kept on
    the last day of a month too short for its day."""
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    if not _BY_PARTS & parts.keys():
        if parts["FREQ"] == "MONTHLY" and start.day > 28:
            parts["BYMONTHDAY"] = ",".join(str(day) for day in range(28, start.day + 1))
            parts["BYSETPOS"] = "-1"
        elif parts["FREQ"] == "YEARLY" and (start.month, start.day) == (2, 29):
            parts |= {"BYMONTH": "2", "BYMONTHDAY": "28,29", "BYSETPOS": "-1"}
    spelled = ";".join(f"{name}={value}" for name, value in parts.items())
    expanded = rrule.rrulestr("RRULE:" + spelled, dtstart=datetime.combine(start, time()))
    assert isinstance(expanded, rrule.rrule)
    if until is not None:
        expanded = expanded.replace(until=datetime.combine(until, time()))
    return expanded


def _on_or_after(schedule: RecurringInvoice, day: date) -> date | None:
    """The first date of the schedule's rule on or after `day`, within its end and within
    HORIZON of `day`; None if none."""
    day = max(day, schedule.starts_on)
    if day > LATEST_DATE:
        return None
    until = min(day + HORIZON, LATEST_DATE, schedule.ends_on or LATEST_DATE)
    found = _expanded(schedule.rule, schedule.starts_on, until).after(
        datetime.combine(day, time()), inc=True
    )
    return None if found is None else found.date()


def _periods_left(schedule: RecurringInvoice) -> int | None:
    return None if schedule.max_runs is None else schedule.max_runs - schedule.periods_done


def upcoming(schedule: RecurringInvoice, count: int) -> list[date]:
    """The dates of its next `count` runs (at most MAX_PREVIEW), from its next one."""
    if not 1 <= count <= MAX_PREVIEW:
        raise ValidationError(f"n must be from 1 to {MAX_PREVIEW}", field="n")
    left = _periods_left(schedule)
    if left is not None:
        count = min(count, left)
    found: list[date] = []
    day = schedule.next_run_on if schedule.status == Status.ACTIVE else None
    while day is not None and len(found) < count:
        found.append(day)
        day = _on_or_after(schedule, day + timedelta(days=1))
    return found


def _schedule_next(schedule: RecurringInvoice, day: date) -> None:
    """Set the next run to the rule's first date on or after `day` (FINISHED when there is
    none, or when its count is reached)."""
    left = _periods_left(schedule)
    following = _on_or_after(schedule, day) if left is None or left > 0 else None
    schedule.next_run_on = following
    if following is None:
        schedule.status = Status.FINISHED.value
    elif schedule.status == Status.FINISHED:
        schedule.status = Status.ACTIVE.value


# --- The template ---------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


async def _template(
    org: Organization, currency: str, values: Mapping[str, Any], conn: BaseDBAsyncClient | None
) -> dict[str, Any]:
    """The invoice fields of `values`, checked as an invoice's are, in the form a run gives
    them to `documents.create_document` (amounts as strings)."""
    if not values.get("line_items"):
        raise ValidationError("A recurring invoice needs at least one line", field="lineItems")
    lines = parse_lines(values["line_items"])
    sample = Document(
        organization_id=org.id,
        currency=currency,
        minor_units=minor_units(currency),
        issue_date=date(2000, 1, 1),
        tax_rounding=org.tax_rounding,
    )
    apply_header(sample, {key: value for key, value in values.items() if key != "line_items"})
    named = {rate_id for line in lines for rate_id in line.tax_rate_ids}
    if named:
        known = {rate.id for rate in await tax_rates.rates_by_id(org, named, conn)}
        for index, line in enumerate(lines):
            for position, rate_id in enumerate(line.tax_rate_ids):
                if rate_id not in known:
                    field = f"lineItems[{index}].taxRateIds[{position}]"
                    raise ValidationError(f"{field}: no tax rate {rate_id!r}", field=field)
    template: dict[str, Any] = {
        "line_items": [
            {
                "description": line.description,
                "quantity": _plain(line.quantity),
                "unit_price": _plain(line.unit_price),
                "tax_rate": _plain(line.tax_rate),
                "apply_tax": line.apply_tax,
                "apply_discount": line.apply_discount,
                "tax_rate_ids": list(line.tax_rate_ids),
                "unit_code": line.unit_code,
            }
            for line in lines
        ],
        "discount_type": None if sample.discount_type is None else sample.discount_type.value,
        "discount_value": _plain(Decimal(sample.discount_value)),
        "tax": _plain(Decimal(sample.tax)),
        "tax2": _plain(Decimal(sample.tax2)),
        "prices_include_tax": sample.prices_include_tax,
        "notes": sample.notes,
        "terms": sample.terms,
    }
    # Left out, an invoice quotes its client's buyer reference (as one made by hand does).
    for name in ("buyer_reference", "purchase_order_reference"):
        if values.get(name):
            template[name] = getattr(sample, name)
    return template


def invoice_values(schedule: RecurringInvoice, period: date) -> dict[str, Any]:
    """What the run of `period` creates its invoice with: issued on the period's date, due
    the schedule's payment terms later."""
    terms = schedule.payment_terms_days
    return {
        **schedule.template,
        "client_id": schedule.client_id,
        "currency": schedule.currency,
        "issue_date": period,
        "due_date": None if terms is None else period + timedelta(days=terms),
    }


# --- Reading --------------------------------------------------------------------------------


def _listing(
    org: Organization,
    status: Status | None = None,
    *,
    client_id: str | None = None,
    with_client: bool = False,
) -> Listing[RecurringInvoice]:
    conditions = [compare(RECURRING_TABLE, "organization_id", "=", org.id)]
    if status is not None:
        conditions.append(compare(RECURRING_TABLE, "status", "=", status.value))
    if client_id is not None:
        # An id of no shape names no client: no row, and the database is not asked to compare.
        conditions.append(
            one_of(RECURRING_TABLE, "client_id", [client_id] if is_id(client_id) else [])
        )
    return Listing(RECURRING_TABLE, tuple(conditions), WITH_CLIENT if with_client else ())


async def window_recurring(
    org: Organization, *, status: Status | None = None, window: Window | None = None
) -> Slice[RecurringInvoice]:
    """A keyset window of the organization's recurring invoices, newest first."""
    access.require(Permission.DOCUMENTS_READ)
    return await keyset(_listing(org, status), NEWEST_FIRST, window or Window())


async def list_recurring(
    org: Organization,
    *,
    status: Status | None = None,
    client_id: str | None = None,
    page: PageRequest | None = None,
) -> Page[RecurringInvoice]:
    """An offset page of the organization's recurring invoices, newest first, each with its
    client (`.client`), optionally only those of one status or one client."""
    access.require(Permission.DOCUMENTS_READ)
    listing = _listing(org, status, client_id=client_id, with_client=True)
    return await paginate(listing, NEWEST_FIRST, page or PageRequest())


async def get_recurring(
    org: Organization, recurring_id: str, *, with_client: bool = False
) -> RecurringInvoice:
    """One of the organization's recurring invoices (read with its client, `.client`, in the
    same statement, `with_client`)."""
    access.require(Permission.DOCUMENTS_READ)
    found = []
    if is_id(recurring_id):
        listing = _listing(org, with_client=with_client)
        found = await listing.where(one_of(RECURRING_TABLE, "id", [recurring_id])).rows()
    if not found:
        raise NotFound(f"No recurring invoice with id {shown_id(recurring_id)}", field="id")
    return found[0]


async def recurring_by_id(
    org: Organization, recurring_ids: Sequence[str]
) -> dict[str, RecurringInvoice]:
    """The organization's recurring invoices among `recurring_ids`, by id, in one query."""
    access.require(Permission.DOCUMENTS_READ)
    wanted = [each for each in recurring_ids if is_id(each)]
    rows = await _listing(org).where(one_of(RECURRING_TABLE, "id", wanted)).rows()
    return {row.id: row for row in rows}


def _runs(org: Organization) -> Listing[RecurringRun]:
    return Listing(RUNS, (compare(RUNS, "organization_id", "=", org.id),))


async def list_runs(
    org: Organization, recurring_id: str, *, page: PageRequest | None = None
) -> Page[RecurringRun]:
    """An offset page of one recurring invoice's runs, latest period first; NOT_FOUND for an
    id that names none of the organization's."""
    schedule = await get_recurring(org, recurring_id)
    runs = _runs(org).where(compare(RUNS, "recurring_invoice_id", "=", schedule.id))
    return await paginate(runs, LATEST_PERIOD_FIRST, page or PageRequest())


async def window_runs(
    org: Organization, recurring_ids: Sequence[str], *, window: Window | None = None
) -> dict[str, Slice[RecurringRun]]:
    """The same window of each recurring invoice's runs, latest period first: a first page
    of all of them in one statement."""
    access.require(Permission.DOCUMENTS_READ)
    return await keysets(
        _runs(org), LATEST_PERIOD_FIRST, window or Window(), "recurring_invoice_id", recurring_ids
    )


# --- Changing -------------------------------------------------------------------------------


async def _with_client(schedule: RecurringInvoice, conn: BaseDBAsyncClient) -> None:
    """Read the recurring invoice's client (`.client`) in the write's transaction `conn`:
    what a write answers is what it wrote."""
    attach(schedule, "client", await Client.filter(id=schedule.client_id).using_db(conn).get())


async def _locked(
    org: Organization, recurring_id: str, conn: BaseDBAsyncClient
) -> RecurringInvoice:
    row = None
    if is_id(recurring_id):
        query = RecurringInvoice.filter(id=recurring_id, organization_id=org.id)
        row = await query.select_for_update().using_db(conn).first()
    if row is None:
        raise NotFound(f"No recurring invoice with id {shown_id(recurring_id)}", field="id")
    return row


def _bounded_int(value: object, *, field: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{field} must be a whole number from {low} to {high}", field=field)
    return value


def _apply_schedule(
    schedule: RecurringInvoice, values: Mapping[str, Any], today: date, *, new: bool
) -> None:
    """Set the schedule fields present in `values` (not the client, not the template)."""
    if "name" in values:
        schedule.name = validation.text(values["name"], field="name", max_length=200)
    if "currency" in values:
        schedule.currency = normalize_currency(values["currency"])
    if "payment_terms_days" in values:
        schedule.payment_terms_days = _bounded_int(
            values["payment_terms_days"], field="paymentTermsDays", low=0, high=MAX_PAYMENT_TERMS
        )
    if "rule" in values:
        schedule.rule = parse_rule(values["rule"])
    if "starts_on" in values:
        if not new and schedule.periods_done:
            raise ValidationError(
                "startsOn cannot change once a period has run: change the rule instead",
                field="startsOn",
            )
        starts = validation.iso_date(values["starts_on"], field="startsOn")
        if starts < today:
            raise ValidationError(
                f"startsOn must be today ({today.isoformat()}, the organization's) or later",
                field="startsOn",
            )
        if starts > LATEST_DATE:
            raise ValidationError("startsOn must be before 3000", field="startsOn")
        schedule.starts_on = starts
    if "ends_on" in values:
        raw = values["ends_on"]
        schedule.ends_on = None if raw is None else validation.iso_date(raw, field="endsOn")
    if "count" in values:
        schedule.max_runs = _bounded_int(values["count"], field="count", low=1, high=MAX_COUNT)
    if "action" in values:
        schedule.action = validation.choice(RunAction, values["action"], field="action").value
    if "missed" in values:
        schedule.missed = validation.choice(Missed, values["missed"], field="missed").value
    if schedule.ends_on is not None and schedule.ends_on < schedule.starts_on:
        raise ValidationError("endsOn must not be before startsOn", field="endsOn")


def _check_sending(schedule: RecurringInvoice, plan: Plan) -> None:
    if schedule.action == RunAction.SEND:
        access.require(Permission.DOCUMENTS_SEND)
        require_feature(plan, Feature.EMAIL)


async def _last_period(schedule: RecurringInvoice, conn: BaseDBAsyncClient) -> date | None:
    run = (
        await RecurringRun.filter(recurring_invoice_id=schedule.id)
        .using_db(conn)
        .order_by("-period")
        .first()
    )
    return None if run is None else run.period


async def _check_has_dates(schedule: RecurringInvoice) -> None:
    """Refuse a schedule whose rule has no date from its start (to its end) within ten
    years, or none found within RULE_SEARCH seconds, looked for in a thread: a rule matching
    no date at all (31 April) would be searched to the year 9999."""
    try:
        first = await asyncio.wait_for(
            asyncio.to_thread(_on_or_after, schedule, schedule.starts_on), RULE_SEARCH
        )
    except TimeoutError:
        first = None
    if first is None:
        raise ValidationError(
            "The rule has no date from startsOn to endsOn within ten years", field="rule"
        )


async def _reschedule(schedule: RecurringInvoice, today: date, conn: BaseDBAsyncClient) -> None:
    """Set the next run from now on: the first date on or after today (and after the last
    period run) by the schedule's rule, end and count."""
    last = await _last_period(schedule, conn)
    day = today if last is None else max(today, last + timedelta(days=1))
    _schedule_next(schedule, day)


async def create_recurring(
    org: Organization, values: Mapping[str, Any], *, plan: Plan, now: datetime | None = None
) -> RecurringInvoice:
    """Add a recurring invoice; its first run is the rule's first date on or after its start
    (today or later)."""
    access.require(Permission.DOCUMENTS_WRITE)
    validation.known_fields(values, (*_SCHEDULE_FIELDS, *_TEMPLATE_FIELDS))
    for required in ("client_id", "rule", "starts_on"):
        if values.get(required) is None:
            name = validation.camel(required)
            raise ValidationError(f"Missing required field: {name}", field=name)
    async with changes.writing(now) as write:
        today = lifecycle.today_in(org, write.at)
        schedule = RecurringInvoice(
            organization_id=org.id,
            currency=org.currency,
            action=RunAction.DRAFT.value,
            missed=Missed.CATCH_UP.value,
            status=Status.ACTIVE.value,
        )
        _apply_schedule(schedule, values, today, new=True)
        _check_sending(schedule, plan)
        client = await documents.active_client(org, values["client_id"], write.conn)
        schedule.client_id = client.id
        schedule.template = await _template(org, schedule.currency, values, write.conn)
        kept = (
            await RecurringInvoice.filter(organization_id=org.id)
            .exclude(status=Status.CANCELLED.value)
            .using_db(write.conn)
            .count()
        )
        if kept >= MAX_RECURRING:
            raise ValidationError(
                f"An organization has at most {MAX_RECURRING} recurring invoices that are not "
                "cancelled",
                field="clientId",
            )
        _schedule_next(schedule, schedule.starts_on)
        if schedule.next_run_on is None:
            raise ValidationError("The rule has no date from startsOn to endsOn", field="rule")
        await schedule.save(using_db=write.conn, force_create=True)
        write.noted("recurring_invoice.created", schedule)
        attach(schedule, "client", client)
    return schedule


async def update_recurring(
    org: Organization,
    recurring_id: str,
    values: Mapping[str, Any],
    *,
    plan: Plan,
    now: datetime | None = None,
) -> RecurringInvoice:
    """Change a recurring invoice that is not cancelled; its invoices made so far stay as
    they are. A change of its rule, end or count sets its next run anew from today."""
    access.require(Permission.DOCUMENTS_WRITE)
    validation.known_fields(values, (*_SCHEDULE_FIELDS, *_TEMPLATE_FIELDS))
    async with changes.writing(now) as write:
        schedule = await _locked(org, recurring_id, write.conn)
        if schedule.status == Status.CANCELLED:
            raise InvalidTransition("A cancelled recurring invoice cannot change", field="id")
        today = lifecycle.today_in(org, write.at)
        _apply_schedule(schedule, values, today, new=False)
        _check_sending(schedule, plan)
        if values.get("client_id") is not None:
            schedule.client_id = (
                await documents.active_client(org, values["client_id"], write.conn)
            ).id
        given = {key: values[key] for key in _TEMPLATE_FIELDS if key in values}
        if given or "currency" in values:  # a flat discount is checked in the currency
            merged = {**schedule.template, **given}
            schedule.template = await _template(org, schedule.currency, merged, write.conn)
        if _TIMING & values.keys():
            await _check_has_dates(schedule)
            if schedule.status != Status.PAUSED:
                await _reschedule(schedule, today, write.conn)
        await schedule.save(using_db=write.conn)
        write.noted("recurring_invoice.updated", schedule)
        await _with_client(schedule, write.conn)
    return schedule


async def _move(
    org: Organization,
    recurring_id: str,
    now: datetime | None,
    allowed: tuple[Status, ...],
    event: str,
    change: Callable[[RecurringInvoice, changes.Write], Awaitable[None]],
) -> RecurringInvoice:
    async with changes.writing(now) as write:
        schedule = await _locked(org, recurring_id, write.conn)
        if schedule.status not in allowed:
            raise InvalidTransition(
                f"A recurring invoice that is {schedule.status} cannot be {event}: it must be "
                + " or ".join(allowed),
                field="id",
            )
        await change(schedule, write)
        await schedule.save(using_db=write.conn)
        write.noted(f"recurring_invoice.{event}", schedule)
        await _with_client(schedule, write.conn)
    return schedule


async def pause_recurring(
    org: Organization, recurring_id: str, *, now: datetime | None = None
) -> RecurringInvoice:
    """Stop an ACTIVE recurring invoice's runs until it is resumed."""
    access.require(Permission.DOCUMENTS_WRITE)

    async def pause(schedule: RecurringInvoice, write: changes.Write) -> None:
        schedule.status, schedule.paused_at = Status.PAUSED.value, write.at

    return await _move(org, recurring_id, now, (Status.ACTIVE,), "paused", pause)


async def resume_recurring(
    org: Organization, recurring_id: str, *, now: datetime | None = None
) -> RecurringInvoice:
    """Run a PAUSED recurring invoice again, from its first date on or after today: the
    periods of the pause are not run."""
    access.require(Permission.DOCUMENTS_WRITE)

    async def resume(schedule: RecurringInvoice, write: changes.Write) -> None:
        schedule.status, schedule.paused_at = Status.ACTIVE.value, None
        await _reschedule(schedule, lifecycle.today_in(org, write.at), write.conn)

    return await _move(org, recurring_id, now, (Status.PAUSED,), "resumed", resume)


async def cancel_recurring(
    org: Organization, recurring_id: str, *, now: datetime | None = None
) -> RecurringInvoice:
    """End a recurring invoice for good; the invoices it made stay."""
    access.require(Permission.DOCUMENTS_WRITE)

    async def cancel(schedule: RecurringInvoice, write: changes.Write) -> None:
        schedule.status, schedule.cancelled_at = Status.CANCELLED.value, write.at
        schedule.next_run_on = None

    allowed = (Status.ACTIVE, Status.PAUSED, Status.FINISHED)
    return await _move(org, recurring_id, now, allowed, "cancelled", cancel)


# --- Running --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Due:
    """A period to run, with its recurring invoice locked in the run's transaction."""

    schedule: RecurringInvoice
    org: Organization
    period: date


async def _due(schedule_id: str, now: datetime, write: changes.Write) -> Due | None:
    """The recurring invoice's period due at `now` in its organization's time zone, its row
    locked; None when none is due, or another worker holds it. Under SKIP, the periods due
    before the latest are recorded as skipped, in this transaction."""
    statement = Statement(write.conn)
    column = RECURRING_TABLE.column
    sql = (
        f"SELECT {column('id')} FROM {RECURRING_TABLE.source} "  # noqa: S608
        f"WHERE {column('id')} = {statement(schedule_id)} "
        f"AND {column('status')} = {statement(Status.ACTIVE.value)} "
        f"AND {column('next_run_on')} IS NOT NULL" + skip_locked(statement, RECURRING_TABLE)
    )
    if not await statement.fetch(sql):
        return None
    schedule = await RecurringInvoice.filter(id=schedule_id).using_db(write.conn).get()
    org = await Organization.filter(id=schedule.organization_id).using_db(write.conn).get()
    today = lifecycle.today_in(org, now)
    period = schedule.next_run_on
    if period is None or period > today:
        return None
    if schedule.missed == Missed.SKIP:
        skipped: list[date] = []
        following = _on_or_after(schedule, period + timedelta(days=1))
        while following is not None and following <= today and len(skipped) < MAX_SKIPPED_AT_ONCE:
            skipped.append(period)
            period, following = following, _on_or_after(schedule, following + timedelta(days=1))
        await RecurringRun.bulk_create(
            [
                RecurringRun(
                    recurring_invoice_id=schedule.id,
                    organization_id=org.id,
                    period=day,
                    state=RunState.SKIPPED.value,
                )
                for day in skipped
            ],
            using_db=write.conn,
        )
    return Due(schedule, org, period)


async def _taken(due: Due, run: RecurringRun, write: changes.Write) -> None:
    """Record the run of `due`'s period and move the recurring invoice on past it."""
    schedule = due.schedule
    await run.save(using_db=write.conn, force_create=True)
    schedule.periods_done += 1
    _schedule_next(schedule, due.period + timedelta(days=1))
    await schedule.save(
        using_db=write.conn, update_fields=["periods_done", "next_run_on", "status", "updated_at"]
    )
    if schedule.status == Status.FINISHED:
        write.noted("recurring_invoice.finished", schedule)


async def _run_period(schedule_id: str, now: datetime, plans: Plans) -> bool:
    """Run the recurring invoice's period due now, if one is (and no other worker is on it):
    make its invoice, or record why none could be made. Whether a period was taken."""
    failed: tuple[date, DomainError] | None = None
    try:
        async with changes.writing(now) as write:
            due = await _due(schedule_id, now, write)
            if due is None:
                return False
            sending = due.schedule.action == RunAction.SEND
            try:
                invoice = await documents.create_document(
                    due.org,
                    invoice_values(due.schedule, due.period),
                    Series.INVOICE,
                    plan=plans.of(due.org),
                    now=now,
                    recurring_invoice_id=due.schedule.id,
                )
            except DomainError as refused:
                failed = (due.period, refused)
                raise
            run = RecurringRun(
                recurring_invoice_id=due.schedule.id,
                organization_id=due.org.id,
                period=due.period,
                state=(RunState.PENDING_SEND if sending else RunState.CREATED).value,
                document_id=invoice.id,
            )
            await _taken(due, run, write)
        return True
    except IntegrityError:  # the period's run exists: taken by another worker after all
        return True
    except DomainError:
        if failed is None:
            raise
    # Nothing of the attempt was kept: the refusal is recorded in a transaction of its own,
    # if the period is still the one due (another worker may have recorded it meanwhile).
    period, reason = failed
    async with changes.writing(now) as write:
        due = await _due(schedule_id, now, write)
        if due is None or due.period != period:
            return due is not None
        run = RecurringRun(
            recurring_invoice_id=due.schedule.id,
            organization_id=due.org.id,
            period=period,
            state=RunState.FAILED.value,
            error=_error_text(reason),
        )
        await _taken(due, run, write)
        write.noted("recurring_invoice.run_failed", due.schedule)
    log.warning("Recurring invoice %s made no invoice for %s: %s", schedule_id, period, reason)
    return True


def _error_text(refused: DomainError) -> str:
    return f"{refused.code}: {refused.message}"[:500]


async def _due_ids(now: datetime, batch: int) -> list[str]:
    # A superset (no time zone is more than a day ahead of UTC); `_due` decides exactly.
    latest = (now + timedelta(days=1)).date()
    ids = (
        await RecurringInvoice.filter(status=Status.ACTIVE.value, next_run_on__lte=latest)
        .order_by("next_run_on", "id")
        .limit(batch)
        .values_list("id", flat=True)
    )
    return [str(each) for each in ids]


async def _mark(run: RecurringRun, state: RunState, now: datetime, error: str = "") -> None:
    """Record what came of e-mailing a run's invoice; a failure is an event."""
    async with changes.writing(now) as write:
        await (
            RecurringRun.filter(id=run.id)
            .using_db(write.conn)
            .update(state=state.value, error=error[:500], sending_until=None, updated_at=write.at)
        )
        if state is RunState.SEND_FAILED:
            schedule = (
                await RecurringInvoice.filter(id=run.recurring_invoice_id)
                .using_db(write.conn)
                .get()
            )
            write.noted("recurring_invoice.run_failed", schedule)


async def _send_made(now: datetime, send: Send, batch: int) -> int:
    """E-mail the invoices runs made to be sent, each by one worker at most once: a run
    whose e-mail failed, or whose worker died while sending it, is SEND_FAILED, its DRAFT
    kept, and not sent again by itself (it may have reached the client)."""
    done = 0
    interrupted = await RecurringRun.filter(
        state=RunState.SENDING.value, sending_until__lt=now
    ).limit(batch)
    for run in interrupted:
        claimed = await RecurringRun.filter(
            id=run.id, state=RunState.SENDING.value, sending_until__lt=now
        ).update(sending_until=now + SEND_LEASE)
        if claimed:
            reason = (
                "Its worker stopped while e-mailing the invoice, which may or may not have "
                "gone out: check with the client before sending the draft"
            )
            await _mark(run, RunState.SEND_FAILED, now, reason)
            done += 1
    pending = (
        await RecurringRun.filter(state=RunState.PENDING_SEND.value)
        .order_by("period", "id")
        .limit(batch)
    )
    for run in pending:
        # A claim only one worker wins: the update of a row still PENDING_SEND.
        claimed = await RecurringRun.filter(id=run.id, state=RunState.PENDING_SEND.value).update(
            state=RunState.SENDING.value, sending_until=now + SEND_LEASE
        )
        if not claimed:
            continue
        done += 1
        org = await Organization.get(id=run.organization_id)
        try:
            if run.document_id is None:
                raise NotFound("Its invoice was deleted before it could be e-mailed")
            await send(org, run.document_id)
        except DomainError as refused:
            await _mark(run, RunState.SEND_FAILED, now, _error_text(refused))
        except Exception:
            log.exception("The invoice of recurring run %s could not be e-mailed", run.id)
            await _mark(run, RunState.SEND_FAILED, now, "The e-mail failed on the server")
        else:
            await _mark(run, RunState.SENT, now)
    return done


async def run_due(now: datetime, *, plans: Plans, send: Send | None, batch: int = BATCH) -> int:
    """Run the periods of up to `batch` recurring invoices due at `now` (several periods of
    one when it catches up, each in its own transaction), then e-mail the invoices to be
    sent (none without `send`); how many periods and e-mails were dealt with."""
    ids = await _due_ids(now, batch)
    done = 0
    for schedule_id in ids:
        for _ in range(MAX_PERIODS_AT_ONCE):
            if not await _run_period(schedule_id, now, plans):
                break
            done += 1
    if send is not None:
        done += await _send_made(now, send, batch)
    return done
