"""GraphQL subscriptions over graphql-transport-ws against the app on a loopback port: the
caller authenticates in connection_init, receives its organization's events as they commit
(as `events` lists them), only of what it may read, one document's with `documentChanged`,
and holds a limited number at once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from app import create_app
from billing import apikeys
from billing.access import Permission
from billing.errors import SubscriptionBehind
from graph.live import MAX_PER_CALLER, QUEUE, Feed
from models import Event
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Tenant
from tests.graph.helpers import Bearer, act, data, new_client, new_document, ok, pay
from tests.live import free_socket, listening, url_of

Json = dict[str, Any]
BOUND = 10  # seconds any one message may take before the test fails
EVENT_FIELDS = "id type occurredAt objectType objectId actor { kind id } data"


@pytest.fixture
async def server(settings: Settings, renderer: Renderer) -> AsyncIterator[tuple[str, str]]:
    """The app on a loopback port with its lifespan (its live feed); its HTTP and WS URLs."""
    sock = free_socket()
    app: Starlette = create_app(replace(settings, public_base_url=url_of(sock)), renderer=renderer)
    async with app.router.lifespan_context(app), listening(app, sock) as url:
        yield url, url.replace("http://", "ws://") + "/graphql"


@pytest.fixture
async def http(server: tuple[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server[0], timeout=BOUND) as client:
        yield client


@asynccontextmanager
async def socket(url: str, payload: Json) -> AsyncIterator[ClientConnection]:
    """A graphql-transport-ws connection, initialised with `payload`."""
    async with connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        yield ws


async def receive(ws: ClientConnection) -> Json:
    message: Json = json.loads(await asyncio.wait_for(ws.recv(), BOUND))
    return message


@asynccontextmanager
async def signed_in(url: str, caller: Any) -> AsyncIterator[ClientConnection]:
    async with socket(url, {"Authorization": caller.headers["Authorization"]}) as ws:
        assert (await receive(ws))["type"] == "connection_ack"
        yield ws


async def subscribe(ws: ClientConnection, sid: str, query: str, **variables: Any) -> None:
    message = {"id": sid, "type": "subscribe", "payload": {"query": query, "variables": variables}}
    await ws.send(json.dumps(message))
    await asyncio.sleep(0.2)  # the server has registered it (there is no ack of a subscribe)


async def next_event(ws: ClientConnection, sid: str = "1") -> Json:
    message = await receive(ws)
    assert message["type"] == "next" and message["id"] == sid, message
    assert "errors" not in message["payload"], message
    event: Json = next(iter(message["payload"]["data"].values()))
    return event


EVENTS = f"subscription($types: [String!]) {{ events(types: $types) {{ {EVENT_FIELDS} }} }}"
DOCUMENT = f"subscription($id: ID!) {{ documentChanged(id: $id) {{ {EVENT_FIELDS} }} }}"


async def test_a_connection_without_valid_credentials_is_refused(
    server: tuple[str, str], tenant: Tenant
) -> None:
    for payload in ({}, {"Authorization": "Bearer cinv_" + "x" * 40}, {"Authorization": 7}):
        async with socket(server[1], payload) as ws:
            with pytest.raises(ConnectionClosed) as closed:
                await receive(ws)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
    # Subscribing before connection_init is refused too.
    async with connect(server[1], subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}}))
        with pytest.raises(ConnectionClosed) as closed:
            await receive(ws)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


async def test_events_arrive_as_they_commit_as_the_event_log_shows_them(
    server: tuple[str, str], http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    async with signed_in(server[1], tenant) as ws:
        await subscribe(ws, "1", EVENTS)
        await new_client(http, other_tenant, "Theirs")  # another organization's: not ours
        client = await new_client(http, tenant)
        invoice = await new_document(http, tenant, client["id"])
        ok(await act(http, tenant, "invoiceMarkSent", invoice["id"]))
        live = [await next_event(ws) for _ in range(3)]
        assert [e["type"] for e in live] == ["client.created", "invoice.created", "invoice.sent"]
        logged = await data(
            http, tenant, f"{{ events {{ edges {{ node {{ {EVENT_FIELDS} }} }} }} }}"
        )
        assert live == [edge["node"] for edge in reversed(logged["events"]["edges"])]
        assert live[2]["data"]["status"] == "SENT"
        assert live[0]["actor"] == {"kind": "API_KEY", "id": tenant.key.id}


async def test_types_filter_and_what_the_caller_may_read(
    server: tuple[str, str], http: httpx.AsyncClient, tenant: Tenant
) -> None:
    _, secret = await apikeys.create_api_key(tenant.org, "docs", scopes=[Permission.DOCUMENTS_READ])
    async with signed_in(server[1], tenant) as ws, signed_in(server[1], Bearer(secret)) as docs:
        await subscribe(ws, "1", EVENTS, types=["invoice.paid", "payment.created"])
        await subscribe(docs, "1", EVENTS)
        client = await new_client(http, tenant)
        invoice = await new_document(http, tenant, client["id"])
        ok(await act(http, tenant, "invoiceMarkSent", invoice["id"]))
        ok(await pay(http, tenant, invoice["id"], invoice["total"]))
        assert [(await next_event(ws))["type"] for _ in range(2)] == [
            "payment.created",
            "invoice.paid",
        ]
        # A key that reads documents only: the invoice's events, no client's nor payment's.
        seen = [(await next_event(docs))["type"] for _ in range(3)]
        assert seen == ["invoice.created", "invoice.sent", "invoice.paid"]

        await subscribe(ws, "2", EVENTS, types=["invoice.exploded"])
        refused = await receive(ws)
        assert refused["id"] == "2", refused
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "VALIDATION"


async def test_document_changed_follows_one_document(
    server: tuple[str, str], http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    followed = await new_document(http, tenant, client["id"])
    other = await new_document(http, tenant, client["id"])
    async with signed_in(server[1], tenant) as ws:
        await subscribe(ws, "1", DOCUMENT, id=followed["id"])
        ok(await act(http, tenant, "invoiceMarkSent", other["id"]))
        ok(await act(http, tenant, "invoiceMarkSent", followed["id"]))
        changed = await next_event(ws)
        assert (changed["type"], changed["objectId"]) == ("invoice.sent", followed["id"])
        assert changed["data"]["status"] == "SENT"

    theirs = await new_client(http, other_tenant)
    hidden = await new_document(http, other_tenant, theirs["id"])
    async with signed_in(server[1], tenant) as ws:
        await subscribe(ws, "1", DOCUMENT, id=hidden["id"])
        refused = await receive(ws)
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_caller_holds_a_limited_number_of_subscriptions(
    server: tuple[str, str], http: httpx.AsyncClient, tenant: Tenant
) -> None:
    async with signed_in(server[1], tenant) as ws, signed_in(server[1], tenant) as more:
        for index in range(MAX_PER_CALLER):
            await subscribe(ws if index % 2 else more, str(index), EVENTS)
        await subscribe(ws, "over", EVENTS)
        refused = await receive(ws)
        assert refused["id"] == "over"
        errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "SUBSCRIPTION_LIMIT"
        # Ending one makes room.
        await ws.send(json.dumps({"id": "1", "type": "complete"}))
        await asyncio.sleep(0.2)
        await subscribe(ws, "again", EVENTS)
        await new_client(http, tenant)
        received = [await receive(ws) for _ in range(MAX_PER_CALLER // 2 + 1)]
        assert [m for m in received if m["type"] != "next"] == [{"id": "over", "type": "complete"}]
        assert {m["id"] for m in received if m["type"] == "next"} == {"3", "5", "7", "9", "again"}


async def test_a_subscriber_that_falls_behind_is_ended() -> None:
    feed = Feed("sqlite://:memory:")
    async with feed.subscribe("caller", "org_1", ["client"]) as subscriber:
        feed.publish(
            [
                Event(organization_id="org_1", object_type="client", type="client.created")
                for _ in range(QUEUE + 1)
            ]
        )
        received = 0
        with pytest.raises(SubscriptionBehind):
            async for _ in subscriber.events():
                received += 1
        assert received == QUEUE


async def test_queries_and_mutations_are_not_run_over_a_websocket(
    server: tuple[str, str], http: httpx.AsyncClient, tenant: Tenant
) -> None:
    async with signed_in(server[1], tenant) as ws:
        await subscribe(
            ws, "1", 'mutation { clientCreate(input: {name: "Sneaky"}) { errors { code } } }'
        )
        refused = await receive(ws)
        assert refused["id"] == "1" and refused["type"] in ("error", "next"), refused
    listed = await data(http, tenant, "{ clients { edges { node { name } } } }")
    assert listed["clients"]["edges"] == []  # over HTTP only, through the limits and keys
