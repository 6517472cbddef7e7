"""Documents whose fragments spread into too many selections are refused before validation.

A fragment that spreads another twice, which spreads another twice, and so on, makes a
short document stand for an exponentially long one; the depth and alias limiters walk the
document with its fragments spread, so they would take exponential time over it. Counting
the spread document's selections takes one pass (each fragment is counted once), and runs
before them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension

from graph.memo import Memo

# Twice what a document within the token limit can hold without fragments: room for
# fragments reused across a page, and a walk of it still takes milliseconds.
MAX_SELECTIONS = 10_000


def spread_size(document: DocumentNode) -> int:
    """How many selections the operations of `document` hold with every fragment spread."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return sum(
        _size(definition.selection_set, fragments, {}, frozenset())
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    )


def _size(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    sizes: dict[str, int],
    spreading: frozenset[str],
) -> int:
    total = 0
    for selection in selection_set.selections:
        total += 1
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            # An unknown fragment or a cycle counts nothing here: validation refuses both.
            if name not in sizes and name in fragments and name not in spreading:
                sizes[name] = _size(
                    fragments[name].selection_set, fragments, sizes, spreading | {name}
                )
            total += sizes.get(name, 0)
        elif isinstance(selection, FieldNode | InlineFragmentNode) and selection.selection_set:
            total += _size(selection.selection_set, fragments, sizes, spreading)
    return total


class MaxSpreadSelections(SchemaExtension):
    """Refuses a document above `MAX_SELECTIONS` once its fragments are spread, before the
    validation rules walk it; each document's size counted once, by its text."""

    sizes: Memo[int] = Memo()

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            if context.query is None:
                size = spread_size(document)
            else:
                size = self.sizes.get(context.query, lambda: spread_size(document))
            if size > MAX_SELECTIONS:
                # Errors set before validation are returned instead of validating.
                self.execution_context.pre_execution_errors = [
                    GraphQLError(
                        f"The document holds {size} selections once its fragments are spread, "
                        f"more than the maximum of {MAX_SELECTIONS}"
                    )
                ]
        yield
