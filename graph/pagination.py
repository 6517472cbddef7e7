"""Relay connections over billing's keyset windows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

import strawberry

from billing.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Slice, Window

Row = TypeVar("Row")
Node = TypeVar("Node")

First = Annotated[
    int | None,
    strawberry.argument(
        description=f"At most this many from the start (or after `after`), 0 to "
        f"{MAX_PAGE_SIZE}; {DEFAULT_PAGE_SIZE} when neither first nor last is given."
    ),
]
After = Annotated[
    str | None, strawberry.argument(description="A cursor: return what comes after it.")
]
Last = Annotated[
    int | None,
    strawberry.argument(
        description=f"At most this many from the end (or before `before`), 0 to {MAX_PAGE_SIZE}."
    ),
]
Before = Annotated[
    str | None, strawberry.argument(description="A cursor: return what comes before it.")
]


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether more precede this page.")
    start_cursor: str | None = strawberry.field(
        description="The cursor of the first edge, null when the page is empty."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last edge, null when the page is empty."
    )


@strawberry.type(description="One item of a list, with its cursor.")
class Edge(Generic[Node]):
    cursor: str = strawberry.field(description="Pass as `after` or `before` to page from here.")
    node: Node = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list: its edges, where it sits, and the list's size.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(description="The items of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    _slice: strawberry.Private[Slice[object]]

    @strawberry.field(description="How many items the whole list (with its filter) holds.")
    async def total_count(self) -> int:
        # Counted only when asked for: a COUNT over a large list is not free.
        return await self._slice.count()

    @classmethod
    def of(cls, page: Slice[Row], convert: Callable[[Row], Node]) -> Connection[Node]:
        """The connection of a billing window, each row converted to its GraphQL type."""
        return cls(
            edges=[Edge(cursor=cursor, node=convert(row)) for cursor, row in page.edges],
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=page.start_cursor,
                end_cursor=page.end_cursor,
            ),
            _slice=page,  # type: ignore[arg-type]
        )


def window(first: int | None, after: str | None, last: int | None, before: str | None) -> Window:
    """The billing window of Relay's arguments (validated there)."""
    return Window(first=first, after=after, last=last, before=before)
