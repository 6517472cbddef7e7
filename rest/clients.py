"""`/api/v1/clients`."""

from __future__ import annotations

from billing import clients
from billing.pagination import PageRequest
from billing.plans import Plan
from models import Organization
from rest import shapes
from rest.endpoint import Body
from rest.serializers import client_json, client_party_json, many, one


async def list_clients(org: Organization, query: shapes.ClientQuery) -> shapes.Many[shapes.Client]:
    """List active clients, by name.

    `search` matches the name or the e-mail address.
    """
    page = await clients.list_clients(
        org, search=query.get("search"), page=PageRequest(query["page"], query["limit"])
    )
    return many(page, client_json)


async def create_client(
    org: Organization, body: Body[shapes.ClientCreate], plan: Plan
) -> shapes.One[shapes.Client]:
    """Create a client.

    Counts against the plan's client limit (403 once reached).
    """
    return one(client_json(await clients.create_client(org, body.values, plan)))


async def get_client(org: Organization, id: str) -> shapes.One[shapes.Client]:
    """Get a client, active or deleted."""
    return one(client_json(await clients.get_client(org, id)))


async def update_client(
    org: Organization, id: str, body: Body[shapes.ClientUpdate]
) -> shapes.One[shapes.Client]:
    """Update some of a client's fields.

    Absent fields keep their value; the answer is the whole client.
    """
    return one(client_json(await clients.update_client(org, id, body.values)))


async def get_client_party(org: Organization, id: str) -> shapes.One[shapes.ClientParty]:
    """Extension: what e-invoices need of a client (structured address, VAT id, legal
    registration, Peppol id, buyer reference), set with the client's create and update."""
    return one(client_party_json(await clients.get_client(org, id)))


async def delete_client(org: Organization, id: str) -> None:
    """Delete a client.

    A soft delete: `isActive` becomes false and its invoices and estimates stay.
    """
    await clients.deactivate_client(org, id)
