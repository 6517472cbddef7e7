"""Resolve `Authorization: Bearer ...` (an API key, or a signed-in person's session token) to
the organization the request acts for, once per request, and run the request on the caller's
behalf (billing/access.py).

The middleware never answers by itself: it stores a `Principal` or an `AuthFailure` in the
request state, and each surface (REST, GraphQL) refuses in its own format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from billing import people
from billing.access import Access, acting
from billing.apikeys import RecentKeys, access_of, authenticate
from billing.errors import DomainError, ErrorCode, shown_id
from models import ApiKey, Membership, Organization, Session

STATE_KEY = "auth"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the organization every query is scoped to, and the key used, or the
    signed-in user's session and membership."""

    organization: Organization
    api_key: ApiKey | None = None
    session: Session | None = None
    membership: Membership | None = None

    @property
    def access(self) -> Access:
        """What the caller may do: what its key's scopes, or its member's role, allow."""
        if self.membership is not None:
            return Access.of_role(self.membership.role, self.membership.user_id)
        assert self.api_key is not None, "a principal holds a key or a membership"
        return access_of(self.api_key)

    @property
    def subject(self) -> str:
        """Whose rate-limit budget the request spends: the key's, or the user's."""
        if self.api_key is not None:
            return self.api_key.id
        assert self.membership is not None
        return self.membership.user_id


@dataclass(frozen=True, slots=True)
class AuthFailure:
    """Why a request is not authenticated (401), or may not act for the organization it
    names (403; 400 when a person in several names none), in words for the caller."""

    message: str
    status: int = 401
    code: ErrorCode = ErrorCode.UNAUTHENTICATED


async def resolve(
    authorization: str | None,
    recent: RecentKeys | None = None,
    *,
    organization_id: str | None = None,
    session_ttl: timedelta = timedelta(hours=12),
) -> Principal | AuthFailure:
    """The principal an Authorization header stands for, or why it stands for none: an API
    key (from `recent`, when it authenticated there lately), or a session token, acting for
    `organization_id` (the X-Organization-Id header) or the user's only organization."""
    if not authorization:
        return AuthFailure(
            "Missing API key: send the header Authorization: Bearer <api key> (or a session token)"
        )
    scheme, _, credentials = authorization.strip().partition(" ")
    token = credentials.strip()
    if scheme.lower() != "bearer" or not token:
        return AuthFailure("Malformed Authorization header: expected Bearer <api key>")
    try:
        if token.startswith(people.SESSION_PREFIX):
            user, session = await people.authenticate_session(token, ttl=session_ttl)
            membership = await people.membership_for(user, organization_id)
            return Principal(membership.organization, session=session, membership=membership)
        org, key = await authenticate(token, recent=recent)
    except DomainError as exc:
        return AuthFailure(exc.message, status=status_of_refusal(exc.code), code=exc.code)
    if organization_id is not None and organization_id != org.id:
        return AuthFailure(
            f"This API key acts for its own organization, not {shown_id(organization_id)}",
            status=403,
            code=ErrorCode.FORBIDDEN,
        )
    return Principal(org, api_key=key)


def status_of_refusal(code: ErrorCode) -> int:
    return {ErrorCode.UNAUTHENTICATED: 401, ErrorCode.FORBIDDEN: 403}.get(code, 400)


def principal_of(scope: Scope) -> Principal | AuthFailure:
    """What the middleware resolved for this request."""
    result = scope.get("state", {}).get(STATE_KEY)
    return result if result is not None else AuthFailure("Missing credentials")


class ApiKeyMiddleware:
    """Resolves the API key of requests under the protected path prefixes."""

    def __init__(
        self,
        app: ASGIApp,
        protected_prefixes: tuple[str, ...],
        recent: RecentKeys | None = None,
        session_ttl: timedelta = timedelta(hours=12),
    ) -> None:
        self.app = app
        self.protected_prefixes = protected_prefixes
        self.recent = recent
        self.session_ttl = session_ttl

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.protected_prefixes):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        result = await resolve(
            headers.get("authorization"),
            self.recent,
            organization_id=headers.get("x-organization-id"),
            session_ttl=self.session_ttl,
        )
        scope.setdefault("state", {})[STATE_KEY] = result
        if isinstance(result, AuthFailure):
            await self.app(scope, receive, send)
            return
        # Whatever billing does for this request, it does on the caller's behalf (and checks
        # each action against what the caller may do).
        with acting(result.access):
            await self.app(scope, receive, send)
