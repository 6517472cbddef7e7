"""What sets one REST door apart from another served by the same machinery.

The machinery (rest.endpoint runs handlers, rest.schema reads shapes, rest.openapi writes
the document) is shared; a door says where it is mounted, how its errors are spelled, how
its query strings are read and what its OpenAPI document says about itself. The legacy v1
contract is one door (rest.app.V1), Ever Gauzy's invoice endpoints another (gauzy.app.DOOR).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import QueryParams
from starlette.responses import Response

# An error answer: (status, message, extra headers) to the door's error body.
ErrorBody = Callable[[int, str, Mapping[str, str] | None], Response]
# A query string as the door's shapes read it: each name to its value, or to its values for
# a name given several times where the door allows that.
QueryReader = Callable[[QueryParams], Mapping[str, str | list[str]]]


def last_values(params: QueryParams) -> Mapping[str, str | list[str]]:
    """Each parameter's value; a parameter given twice counts by its last value."""
    return dict(params)


@dataclass(frozen=True, slots=True)
class Door:
    """One REST contract served by this machinery."""

    prefix: str  # where it is mounted (/api/v1)
    title: str  # the OpenAPI document's title, version and description
    version: str
    description: str
    error: ErrorBody
    error_shape: Any  # the shape of its error bodies, for the document
    error_meanings: Mapping[int, str]  # what each error status means, for the document
    # Request examples by body shape: the document shows them, the tests send them.
    examples: Mapping[Any, Mapping[str, Any]]
    id_shape: Any  # the path's {id}
    created_id: str  # the JSON pointer to a created resource's id in its answer: /data/id
    query: QueryReader = last_values
    security_description: str = field(default="An API key: cinv_ followed by 40 letters and digits")
