"""The e-invoice of one of an organization's invoices or credit notes: read in one snapshot
through billing (tenant-scoped and role-checked there), then written and validated in a
thread, as the surfaces serve it."""

from __future__ import annotations

import asyncio

from billing import credit_notes, documents
from billing.errors import InvalidTransition
from einvoice.document import from_credit_note, from_invoice
from einvoice.formats import Format, Generated, generate
from models import Organization
from models.enums import DocumentStatus, Series


async def of_invoice(org: Organization, invoice_id: str, format: Format) -> Generated:
    """The e-invoice of an issued invoice of `org` in `format` (INVALID_TRANSITION for a DRAFT
    or VOID one, EINVOICE_INCOMPLETE for what it lacks)."""
    document = await documents.get_document(org, invoice_id, Series.INVOICE)
    if document.status in (DocumentStatus.DRAFT, DocumentStatus.VOID):
        raise InvalidTransition(
            f"Invoice {document.number} is {document.status.value}: only an issued invoice has "
            "an e-invoice",
            field="id",
        )
    return await asyncio.to_thread(generate, from_invoice(document), format)


async def of_credit_note(org: Organization, credit_note_id: str, format: Format) -> Generated:
    """The e-invoice (type 381) of one of `org`'s credit notes in `format`."""
    shown = await credit_notes.credit_note_shown(org, credit_note_id)
    return await asyncio.to_thread(generate, from_credit_note(shown), format)
