"""Offset pages with a hard maximum size, shared by every list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from billing.errors import ValidationError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 255


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A validated page number (from 1) and size (1 to MAX_PAGE_SIZE)."""

    page: int = 1
    limit: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValidationError("page must be at least 1", field="page")
        if not 1 <= self.limit <= MAX_PAGE_SIZE:
            raise ValidationError(f"limit must be between 1 and {MAX_PAGE_SIZE}", field="limit")

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return (self.page - 1) * self.limit


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the total count across all pages."""

    items: Sequence[T]
    total: int
    request: PageRequest

    @property
    def total_pages(self) -> int:
        """How many pages the total makes at this page size."""
        return -(-self.total // self.request.limit)


def clean_search(search: str | None) -> str | None:
    """A stripped search term, None when empty; refuses terms over the maximum length."""
    if search is None:
        return None
    if len(search) > MAX_SEARCH_LENGTH:
        raise ValidationError(
            f"search must be at most {MAX_SEARCH_LENGTH} characters", field="search"
        )
    return search.strip() or None
