"""Webhooks through GraphQL, delivered by the worker to a real receiver on loopback: endpoints
and their secrets, signatures every receiver verifies with the `standardwebhooks` library,
retries with the same `webhook-id`, order per object, giving up and disabling, rotation,
replay, leases, and what is refused. The worker runs on a clock the test moves, so three days
of retries take no waiting."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from app import create_app
from billing import apikeys, webhooks
from billing.access import Permission
from models import WebhookDelivery
from pdf.renderer import Renderer
from settings import Settings
from tests.clock import Clock
from tests.conftest import Tenant, serve
from tests.graph.helpers import ERRORS, Bearer, act, codes, data, new_client, new_document, ok
from tests.graph.test_query_count import counting_queries
from tests.webhooks.receiver import Receiver, receiving
from webhooks.sending import Sender
from worker.runner import Worker

Json = dict[str, Any]
ENDPOINT_FIELDS = (
    "id url description eventTypes enabled disabledAt disabledReason consecutiveFailures"
    " failingSince secretRotatedAt previousSecretExpiresAt"
)
CREATE = (
    "mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) {"
    f" secret webhookEndpoint {{ {ENDPOINT_FIELDS} }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation($id: ID!, $input: WebhookEndpointUpdateInput!) {"
    " webhookEndpointUpdate(id: $id, input: $input) {"
    f" webhookEndpoint {{ {ENDPOINT_FIELDS} }} {ERRORS} }} }}"
)
ROTATE = (
    "mutation($id: ID!, $hours: Int!) { webhookEndpointRotateSecret(id: $id, overlapHours:"
    f" $hours) {{ secret webhookEndpoint {{ {ENDPOINT_FIELDS} }} {ERRORS} }} }}"
)
DELIVERY_FIELDS = (
    "id endpointId state attemptCount nextAttemptAt deliveredAt"
    " event { id type objectId occurredAt objectType actor { kind id } data }"
    " attempts { number trigger startedAt durationMs statusCode succeeded error responseExcerpt }"
)
DELIVERIES = (
    "query($filter: WebhookDeliveryFilterInput, $first: Int) {"
    " webhookDeliveries(filter: $filter, first: $first) {"
    f" edges {{ node {{ {DELIVERY_FIELDS} }} }} }} }}"
)
REPLAY = (
    "mutation($id: ID!) { webhookDeliveryReplay(id: $id) {"
    f" webhookDelivery {{ {DELIVERY_FIELDS} }} {ERRORS} }} }}"
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Endpoints on loopback, as every receiver here is."""
    return replace(settings, webhooks_allow_private=True)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def worker(clock: Clock) -> AsyncIterator[Worker]:
    made = Worker(Sender(allow_private=True, timeout=5), clock=clock, lease=timedelta(seconds=30))
    try:
        yield made
    finally:
        await made.aclose()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with receiving(Receiver()) as listening:
        yield listening


async def new_endpoint(
    http: httpx.AsyncClient, tenant: Any, url: str, **fields: Any
) -> tuple[Json, str]:
    payload = ok(
        (await data(http, tenant, CREATE, {"input": {"url": url, **fields}}))[
            "webhookEndpointCreate"
        ]
    )
    return payload["webhookEndpoint"], payload["secret"]


async def deliveries(http: httpx.AsyncClient, tenant: Any, **filter: Any) -> list[Json]:
    result = await data(http, tenant, DELIVERIES, {"filter": filter or None, "first": 100})
    return [edge["node"] for edge in result["webhookDeliveries"]["edges"]]


def verified(secret: str, arrived: Any) -> Json:
    """The body of a request as the `standardwebhooks` library verifies it with `secret`."""
    body: Json = Webhook(secret).verify(arrived.body, arrived.headers)
    return body


async def drain(worker: Worker, clock: Clock, *, rounds: int = 40) -> None:
    """Run the worker, moving the clock on to each next attempt, until none is pending of an
    enabled endpoint (bounded)."""
    for _ in range(rounds):
        if await worker.run_once():
            continue
        later = (
            await WebhookDelivery.filter(
                state="PENDING", endpoint__enabled=True, next_attempt_at__gt=clock.now()
            )
            .order_by("next_attempt_at")
            .first()
        )
        if later is None or later.next_attempt_at is None:
            return
        clock.advance(later.next_attempt_at - clock.now())
    raise AssertionError(f"still delivering after {rounds} rounds")


async def test_every_event_is_delivered_signed_and_shaped_as_the_event_log_shows_it(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, receiver: Receiver
) -> None:
    endpoint, secret = await new_endpoint(http, tenant, receiver.url(), description="ERP")
    assert secret.startswith("whsec_")
    assert endpoint["eventTypes"] == [] and endpoint["enabled"] is True
    client = await new_client(http, tenant)
    invoice = await new_document(http, tenant, client["id"])
    ok(await act(http, tenant, "invoiceMarkSent", invoice["id"]))

    # webhook_endpoint.created, client.created, invoice.created; then invoice.sent, which
    # waited for the invoice's earlier delivery (one object's go in order).
    assert await worker.run_once() == 3
    assert await worker.run_once() == 1
    found = {d["id"]: d for d in await deliveries(http, tenant)}
    events = await data(
        http,
        tenant,
        "{ events(first: 10) { edges { node { id type occurredAt objectType"
        " objectId actor { kind id } data } } } }",
    )
    logged = {e["node"]["id"]: e["node"] for e in events["events"]["edges"]}
    assert len(receiver.arrived) == 4
    for arrived in receiver.arrived:
        body = verified(secret, arrived)
        delivery = found[arrived.headers["webhook-id"]]
        assert delivery["state"] == "DELIVERED" and delivery["attemptCount"] == 1
        assert body["type"] == delivery["event"]["type"] == body["data"]["type"]
        assert body["data"] == logged[delivery["event"]["id"]]
        assert body["timestamp"] == body["data"]["occurredAt"]
        assert arrived.headers["content-type"] == "application/json"
        (attempt,) = delivery["attempts"]
        assert attempt["statusCode"] == 200 and attempt["succeeded"] and attempt["error"] is None
    types = [verified(secret, arrived)["type"] for arrived in receiver.arrived]
    assert sorted(types) == sorted(
        ["webhook_endpoint.created", "client.created", "invoice.created", "invoice.sent"]
    )
    # The secret is not readable afterwards; a signature made with another does not verify.
    with pytest.raises(WebhookVerificationError):
        verified(webhooks.new_secret(), receiver.arrived[0])
    assert secret not in json.dumps(
        await data(
            http, tenant, f'{{ webhookEndpoint(id: "{endpoint["id"]}") {{ {ENDPOINT_FIELDS} }} }}'
        )
    )


async def test_a_receiver_failing_five_times_gets_the_delivery_once_more_with_the_same_id(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, clock: Clock, receiver: Receiver
) -> None:
    endpoint, secret = await new_endpoint(
        http, tenant, receiver.url(), eventTypes=["client.created"]
    )
    receiver.statuses = [500, 502, 503, 500, 429]
    await new_client(http, tenant)
    await drain(worker, clock)

    assert len(receiver.arrived) == 6
    ids = {arrived.headers["webhook-id"] for arrived in receiver.arrived}
    assert len(ids) == 1
    bodies = {arrived.body for arrived in receiver.arrived}
    assert len(bodies) == 1  # the same message, signed anew each time
    for arrived in receiver.arrived:
        assert verified(secret, arrived)["type"] == "client.created"
    (delivery,) = await deliveries(http, tenant)
    assert delivery["id"] in ids and delivery["state"] == "DELIVERED"
    assert delivery["attemptCount"] == 6
    assert [a["statusCode"] for a in delivery["attempts"]] == [200, 429, 500, 503, 502, 500]
    assert [a["number"] for a in delivery["attempts"]] == [6, 5, 4, 3, 2, 1]
    assert all(a["trigger"] == "SCHEDULED" for a in delivery["attempts"])
    starts = [datetime.fromisoformat(a["startedAt"]) for a in reversed(delivery["attempts"])]
    waits = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert all(wait >= webhooks.FIRST_RETRY * 0.8 for wait in waits)
    shown = await data(
        http, tenant, f'{{ webhookEndpoint(id: "{endpoint["id"]}") {{ consecutiveFailures }} }}'
    )
    assert shown["webhookEndpoint"]["consecutiveFailures"] == 0


async def test_retries_back_off_exponentially_with_jitter() -> None:
    waits = [webhooks.backoff(n) for n in range(1, 20)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(webhooks.FIRST_RETRY * 2 ** (n - 1), webhooks.LONGEST_WAIT)
        assert ceiling * 0.8 <= wait <= ceiling
    assert waits[-1] > webhooks.LONGEST_WAIT * 0.79
    assert len({webhooks.backoff(3) for _ in range(20)}) > 1  # jittered


async def test_deliveries_of_one_object_go_in_order_and_others_do_not_wait(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, clock: Clock, receiver: Receiver
) -> None:
    await new_endpoint(
        http, tenant, receiver.url(), eventTypes=["client.created", "client.updated"]
    )
    receiver.statuses = [500]
    first = await new_client(http, tenant, "First")
    await data(
        http,
        tenant,
        'mutation($id: ID!) { clientUpdate(id: $id, input: {phone: "1"}) { client { id } } }',
        {"id": first["id"]},
    )
    second = await new_client(http, tenant, "Second")

    assert await worker.run_once() == 2  # First's creation (fails) and Second's; not the update
    assert [verified_type(a) for a in receiver.arrived] == ["client.created", "client.created"]
    assert await worker.run_once() == 0  # First's update waits behind its creation's retry
    await drain(worker, clock)
    order = [(json.loads(a.body)["data"]["objectId"], verified_type(a)) for a in receiver.arrived]
    firsts = [kind for object_id, kind in order if object_id == first["id"]]
    assert firsts == ["client.created", "client.created", "client.updated"]
    assert [kind for object_id, kind in order if object_id == second["id"]] == ["client.created"]


def verified_type(arrived: Any) -> str:
    kind: str = json.loads(arrived.body)["type"]
    return kind


async def test_a_failing_delivery_gives_up_after_three_days_and_the_endpoint_is_disabled_after_five(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, clock: Clock, receiver: Receiver
) -> None:
    endpoint, _ = await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    receiver.status = 503
    await new_client(http, tenant, "Early")
    await drain(worker, clock, rounds=60)
    (gave_up,) = await deliveries(http, tenant)
    assert gave_up["state"] == "FAILED" and gave_up["nextAttemptAt"] is None
    last = datetime.fromisoformat(gave_up["attempts"][0]["startedAt"])
    first = datetime.fromisoformat(gave_up["attempts"][-1]["startedAt"])
    assert (
        webhooks.RETRY_FOR - webhooks.LONGEST_WAIT
        < last - first
        <= webhooks.RETRY_FOR + timedelta(seconds=1)
    )

    # Two more days of failures: the endpoint is disabled, with an event saying so.
    clock.advance(timedelta(days=2))
    await new_client(http, tenant, "Late")
    await drain(worker, clock, rounds=60)
    shown = (
        await data(
            http, tenant, f'{{ webhookEndpoint(id: "{endpoint["id"]}") {{ {ENDPOINT_FIELDS} }} }}'
        )
    )["webhookEndpoint"]
    assert shown["enabled"] is False, (shown, await deliveries(http, tenant))
    assert "5 days" in shown["disabledReason"]
    assert shown["consecutiveFailures"] > 20
    events = await data(
        http,
        tenant,
        '{ events(filter: {types: ["webhook_endpoint.disabled"]}) { edges { node {'
        " objectId actor { kind id } data } } } }",
    )
    (disabled,) = events["events"]["edges"]
    assert disabled["node"]["objectId"] == endpoint["id"]
    assert disabled["node"]["actor"] == {"kind": "SYSTEM", "id": None}
    assert disabled["node"]["data"]["enabled"] is False
    arrived = len(receiver.arrived)
    await new_client(http, tenant, "Ignored")
    clock.advance(timedelta(days=1))
    assert await worker.run_once() == 0 and len(receiver.arrived) == arrived

    # Enabled again: a fresh start, and its pending delivery goes on.
    receiver.status = 200
    enabled = ok(
        (await data(http, tenant, UPDATE, {"id": endpoint["id"], "input": {"enabled": True}}))[
            "webhookEndpointUpdate"
        ]
    )["webhookEndpoint"]
    assert enabled["enabled"] and enabled["consecutiveFailures"] == 0
    assert enabled["disabledReason"] is None and enabled["failingSince"] is None
    await drain(worker, clock)
    states = sorted(d["state"] for d in await deliveries(http, tenant))
    assert states == ["DELIVERED", "FAILED"]


async def test_a_rotated_secret_signs_beside_the_new_one_while_the_overlap_lasts(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, clock: Clock, receiver: Receiver
) -> None:
    endpoint, old = await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    rotated = ok(
        (await data(http, tenant, ROTATE, {"id": endpoint["id"], "hours": 1}))[
            "webhookEndpointRotateSecret"
        ]
    )
    new = rotated["secret"]
    assert new != old and rotated["webhookEndpoint"]["previousSecretExpiresAt"] is not None
    await new_client(http, tenant, "During")
    await worker.run_once()
    during = receiver.arrived[-1]
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert verified(old, during) == verified(new, during)

    clock.advance(timedelta(hours=2))
    await new_client(http, tenant, "After")
    await worker.run_once()
    after = receiver.arrived[-1]
    assert verified(new, after)["type"] == "client.created"
    with pytest.raises(WebhookVerificationError):
        verified(old, after)

    # No overlap: the old secret stops at once.
    at_once = ok(
        (await data(http, tenant, ROTATE, {"id": endpoint["id"], "hours": 0}))[
            "webhookEndpointRotateSecret"
        ]
    )
    assert at_once["webhookEndpoint"]["previousSecretExpiresAt"] is None
    for hours in (-1, 169, 10**9):
        refused = (await data(http, tenant, ROTATE, {"id": endpoint["id"], "hours": hours}))[
            "webhookEndpointRotateSecret"
        ]
        assert codes(refused) == [("VALIDATION", "overlapHours")]


async def test_a_delivery_replays_with_the_same_id_and_body(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, receiver: Receiver
) -> None:
    _, secret = await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    await new_client(http, tenant)
    await worker.run_once()
    (delivery,) = await deliveries(http, tenant)
    replayed = ok(
        (await data(http, tenant, REPLAY, {"id": delivery["id"]}))["webhookDeliveryReplay"]
    )["webhookDelivery"]
    assert replayed["state"] == "PENDING"
    await worker.run_once()
    first, again = receiver.arrived
    assert first.headers["webhook-id"] == again.headers["webhook-id"] == delivery["id"]
    assert first.body == again.body and verified(secret, again)
    (delivery,) = await deliveries(http, tenant)
    assert delivery["state"] == "DELIVERED"
    assert [a["trigger"] for a in delivery["attempts"]] == ["REPLAY", "SCHEDULED"]
    missing = (await data(http, tenant, REPLAY, {"id": "msg_nothing"}))["webhookDeliveryReplay"]
    assert codes(missing) == [("NOT_FOUND", "id")]


async def test_a_claimed_delivery_is_not_claimed_again_until_its_lease_runs_out(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, receiver: Receiver
) -> None:
    await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    await new_client(http, tenant)
    lease = timedelta(seconds=30)
    (held,) = await webhooks.claim_due(clock.now(), lease, 10)  # and never recorded: killed
    assert await webhooks.claim_due(clock.now() + lease / 2, lease, 10) == []
    (again,) = await webhooks.claim_due(clock.now() + lease, lease, 10)
    assert again.delivery.id == held.delivery.id and again.token != held.token
    # The first holder's late answer is recorded, and decides nothing.
    late = webhooks.Attempted(clock.now(), 5, 200, True, "", "")
    await webhooks.record_attempt(held, late, clock.now())
    row = await WebhookDelivery.get(id=held.delivery.id)
    assert row.state == "PENDING" and row.lease_token == again.token
    await webhooks.record_attempt(again, late, clock.now())
    row = await WebhookDelivery.get(id=held.delivery.id)
    assert row.state == "DELIVERED" and row.attempt_count == 1


async def test_an_address_that_is_not_public_at_the_attempt_is_not_reached(
    http: httpx.AsyncClient, tenant: Tenant, clock: Clock, receiver: Receiver
) -> None:
    # Created where loopback was allowed; the worker's sender allows public addresses only.
    await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    await new_client(http, tenant)
    strict = Worker(Sender(allow_private=False, timeout=5), clock=clock)
    try:
        assert await strict.run_once() == 1
    finally:
        await strict.aclose()
    assert receiver.arrived == []
    (delivery,) = await deliveries(http, tenant)
    (attempt,) = delivery["attempts"]
    assert attempt["statusCode"] is None and "is not public" in attempt["error"]
    assert delivery["state"] == "PENDING" and delivery["nextAttemptAt"] is not None


async def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, receiver: Receiver
) -> None:
    await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    receiver.status, receiver.headers = 302, {"Location": "http://169.254.169.254/"}
    await new_client(http, tenant)
    await worker.run_once()
    (delivery,) = await deliveries(http, tenant)
    (attempt,) = delivery["attempts"]
    assert attempt["statusCode"] == 302 and not attempt["succeeded"]
    assert "redirects are not followed" in attempt["error"]
    assert len(receiver.arrived) == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://hooks.example.com/", "https://"),
        ("http://hooks.example.com/", "https://"),
        ("https://127.0.0.1/in", "is not public"),
        ("https://[::1]/in", "is not public"),
        ("https://10.1.2.3/in", "is not public"),
        ("https://169.254.169.254/latest", "is not public"),
        ("https://localhost/in", "not a public name"),
        ("https://erp.internal/in", "not a public name"),
        ("https://user:pw@hooks.example.com/", "user name or password"),
        ("https://hooks.example.com:99999/", "port"),
        ("https://hooks.example.com/#x", "fragment"),
        ("https:///in", "names a host"),
        ("", "url"),
        ("https://" + "a" * 2100 + ".com/", "2048"),
        ("https://hooks.example.com/in", None),
    ],
)
async def test_an_endpoint_url_that_could_reach_inside_is_refused(
    settings: Settings, renderer: Renderer, tenant: Tenant, url: str, message: str | None
) -> None:
    strict = create_app(replace(settings, webhooks_allow_private=False), renderer=renderer)
    async with serve(strict) as http:
        refused = await data(http, tenant, CREATE, {"input": {"url": url}})
        if message is None:  # a public name: its addresses are checked at each attempt
            assert refused["webhookEndpointCreate"]["webhookEndpoint"]["url"] == url
            return
        (error,) = refused["webhookEndpointCreate"]["errors"]
        assert (error["code"], error["field"]) == ("VALIDATION", "url")
        assert message in error["message"]
        listed = await data(http, tenant, "{ webhookEndpoints { edges { node { id } } } }")
        assert listed["webhookEndpoints"]["edges"] == []


async def test_endpoint_input_is_checked_and_a_refused_write_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    bad_type = await data(
        http,
        tenant,
        CREATE,
        {"input": {"url": "https://hooks.example.com/", "eventTypes": ["invoice.exploded"]}},
    )
    assert codes(bad_type["webhookEndpointCreate"]) == [("VALIDATION", "eventTypes")]
    bad_url = await data(http, tenant, CREATE, {"input": {"url": "gopher://x"}})
    assert codes(bad_url["webhookEndpointCreate"]) == [("VALIDATION", "url")]
    listed = await data(http, tenant, "{ webhookEndpoints { edges { node { id } } } }")
    assert listed["webhookEndpoints"]["edges"] == []
    events = await data(http, tenant, "{ events { edges { node { type } } } }")
    assert events["events"]["edges"] == []
    for _ in range(webhooks.MAX_ENDPOINTS):
        await new_endpoint(http, tenant, "https://hooks.example.com/in")
    over = await data(http, tenant, CREATE, {"input": {"url": "https://hooks.example.com/in"}})
    assert codes(over["webhookEndpointCreate"]) == [("VALIDATION", "url")]
    missing = await data(http, tenant, UPDATE, {"id": "whe_nothing", "input": {"enabled": False}})
    assert codes(missing["webhookEndpointUpdate"]) == [("NOT_FOUND", "id")]


async def test_endpoints_and_deliveries_stay_in_their_organization_and_need_the_scope(
    http: httpx.AsyncClient,
    tenant: Tenant,
    other_tenant: Tenant,
    worker: Worker,
    receiver: Receiver,
) -> None:
    endpoint, _ = await new_endpoint(http, tenant, receiver.url())
    await new_client(http, other_tenant)  # the other organization's event: not ours to send
    await new_client(http, tenant)
    await worker.run_once()
    assert {json.loads(a.body)["type"] for a in receiver.arrived} == {
        "webhook_endpoint.created",
        "client.created",
    }
    assert len(receiver.arrived) == 2
    (delivery, _) = await deliveries(http, tenant)
    assert await deliveries(http, other_tenant) == []
    for query in (
        f'{{ webhookEndpoint(id: "{endpoint["id"]}") {{ id }} }}',
        f'{{ webhookDelivery(id: "{delivery["id"]}") {{ id }} }}',
        f'{{ node(id: "{endpoint["id"]}") {{ id }} }}',
    ):
        assert list((await data(http, other_tenant, query)).values()) == [None]
    theirs = await data(http, other_tenant, REPLAY, {"id": delivery["id"]})
    assert codes(theirs["webhookDeliveryReplay"]) == [("NOT_FOUND", "id")]
    assert (await data(http, tenant, f'{{ node(id: "{delivery["id"]}") {{ id }} }}'))["node"]

    _, reader = await apikeys.create_api_key(
        tenant.org, "reader", scopes=[Permission.DOCUMENTS_READ, Permission.CLIENTS_READ]
    )
    body = (
        await http.post(
            "/graphql",
            json={"query": "{ webhookEndpoints { edges { node { id } } } }"},
            headers=Bearer(reader).headers,
        )
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "webhooks:manage" in body["errors"][0]["message"]
    # Nor does it see the endpoints' events in the log.
    seen = await data(http, Bearer(reader), "{ events { edges { node { type } } } }")
    assert {e["node"]["type"] for e in seen["events"]["edges"]} == {"client.created"}


async def test_deliveries_with_their_attempts_read_in_a_fixed_number_of_queries(
    http: httpx.AsyncClient, tenant: Tenant, worker: Worker, clock: Clock, receiver: Receiver
) -> None:
    await new_endpoint(http, tenant, receiver.url(), eventTypes=["client.created"])
    receiver.statuses = [500]

    async def statements_reading() -> int:
        with counting_queries() as statements:
            await deliveries(http, tenant)
        return len(statements)

    await new_client(http, tenant)
    await drain(worker, clock)
    one = await statements_reading()
    for index in range(6):
        await new_client(http, tenant, f"Client {index}")
    receiver.statuses = [500, 500, 500]
    await drain(worker, clock)
    assert len(await deliveries(http, tenant)) == 7
    assert await statements_reading() == one
