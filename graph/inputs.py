"""Mutation inputs as billing's plain values: snake_case keys, only the fields given."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from strawberry import UNSET


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return values_of(value)
    return value


def values_of(given: object) -> dict[str, Any]:
    """The fields of an input that were given (an explicit null included), by Python name."""
    assert dataclasses.is_dataclass(given) and not isinstance(given, type)
    return {
        field.name: _plain(getattr(given, field.name))
        for field in dataclasses.fields(given)
        if getattr(given, field.name) is not UNSET
    }
