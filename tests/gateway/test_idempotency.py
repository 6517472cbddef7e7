"""Idempotency-Key through HTTP: a retried write replays its first response byte for byte (REST
and GraphQL), another request under the key is refused, twenty concurrent retries of one
payment record one payment, keys are per caller and expire, a server error releases the key,
a lapsed claim with nothing written is taken over, and one whose write committed is never
run again."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from billing import apikeys, documents
from models import IdempotencyKey, Payment
from models.enums import Series
from tests.billing.factories import an_invoice
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS

Json = dict[str, Any]


async def an_issued_invoice(tenant: Tenant) -> str:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, Series.INVOICE)
    return invoice.id


def pay(invoice_id: str, amount: str = "100.00") -> bytes:
    """A REST payment body, its amount a JSON number written exactly."""
    return f'{{"invoiceId": "{invoice_id}", "amount": {amount}, "paymentMethod": "CASH"}}'.encode()


async def post(
    http: httpx.AsyncClient,
    tenant: Tenant,
    key: str | None,
    body: bytes,
    path: str = "/api/v1/payments",
) -> httpx.Response:
    headers = {**tenant.headers, "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return await http.post(path, content=body, headers=headers)


def without_replay_mark(response: httpx.Response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k != "idempotent-replayed"]


async def payments_of(invoice_id: str) -> int:
    return await Payment.filter(document_id=invoice_id).count()


async def test_a_retry_replays_the_first_response_byte_for_byte(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    first = await post(http, tenant, "retry-1", pay(invoice_id))
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    again = await post(http, tenant, "retry-1", pay(invoice_id))
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    # The app's own headers, as first sent (the rate limiter's, outside, are the request's).
    first_headers = [h for h in without_replay_mark(first) if not h[0].startswith("x-ratelimit")]
    again_headers = [h for h in without_replay_mark(again) if not h[0].startswith("x-ratelimit")]
    assert again_headers == first_headers
    assert await payments_of(invoice_id) == 1
    # Without a key, or with another, a request is a new one.
    assert (await post(http, tenant, "retry-2", pay(invoice_id))).status_code == 201
    assert (await post(http, tenant, None, pay(invoice_id))).status_code == 201
    assert await payments_of(invoice_id) == 3


async def test_a_refusal_is_replayed_too_and_another_request_under_the_key_is_refused(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    refused = await post(http, tenant, "k", pay(invoice_id, "-5"))
    assert refused.status_code == 400
    replayed = await post(http, tenant, "k", pay(invoice_id, "-5"))
    assert (replayed.status_code, replayed.content) == (400, refused.content)
    other = await post(http, tenant, "k", pay(invoice_id, "5.00"))
    assert other.status_code == 409
    assert "another request" in other.json()["error"]
    assert await payments_of(invoice_id) == 0


async def test_twenty_concurrent_retries_record_one_payment(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    answers = await asyncio.gather(
        *(post(http, tenant, "one-payment", pay(invoice_id)) for _ in range(20))
    )
    assert await payments_of(invoice_id) == 1
    created = [answer for answer in answers if answer.status_code == 201]
    assert created and all(answer.status_code in (201, 409) for answer in answers)
    assert len({answer.content for answer in created}) == 1
    for answer in answers:
        if answer.status_code == 409:
            assert "still running" in answer.json()["error"]


async def test_graphql_mutations_take_a_key(http: httpx.AsyncClient, tenant: Tenant) -> None:
    invoice_id = await an_issued_invoice(tenant)
    query = (
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) {"
        f" payment {{ id }} {ERRORS} }} }}"
    )
    payment = {"invoiceId": invoice_id, "amount": "100.00", "paymentMethod": "CASH"}
    body = json.dumps({"query": query, "variables": {"input": payment}}).encode()
    first = await post(http, tenant, "gql-1", body, "/graphql")
    again = await post(http, tenant, "gql-1", body, "/graphql")
    assert first.status_code == 200 and first.json()["data"]["paymentCreate"]["payment"]
    assert (again.content, again.headers["idempotent-replayed"]) == (first.content, "true")
    assert await payments_of(invoice_id) == 1
    other = await post(http, tenant, "gql-1", body.replace(b"100.00", b"50.00"), "/graphql")
    assert other.status_code == 409
    assert other.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"


async def test_keys_belong_to_their_caller_and_expire(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    _, secret = await apikeys.create_api_key(tenant.org, "second")
    second = Tenant(tenant.org, tenant.key, secret)
    assert (await post(http, tenant, "shared", pay(invoice_id))).status_code == 201
    assert (await post(http, second, "shared", pay(invoice_id))).status_code == 201
    assert await payments_of(invoice_id) == 2
    await IdempotencyKey.filter(key="shared").update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    again = await post(http, tenant, "shared", pay(invoice_id))
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert await payments_of(invoice_id) == 3


async def test_a_bad_key_is_refused_and_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    for key in ("x" * 256, "del\x7fkey"):
        refused = await http.post(
            "/api/v1/payments",
            content=pay(invoice_id),
            headers={
                **tenant.headers,
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        assert refused.status_code == 400, key
        assert "Idempotency-Key" in refused.json()["error"]
    assert await payments_of(invoice_id) == 0
    assert await IdempotencyKey.all().count() == 0


async def test_a_lapsed_claim_is_taken_over_unless_its_write_committed(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    """A process killed mid-request leaves its claim unanswered: with nothing written, the
    next retry runs the request once its lease lapses; with the write committed (marked in
    its transaction), no retry ever runs it again."""
    invoice_id = await an_issued_invoice(tenant)
    first = await post(http, tenant, "lapsed", pay(invoice_id))
    assert first.status_code == 201
    stored = await IdempotencyKey.get(key="lapsed")
    assert stored.committed_at is not None  # marked by the payment's own transaction
    past = datetime.now(UTC) - timedelta(seconds=1)

    # As if the process died after the commit, before answering.
    await IdempotencyKey.filter(id=stored.id).update(answered=False, lease_until=past)
    lost = await post(http, tenant, "lapsed", pay(invoice_id))
    assert lost.status_code == 409 and "answer was lost" in lost.json()["error"]
    assert await payments_of(invoice_id) == 1

    # As if it died before writing anything.
    await IdempotencyKey.filter(id=stored.id).update(committed_at=None)
    taken_over = await post(http, tenant, "lapsed", pay(invoice_id))
    assert taken_over.status_code == 201 and "idempotent-replayed" not in taken_over.headers
    assert await payments_of(invoice_id) == 2
