"""Look-ahead: the fields a connection's nodes are asked for, read from the operation by the
connection's resolver before any node resolves.

A connection loads what those fields need (a document's client and lines...) for its whole
page at once, through the request's loaders, and hands it to its nodes, whose fields then
answer without awaiting anything (graph/documents/connections.py). What the look-ahead does
not see, a field loads itself: the look-ahead saves time, never decides an answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from graph.context import Info

N = TypeVar("N")
V = TypeVar("V")


def node_fields(info: Info) -> frozenset[str]:
    """The names of the fields selected on the nodes of the connection `info` resolves
    (`edges { node { ... } }`), through fragments and inline fragments, under any alias.

    Left out: fields with arguments (the same name may be asked with several), and whatever
    a directive governs (`@skip`, `@include`), rather than evaluating it. Type conditions
    need no test: a connection, its edges and its nodes are object types, on which
    validation admits only fragments that apply."""
    return frozenset(
        field.name
        for connection in info.selected_fields
        if isinstance(connection, SelectedField)
        for edges in _named(connection.selections, "edges")
        for node in _named(edges.selections, "node")
        for field in _plain(node.selections)
    )


def _named(selections: Iterable[Selection], name: str) -> Iterator[SelectedField]:
    return (field for field in _plain(selections) if field.name == name)


def _plain(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields of `selections` without arguments or directives, fragments spread."""
    for selection in selections:
        if selection.directives:
            continue
        if isinstance(selection, SelectedField):
            if not selection.arguments:
                yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _plain(selection.selections)


async def preload(
    info: Info,
    nodes: Sequence[N],
    field: str,
    load: Callable[[list[N]], Awaitable[Sequence[V]]],
    give: Callable[[N, V], None],
) -> None:
    """When the connection's nodes are asked for `field`, `load` its values for the whole page
    at once (a loader's batch) and `give` each node its own, so that the field then answers
    synchronously."""
    if nodes and field in node_fields(info):
        for node, value in zip(nodes, await load(list(nodes)), strict=True):
            give(node, value)
