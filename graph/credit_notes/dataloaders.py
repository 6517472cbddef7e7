"""Per-request loaders of credit notes, their lines and refunds."""

from __future__ import annotations

from collections.abc import Sequence

from billing import credit_notes
from graph.context import OrgLoader
from models import CreditNote, CreditNoteLine, Refund


class CreditNotesByInvoiceLoader(OrgLoader[str, list[CreditNote]]):
    """Invoices' credit notes, oldest first, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[CreditNote]]:
        found = await credit_notes.credit_notes_by_invoice(self.org, keys)
        return [found[key] for key in keys]


class CreditNoteLinesLoader(OrgLoader[str, list[CreditNoteLine]]):
    """Credit notes' lines in order, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[CreditNoteLine]]:
        found = await credit_notes.lines_by_credit_note(self.org, keys)
        return [found[key] for key in keys]


class RefundsByCreditNoteLoader(OrgLoader[str, list[Refund]]):
    """Credit notes' refunds, oldest first, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[Refund]]:
        found = await credit_notes.refunds_by_credit_note(self.org, keys)
        return [found[key] for key in keys]
