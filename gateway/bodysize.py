"""Request bodies above a size are refused with 413 before any app reads them."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.codes import RefusalCode
from gateway.refusal import Refusal, Refuse


class BodySizeLimitMiddleware:
    """Reads each request body, up to `max_bytes`, before the app: a declared Content-Length
    above it is refused at once, a streamed (chunked) body as soon as it passes it, with 413
    in the shape `on_refusal` gives it. A path of `larger` (exact) has the limit it gives
    there instead: a route that takes files."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        on_refusal: Refuse,
        larger: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.on_refusal = on_refusal
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.max_bytes)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        # Both APIs parse whole bodies, so holding one here costs no memory they would not
        # spend anyway, and a chunked body cannot outgrow the limit halfway through parsing.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, receive, send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, replaying(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        message = f"Request body too large: at most {limit} bytes"
        response = self.on_refusal(scope, Refusal(413, message, RefusalCode.REQUEST_TOO_LARGE))
        await response(scope, receive, send)


def replaying(body: bytes, receive: Receive) -> Receive:
    """`receive` for the app: the body read already, then the connection's own messages."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay
