"""`/api/v1/clients`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from billing import clients
from models import Organization
from rest import params
from rest.endpoint import list_response
from rest.serializers import client_json


async def list_clients(request: Request, org: Organization) -> Response:
    """Active clients, paginated, searchable by name and email."""
    page = params.page_request(request.query_params)
    search = params.search(request.query_params)
    result = await clients.list_clients(org, search=search, page=page)
    return list_response(result, client_json)
