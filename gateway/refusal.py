"""Refusals made in front of the APIs and the public pages, each in the shape of what the
request is for."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import Response
from starlette.types import Scope

from graph.app import PATH as GRAPHQL_PATH
from graph.app import graphql_error
from rest.errors import error_response
from web.app import PREFIX as PUBLIC_PREFIX
from web.responses import error_page


def refusal(
    scope: Scope,
    status: int,
    message: str,
    code: str,
    *,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
) -> Response:
    """A GraphQL error with `code` (and `extensions`) for /graphql, an HTML page for the public
    pages (a person reads it), `{"error": message}` for everything else."""
    if scope["path"] == GRAPHQL_PATH:
        return graphql_error(status, message, code, extensions=extensions, headers=headers)
    if scope["path"].startswith(PUBLIC_PREFIX + "/"):
        return error_page(status, message, headers)
    return error_response(status, message, headers)
