"""Refusals made in front of both APIs, each in the shape of the API the request is for."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import Scope

from graph.app import PATH as GRAPHQL_PATH
from graph.app import graphql_error
from rest.errors import error_response


def refusal(
    scope: Scope,
    status: int,
    message: str,
    code: str,
    *,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
) -> Response:
    """A GraphQL error with `code` (and `extensions`) for /graphql, `{"error": message}`
    for everything else."""
    if scope["path"] == GRAPHQL_PATH:
        return graphql_error(status, message, code, extensions=extensions, headers=headers)
    return error_response(status, message, headers)
