"""billing.changes: what a write announces reaches the listeners once, after its commit, and
never for a rolled-back write; through the app, every surface's writes announce the same."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx
import pytest

from billing import changes, documents, payments, public_links
from billing.changes import Change, ChangeKind, writing
from billing.errors import NotEditable, ValidationError
from billing.plans import UNLIMITED
from models import Document
from models.enums import Series
from tests.billing.factories import a_client, a_sent_document, an_invoice
from tests.conftest import Tenant

K = ChangeKind
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class Heard:
    """A listener recording each delivery it gets."""

    def __init__(self) -> None:
        self.deliveries: list[list[Change]] = []

    def __call__(self, delivered: Sequence[Change]) -> None:
        self.deliveries.append(list(delivered))

    @property
    def kinds(self) -> list[tuple[ChangeKind, str]]:
        """Every change heard, as (kind, document id), in order."""
        return [(c.kind, c.document_id) for batch in self.deliveries for c in batch]


@contextmanager
def heard() -> Iterator[Heard]:
    listener = Heard()
    with changes.listening(listener):
        yield listener


async def test_a_write_is_announced_once_after_it_commits(tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    with heard() as listener:
        invoice = await an_invoice(tenant.org, client)
    assert len(listener.deliveries) == 1
    (change,) = listener.deliveries[0]
    assert change == Change(
        K.CREATED, tenant.org.id, invoice.id, Series.INVOICE, change.at, payment_id=None
    )
    assert abs((datetime.now(UTC) - change.at).total_seconds()) < 60


async def test_a_listener_runs_after_the_commit_and_sees_it(tenant: Tenant) -> None:
    seen: list[str | None] = []

    def read_back(delivered: Sequence[Change]) -> None:
        # Listeners run synchronously; what they schedule reads the committed row.
        seen.extend(change.document_id for change in delivered)

    with changes.listening(read_back):
        invoice = await an_invoice(tenant.org)
    assert seen == [invoice.id]
    assert await Document.exists(id=invoice.id)


async def test_a_refused_write_announces_nothing(tenant: Tenant) -> None:
    invoice = await a_sent_document(tenant.org)
    with heard() as listener:
        with pytest.raises(NotEditable):
            await documents.update_document(tenant.org, invoice.id, {"notes": "x"}, Series.INVOICE)
        with pytest.raises(ValidationError):
            await payments.record_payment(
                tenant.org,
                {"invoice_id": invoice.id, "amount": "-1", "payment_method": "CASH"},
            )
    assert listener.deliveries == []


async def test_a_rolled_back_transaction_announces_nothing(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)

    class Abort(Exception):
        pass

    with heard() as listener, pytest.raises(Abort):
        async with writing() as write:
            write.announce(K.UPDATED, invoice)
            raise Abort
    assert listener.deliveries == []


async def test_nested_writes_are_delivered_once_with_the_outer_commit(tenant: Tenant) -> None:
    first, second = await an_invoice(tenant.org), await an_invoice(tenant.org)
    with heard() as listener:
        async with writing() as outer:
            outer.announce(K.UPDATED, first)
            async with writing() as inner:
                inner.announce(K.UPDATED, second)
            assert listener.deliveries == []  # the outer transaction has not committed yet
    assert listener.kinds == [(K.UPDATED, first.id), (K.UPDATED, second.id)]
    assert len(listener.deliveries) == 1


async def test_a_failing_listener_does_not_stop_the_others(
    tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(delivered: Sequence[Change]) -> None:
        raise RuntimeError("listener bug")

    with changes.listening(broken), heard() as listener:
        invoice = await an_invoice(tenant.org)
    assert listener.kinds == [(K.CREATED, invoice.id)]
    assert "A listener of committed changes failed" in caplog.text


async def test_each_command_announces_what_it_did(tenant: Tenant) -> None:
    org = tenant.org
    with heard() as listener:
        estimate = await an_invoice(org, series=Series.ESTIMATE)
        await documents.mark_sent(org, estimate.id, Series.ESTIMATE)
        await public_links.record_view(estimate.public_token, NOW)
        await public_links.record_view(estimate.public_token, NOW)  # viewed already: no change
        invoice = await documents.convert_estimate(org, estimate.id, plan=UNLIMITED)
        await documents.update_document(org, invoice.id, {"notes": "Thanks"}, Series.INVOICE)
        await documents.rotate_public_token(org, invoice.id, Series.INVOICE)
        await documents.record_sent(org, invoice.id, Series.INVOICE, recipients=["a@example.com"])
        part = await payments.record_payment(
            org, {"invoice_id": invoice.id, "amount": "1000", "payment_method": "CASH"}
        )
        rest = await payments.record_payment(
            org, {"invoice_id": invoice.id, "amount": "4500", "payment_method": "CASH"}
        )
        await payments.delete_payment(org, rest.id)
        await payments.delete_payment(org, part.id)
        await documents.void_document(org, invoice.id, Series.INVOICE)
        draft = await an_invoice(org)
        await documents.delete_document(org, draft.id, Series.INVOICE)
    assert listener.kinds == [
        (K.CREATED, estimate.id),
        (K.SENT, estimate.id),
        (K.VIEWED, estimate.id),
        (K.ACCEPTED, estimate.id),
        (K.CREATED, invoice.id),
        (K.CONVERTED, estimate.id),
        (K.UPDATED, invoice.id),
        (K.UPDATED, invoice.id),
        (K.SENT, invoice.id),
        (K.PAYMENT_RECORDED, invoice.id),
        (K.PARTIALLY_PAID, invoice.id),
        (K.PAYMENT_RECORDED, invoice.id),
        (K.PAID, invoice.id),
        (K.PAYMENT_REMOVED, invoice.id),
        (K.PAYMENT_REMOVED, invoice.id),
        (K.VOIDED, invoice.id),
        (K.CREATED, draft.id),
        (K.DELETED, draft.id),
    ]
    # One delivery per commit: the conversion's three changes arrive together.
    assert [len(batch) for batch in listener.deliveries].count(3) == 1
    by_payment = [
        c.payment_id for batch in listener.deliveries for c in batch if c.payment_id is not None
    ]
    assert by_payment == [part.id, part.id, rest.id, rest.id, rest.id, part.id]
    assert all(c.organization_id == org.id for batch in listener.deliveries for c in batch)


async def test_the_surfaces_announce_their_writes_through_the_app(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    client = await a_client(tenant.org)
    with heard() as listener:
        created = await http.post(
            "/api/v1/invoices",
            json={
                "clientId": client.id,
                "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10}],
            },
            headers=tenant.headers,
        )
        assert created.status_code == 201, created.text
        invoice_id = created.json()["data"]["id"]
        refused = await http.put(
            f"/api/v1/invoices/{invoice_id}",
            json={"currency": "nope"},
            headers=tenant.headers,
        )
        assert refused.status_code == 400
        voided = await http.post(
            "/graphql",
            json={
                "query": "mutation($id: ID!) { invoiceVoid(id: $id) { errors { code } } }",
                "variables": {"id": invoice_id},
            },
            headers=tenant.headers,
        )
        assert voided.json()["data"] == {"invoiceVoid": {"errors": []}}
    assert listener.kinds == [(K.CREATED, invoice_id), (K.VOIDED, invoice_id)]
