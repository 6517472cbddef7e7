"""What sets one REST door apart from another served by the same machinery.

The machinery (rest.endpoint runs handlers, rest.schema reads shapes, rest.openapi writes
the document) is shared; a door says where it is mounted, how its errors are spelled, how
its query strings are read and what its OpenAPI document says about itself. The legacy v1
contract is one door (rest.app.V1), Ever Gauzy's invoice endpoints another (gauzy.app.DOOR).
"""

from __future__ import annotations

import re
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


# What each error status means, for the documents: the same on every door.
ERROR_MEANINGS: Mapping[int, str] = {
    400: "Invalid parameters or body; the message names the field",
    401: "Missing, malformed, unknown or revoked API key",
    403: "The plan lacks API access (or e-mail, to send), or one of its limits is reached",
    404: "No such resource in this organization",
    409: "The resource's state refuses the request; the message says why",
    413: "The body is larger than MAX_BODY_BYTES",
    415: "The body was not sent as application/json",
    429: "Rate limit exceeded: retry after the Retry-After header's seconds",
    502: "The e-mail was not sent (the SMTP server refused it or could not be reached, the "
    "message says why); nothing changed",
    503: "The PDF could not be rendered just now (the renderer failed or timed out): retry",
}


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
    # Request examples by body shape: the document shows them, the tests send them.
    examples: Mapping[Any, Mapping[str, Any]]
    id_shape: Any  # the path's {id}
    created_id: str  # the JSON pointer to a created resource's id in its answer: /data/id
    query: QueryReader = last_values
    error_meanings: Mapping[int, str] = field(default_factory=lambda: ERROR_MEANINGS)
    # billing's names for the fields its messages mention, to this door's (clientId:
    # toContactId), for a door whose names differ from the v1 contract's.
    field_names: Mapping[str, str] = field(default_factory=dict)
    security_description: str = "An API key: cinv_ followed by 40 letters and digits"

    def spell(self, message: str) -> str:
        """`message` (billing's) with the fields it names as this door names them."""
        if not self.field_names:
            return message
        names = "|".join(re.escape(name) for name in self.field_names)
        return re.sub(rf"\b({names})\b", lambda m: self.field_names[m.group(1)], message)
