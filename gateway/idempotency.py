"""The `Idempotency-Key` header on writes: a retried POST, PUT, PATCH or DELETE (REST) and a
retried GraphQL POST are answered with the first response, byte for byte, marked
`Idempotent-Replayed: true` (billing.idempotency keeps the keys).

Keys are the caller's own: per organization and API key or user. The middleware runs after
authentication and the rate limits (a refused request claims nothing) and reads the body the
body-size limit has already read.
"""

from __future__ import annotations

import asyncio
import time
from typing import Final

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from billing import idempotency
from billing.idempotency import Answer, Verdict
from gateway.auth import Principal, principal_of
from gateway.bodysize import replaying
from gateway.codes import RefusalCode
from gateway.refusal import Refusal, Refuse

HEADER: Final = "idempotency-key"
REPLAYED: Final = "idempotent-replayed"
WRITES: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# How often a request waits for the first one with its key to be answered, and how long.
_POLL: Final = 0.05


class IdempotencyMiddleware:
    """Answers writes under `prefixes` that carry an `Idempotency-Key` at most once each;
    a request arriving while the first with its key runs waits up to `wait` seconds for its
    answer, then is refused (409 IDEMPOTENCY_KEY_IN_USE)."""

    def __init__(
        self, app: ASGIApp, prefixes: tuple[str, ...], on_refusal: Refuse, wait: float = 10.0
    ) -> None:
        self.app = app
        self.prefixes = prefixes
        self.on_refusal = on_refusal
        self.wait = wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in WRITES
            or not scope["path"].startswith(self.prefixes)
        ):
            await self.app(scope, receive, send)
            return
        key = Headers(scope=scope).get(HEADER)
        principal = principal_of(scope)
        if key is None or not isinstance(principal, Principal):
            await self.app(scope, receive, send)  # no key, or no caller: the app answers
            return
        if not idempotency.valid_key(key):
            message = "Idempotency-Key must be 1 to 255 printable ASCII characters"
            await self._refuse(
                scope, receive, send, 400, message, RefusalCode.IDEMPOTENCY_KEY_INVALID
            )
            return
        body, receive = await _read_body(receive)
        caller = f"{principal.organization.id}:{principal.subject}"
        print_ = idempotency.fingerprint(
            scope["method"], scope["path"], scope.get("query_string", b""), body
        )
        deadline = time.monotonic() + self.wait
        while True:
            verdict = await idempotency.claim(caller, key, print_)
            if verdict.verdict is Verdict.RUN:
                assert verdict.claim_id is not None
                await self._run(verdict.claim_id, scope, receive, send)
                return
            if verdict.verdict is Verdict.REPLAY:
                assert verdict.answer is not None
                await _replay(verdict.answer, send)
                return
            if verdict.verdict is Verdict.REUSED:
                message = (
                    "This Idempotency-Key was used for another request: use a new key for a "
                    "new request"
                )
                await self._refuse(
                    scope, receive, send, 409, message, RefusalCode.IDEMPOTENCY_KEY_REUSED
                )
                return
            if verdict.lost or time.monotonic() >= deadline:
                message = (
                    "The first request with this Idempotency-Key wrote what it asked but its "
                    "answer was lost: read the resource rather than retry"
                    if verdict.lost
                    else "The first request with this Idempotency-Key is still running: retry "
                    "in a moment"
                )
                await self._refuse(
                    scope, receive, send, 409, message, RefusalCode.IDEMPOTENCY_KEY_IN_USE
                )
                return
            await asyncio.sleep(_POLL)

    async def _run(self, claim_id: str, scope: Scope, receive: Receive, send: Send) -> None:
        status = 0
        headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.extend(
                    (name.decode("latin-1"), value.decode("latin-1"))
                    for name, value in message.get("headers", [])
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            with idempotency.claimed(claim_id):
                await self.app(scope, receive, capture)
        except BaseException:
            await asyncio.shield(idempotency.abandoned(claim_id))
            raise
        if status == 0:
            await idempotency.abandoned(claim_id)
            return
        await idempotency.answered(claim_id, Answer(status, headers, b"".join(chunks)))

    async def _refuse(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        message: str,
        code: RefusalCode,
    ) -> None:
        response = self.on_refusal(scope, Refusal(status, message, code))
        await response(scope, receive, send)


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The request's whole body, and a `receive` that gives it to the app again."""
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    return body, replaying(body, receive)


async def _replay(answer: Answer, send: Send) -> None:
    headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in answer.headers]
    headers.append((REPLAYED.encode(), b"true"))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
