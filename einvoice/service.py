"""The e-invoice of one of an organization's invoices or credit notes: read in one snapshot
through billing (tenant-scoped and role-checked there), then written and validated in a
thread, as the surfaces serve it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from billing import credit_notes, documents
from billing.errors import InvalidTransition
from einvoice.document import from_credit_note, from_invoice
from einvoice.facturx import facturx
from einvoice.formats import Format, Generated, generate
from models import Document, Organization
from models.enums import DocumentStatus, Series
from pdf.store import DocumentPdfs


@dataclass(frozen=True, slots=True)
class FacturX:
    """A document's Factur-X PDF, with the CII it carries (and that XML's findings)."""

    pdf: bytes
    xml: Generated


async def _issued(org: Organization, invoice_id: str) -> Document:
    document = await documents.get_document(org, invoice_id, Series.INVOICE)
    if document.status in (DocumentStatus.DRAFT, DocumentStatus.VOID):
        raise InvalidTransition(
            f"Invoice {document.number} is {document.status.value}: only an issued invoice has "
            "an e-invoice",
            field="id",
        )
    return document


async def of_invoice(org: Organization, invoice_id: str, format: Format) -> Generated:
    """The e-invoice of an issued invoice of `org` in `format` (INVALID_TRANSITION for a DRAFT
    or VOID one, EINVOICE_INCOMPLETE for what it lacks)."""
    document = await _issued(org, invoice_id)
    return await asyncio.to_thread(generate, from_invoice(document), format)


def _lang(org: Organization) -> str:
    return org.locale.replace("_", "-")


async def invoice_facturx(document: Document, pdf: bytes) -> FacturX:
    """The Factur-X PDF of an invoice read with its organization, client and lines, from
    `pdf`, its PDF of that same state."""
    xml = await asyncio.to_thread(generate, from_invoice(document), Format.CII_EN16931)
    return FacturX(await facturx(pdf, xml.xml, lang=_lang(document.organization)), xml)


async def credit_note_facturx(shown: credit_notes.Shown, pdf: bytes) -> FacturX:
    """The Factur-X PDF (type 381) of a credit note as `shown`, from its PDF `pdf`."""
    xml = await asyncio.to_thread(generate, from_credit_note(shown), Format.CII_EN16931)
    return FacturX(await facturx(pdf, xml.xml, lang=_lang(shown.organization)), xml)


async def facturx_of_invoice(org: Organization, invoice_id: str, pdfs: DocumentPdfs) -> FacturX:
    """An issued invoice's Factur-X PDF: its PDF (stored or rendered) of the state its CII was
    written from, both of one snapshot. Refused as `of_invoice` refuses; RendererError when
    the PDF or the PDF/A cannot be made just now."""
    document = await _issued(org, invoice_id)
    from_invoice(document)  # what it lacks is refused before anything is rendered
    return await invoice_facturx(document, await pdfs.get(document))


async def facturx_of_credit_note(
    org: Organization, credit_note_id: str, pdfs: DocumentPdfs
) -> FacturX:
    """A credit note's Factur-X PDF (type 381), as `facturx_of_invoice` makes an invoice's."""
    shown = await credit_notes.credit_note_shown(org, credit_note_id)
    from_credit_note(shown)
    return await credit_note_facturx(shown, await pdfs.credit_note(shown))


async def of_credit_note(org: Organization, credit_note_id: str, format: Format) -> Generated:
    """The e-invoice (type 381) of one of `org`'s credit notes in `format`."""
    shown = await credit_notes.credit_note_shown(org, credit_note_id)
    return await asyncio.to_thread(generate, from_credit_note(shown), format)
