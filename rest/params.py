"""Query parameters of the list routes, validated as the contract says: 400, never a clamp."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from billing.errors import ValidationError
from billing.pagination import DEFAULT_PAGE_SIZE, PageRequest, clean_search


def integer(params: QueryParams, name: str, default: int) -> int:
    """An integer parameter; anything else is a validation error naming it."""
    raw = params.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if not raw.lstrip("-").isdigit() or len(raw) > 12:
        raise ValidationError(f"Invalid parameter {name}: must be an integer", field=name)
    return int(raw)


def page_request(params: QueryParams) -> PageRequest:
    """`page` (from 1) and `limit` (1 to 100)."""
    page = integer(params, "page", 1)
    limit = integer(params, "limit", DEFAULT_PAGE_SIZE)
    try:
        return PageRequest(page, limit)
    except ValidationError as exc:
        raise ValidationError(f"Invalid parameter {exc.message}", field=exc.field) from None


def search(params: QueryParams) -> str | None:
    """`search`, at most 255 characters."""
    try:
        return clean_search(params.get("search"))
    except ValidationError as exc:
        raise ValidationError(f"Invalid parameter {exc.message}", field=exc.field) from None
