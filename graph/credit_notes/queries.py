"""Root query fields of credit notes."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import credit_notes
from billing.errors import NotFound
from graph.context import Info
from graph.credit_notes.types import CreditNote
from graph.pagination import After, Before, Connection, First, Last, window


@strawberry.input(description="Narrows the credit note list.")
class CreditNoteFilterInput:
    invoice_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this invoice's credit notes."
    )


@strawberry.type
class CreditNoteQueries:
    @strawberry.field(description="A credit note by id; null when there is none such.")
    async def credit_note(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> CreditNote | None:
        try:
            row = await credit_notes.get_credit_note(info.context.organization, id)
        except NotFound:
            return None
        return CreditNote.from_model(row)

    @strawberry.field(description="The organization's credit notes, newest first.")
    async def credit_notes(
        self,
        info: Info,
        filter: Annotated[
            CreditNoteFilterInput | None,
            strawberry.argument(description="Which credit notes; all when left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CreditNote]:
        invoice_id = None if filter is None or filter.invoice_id is None else str(filter.invoice_id)
        page = await credit_notes.window_credit_notes(
            info.context.organization,
            invoice_id=invoice_id,
            window=window(first, after, last, before),
        )
        return Connection.of(page, CreditNote.from_model)
