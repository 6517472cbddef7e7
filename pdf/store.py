"""Stored PDFs: each document's (and credit note's) PDF is rendered once and kept in the
database (DocumentPdf, CreditNotePdf, so every server process sees it) with the version of
what it shows.

A PDF is served from storage while its version is the document's as the caller read it, and
rendered (and stored again) when it is missing or stale. The version needs no rendering to
compute: it is the update times of the document (which every write of the document, its lines
or its payments saves), of its client and of its organization, with the fingerprint of what
turns those rows into a PDF (the templates, the view code, the print options). So nothing has
to announce a change for the stored PDF to be right: an edit, a payment, a renamed client, new
organization settings or a new template make it stale by themselves. Refreshing in the
background after a write (`schedule`, which `changed` does for each change billing announces)
only spares the next reader the wait.

Whatever writes what a PDF shows must therefore save its row's `updated_at` (a queryset's
`update()` does not): billing's commands do.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from importlib import metadata
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Final

from billing import display, documents, money, payments, totals
from billing.changes import Change, ChangeKind
from billing.credit_notes import Shown
from models import CreditNotePdf, Document, DocumentPdf
from models.enums import PaperSize
from models.snapshot import read_snapshot
from models.stored import Flights, Refreshes, Shelf
from pdf import view
from pdf.renderer import Renderer, pdf_options
from pdf.view import build_credit_note_view, build_view, render_html

log = logging.getLogger("invoicegraph.pdf")

# The code that turns a document's rows into its HTML: the view and what it formats with.
_VIEW_CODE: Final = (view, display, money, payments, totals)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)


def fingerprint(templates: Traversable | None = None) -> str:
    """A hash (SHA-256, hex) of what makes a document's PDF besides its rows: the templates
    (those of `templates`, by default pdf/templates), the view code, the print options of
    every paper size, and Babel's and Jinja's versions (their locale data and rendering)."""
    digest = hashlib.sha256()
    folder = templates if templates is not None else files("pdf") / "templates"
    for template in sorted(folder.iterdir(), key=lambda entry: entry.name):
        digest.update(f"{template.name}\n".encode())
        digest.update(template.read_bytes())
    for module in _VIEW_CODE:
        digest.update(inspect.getsource(module).encode())
    options = {size.value: pdf_options(size) for size in PaperSize}
    digest.update(json.dumps(options, sort_keys=True).encode())
    for package in ("babel", "jinja2"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    return digest.hexdigest()


#: The fingerprint of this process's code, computed once: a deploy that changes what a PDF
#: shows makes every stored PDF stale.
FINGERPRINT: Final = fingerprint()


def version_of(document: Document) -> str:
    """The version of what `document`'s PDF shows, read with its client and organization: the
    three rows' update times, in microseconds since 1970, 19 digits each.

    Compared as text, versions order as the states they were read from: billing writes each
    of these rows under its lock, so a row's update time grows with every write (on one clock,
    or clocks kept in step); a later state has a later document time, or the same document row
    (so the same client and organization) with times of those no earlier.
    """
    return _version(
        document.updated_at, document.client.updated_at, document.organization.updated_at
    )


def _version(*moments: datetime) -> str:
    return "".join(f"{(moment - _EPOCH) // _MICROSECOND:019d}" for moment in moments)


def credit_note_version(shown: Shown) -> str:
    """The version of what a credit note's PDF shows, as `version_of` is a document's: the
    update times of the credit note (which its refunds save), of its client and of its
    organization. Its invoice shows only its number and date, which are fixed once issued."""
    note, client, organization = shown.note, shown.invoice.client, shown.organization
    return _version(note.updated_at, client.updated_at, organization.updated_at)


# Where each kind's PDFs are kept: the model, and the column naming what a PDF is of.
_DOCUMENTS: Final = Shelf(DocumentPdf, "document_id")
_CREDIT_NOTES: Final = Shelf(CreditNotePdf, "credit_note_id")


class DocumentPdfs:
    """The PDFs of documents, rendered with one Renderer and stored in the database.

    `get` gives the PDF of a document read with its lines; `serve` reads a document and gives
    its PDF, reading the lines only to render it; `schedule` refreshes one in the background;
    `close` (at shutdown) cancels the refreshes still under way, which is safe: a PDF that is
    missing or stale is rendered when next asked for.
    """

    def __init__(self, renderer: Renderer, *, fingerprint: str = FINGERPRINT) -> None:
        self.renderer = renderer
        self.fingerprint = fingerprint
        # One render per document and version at a time: a request arriving while the same
        # PDF is being rendered (by a refresh or another request) waits for that render.
        self._renders: Flights[tuple[str, str], bytes] = Flights()
        self._refreshes = Refreshes(self.refresh, "PDF", log)

    async def get(self, document: Document) -> bytes:
        """The PDF of `document` in the state it was read in: the stored one if it is that
        state's, else a fresh render.

        `document` comes from billing (a read or a write) with its organization, client and
        lines, read together: the PDF shows that one moment. Raises RendererError if it
        cannot be rendered.
        """
        version = version_of(document)
        stored = await self._stored(_DOCUMENTS, document.id, version)
        if stored is not None:
            return stored
        return await self._renders.run(
            (document.id, version), lambda: self._render_and_store(document, version)
        )

    async def credit_note(self, shown: Shown) -> bytes:
        """The PDF of a credit note as `shown` (read in one snapshot): the stored one if it is
        that state's, else a fresh render, stored. Raises RendererError if it cannot be."""
        note, version = shown.note, credit_note_version(shown)
        stored = await self._stored(_CREDIT_NOTES, note.id, version)
        if stored is not None:
            return stored

        async def render() -> bytes:
            html = render_html(build_credit_note_view(shown))
            pdf = await self.renderer.render(html, shown.organization.paper_size)
            await _CREDIT_NOTES.store(
                {"credit_note_id": note.id}, version, self.fingerprint, {"content": pdf}
            )
            return pdf

        return await self._renders.run((note.id, version), render)

    async def serve(self, read: Callable[[], Awaitable[Document]]) -> tuple[Document, bytes]:
        """The document that `read` finds (a billing read, which may leave out the lines) and
        its PDF, from one snapshot: the stored PDF if it is that state's, else a render of
        that state, whose lines only then are read. Raises what `read` raises, and
        RendererError if the PDF cannot be rendered.
        """
        async with read_snapshot():
            found = await read()
            version = version_of(found)
            stored = await self._stored(_DOCUMENTS, found.id, version)
            if stored is not None:
                return found, stored
            document = await documents.document_state(found.id)
        assert document is not None, "read in the snapshot that found it"
        return document, await self._renders.run(
            (document.id, version), lambda: self._render_and_store(document, version)
        )

    async def _stored(self, shelf: Shelf, owner_id: str, version: str) -> bytes | None:
        found = await shelf.find({shelf.owner: owner_id}, version, self.fingerprint)
        return bytes(found[0]) if found else None

    async def refresh(self, document_id: str) -> None:
        """Render and store the document's PDF as it is now, unless the stored one is that.

        Does nothing if the document no longer exists.
        """
        document = await documents.document_state(document_id)
        if document is not None:
            await self.get(document)

    def changed(self, changes: Sequence[Change]) -> None:
        """A listener of billing.changes: refresh the PDF of every document still there."""
        for document_id in dict.fromkeys(
            change.document_id for change in changes if change.kind is not ChangeKind.DELETED
        ):
            self.schedule(document_id)

    def schedule(self, document_id: str) -> None:
        """Refresh the document's PDF in the background (call it after the write commits).

        Returns at once. Refreshes of one document never overlap: one scheduled while another
        runs follows it, so the last write is the one rendered. Failures are logged.
        """
        self._refreshes.schedule(document_id)

    async def drain(self) -> None:
        """Wait until no background refresh is pending."""
        await self._refreshes.drain()

    async def close(self) -> None:
        """Cancel background refreshes and renders still under way, and wait for them."""
        tasks = [*self._refreshes.close(), *self._renders.cancel()]
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _render_and_store(self, document: Document, version: str) -> bytes:
        shown = build_view(
            document,
            organization=document.organization,
            client=document.client,
            lines=documents.lines_of(document),
        )
        pdf = await self.renderer.render(render_html(shown), document.organization.paper_size)
        await _DOCUMENTS.store(
            {"document_id": document.id}, version, self.fingerprint, {"content": pdf}
        )
        return pdf
