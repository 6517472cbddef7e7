"""Wraps v1 handlers: authentication, the plan's API feature, and domain errors as envelopes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from billing.errors import DomainError
from billing.pagination import Page
from billing.plans import Feature, require_feature
from gateway.auth import AuthFailure, principal_of
from models import Organization
from rest.errors import domain_error_response, error_response

T = TypeVar("T")
Handler = Callable[[Request, Organization], Awaitable[Response]]


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint that runs `handler` for the caller's organization."""

    async def run(request: Request) -> Response:
        principal = principal_of(request.scope)
        if isinstance(principal, AuthFailure):
            return error_response(401, principal.message, {"WWW-Authenticate": "Bearer"})
        try:
            require_feature(principal.organization, Feature.API)
            return await handler(request, principal.organization)
        except DomainError as exc:
            return domain_error_response(exc)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


def list_response(page: Page[T], serialize: Callable[[T], dict[str, Any]]) -> JSONResponse:
    """The contract's list envelope."""
    return JSONResponse(
        {
            "data": [serialize(item) for item in page.items],
            "total": page.total,
            "page": page.request.page,
            "limit": page.request.limit,
            "totalPages": page.total_pages,
        }
    )
