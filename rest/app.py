"""The v1 routes, mounted at /api/v1."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from rest import clients
from rest.endpoint import endpoint

PREFIX = "/api/v1"


def routes() -> list[BaseRoute]:
    """Every v1 route."""
    return [
        Route("/clients", endpoint(clients.list_clients), methods=["GET"]),
    ]
