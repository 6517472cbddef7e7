"""billing.lifecycle: the transition table, stamps, settling, OVERDUE at the date boundary in
the organization's time zone, the OVERDUE filter in the database, and the lifecycle as the
billing functions drive it (refused calls change nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from billing import clients, documents, lifecycle, numbering, payments
from billing.errors import (
    AlreadyConverted,
    ErrorCode,
    HasPayments,
    InvalidTransition,
    NotEditable,
    ValidationError,
)
from billing.lifecycle import Status
from billing.pagination import PageRequest
from billing.plans import UNLIMITED
from models import Client, Document, LineItem, NumberSequence, Organization, Payment
from models.enums import DiscountType, Series
from models.enums import DocumentStatus as S
from tests.conftest import Tenant, make_tenant

EARLIER = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 5, 12, 30, tzinfo=UTC)
LATER = datetime(2026, 3, 6, 17, 45, tzinfo=UTC)
STAMP_FIELDS = ("sent_at", "viewed_at", "accepted_at", "paid_at", "voided_at")
TRACKED = ("status", "amount_paid", *STAMP_FIELDS)

# The lifecycle as the spec describes it, written out independently of billing.lifecycle.
# Invoices: DRAFT -> SENT -> VIEWED -> PARTIALLY_PAID -> PAID as payments arrive, payments move
# between the payment states both ways (deleting one goes back to the unpaid state the history
# implies), VOID from any state without payments and final. Estimates: DRAFT -> SENT -> VIEWED
# -> ACCEPTED, VOID when declined; estimates take no payments.
INVOICE_ALLOWED: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SENT, S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.SENT: frozenset({S.VIEWED, S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.VIEWED: frozenset({S.PARTIALLY_PAID, S.PAID, S.VOID}),
    S.PARTIALLY_PAID: frozenset({S.PAID, S.DRAFT, S.SENT, S.VIEWED}),
    S.PAID: frozenset({S.PARTIALLY_PAID, S.DRAFT, S.SENT, S.VIEWED}),
    S.ACCEPTED: frozenset(),
    S.VOID: frozenset(),
}
ESTIMATE_ALLOWED: Mapping[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SENT, S.ACCEPTED, S.VOID}),
    S.SENT: frozenset({S.VIEWED, S.ACCEPTED, S.VOID}),
    S.VIEWED: frozenset({S.ACCEPTED, S.VOID}),
    S.ACCEPTED: frozenset(),
    S.PARTIALLY_PAID: frozenset(),
    S.PAID: frozenset(),
    S.VOID: frozenset(),
}
STAMP_OF = {
    S.SENT: "sent_at",
    S.VIEWED: "viewed_at",
    S.ACCEPTED: "accepted_at",
    S.PAID: "paid_at",
    S.VOID: "voided_at",
}
# The history a document in each status plausibly has (stamps set before NOW).
HISTORY: Mapping[S, tuple[str, ...]] = {
    S.DRAFT: (),
    S.SENT: ("sent_at",),
    S.VIEWED: ("sent_at", "viewed_at"),
    S.ACCEPTED: ("sent_at", "accepted_at"),
    S.PARTIALLY_PAID: ("sent_at",),
    S.PAID: ("sent_at", "paid_at"),
    S.VOID: ("sent_at", "voided_at"),
}
OVERDUE_CAPABLE = {S.SENT, S.VIEWED, S.PARTIALLY_PAID}


def unsaved(
    status: S,
    *,
    is_estimate: bool = False,
    amount_paid: str = "0",
    due_date: date | None = None,
    history: tuple[str, ...] = (),
    **stamps: datetime | None,
) -> Document:
    """A document that never touches the database; the `history` stamps are set to EARLIER."""
    return Document(
        is_estimate=is_estimate,
        status=status,
        number="EST-1" if is_estimate else "INV-1",
        currency="USD",
        minor_units=2,
        issue_date=date(2026, 3, 1),
        due_date=due_date,
        amount_paid=Decimal(amount_paid),
        total=Decimal("100"),
        **{**dict.fromkeys(history, EARLIER), **stamps},
    )


def tracked(document: Document) -> dict[str, Any]:
    return {name: getattr(document, name) for name in TRACKED}


def kind_name(is_estimate: bool) -> str:
    return "estimate" if is_estimate else "invoice"


# --- The transition table (no database) -------------------------------------------------------

ALL_PAIRS = [
    pytest.param(
        is_estimate,
        source,
        target,
        id=f"{kind_name(is_estimate)}-{source.value}-to-{target.value}",
    )
    for is_estimate in (False, True)
    for source in S
    for target in S
    if source is not target
]


@pytest.mark.parametrize(("is_estimate", "source", "target"), ALL_PAIRS)
def test_transition_follows_the_table(is_estimate: bool, source: S, target: S) -> None:
    document = unsaved(source, is_estimate=is_estimate, history=HISTORY[source])
    before = tracked(document)
    allowed = (ESTIMATE_ALLOWED if is_estimate else INVOICE_ALLOWED)[source]
    assert lifecycle.can_transition(document, target) is (target in allowed)

    if target not in allowed:
        with pytest.raises(InvalidTransition) as info:
            lifecycle.transition(document, target, NOW)
        assert info.value.code is ErrorCode.INVALID_TRANSITION
        assert info.value.field == "status"
        assert source.value in info.value.message
        assert target.value in info.value.message
        assert tracked(document) == before  # a refused transition touches nothing
        return

    changed = lifecycle.transition(document, target, NOW)
    after = tracked(document)
    expected = dict(before, status=target)
    stamp = STAMP_OF.get(target)
    if stamp is not None and not (target in (S.SENT, S.VIEWED) and before[stamp] is not None):
        expected[stamp] = NOW
    if target is not S.PAID:
        expected["paid_at"] = None
    assert after == expected
    # The fields reported are exactly the fields changed: callers save only those.
    assert set(changed) == {name for name in TRACKED if after[name] != before[name]}
    assert len(changed) == len(set(changed))


def test_the_expected_table_covers_every_stored_status() -> None:
    assert set(INVOICE_ALLOWED) == set(S) == set(ESTIMATE_ALLOWED)
    assert {s.value for s in S} | {"OVERDUE"} == {s.value for s in Status}


@pytest.mark.parametrize("is_estimate", [False, True], ids=["invoice", "estimate"])
@pytest.mark.parametrize("status", list(S), ids=[s.value for s in S])
def test_moving_to_the_same_status_changes_nothing(is_estimate: bool, status: S) -> None:
    document = unsaved(status, is_estimate=is_estimate, history=HISTORY[status])
    before = tracked(document)
    assert lifecycle.transition(document, status, NOW) == []
    assert tracked(document) == before


@pytest.mark.parametrize(
    ("is_estimate", "source", "target", "stamp"),
    [
        pytest.param(False, S.DRAFT, S.SENT, "sent_at", id="invoice-sent"),
        pytest.param(False, S.SENT, S.VIEWED, "viewed_at", id="invoice-viewed"),
        pytest.param(False, S.VIEWED, S.PAID, "paid_at", id="invoice-paid"),
        pytest.param(False, S.SENT, S.VOID, "voided_at", id="invoice-void"),
        pytest.param(True, S.DRAFT, S.SENT, "sent_at", id="estimate-sent"),
        pytest.param(True, S.SENT, S.VIEWED, "viewed_at", id="estimate-viewed"),
        pytest.param(True, S.VIEWED, S.ACCEPTED, "accepted_at", id="estimate-accepted"),
        pytest.param(True, S.DRAFT, S.VOID, "voided_at", id="estimate-void"),
    ],
)
def test_each_target_stamps_its_time(is_estimate: bool, source: S, target: S, stamp: str) -> None:
    document = unsaved(source, is_estimate=is_estimate)
    changed = lifecycle.transition(document, target, NOW)
    assert getattr(document, stamp) == NOW
    assert stamp in changed
    assert "status" in changed
    assert document.status is target


def test_sent_and_viewed_keep_the_first_time() -> None:
    # Paid after being viewed, then the payment is deleted: back to VIEWED, first view kept.
    document = unsaved(S.PAID, sent_at=EARLIER, viewed_at=EARLIER, paid_at=EARLIER)
    changed = lifecycle.transition(document, S.VIEWED, NOW)
    assert document.viewed_at == EARLIER
    assert document.sent_at == EARLIER
    assert "viewed_at" not in changed
    assert "sent_at" not in changed

    document = unsaved(S.PARTIALLY_PAID, sent_at=EARLIER)
    changed = lifecycle.transition(document, S.SENT, NOW)
    assert document.status is S.SENT
    assert document.sent_at == EARLIER
    assert changed == ["status"]


def test_leaving_paid_clears_paid_at_and_paying_again_restamps() -> None:
    document = unsaved(S.PAID, sent_at=EARLIER, paid_at=EARLIER)
    changed = lifecycle.transition(document, S.PARTIALLY_PAID, NOW)
    assert document.paid_at is None
    assert "paid_at" in changed
    changed = lifecycle.transition(document, S.PAID, LATER)
    assert document.paid_at == LATER
    assert "paid_at" in changed


@pytest.mark.parametrize(
    "source",
    [S.DRAFT, S.SENT, S.VIEWED, S.PARTIALLY_PAID, S.PAID],
    ids=lambda s: s.value,
)
def test_void_with_payments_is_refused_as_has_payments(source: S) -> None:
    amount = "100" if source is S.PAID else "40"
    document = unsaved(source, amount_paid=amount, history=HISTORY[source])
    before = tracked(document)
    with pytest.raises(HasPayments) as info:
        lifecycle.transition(document, S.VOID, NOW)
    assert info.value.code is ErrorCode.HAS_PAYMENTS
    assert "INV-1" in info.value.message
    assert tracked(document) == before


@pytest.mark.parametrize(
    ("history", "unpaid"),
    [
        pytest.param((), S.DRAFT, id="never-sent-DRAFT"),
        pytest.param(("sent_at",), S.SENT, id="sent-SENT"),
        pytest.param(("sent_at", "viewed_at"), S.VIEWED, id="viewed-VIEWED"),
    ],
)
def test_settle_follows_the_amount_paid(history: tuple[str, ...], unpaid: S) -> None:
    document = unsaved(unpaid, history=history)

    changed = lifecycle.settle(document, Decimal("40"), NOW)
    assert (document.status, document.amount_paid, document.paid_at) == (
        S.PARTIALLY_PAID,
        Decimal("40"),
        None,
    )
    assert {"amount_paid", "status"} <= set(changed)

    changed = lifecycle.settle(document, Decimal("100"), NOW)
    assert (document.status, document.paid_at) == (S.PAID, NOW)
    assert {"amount_paid", "status", "paid_at"} <= set(changed)

    changed = lifecycle.settle(document, Decimal("60"), LATER)
    assert (document.status, document.paid_at) == (S.PARTIALLY_PAID, None)
    assert "paid_at" in changed

    changed = lifecycle.settle(document, Decimal(0), LATER)
    assert document.status is unpaid
    assert document.amount_paid == 0
    assert document.paid_at is None
    for name in history:
        assert getattr(document, name) == EARLIER  # history kept, not restamped
    assert {"amount_paid", "status"} <= set(changed)


def test_settle_from_paid_straight_back_to_unpaid() -> None:
    document = unsaved(S.PAID, amount_paid="100", sent_at=EARLIER, paid_at=EARLIER)
    changed = lifecycle.settle(document, Decimal(0), NOW)
    assert document.status is S.SENT
    assert document.paid_at is None
    assert set(changed) == {
        "amount_paid",
        "amount_credited",
        "amount_refunded",
        "status",
        "paid_at",
    }


def test_require_editable_allows_drafts() -> None:
    lifecycle.require_editable(unsaved(S.DRAFT), NOW)
    lifecycle.require_editable(unsaved(S.DRAFT, is_estimate=True), NOW)


def test_require_editable_refuses_a_draft_being_sent_until_its_claim_ends() -> None:
    draft = unsaved(S.DRAFT)
    draft.sending_until = NOW + timedelta(minutes=1)
    with pytest.raises(NotEditable, match="being e-mailed"):
        lifecycle.require_editable(draft, NOW)
    lifecycle.require_editable(draft, NOW + timedelta(minutes=2))


@pytest.mark.parametrize("is_estimate", [False, True], ids=["invoice", "estimate"])
@pytest.mark.parametrize("status", [s for s in S if s is not S.DRAFT], ids=lambda s: s.value)
def test_require_editable_refuses_non_drafts_naming_the_status(
    is_estimate: bool, status: S
) -> None:
    with pytest.raises(NotEditable) as info:
        lifecycle.require_editable(unsaved(status, is_estimate=is_estimate), NOW)
    assert info.value.code is ErrorCode.NOT_EDITABLE
    assert status.value in info.value.message
    assert "DRAFT" in info.value.message
    assert ("EST-1" if is_estimate else "INV-1") in info.value.message


# --- OVERDUE at the date boundary (no database) -----------------------------------------------

DUE = date(2026, 3, 10)


def org_in(zone: str) -> Organization:
    return Organization(name=zone, timezone=zone)


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        # UTC+14: the 11th starts at 10:00 UTC on the 10th.
        pytest.param("Pacific/Kiritimati", "2026-03-10T09:59:59Z", date(2026, 3, 10), id="kir-10"),
        pytest.param("Pacific/Kiritimati", "2026-03-10T10:00:00Z", date(2026, 3, 11), id="kir-11"),
        pytest.param("Pacific/Kiritimati", "2026-03-09T09:59:59Z", date(2026, 3, 9), id="kir-9"),
        # UTC-11: the 11th starts at 11:00 UTC on the 11th.
        pytest.param("Pacific/Pago_Pago", "2026-03-11T10:59:59Z", date(2026, 3, 10), id="pago-10"),
        pytest.param("Pacific/Pago_Pago", "2026-03-11T11:00:00Z", date(2026, 3, 11), id="pago-11"),
        pytest.param(
            "Pacific/Pago_Pago", "2026-03-11T00:30:00Z", date(2026, 3, 10), id="pago-utc11"
        ),
        pytest.param("UTC", "2026-03-10T23:59:59Z", date(2026, 3, 10), id="utc-10"),
        pytest.param("UTC", "2026-03-11T00:00:00Z", date(2026, 3, 11), id="utc-11"),
    ],
)
def test_today_and_overdue_at_the_boundary_in_the_org_zone(
    zone: str, now: str, today: date
) -> None:
    moment = datetime.fromisoformat(now)
    assert lifecycle.today_in(org_in(zone), moment) == today
    invoice = unsaved(S.SENT, sent_at=EARLIER, due_date=DUE)
    expected = Status.OVERDUE if today > DUE else Status.SENT
    assert lifecycle.effective_status(invoice, lifecycle.today_in(org_in(zone), moment)) is expected


def test_the_same_instant_is_overdue_in_one_zone_and_not_in_another() -> None:
    moment = datetime(2026, 3, 11, 5, 0, tzinfo=UTC)  # the 11th in UTC and Kiritimati
    invoice = unsaved(S.SENT, sent_at=EARLIER, due_date=DUE)
    far_east = lifecycle.today_in(org_in("Pacific/Kiritimati"), moment)
    far_west = lifecycle.today_in(org_in("Pacific/Pago_Pago"), moment)
    assert (far_east, far_west) == (date(2026, 3, 11), date(2026, 3, 10))
    assert lifecycle.effective_status(invoice, far_east) is Status.OVERDUE
    assert lifecycle.effective_status(invoice, far_west) is Status.SENT


@pytest.mark.parametrize("is_estimate", [False, True], ids=["invoice", "estimate"])
@pytest.mark.parametrize("status", list(S), ids=lambda s: s.value)
def test_which_documents_read_as_overdue(is_estimate: bool, status: S) -> None:
    today = date(2026, 3, 11)
    past_due = unsaved(status, is_estimate=is_estimate, due_date=DUE)
    due_today = unsaved(status, is_estimate=is_estimate, due_date=today)
    no_due_date = unsaved(status, is_estimate=is_estimate)
    overdue = not is_estimate and status in OVERDUE_CAPABLE
    assert lifecycle.effective_status(past_due, today) is (
        Status.OVERDUE if overdue else Status(status.value)
    )
    assert lifecycle.effective_status(due_today, today) is Status(status.value)
    assert lifecycle.effective_status(no_due_date, today) is Status(status.value)
    assert lifecycle.effective_status(no_due_date, date(2999, 12, 31)) is Status(status.value)


# --- Helpers over the database ----------------------------------------------------------------

ONE_LINE = [{"description": "x", "quantity": "1", "unit_price": "100"}]


async def new_client(org: Organization, name: str = "Ada") -> Client:
    return await clients.create_client(org, {"name": name}, UNLIMITED)


async def new_document(
    org: Organization,
    client: Client,
    *,
    is_estimate: bool = False,
    due_date: str | None = "2026-03-10",
    **extra: Any,
) -> Document:
    values: dict[str, Any] = {
        "client_id": client.id,
        "line_items": ONE_LINE,
        "issue_date": "2026-03-01",
        **extra,
    }
    if due_date is not None:
        values["due_date"] = due_date
    return await documents.create_document(
        org, values, series=numbering.series_of(is_estimate), now=EARLIER, plan=UNLIMITED
    )


async def pay(org: Organization, invoice: Document, amount: str, now: datetime = NOW) -> Payment:
    return await payments.record_payment(
        org, {"invoice_id": invoice.id, "amount": amount, "payment_method": "CASH"}, now=now
    )


async def mark_viewed(document: Document, now: datetime = NOW) -> None:
    """What the public link does when the client opens it (no billing function for it yet)."""
    stored = await Document.get(id=document.id)
    changed = lifecycle.transition(stored, S.VIEWED, now)
    await stored.save(update_fields=[*changed, "updated_at"])


async def stored(document_id: str) -> Document:
    return await Document.get(id=document_id)


async def snapshot(document_id: str) -> dict[str, Any]:
    """Every stored column of a document, its lines and payments: proof a refusal changed
    nothing."""
    rows = await Document.filter(id=document_id).values()
    assert len(rows) == 1
    return {
        "document": rows[0],
        "lines": await LineItem.filter(document_id=document_id).order_by("position").values(),
        "payments": await Payment.filter(document_id=document_id).order_by("id").values(),
    }


# --- The OVERDUE filter runs in the database --------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        pytest.param(
            "Pacific/Kiritimati",
            datetime(2026, 3, 10, 9, 59, tzinfo=UTC),
            datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
            id="kiritimati",
        ),
        pytest.param(
            "Pacific/Pago_Pago",
            datetime(2026, 3, 11, 10, 59, tzinfo=UTC),
            datetime(2026, 3, 11, 11, 0, tzinfo=UTC),
            id="pago_pago",
        ),
    ],
)
async def test_status_filters_find_exactly_what_reads_as_that_status(
    tenant: Tenant, zone: str, before: datetime, after: datetime
) -> None:
    org = (await make_tenant("Far", timezone=zone)).org
    client = await new_client(org)
    # Noise in another organization (the `tenant` one, UTC), overdue by any clock.
    other = await new_document(
        tenant.org, await new_client(tenant.org), issue_date="2026-01-01", due_date="2026-01-02"
    )
    await documents.mark_sent(tenant.org, other.id, series=Series.INVOICE, now=EARLIER)

    draft = await new_document(org, client)
    sent = await new_document(org, client)
    sent_no_due = await new_document(org, client, due_date=None)
    sent_later = await new_document(org, client, due_date="2026-03-20")
    viewed = await new_document(org, client)
    partly = await new_document(org, client)
    paid = await new_document(org, client)
    void = await new_document(org, client)
    for document in (sent, sent_no_due, sent_later, viewed, partly, paid, void):
        await documents.mark_sent(org, document.id, series=Series.INVOICE, now=EARLIER)
    await mark_viewed(viewed)
    await pay(org, partly, "40")
    await pay(org, paid, "100")
    await documents.void_document(org, void.id, series=Series.INVOICE, now=NOW)
    estimate = await new_document(org, client, is_estimate=True)
    await documents.mark_sent(org, estimate.id, series=Series.ESTIMATE, now=EARLIER)

    expected_before = {
        Status.DRAFT: {draft.id},
        Status.SENT: {sent.id, sent_no_due.id, sent_later.id},
        Status.VIEWED: {viewed.id},
        Status.PARTIALLY_PAID: {partly.id},
        Status.PAID: {paid.id},
        Status.VOID: {void.id},
        Status.OVERDUE: set(),
        Status.ACCEPTED: set(),
    }
    expected_after = {
        **expected_before,
        Status.SENT: {sent_no_due.id, sent_later.id},
        Status.VIEWED: set(),
        Status.PARTIALLY_PAID: set(),
        Status.OVERDUE: {sent.id, viewed.id, partly.id},
    }
    for now, expected in ((before, expected_before), (after, expected_after)):
        today = lifecycle.today_in(org, now)
        for status in Status:
            page = await documents.list_documents(
                org, series=Series.INVOICE, where=documents.DocumentFilter(status=status), now=now
            )
            found = {d.id for d in page.items}
            assert found == expected[status], (now, status)
            assert page.total == len(expected[status]), (now, status)
            # What the database filtered agrees with what each document reads as.
            for document in page.items:
                assert lifecycle.effective_status(document, today) is status
            # Counted in SQL, not filtered in Python after the LIMIT.
            small = await documents.list_documents(
                org,
                series=Series.INVOICE,
                where=documents.DocumentFilter(status=status),
                now=now,
                page=PageRequest(limit=1),
            )
            assert small.total == len(expected[status]), (now, status)
            assert len(small.items) == min(1, len(expected[status]))
            assert {d.id for d in small.items} <= expected[status]

        # Estimates never read as OVERDUE, even past their due date.
        overdue_estimates = await documents.list_documents(
            org,
            series=Series.ESTIMATE,
            where=documents.DocumentFilter(status=Status.OVERDUE),
            now=now,
        )
        assert (overdue_estimates.total, list(overdue_estimates.items)) == (0, [])
        sent_estimates = await documents.list_documents(
            org, series=Series.ESTIMATE, where=documents.DocumentFilter(status=Status.SENT), now=now
        )
        assert [d.id for d in sent_estimates.items] == [estimate.id]
        assert sent_estimates.total == 1

    # Every invoice is in exactly one status at any moment.
    everything = await documents.list_documents(org, series=Series.INVOICE, now=after)
    assert everything.total == 8
    assert {d.id for d in everything.items} == set().union(*expected_after.values())


async def test_overdue_second_page_counts_in_sql(tenant: Tenant) -> None:
    client = await new_client(tenant.org)
    overdue = []
    for _ in range(3):
        document = await new_document(tenant.org, client)
        await documents.mark_sent(tenant.org, document.id, series=Series.INVOICE, now=EARLIER)
        overdue.append(document.id)
    for _ in range(3):  # not overdue: listed first by creation date if Python filtered late
        document = await new_document(tenant.org, client, due_date=None)
        await documents.mark_sent(tenant.org, document.id, series=Series.INVOICE, now=EARLIER)
    now = datetime(2026, 4, 1, tzinfo=UTC)
    seen: list[str] = []
    for number in (1, 2, 3, 4):
        page = await documents.list_documents(
            tenant.org,
            series=Series.INVOICE,
            where=documents.DocumentFilter(status=Status.OVERDUE),
            now=now,
            page=PageRequest(page=number, limit=1),
        )
        assert page.total == 3
        seen.extend(d.id for d in page.items)
    assert sorted(seen) == sorted(overdue)


# --- Transitions through the billing functions ------------------------------------------------


async def test_mark_sent_twice_is_refused_and_keeps_the_first_time(tenant: Tenant) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    sent = await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=NOW)
    assert sent.status is S.SENT
    assert sent.sent_at == NOW
    before = await snapshot(invoice.id)
    with pytest.raises(InvalidTransition) as info:
        await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert "SENT" in info.value.message
    assert await snapshot(invoice.id) == before


@pytest.mark.parametrize(
    ("amount", "status"), [("40", S.PARTIALLY_PAID), ("100", S.PAID)], ids=["partly", "paid"]
)
async def test_mark_sent_is_refused_once_paid(tenant: Tenant, amount: str, status: S) -> None:
    # mark_sent records that a DRAFT was sent; a paid invoice must keep its payment status.
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=EARLIER)
    await pay(tenant.org, invoice, amount)
    assert (await stored(invoice.id)).status is status
    before = await snapshot(invoice.id)
    with pytest.raises(InvalidTransition):
        await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert await snapshot(invoice.id) == before


async def test_void_a_sent_invoice_then_everything_is_refused(tenant: Tenant) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=EARLIER)
    voided = await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE, now=NOW)
    assert voided.status is S.VOID
    assert voided.voided_at == NOW
    assert voided.sent_at == EARLIER
    before = await snapshot(invoice.id)

    with pytest.raises(InvalidTransition):
        await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert await snapshot(invoice.id) == before

    with pytest.raises(InvalidTransition) as info:
        await pay(tenant.org, invoice, "10", now=LATER)
    assert info.value.field == "invoiceId"
    assert "VOID" in info.value.message
    assert await snapshot(invoice.id) == before
    assert await Payment.all().count() == 0

    with pytest.raises(InvalidTransition):
        await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert await snapshot(invoice.id) == before

    with pytest.raises(NotEditable) as editable:
        await documents.update_document(
            tenant.org, invoice.id, {"notes": "revived"}, series=Series.INVOICE
        )
    assert "VOID" in editable.value.message
    assert await snapshot(invoice.id) == before


async def test_void_a_draft_invoice(tenant: Tenant) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    voided = await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE, now=NOW)
    assert (voided.status, voided.voided_at, voided.sent_at) == (S.VOID, NOW, None)
    row = await stored(invoice.id)
    assert (row.status, row.voided_at) == (S.VOID, NOW)


@pytest.mark.parametrize(
    ("amount", "status"), [("40", S.PARTIALLY_PAID), ("100", S.PAID)], ids=["partly", "paid"]
)
async def test_void_an_invoice_with_payments_is_refused(
    tenant: Tenant, amount: str, status: S
) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=EARLIER)
    await pay(tenant.org, invoice, amount)
    assert (await stored(invoice.id)).status is status
    before = await snapshot(invoice.id)
    with pytest.raises(HasPayments) as info:
        await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert info.value.code is ErrorCode.HAS_PAYMENTS
    assert invoice.number in info.value.message
    assert await snapshot(invoice.id) == before


async def test_deleting_the_payments_lets_the_invoice_be_voided(tenant: Tenant) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE, now=EARLIER)
    first = await pay(tenant.org, invoice, "40")
    second = await pay(tenant.org, invoice, "60")
    row = await stored(invoice.id)
    assert (row.status, row.amount_paid, row.paid_at) == (S.PAID, Decimal(100), NOW)

    await payments.delete_payment(tenant.org, second.id, now=LATER)
    row = await stored(invoice.id)
    assert (row.status, row.amount_paid, row.paid_at) == (S.PARTIALLY_PAID, Decimal(40), None)

    await payments.delete_payment(tenant.org, first.id, now=LATER)
    row = await stored(invoice.id)
    assert (row.status, row.amount_paid, row.sent_at) == (S.SENT, Decimal(0), EARLIER)

    voided = await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE, now=LATER)
    assert (voided.status, voided.voided_at) == (S.VOID, LATER)


@pytest.mark.parametrize(
    ("is_estimate", "setup"),
    [
        pytest.param(False, "sent", id="invoice-SENT"),
        pytest.param(False, "partly", id="invoice-PARTIALLY_PAID"),
        pytest.param(True, "sent", id="estimate-SENT"),
        pytest.param(True, "accepted", id="estimate-ACCEPTED"),
    ],
)
async def test_update_a_non_draft_is_not_editable(
    tenant: Tenant, is_estimate: bool, setup: str
) -> None:
    document = await new_document(tenant.org, await new_client(tenant.org), is_estimate=is_estimate)
    await documents.mark_sent(
        tenant.org, document.id, series=numbering.series_of(is_estimate), now=EARLIER
    )
    if setup == "partly":
        await pay(tenant.org, document, "40")
    elif setup == "accepted":
        await documents.accept_estimate(tenant.org, document.id, now=NOW)
    status = (await stored(document.id)).status
    before = await snapshot(document.id)
    with pytest.raises(NotEditable) as info:
        await documents.update_document(
            tenant.org,
            document.id,
            {
                "notes": "changed",
                "due_date": "2026-04-01",
                "line_items": [{"description": "y", "quantity": "2", "unit_price": "5"}],
            },
            series=numbering.series_of(is_estimate),
        )
    assert info.value.code is ErrorCode.NOT_EDITABLE
    assert status.value in info.value.message
    assert document.number in info.value.message
    assert await snapshot(document.id) == before


async def test_update_a_draft_is_allowed(tenant: Tenant) -> None:
    invoice = await new_document(tenant.org, await new_client(tenant.org))
    updated = await documents.update_document(
        tenant.org, invoice.id, {"notes": "changed"}, series=Series.INVOICE
    )
    assert updated.notes == "changed"
    assert updated.status is S.DRAFT


@pytest.mark.parametrize("sent", [False, True], ids=["from-DRAFT", "from-SENT"])
async def test_accept_an_estimate(tenant: Tenant, sent: bool) -> None:
    estimate = await new_document(tenant.org, await new_client(tenant.org), is_estimate=True)
    if sent:
        await documents.mark_sent(tenant.org, estimate.id, series=Series.ESTIMATE, now=EARLIER)
    accepted = await documents.accept_estimate(tenant.org, estimate.id, now=NOW)
    assert accepted.status is S.ACCEPTED
    assert accepted.accepted_at == NOW
    assert accepted.sent_at == (EARLIER if sent else None)
    row = await stored(estimate.id)
    assert (row.status, row.accepted_at) == (S.ACCEPTED, NOW)

    before = await snapshot(estimate.id)
    with pytest.raises(InvalidTransition):
        await documents.accept_estimate(tenant.org, estimate.id, now=LATER)
    with pytest.raises(InvalidTransition):
        await documents.void_document(tenant.org, estimate.id, series=Series.ESTIMATE, now=LATER)
    assert await snapshot(estimate.id) == before


async def test_accept_a_void_estimate_is_refused(tenant: Tenant) -> None:
    estimate = await new_document(tenant.org, await new_client(tenant.org), is_estimate=True)
    await documents.mark_sent(tenant.org, estimate.id, series=Series.ESTIMATE, now=EARLIER)
    await documents.void_document(tenant.org, estimate.id, series=Series.ESTIMATE, now=NOW)
    before = await snapshot(estimate.id)
    with pytest.raises(InvalidTransition) as info:
        await documents.accept_estimate(tenant.org, estimate.id, now=LATER)
    assert "VOID" in info.value.message
    assert "ACCEPTED" in info.value.message
    assert await snapshot(estimate.id) == before


async def test_estimates_take_no_payments(tenant: Tenant) -> None:
    estimate = await new_document(tenant.org, await new_client(tenant.org), is_estimate=True)
    await documents.mark_sent(tenant.org, estimate.id, series=Series.ESTIMATE, now=EARLIER)
    before = await snapshot(estimate.id)
    with pytest.raises(ValidationError) as info:
        await pay(tenant.org, estimate, "10")
    assert info.value.field == "invoiceId"
    assert await snapshot(estimate.id) == before
    assert await Payment.all().count() == 0


@pytest.mark.parametrize("start", ["DRAFT", "SENT", "ACCEPTED"])
async def test_convert_an_estimate(tenant: Tenant, start: str) -> None:
    client = await new_client(tenant.org)
    estimate = await new_document(
        tenant.org,
        client,
        is_estimate=True,
        line_items=[
            {"description": "Design", "quantity": "2", "unit_price": "150", "tax_rate": "5"},
            {"description": "Hosting", "quantity": "1", "unit_price": "20", "apply_tax": False},
        ],
        discount_type="PERCENT",
        discount_value="10",
        tax="7",
        notes="Thanks",
        terms="Net 30",
    )
    if start in ("SENT", "ACCEPTED"):
        await documents.mark_sent(tenant.org, estimate.id, series=Series.ESTIMATE, now=EARLIER)
    accepted_at = NOW
    if start == "ACCEPTED":
        await documents.accept_estimate(tenant.org, estimate.id, now=EARLIER + timedelta(hours=1))
        accepted_at = EARLIER + timedelta(hours=1)

    invoice = await documents.convert_estimate(tenant.org, estimate.id, now=NOW, plan=UNLIMITED)

    source = await stored(estimate.id)
    assert source.status is S.ACCEPTED
    assert source.accepted_at == accepted_at  # the first acceptance, or the conversion
    assert source.sent_at == (None if start == "DRAFT" else EARLIER)

    row = await stored(invoice.id)
    assert row.is_estimate is False
    assert row.status is S.DRAFT
    assert row.number.startswith("INV-")
    assert row.source_estimate_id == estimate.id
    assert row.client_id == client.id
    assert (row.currency, row.discount_type, row.discount_value) == (
        source.currency,
        DiscountType.PERCENT,
        Decimal(10),
    )
    assert (row.tax, row.notes, row.terms) == (Decimal(7), "Thanks", "Net 30")
    assert row.total == source.total
    assert row.total > 0
    assert row.issue_date == lifecycle.today_in(tenant.org, NOW)
    assert (row.sent_at, row.paid_at, row.voided_at, row.amount_paid) == (
        None,
        None,
        None,
        Decimal(0),
    )
    fields = ("description", "quantity", "unit_price", "tax_rate", "apply_tax", "amount")
    lines = [
        await LineItem.filter(document_id=d).order_by("position").values_list(*fields)
        for d in (estimate.id, invoice.id)
    ]
    assert len(lines[0]) == 2
    assert lines[0] == lines[1]
    # Linked both ways: the estimate reaches its invoice through the reverse relation.
    linked = await Document.filter(converted_invoice__id=invoice.id).first()
    assert linked is not None
    assert linked.id == estimate.id
    assert row.public_token != source.public_token


async def test_convert_twice_is_refused_naming_the_invoice(tenant: Tenant) -> None:
    estimate = await new_document(tenant.org, await new_client(tenant.org), is_estimate=True)
    invoice = await documents.convert_estimate(tenant.org, estimate.id, now=NOW, plan=UNLIMITED)
    before = (await snapshot(estimate.id), await snapshot(invoice.id))
    with pytest.raises(AlreadyConverted) as info:
        await documents.convert_estimate(tenant.org, estimate.id, now=LATER, plan=UNLIMITED)
    assert info.value.code is ErrorCode.ALREADY_CONVERTED
    assert invoice.number in info.value.message
    assert (await snapshot(estimate.id), await snapshot(invoice.id)) == before
    assert await Document.filter(is_estimate=False).count() == 1


async def test_convert_a_void_estimate_is_refused(tenant: Tenant) -> None:
    estimate = await new_document(tenant.org, await new_client(tenant.org), is_estimate=True)
    await documents.void_document(tenant.org, estimate.id, series=Series.ESTIMATE, now=NOW)
    before = await snapshot(estimate.id)
    sequences = await NumberSequence.filter(organization_id=tenant.org.id).order_by("id").values()
    with pytest.raises(InvalidTransition) as info:
        await documents.convert_estimate(tenant.org, estimate.id, now=LATER, plan=UNLIMITED)
    assert "VOID" in info.value.message
    assert await snapshot(estimate.id) == before
    assert await Document.filter(is_estimate=False).count() == 0
    # The invoice number was not consumed either: the whole conversion rolled back.
    assert (
        await NumberSequence.filter(organization_id=tenant.org.id).order_by("id").values()
        == sequences
    )
