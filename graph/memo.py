"""What a GraphQL document's text determines, worked out once: clients send the same few
documents, and the walks of a document (its size with fragments spread, its cost) would
otherwise run again on every request of it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

# Documents remembered, by their text: as many as the parse and validation caches hold.
CACHED_DOCUMENTS = 256

V = TypeVar("V")


class Memo(Generic[V]):
    """The values of up to `size` keys, the least recently used forgotten first."""

    def __init__(self, size: int = CACHED_DOCUMENTS) -> None:
        self.size = size
        self.values: dict[Hashable, V] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value of `key`, computed (by `compute`) when not remembered."""
        values = self.values
        if key in values:
            value = values[key] = values.pop(key)  # now the most recently used
            return value
        value = values[key] = compute()
        if len(values) > self.size:
            del values[next(iter(values))]
        return value
