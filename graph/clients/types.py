"""GraphQL types of clients."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.amounts import Amount
from graph.clients.dataloaders import OutstandingByClientLoader
from graph.context import Info
from graph.documents.filters import DocumentFilter, DocumentSort
from graph.node import Node
from graph.pagination import After, Before, Connection, First, Last
from graph.parties import PartyFields
from models import Client as ClientModel

if TYPE_CHECKING:
    from graph.documents.types import Estimate, Invoice


@strawberry.type(description="A person or company the organization bills.")
class Client(PartyFields, Node):
    name: str = strawberry.field(description="Display name, on documents.")
    email: str = strawberry.field(description="Where documents are sent; may be empty.")
    address: str = strawberry.field(description="Postal address, free text.")
    tax_id: str = strawberry.field(description="Tax or VAT identifier.")
    phone: str = strawberry.field(description="Phone number.")
    notes: str = strawberry.field(description="Internal notes, never shown to the client.")
    buyer_reference: str = strawberry.field(
        description="What its documents quote as the buyer's reference (BT-10, a Leitweg-ID "
        "for a German public buyer) unless they give their own."
    )
    is_active: bool = strawberry.field(
        description="False once deleted (soft): hidden from lists by default, restorable."
    )
    created_at: datetime = strawberry.field(description="When the client was created.")
    updated_at: datetime = strawberry.field(description="When the client last changed.")
    # What a list of clients loaded for its page before the fields resolved (queries.py),
    # which they then answer from synchronously; None when not loaded: the field loads it.
    owed: strawberry.Private[dict[str, Decimal] | None] = None

    @classmethod
    def from_model(cls, row: ClientModel) -> Client:
        """The GraphQL view of a client row."""
        return cls(
            id=strawberry.ID(row.id),
            party=row,
            name=row.name,
            email=row.email,
            address=row.address,
            tax_id=row.tax_id,
            phone=row.phone,
            notes=row.notes,
            buyer_reference=row.buyer_reference,
            is_active=row.is_active,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    @strawberry.field(
        description="What the client still owes on issued invoices (sent, viewed, partially "
        "paid, overdue), one amount per currency; empty when nothing is due.",
        graphql_type=list[Amount],
    )
    def outstanding_balance(self, info: Info) -> list[Amount] | Awaitable[list[Amount]]:
        if self.owed is None:
            return self._load_outstanding_balance(info)
        return Amount.of(self.owed)

    async def _load_outstanding_balance(self, info: Info) -> list[Amount]:
        return Amount.of(await info.context.loader(OutstandingByClientLoader).load(self.id))

    @strawberry.field(description="The client's invoices, newest first unless sorted.")
    async def invoices(
        self,
        info: Info,
        filter: DocumentFilter = None,
        sort: DocumentSort = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Invoice, strawberry.lazy("graph.documents.types")]]:
        # At call time: graph.documents.types imports this module.
        from graph.documents.connections import invoice_connection

        return await invoice_connection(
            info, filter, sort, first, after, last, before, client_id=self.id
        )

    @strawberry.field(description="The client's estimates, newest first unless sorted.")
    async def estimates(
        self,
        info: Info,
        filter: DocumentFilter = None,
        sort: DocumentSort = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Annotated[Estimate, strawberry.lazy("graph.documents.types")]]:
        from graph.documents.connections import estimate_connection

        return await estimate_connection(
            info, filter, sort, first, after, last, before, client_id=self.id
        )
