"""The memo of what documents determine holds a bounded number, the least recently used
forgotten first."""

from __future__ import annotations

from graph.memo import Memo


def test_values_are_computed_once_and_the_least_recently_used_forgotten() -> None:
    memo: Memo[str] = Memo(size=2)
    computed: list[str] = []

    def value(key: str) -> str:
        def compute() -> str:
            computed.append(key)
            return key.upper()

        return memo.get(key, compute)

    assert [value("a"), value("b"), value("a")] == ["A", "B", "A"]
    assert computed == ["a", "b"]
    value("c")  # forgets b, used less recently than a
    assert list(memo.values) == ["a", "c"]
    value("b")
    assert computed == ["a", "b", "c", "b"]
