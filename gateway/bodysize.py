"""Request bodies above a size are refused with 413 before any app reads them."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.codes import RefusalCode
from gateway.refusal import Refusal, Refuse


class BodySizeLimitMiddleware:
    """Reads each request body, up to `max_bytes`, before the app: a declared Content-Length
    above it is refused at once, a streamed (chunked) body as soon as it passes it, with 413
    in the shape `on_refusal` gives it."""

    def __init__(self, app: ASGIApp, max_bytes: int, on_refusal: Refuse) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.on_refusal = on_refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
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
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"Request body too large: at most {self.max_bytes} bytes"
        response = self.on_refusal(scope, Refusal(413, message, RefusalCode.REQUEST_TOO_LARGE))
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` for the app: the body read already, then the connection's own messages."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay
