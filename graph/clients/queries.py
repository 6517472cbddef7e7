"""Root query fields of clients."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import clients
from billing.errors import NotFound
from graph.clients.dataloaders import OutstandingByClientLoader
from graph.clients.types import Client
from graph.context import Info
from graph.lookahead import preload
from graph.pagination import After, Before, Connection, First, Last, window


@strawberry.input(description="Narrows the client list; conditions combine.")
class ClientFilterInput:
    search: str | None = strawberry.field(
        default=None,
        description="Part of the name or e-mail (at most 255 characters, case-insensitive).",
    )
    is_active: bool | None = strawberry.field(
        default=True,
        description="true (the default): active clients; false: deleted ones; null: both.",
    )


@strawberry.type
class ClientQueries:
    @strawberry.field(description="A client by id, active or not; null when there is none such.")
    async def client(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> Client | None:
        try:
            return Client.from_model(await clients.get_client(info.context.organization, id))
        except NotFound:
            return None

    @strawberry.field(description="The organization's clients, by name.")
    async def clients(
        self,
        info: Info,
        filter: Annotated[
            ClientFilterInput | None,
            strawberry.argument(description="Which clients; the active ones when left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Client]:
        where = filter or ClientFilterInput()
        page = await clients.window_clients(
            info.context.organization,
            search=where.search,
            is_active=where.is_active,
            window=window(first, after, last, before),
        )
        connection = Connection.of(page, Client.from_model)
        loader = info.context.loader(OutstandingByClientLoader)
        await preload(
            info,
            [edge.node for edge in connection.edges],
            "outstandingBalance",
            lambda nodes: loader.load_many([node.id for node in nodes]),
            lambda node, owed: setattr(node, "owed", owed),
        )
        return connection
