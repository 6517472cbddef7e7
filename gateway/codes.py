"""The codes of refusals of a whole request, made before any API runs its operation.

They are not domain errors (a caller's mistake in an operation, billing/errors.py) but about
the request itself: its size, its rate, its shape, or a passing failure of the server. Both
the middleware and the GraphQL endpoint refuse with them, and GraphQL shows them in its
errors' `extensions.code`; their home is here, below both.
"""

from __future__ import annotations

from enum import StrEnum


class RefusalCode(StrEnum):
    """Why a request was refused before it ran."""

    BAD_REQUEST = "BAD_REQUEST"  # not a GraphQL request: no JSON object with a query
    IDEMPOTENCY_KEY_INVALID = "IDEMPOTENCY_KEY_INVALID"  # not 1 to 255 printable characters
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"  # the key was sent with another request
    IDEMPOTENCY_KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE"  # its first request is not answered yet
    ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED"  # a browser's preflight from an unlisted origin
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"  # a mutation sent with GET
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"  # an Accept header no response media type satisfies
    RATE_LIMITED = "RATE_LIMITED"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"  # a body not declared as JSON
