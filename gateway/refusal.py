"""How the middleware refuses a request: through a callable the app gives it.

Each surface answers in a shape of its own (GraphQL's errors, REST's envelope, the public
pages' HTML), and only the app knows which surface a path is: the middleware hands a `Refusal`
to the `Refuse` it was given (as Starlette's AuthenticationMiddleware calls `on_error`), so
gateway/ imports no surface.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

from starlette.responses import Response
from starlette.types import Scope


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request is refused: `status`, `message` in words for whoever reads it, `code` for
    programs, `headers` for the response, and `extensions` that a surface with room for them
    (GraphQL's error) adds."""

    status: int
    message: str
    code: StrEnum  # a RefusalCode, or the domain's code of a refusal the surface makes itself
    headers: Mapping[str, str] = field(default_factory=dict)
    extensions: Mapping[str, object] = field(default_factory=dict)


# The response refusing the request of a scope, in the shape of the surface it is for.
Refuse: TypeAlias = Callable[[Scope, Refusal], Response]
