"""Mutations of clients."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import clients
from graph.clients.types import Client
from graph.context import Info
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.parties import PartyInput
from models import Client as ClientModel

ClientId = Annotated[strawberry.ID, strawberry.argument(description="The client's id.")]


@strawberry.input(description="A new client.")
class ClientCreateInput(PartyInput):
    name: str = strawberry.field(description="Display name (required, at most 255 characters).")
    email: str | None = strawberry.field(default=UNSET, description="E-mail address.")
    address: str | None = strawberry.field(default=UNSET, description="Postal address.")
    tax_id: str | None = strawberry.field(default=UNSET, description="Tax or VAT identifier.")
    phone: str | None = strawberry.field(default=UNSET, description="Phone number.")
    notes: str | None = strawberry.field(default=UNSET, description="Internal notes.")
    buyer_reference: str | None = strawberry.field(
        default=UNSET, description="The buyer's reference its documents quote (BT-10)."
    )


@strawberry.input(description="Changes to a client; fields left out keep their value.")
class ClientUpdateInput(PartyInput):
    name: str | None = strawberry.field(default=UNSET, description="Display name.")
    email: str | None = strawberry.field(default=UNSET, description="E-mail address.")
    address: str | None = strawberry.field(default=UNSET, description="Postal address.")
    tax_id: str | None = strawberry.field(default=UNSET, description="Tax or VAT identifier.")
    phone: str | None = strawberry.field(default=UNSET, description="Phone number.")
    notes: str | None = strawberry.field(default=UNSET, description="Internal notes.")
    buyer_reference: str | None = strawberry.field(
        default=UNSET, description="The buyer's reference its documents quote (BT-10)."
    )


@strawberry.type(description="The client a mutation produced, or why it did not.")
class ClientPayload:
    client: Client | None = strawberry.field(description="The client, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


async def _payload(info: Info, action: Callable[[], Awaitable[ClientModel]]) -> ClientPayload:
    row, errors = await attempt(info, action)
    return ClientPayload(client=None if row is None else Client.from_model(row), errors=errors)


@strawberry.type
class ClientMutations:
    @strawberry.mutation(description="Create a client, within the plan's client limit.")
    async def client_create(
        self,
        info: Info,
        input: Annotated[ClientCreateInput, strawberry.argument(description="The new client.")],
    ) -> ClientPayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: clients.create_client(org, values, info.context.plan))

    @strawberry.mutation(description="Change a client.")
    async def client_update(
        self,
        info: Info,
        id: ClientId,
        input: Annotated[ClientUpdateInput, strawberry.argument(description="The changes.")],
    ) -> ClientPayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: clients.update_client(org, id, values))

    @strawberry.mutation(
        description="Delete a client softly: it becomes inactive, keeps its documents and "
        "can be restored."
    )
    async def client_delete(self, info: Info, id: ClientId) -> ClientPayload:
        org = info.context.organization
        return await _payload(info, lambda: clients.deactivate_client(org, id))

    @strawberry.mutation(description="Make a deleted client active again.")
    async def client_restore(self, info: Info, id: ClientId) -> ClientPayload:
        org = info.context.organization
        return await _payload(info, lambda: clients.restore_client(org, id))
