"""Clients: create, update, soft delete and restore, hard delete when they have no documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from billing import access, parties, plans, validation
from billing.access import Permission
from billing.changes import writing
from billing.errors import HasDocuments, NotFound, ValidationError, shown_id
from billing.pagination import (
    Listing,
    Ordering,
    Page,
    PageRequest,
    Slice,
    Window,
    clean_search,
    compare,
    contains,
    keyset,
    one_of,
    paginate,
)
from billing.plans import Plan
from models import Client, Document, Organization
from models.ids import is_id
from models.rows import table

# The client fields a caller may set, with their validators.
_FIELDS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: validation.text(v, field="name", max_length=255, required=True),
    "email": lambda v: validation.email(v),
    "address": lambda v: validation.text(v, field="address", max_length=2000, multiline=True),
    "tax_id": lambda v: validation.text(v, field="taxId", max_length=64),
    "phone": lambda v: validation.text(v, field="phone", max_length=64),
    "notes": lambda v: validation.text(v, field="notes", max_length=10000, multiline=True),
    **parties.PARTY_FIELDS,
    "buyer_reference": lambda v: parties.reference(v, field="buyerReference"),
}


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown client field: {', '.join(sorted(unknown))}")
    return {key: _FIELDS[key](value) for key, value in values.items()}


CLIENTS = table(Client, "c")
BY_NAME = Ordering("NAME:ASC", "name")


def client_listing(
    org: Organization, *, search: str | None = None, is_active: bool | None = True
) -> Listing[Client]:
    """The organization's clients, active or not or both, matching `search` in name or email."""
    access.require(Permission.CLIENTS_READ)
    conditions = [compare(CLIENTS, "organization_id", "=", org.id)]
    if is_active is not None:
        conditions.append(compare(CLIENTS, "is_active", "=", is_active))
    term = clean_search(search)
    if term:
        name, email = CLIENTS.column("name"), CLIENTS.column("email")
        conditions.append(lambda s: [contains(s, term, name, email)])
    return Listing(CLIENTS, tuple(conditions))


async def clients_by_id(org: Organization, client_ids: Sequence[str]) -> dict[str, Client]:
    """The organization's clients among `client_ids`, by id, in one statement."""
    access.require(Permission.CLIENTS_READ)
    listing = client_listing(org, is_active=None).where(one_of(CLIENTS, "id", client_ids))
    return {client.id: client for client in await listing.rows()}


async def get_client(org: Organization, client_id: str) -> Client:
    """One of the organization's clients, active or not."""
    access.require(Permission.CLIENTS_READ)
    client = (await clients_by_id(org, [client_id])).get(client_id) if is_id(client_id) else None
    if client is None:
        raise NotFound(f"No client with id {shown_id(client_id)}", field="id")
    return client


async def list_clients(
    org: Organization,
    *,
    search: str | None = None,
    is_active: bool | None = True,
    page: PageRequest | None = None,
) -> Page[Client]:
    """A page of the organization's clients, by name then id."""
    access.require(Permission.CLIENTS_READ)
    listing = client_listing(org, search=search, is_active=is_active)
    return await paginate(listing, BY_NAME, page or PageRequest())


async def window_clients(
    org: Organization,
    *,
    search: str | None = None,
    is_active: bool | None = True,
    window: Window | None = None,
) -> Slice[Client]:
    """A keyset window of the organization's clients, by name then id."""
    access.require(Permission.CLIENTS_READ)
    listing = client_listing(org, search=search, is_active=is_active)
    return await keyset(listing, BY_NAME, window or Window())


async def create_client(org: Organization, values: Mapping[str, Any], plan: Plan) -> Client:
    """Create a client, within the client limit of `plan` (the organization's)."""
    access.require(Permission.CLIENTS_WRITE)
    if "name" not in values:
        raise ValidationError("Missing required field: name", field="name")
    cleaned = _clean(values)
    async with writing() as write:
        await plans.check_client_limit(org, plan, write.conn)
        client = await Client.create(organization=org, **cleaned, using_db=write.conn)
        write.noted("client.created", client)
        return client


async def update_client(org: Organization, client_id: str, changes: Mapping[str, Any]) -> Client:
    """Change some of a client's fields; absent fields keep their value."""
    access.require(Permission.CLIENTS_WRITE)
    cleaned = _clean(changes)
    async with writing() as write:
        client = await _locked(org, client_id, write.conn)
        for key, value in cleaned.items():
            setattr(client, key, value)
        await client.save(using_db=write.conn, update_fields=[*cleaned, "updated_at"])
        write.noted("client.updated", client)
    return client


async def _locked(org: Organization, client_id: str, conn: BaseDBAsyncClient) -> Client:
    if not is_id(client_id):
        raise NotFound(f"No client with id {shown_id(client_id)}", field="id")
    client = (
        await Client.filter(id=client_id, organization_id=org.id)
        .select_for_update()
        .using_db(conn)
        .first()
    )
    if client is None:
        raise NotFound(f"No client with id {shown_id(client_id)}", field="id")
    return client


async def _set_active(org: Organization, client_id: str, active: bool) -> Client:
    access.require(Permission.CLIENTS_WRITE)
    async with writing() as write:
        client = await _locked(org, client_id, write.conn)
        if client.is_active != active:
            client.is_active = active
            await client.save(using_db=write.conn, update_fields=["is_active", "updated_at"])
            # A soft delete is the client's deletion as far as integrations go.
            write.noted("client.updated" if active else "client.deleted", client)
    return client


async def deactivate_client(org: Organization, client_id: str) -> Client:
    """Soft delete: the client disappears from active lists but keeps its documents."""
    return await _set_active(org, client_id, False)


async def restore_client(org: Organization, client_id: str) -> Client:
    """Undo a soft delete."""
    return await _set_active(org, client_id, True)


async def delete_client(org: Organization, client_id: str) -> None:
    """Delete a client for good; refused while it has documents."""
    access.require(Permission.CLIENTS_WRITE)
    async with writing() as write:
        client = await _locked(org, client_id, write.conn)
        if await Document.filter(client_id=client.id).using_db(write.conn).exists():
            raise HasDocuments(
                "This client has invoices or estimates and cannot be deleted; deactivate it",
                field="id",
            )
        await client.delete(using_db=write.conn)
        write.noted("client.deleted", client)
