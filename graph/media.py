"""GraphQL over HTTP's media types (the GraphQL-over-HTTP draft): which one an answer is
written in, and which answers are request errors.

A client that accepts `application/graphql-response+json` is told a request that fails to
parse or validate with a 4xx status, and its body has no `data` entry (nothing ran); one that
accepts only `application/json` (or anything, or says nothing) gets the legacy answer, 200 with
`data: null`, as clients written before the media type existed expect.
"""

from __future__ import annotations

from typing import Final

from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
JSON: Final = "application/json"

_MEANINGS: Final = {
    GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
    JSON: JSON,
    "application/*": JSON,
    "*/*": JSON,
}


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def response_type(accept: str | None) -> str | None:
    """The media type to answer a request whose Accept header is `accept` in, or None when it
    accepts neither: the most preferred, the new media type at equal preference."""
    if accept is None or not accept.strip():
        return JSON
    best: tuple[float, bool, bool] | None = None
    chosen = None
    for item in accept.split(","):
        media_range, *parameters = item.split(";")
        meaning = _MEANINGS.get(media_range.strip().lower())
        quality = _quality(parameters)
        if meaning is None or quality == 0:
            continue
        rank = (quality, "*" not in media_range, meaning == GRAPHQL_RESPONSE)
        if best is None or rank > best:
            best, chosen = rank, meaning
    return chosen


def is_request_error(result: ExecutionResult) -> bool:
    """Whether `result` refuses the request as a whole, before anything ran (it failed to parse
    or validate, or cost too much): no data, and no error with a path into it."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)
