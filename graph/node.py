"""The Node interface: every object with an id, resolvable by `node(id)`."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with an opaque id, resolvable with `node(id)`.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque id with a type prefix (`inv_`, `cli_`...), the same in REST."
    )
