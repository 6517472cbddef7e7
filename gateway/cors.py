"""Browser apps on other origins calling the API, through Starlette's CORSMiddleware.

The origins of CORS_ALLOWED_ORIGINS may call with credentials (`Access-Control-Allow-Credentials`);
`*` there lets any other origin call too, but never with credentials, and never with a
person's session token: only what a page holds itself (an API key it was given) can
authenticate such a call. Preflights are answered here,
before authentication and the rate limits (a browser sends them without the key), and cached by
the browser for MAX_AGE; a preflight from an origin not allowed is refused through
`on_refusal`, with a code. The public pages are not under the API's prefixes: they keep their
own stricter rules (web/responses.py).
"""

from __future__ import annotations

from typing import Final

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from billing.people import SESSION_PREFIX
from gateway.codes import RefusalCode
from gateway.refusal import Refusal, Refuse

METHODS: Final = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: What a browser app may read of a response besides the CORS-safelisted headers.
EXPOSED: Final = (
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
    "X-GraphQL-Cost",
    "X-GraphQL-Max-Cost",
    "WWW-Authenticate",
    "Content-Disposition",
    "Idempotent-Replayed",
)
#: Seconds a browser may keep a preflight's answer: two hours is the most Chromium keeps it.
MAX_AGE: Final = 7200


def _bears_session(authorization: str | None) -> bool:
    _, _, token = (authorization or "").strip().partition(" ")
    return token.strip().startswith(SESSION_PREFIX)


class CorsMiddleware:
    """CORS for the requests under `prefixes` from the allowed `origins` (`*` for any, without
    credentials); everything else passes through untouched."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        origins: tuple[str, ...],
        prefixes: tuple[str, ...],
        on_refusal: Refuse,
    ) -> None:
        self.app = app
        self.prefixes = prefixes
        self.on_refusal = on_refusal
        self.listed = frozenset(origin for origin in origins if origin != "*")
        self.with_credentials = self._cors(app, sorted(self.listed), credentials=True)
        wildcard = "*" in origins
        self.without_credentials = self._cors(app, ["*"], credentials=False) if wildcard else None

    @staticmethod
    def _cors(app: ASGIApp, origins: list[str], *, credentials: bool) -> CORSMiddleware:
        return CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=METHODS,
            # Whatever a preflight asks to send (tracing headers included): the API reads only
            # what it knows, and the origin is what is checked.
            allow_headers=["*"],
            allow_credentials=credentials,
            expose_headers=EXPOSED,
            max_age=MAX_AGE,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
        elif origin in self.listed:
            await self.with_credentials(scope, receive, send)
        elif self.without_credentials is not None:
            if _bears_session(headers.get("authorization")):
                # A person's session is a credential: only listed origins may use it.
                message = (
                    f"The origin {origin} may call this API with an API key only: a session "
                    "may be used from the origins CORS_ALLOWED_ORIGINS lists"
                )
                refused = self.on_refusal(
                    scope, Refusal(403, message, RefusalCode.ORIGIN_NOT_ALLOWED)
                )
                # With the CORS headers: the page may read why.
                await self._cors(refused, ["*"], credentials=False)(scope, receive, send)
                return
            await self.without_credentials(scope, receive, send)
        elif scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            message = (
                f"The origin {origin} may not call this API from a browser: "
                "the server's CORS_ALLOWED_ORIGINS does not list it"
            )
            refusal = Refusal(403, message, RefusalCode.ORIGIN_NOT_ALLOWED)
            await self.on_refusal(scope, refusal)(scope, receive, send)
        else:
            # No CORS headers: the browser keeps the answer from the page that asked.
            await self.app(scope, receive, send)
