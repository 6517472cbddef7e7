"""Resolve `Authorization: Bearer cinv_...` to the key's organization, once per request, and
run the request on the key's behalf (billing/access.py).

The middleware never answers by itself: it stores a `Principal` or an `AuthFailure` in the
request state, and each surface (REST, GraphQL) refuses in its own format.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from billing.access import Access, acting
from billing.apikeys import RecentKeys, access_of, authenticate
from billing.errors import Unauthenticated
from models import ApiKey, Organization

STATE_KEY = "auth"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the organization every query is scoped to, and the key used."""

    organization: Organization
    api_key: ApiKey

    @property
    def access(self) -> Access:
        """What the caller may do: what its key's scopes allow."""
        return access_of(self.api_key)


@dataclass(frozen=True, slots=True)
class AuthFailure:
    """Why a request is not authenticated, in words for the caller."""

    message: str


async def resolve(
    authorization: str | None, recent: RecentKeys | None = None
) -> Principal | AuthFailure:
    """The principal an Authorization header stands for, or why it stands for none (from
    `recent`, when its key authenticated there lately)."""
    if not authorization:
        return AuthFailure("Missing API key: send the header Authorization: Bearer <api key>")
    scheme, _, credentials = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return AuthFailure("Malformed Authorization header: expected Bearer <api key>")
    try:
        org, key = await authenticate(credentials.strip(), recent=recent)
    except Unauthenticated as exc:
        return AuthFailure(exc.message)
    return Principal(org, key)


def principal_of(scope: Scope) -> Principal | AuthFailure:
    """What the middleware resolved for this request."""
    result = scope.get("state", {}).get(STATE_KEY)
    return result if result is not None else AuthFailure("Missing API key")


class ApiKeyMiddleware:
    """Resolves the API key of requests under the protected path prefixes."""

    def __init__(
        self,
        app: ASGIApp,
        protected_prefixes: tuple[str, ...],
        recent: RecentKeys | None = None,
    ) -> None:
        self.app = app
        self.protected_prefixes = protected_prefixes
        self.recent = recent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.protected_prefixes):
            await self.app(scope, receive, send)
            return
        result = await resolve(Headers(scope=scope).get("authorization"), self.recent)
        scope.setdefault("state", {})[STATE_KEY] = result
        if isinstance(result, AuthFailure):
            await self.app(scope, receive, send)
            return
        # Whatever billing does for this request, it does on the caller's behalf (and checks
        # each action against what the caller may do).
        with acting(result.access):
            await self.app(scope, receive, send)
