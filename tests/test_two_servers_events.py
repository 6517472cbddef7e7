"""Events across real server processes on one PostgreSQL database: a subscription on one
server sees the changes made through the other; the two servers' workers share the webhook
deliveries without attempting one twice; and a worker killed (SIGKILL) in the middle of an
attempt loses nothing: another attempts it, with the same `webhook-id`, once its lease has
run out."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from standardwebhooks.webhooks import Webhook
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from tests.processes import serving
from tests.test_cli import INVOICEGRAPH
from tests.test_two_servers import deployment, graphql
from tests.webhooks.receiver import Receiver, receiving

CREATE = (
    "mutation($url: String!) { webhookEndpointCreate(input: {url: $url}) {"
    " secret webhookEndpoint { id } errors { code message } } }"
)
STATES = "{ webhookDeliveries(first: 100) { edges { node { id state attemptCount } } } }"
FAST = {"WEBHOOKS_ALLOW_PRIVATE": "true", "WORKER_POLL_MS": "100"}


async def until(check: Callable[[], Awaitable[bool]], seconds: float, what: str) -> None:
    """Wait, looking every 0.1 s, until `check` holds (for `seconds` at most)."""
    for _ in range(int(seconds * 10)):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


async def states(http: httpx.AsyncClient) -> list[dict[str, Any]]:
    edges = (await graphql(http, STATES))["webhookDeliveries"]["edges"]
    return [edge["node"] for edge in edges]


async def new_endpoint(http: httpx.AsyncClient, url: str) -> str:
    made = (await graphql(http, CREATE, url=url))["webhookEndpointCreate"]
    assert made["errors"] == [], made
    secret: str = made["secret"]
    return secret


async def test_a_subscription_on_one_server_sees_what_the_other_commits(tmp_path: Path) -> None:
    async with deployment(tmp_path, FAST) as d:
        url = str(d.http[0].base_url).replace("http://", "ws://").rstrip("/") + "/graphql"
        authorization = d.http[0].headers["Authorization"]
        async with connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
            init = {"type": "connection_init", "payload": {"Authorization": authorization}}
            await ws.send(json.dumps(init))
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
            query = 'subscription { events(types: ["client.created"]) { objectId data } }'
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
            await asyncio.sleep(0.5)  # registered (graphql-transport-ws acknowledges none)
            made = (await d.http[1].post("/api/v1/clients", json={"name": "Via b"})).json()["data"]
            message = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert message["type"] == "next", message
            event = message["payload"]["data"]["events"]
            assert event["objectId"] == made["id"] and event["data"]["name"] == "Via b"


async def test_two_servers_deliver_every_event_once_between_them(tmp_path: Path) -> None:
    async with receiving(Receiver()) as receiver, deployment(tmp_path, FAST) as d:
        secret = await new_endpoint(d.http[0], receiver.url())
        writes = [
            d.http[index % 2].post("/api/v1/clients", json={"name": f"Client {index}"})
            for index in range(20)
        ]
        assert {r.status_code for r in await asyncio.gather(*writes)} == {201}

        async def all_delivered() -> bool:
            found = await states(d.http[1])
            return len(found) == 21 and all(node["state"] == "DELIVERED" for node in found)

        await until(all_delivered, 30, "every delivery delivered")
        ids = [arrived.headers["webhook-id"] for arrived in receiver.arrived]
        assert len(ids) == len(set(ids)) == 21  # none attempted twice, by either process
        names = set()
        for arrived in receiver.arrived:
            body = Webhook(secret).verify(arrived.body, arrived.headers)
            if body["type"] == "client.created":
                names.add(body["data"]["data"]["name"])
        assert names == {f"Client {index}" for index in range(20)}
        assert all(node["attemptCount"] == 1 for node in await states(d.http[0]))


async def test_a_worker_killed_mid_delivery_leaves_it_to_another_after_its_lease(
    tmp_path: Path,
) -> None:
    lease = {"WORKER_LEASE_SECONDS": "3", "WEBHOOK_TIMEOUT_SECONDS": "2"}
    # Server a delivers; b only serves, until a worker of its own starts after a is killed.
    each: tuple[dict[str, str], dict[str, str]] = ({}, {"WORKER_IN_PROCESS": "false"})
    # The first request is held past the kill; the next ones are answered at once.
    receiver = Receiver(delays=[5.0])
    async with receiving(receiver), deployment(tmp_path, FAST | lease, each) as d:
        secret = await new_endpoint(d.http[1], receiver.url())
        await until(lambda: _arrived(receiver, 1), 20, "the first attempt")
        first = receiver.arrived[0]
        os.kill(d.servers[0].process.pid, signal.SIGKILL)  # mid-attempt: nothing recorded
        d.servers[0].process.wait(timeout=10)
        (held,) = await states(d.http[1])
        assert held["state"] == "PENDING" and held["attemptCount"] == 0

        command = [INVOICEGRAPH, "worker"]
        with serving(command, cwd=tmp_path, env={**d.env, **lease}, log=tmp_path / "w.log"):
            await until(lambda: _arrived(receiver, 2), 20, "the attempt after the lease")

            async def delivered() -> bool:
                return bool((await states(d.http[1]))[0]["state"] == "DELIVERED")

            await until(delivered, 20, "the delivery recorded")
        again = receiver.arrived[1]
        assert again.headers["webhook-id"] == first.headers["webhook-id"] == held["id"]
        assert again.body == first.body
        assert Webhook(secret).verify(again.body, again.headers)["type"] == (
            "webhook_endpoint.created"
        )
        (done,) = await states(d.http[1])
        assert done["attemptCount"] == 1 and len(receiver.arrived) == 2
        assert json.loads(again.body)["data"]["objectType"] == "webhook_endpoint"


async def _arrived(receiver: Receiver, count: int) -> bool:
    return len(receiver.arrived) >= count
