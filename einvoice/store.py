"""Stored e-invoices: each issued invoice's and credit note's e-invoice in a format is generated
once, validated, and kept in the database (DocumentEInvoice, CreditNoteEInvoice: every server
process sees it) with its findings and the version of what it shows, as its PDF is
(pdf.store).

The version is the PDF's: the update times of the document (or credit note), its client and
its organization, which every write of what an e-invoice shows saves. The fingerprint is that
of the code and rule sets that write and validate it (and for a Factur-X PDF, of what makes
the PDF and the PDF/A too). A stored e-invoice is served while both are current and generated
again when not; so an edit, a payment, a renamed client, new organization data or a new
release make it stale by themselves. After every committed change of an invoice the formats
it has stored are refreshed in the background (`changed`), which only spares the next reader
the wait. Reads go through billing (tenant-scoped and role-checked there), in one snapshot.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from typing import Any, Final

from billing import codes, credit_notes, documents, totals
from billing.changes import Change, ChangeKind
from billing.errors import InvalidTransition
from einvoice import cii, document, facturx, formats, ubl, validation, xml
from einvoice.document import EInvoice, from_credit_note, from_invoice
from einvoice.formats import Format, Generated, generate
from einvoice.validation import Finding
from models import CreditNoteEInvoice, Document, DocumentEInvoice, Organization
from models.enums import DocumentStatus, Series
from models.snapshot import read_snapshot
from models.stored import Flights, Refreshes, Shelf
from pdf.store import DocumentPdfs, credit_note_version, version_of

log = logging.getLogger("invoicegraph.einvoice")

# The code and rule sets that write and validate an e-invoice from billing's rows.
_XML_CODE: Final = (document, cii, ubl, xml, formats, validation, codes, totals)
_XML_PACKAGES: Final = ("factur-x", "saxonche", "lxml", "python-stdnum")
#: How a Factur-X PDF is kept: beside the XML formats, under this name.
FACTURX: Final = "FACTURX"

_INVOICES: Final = Shelf(DocumentEInvoice, "document_id")
_CREDIT_NOTES: Final = Shelf(CreditNoteEInvoice, "credit_note_id")
_COLUMNS: Final = ("content", "findings")


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def xml_fingerprint() -> str:
    """A hash of what makes an e-invoice's XML and findings besides its rows: the code that
    writes and validates it and the versions of the packages of its rule sets and syntax."""
    return _digest(
        *(inspect.getsource(module) for module in _XML_CODE),
        *(f"{package} {metadata.version(package)}" for package in _XML_PACKAGES),
    )


def facturx_fingerprint(xml_print: str, pdf_print: str) -> str:
    """A hash of what makes a Factur-X PDF: its XML's and its PDF's fingerprints, the code
    that makes it PDF/A-3 and attaches the XML, Ghostscript's and the packages' versions."""
    return _digest(
        xml_print,
        pdf_print,
        inspect.getsource(facturx),
        f"ghostscript {facturx.ghostscript_version()}",
        *(f"{package} {metadata.version(package)}" for package in ("factur-x", "pypdf")),
    )


#: The fingerprint of this process's e-invoice code, computed once.
FINGERPRINT: Final = xml_fingerprint()


@dataclass(frozen=True, slots=True)
class FacturX:
    """A document's Factur-X PDF, with the findings of the CII it carries."""

    pdf: bytes
    findings: tuple[Finding, ...]
    name: str  # the document's number, for its file name


def _findings(stored: Any) -> tuple[Finding, ...]:
    # A JSON column read by a raw statement: text on either backend (or already decoded).
    values = json.loads(stored) if isinstance(stored, str | bytes) else stored
    return tuple(Finding(**finding) for finding in values)


def _issued(found: Document) -> Document:
    if found.status in (DocumentStatus.DRAFT, DocumentStatus.VOID):
        raise InvalidTransition(
            f"Invoice {found.number} is {found.status.value}: only an issued invoice has "
            "an e-invoice",
            field="id",
        )
    return found


def _lang(org: Organization) -> str:
    return org.locale.replace("_", "-")


class EInvoices:
    """The e-invoices of documents and credit notes, generated and stored in the database;
    their Factur-X PDFs from `pdfs`' PDFs.

    `invoice` and `credit_note` give one in an XML format, `invoice_facturx` and
    `credit_note_facturx` the Factur-X PDF (with `facturx_of` for a document read already);
    `changed` refreshes an invoice's stored formats after a write; `close` cancels what is
    under way at shutdown (safe: a missing or stale one is made when next asked for).
    """

    def __init__(self, pdfs: DocumentPdfs, *, fingerprint: str = FINGERPRINT) -> None:
        self.pdfs = pdfs
        self.fingerprint = fingerprint
        self._facturx_print: str | None = None
        # One generation per document, format and version at a time.
        self._makings: Flights[tuple[str, str, str], Any] = Flights()
        self._refreshes = Refreshes(self.refresh, "e-invoices", log)

    @property
    def facturx_fingerprint(self) -> str:
        """The fingerprint of stored Factur-X PDFs (Ghostscript is asked its version once)."""
        if self._facturx_print is None:
            self._facturx_print = facturx_fingerprint(self.fingerprint, self.pdfs.fingerprint)
        return self._facturx_print

    async def invoice(self, org: Organization, invoice_id: str, format: Format) -> Generated:
        """The e-invoice of an issued invoice of `org` in `format`: INVALID_TRANSITION for a
        DRAFT or VOID one, EINVOICE_INCOMPLETE for what it lacks. A stored one of the state
        read is served without reading the invoice's lines."""
        async with read_snapshot():
            found = _issued(
                await documents.get_document(org, invoice_id, Series.INVOICE, with_lines=False)
            )
            version = version_of(found)
            stored = await self._find(_INVOICES, found.id, format.value, version)
            if stored is not None:
                return Generated(format, bytes(stored[0]), _findings(stored[1]), found.number)
            read = await documents.document_state(found.id)
        assert read is not None, "read in the snapshot that found it"
        return await self._invoice_xml(read, version, format)

    async def credit_note(
        self, org: Organization, credit_note_id: str, format: Format
    ) -> Generated:
        """The e-invoice (type 381) of one of `org`'s credit notes in `format`."""
        shown = await credit_notes.credit_note_shown(org, credit_note_id)
        version = credit_note_version(shown)
        return await self._xml(
            _CREDIT_NOTES,
            shown.note.id,
            version,
            format,
            lambda: from_credit_note(shown),
            shown.note.number,
        )

    async def invoice_facturx(self, org: Organization, invoice_id: str) -> FacturX:
        """An issued invoice's Factur-X PDF: its PDF (stored or rendered) of the state its CII
        was written from, both of one snapshot. Refused as `invoice` refuses; RendererError
        when the PDF or the PDF/A cannot be made just now."""
        async with read_snapshot():
            found = _issued(
                await documents.get_document(org, invoice_id, Series.INVOICE, with_lines=False)
            )
            stored = await self._stored_facturx(_INVOICES, found.id, version_of(found))
            if stored is not None:
                return FacturX(bytes(stored[0]), _findings(stored[1]), found.number)
            read = await documents.document_state(found.id)
        assert read is not None, "read in the snapshot that found it"
        return await self.facturx_of(read)

    async def facturx_of(self, document: Document) -> FacturX:
        """The Factur-X PDF of an invoice read with its organization, client and lines (as
        billing reads it for an e-mail)."""
        version = version_of(document)
        stored = await self._stored_facturx(_INVOICES, document.id, version)
        if stored is not None:
            return FacturX(bytes(stored[0]), _findings(stored[1]), document.number)
        from_invoice(document)  # what it lacks is refused before anything is rendered
        cii_xml = await self._invoice_xml(document, version, Format.CII_EN16931)
        return await self._facturx(
            _INVOICES,
            document.id,
            version,
            cii_xml,
            lambda: self.pdfs.get(document),
            _lang(document.organization),
        )

    async def credit_note_facturx(self, org: Organization, credit_note_id: str) -> FacturX:
        """A credit note's Factur-X PDF (type 381), as `invoice_facturx` makes an invoice's."""
        return await self.credit_note_facturx_of(
            await credit_notes.credit_note_shown(org, credit_note_id)
        )

    async def credit_note_facturx_of(self, shown: credit_notes.Shown) -> FacturX:
        """The Factur-X PDF of a credit note as `shown` (read in one snapshot)."""
        version = credit_note_version(shown)
        stored = await self._stored_facturx(_CREDIT_NOTES, shown.note.id, version)
        if stored is not None:
            return FacturX(bytes(stored[0]), _findings(stored[1]), shown.note.number)
        cii_xml = await self._xml(
            _CREDIT_NOTES,
            shown.note.id,
            version,
            Format.CII_EN16931,
            lambda: from_credit_note(shown),
            shown.note.number,
        )
        return await self._facturx(
            _CREDIT_NOTES,
            shown.note.id,
            version,
            cii_xml,
            lambda: self.pdfs.credit_note(shown),
            _lang(shown.organization),
        )

    async def refresh(self, document_id: str) -> None:
        """Generate and store again the formats an invoice has stored, as it is now (those
        already current are left). Does nothing for a document gone, a draft or a void one."""
        # In a read snapshot, whose connection comes back to the pool however the refresh
        # ends: one cancelled at shutdown mid-query leaves no connection half-way through it
        # (holding locks that the next writer would wait for).
        async with read_snapshot():
            kept = await _INVOICES.kept(document_id, "format")
            read = await documents.document_state(document_id) if kept else None
        if read is None or read.status in (DocumentStatus.DRAFT, DocumentStatus.VOID):
            return
        version = version_of(read)
        for stored in sorted(kept):  # CII_EN16931 before FACTURX, which carries it
            if stored == FACTURX:
                await self.facturx_of(read)
            elif stored in Format.__members__:
                await self._invoice_xml(read, version, Format(stored))

    def changed(self, changes: Sequence[Change]) -> None:
        """A listener of billing.changes: refresh the stored e-invoices of every invoice
        changed and still there."""
        for document_id in dict.fromkeys(
            change.document_id
            for change in changes
            if change.kind is not ChangeKind.DELETED and change.series is Series.INVOICE
        ):
            self._refreshes.schedule(document_id)

    async def drain(self) -> None:
        """Wait until no background refresh is pending."""
        await self._refreshes.drain()

    async def close(self) -> None:
        """Cancel background refreshes and generations under way, and wait for them."""
        tasks = [*self._refreshes.close(), *self._makings.cancel()]
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _find(
        self, shelf: Shelf, owner_id: str, stored: str, version: str
    ) -> tuple[Any, ...] | None:
        fingerprint = self.facturx_fingerprint if stored == FACTURX else self.fingerprint
        key = {shelf.owner: owner_id, "format": stored}
        return await shelf.find(key, version, fingerprint, _COLUMNS)

    async def _stored_facturx(
        self, shelf: Shelf, owner_id: str, version: str
    ) -> tuple[Any, ...] | None:
        return await self._find(shelf, owner_id, FACTURX, version)

    async def _invoice_xml(self, read: Document, version: str, format: Format) -> Generated:
        return await self._xml(
            _INVOICES, read.id, version, format, lambda: from_invoice(read), read.number
        )

    async def _xml(
        self,
        shelf: Shelf,
        owner_id: str,
        version: str,
        format: Format,
        view: Callable[[], EInvoice],
        name: str,
    ) -> Generated:
        """The e-invoice in `format` of what `view` shows of `owner_id` (numbered `name`) at
        `version`: stored, else generated (in a thread, once at a time) and stored."""
        stored = await self._find(shelf, owner_id, format.value, version)
        if stored is not None:
            return Generated(format, bytes(stored[0]), _findings(stored[1]), name)

        async def make() -> Generated:
            generated = await asyncio.to_thread(generate, view(), format)
            values = {"content": generated.xml, "findings": _json(generated.findings)}
            key = {shelf.owner: owner_id, "format": format.value}
            await shelf.store(key, version, self.fingerprint, values)
            return generated

        made: Generated = await self._makings.run((owner_id, format.value, version), make)
        return made

    async def _facturx(
        self,
        shelf: Shelf,
        owner_id: str,
        version: str,
        cii_xml: Generated,
        pdf: Callable[[], Awaitable[bytes]],
        lang: str,
    ) -> FacturX:
        """The Factur-X PDF of `owner_id` at `version` made from its PDF (`pdf()`, of that
        same state) and its CII, once at a time, and stored."""

        async def make() -> FacturX:
            made = await facturx.facturx(await pdf(), cii_xml.xml, lang=lang)
            values = {"content": made, "findings": _json(cii_xml.findings)}
            key = {shelf.owner: owner_id, "format": FACTURX}
            await shelf.store(key, version, self.facturx_fingerprint, values)
            return FacturX(made, cii_xml.findings, cii_xml.name)

        made: FacturX = await self._makings.run((owner_id, FACTURX, version), make)
        return made


def _json(findings: Sequence[Finding]) -> list[dict[str, str]]:
    return [asdict(finding) for finding in findings]
