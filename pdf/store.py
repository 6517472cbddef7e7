"""Stored PDFs: each document's PDF is rendered once and kept in the database (DocumentPdf, so
every server process sees it) with a hash of what it was rendered from.

A PDF is served from storage while its hash matches the document's current inputs, and rendered
(and stored again) when it is missing or stale. Nothing has to announce a change for that to be
right: the hash covers the document's whole HTML, so an edit to the document, its lines, its
client or its organization, or a new template, makes the stored PDF stale by itself. Refreshing
in the background after a write (`schedule`, which `changed` does for each change billing
announces) only spares the next reader the wait.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Sequence

from tortoise.exceptions import IntegrityError

from billing import documents
from billing.changes import Change, ChangeKind
from models import Document, DocumentPdf
from models.enums import PaperSize
from pdf.renderer import Renderer, pdf_options
from pdf.view import build_view, render_html

log = logging.getLogger("invoicegraph.pdf")


def input_hash(html: str, paper_size: PaperSize) -> str:
    """The hash a PDF of `html` printed on `paper_size` is stored under (SHA-256, hex)."""
    options = json.dumps(pdf_options(paper_size), sort_keys=True)
    return hashlib.sha256(f"{options}\n{html}".encode()).hexdigest()


class DocumentPdfs:
    """The PDFs of documents, rendered with one Renderer and stored in the database.

    `get` serves a document's PDF; `schedule` refreshes one in the background; `close` (at
    shutdown) cancels the refreshes still under way, which is safe: a PDF that is missing or
    stale is rendered when next asked for.
    """

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        # One render per document and input hash at a time: a request arriving while the same
        # PDF is being rendered (by a refresh or another request) waits for that render.
        self._renders: dict[tuple[str, str], asyncio.Task[bytes]] = {}
        # Background refreshes by document id, and the ids to refresh once more when the
        # current refresh ends (a write arrived while it was rendering).
        self._refreshes: dict[str, asyncio.Task[None]] = {}
        self._again: set[str] = set()
        self._closed = False

    async def get(self, document: Document) -> bytes:
        """The PDF of `document` in the state it was read in: the stored one if it is that
        state's, else a fresh render.

        `document` comes from billing (a read or a write) with its organization, client and
        lines, read together: the PDF shows that one moment. Raises RendererError if it
        cannot be rendered.
        """
        view = build_view(
            document,
            organization=document.organization,
            client=document.client,
            lines=documents.lines_of(document),
        )
        html = render_html(view)
        paper_size = document.organization.paper_size
        digest = input_hash(html, paper_size)
        stored = await DocumentPdf.filter(document_id=document.id).first()
        if stored is not None and stored.input_hash == digest:
            return bytes(stored.content)
        key = (document.id, digest)
        task = self._renders.get(key)
        if task is None:
            task = asyncio.create_task(
                self._render_and_store(document.id, html, paper_size, digest)
            )
            self._renders[key] = task
            task.add_done_callback(lambda _: self._renders.pop(key, None))
        # Shielded: a caller that goes away (a closed connection) does not cancel a render that
        # others may be waiting for, and that is worth storing anyway.
        return await asyncio.shield(task)

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
        if self._closed:
            return
        if document_id in self._refreshes:
            self._again.add(document_id)
            return
        task = asyncio.create_task(self._refresh_loop(document_id), name=f"pdf:{document_id}")
        self._refreshes[document_id] = task
        # A callback rather than a `finally`: a task cancelled before it starts runs no code.
        task.add_done_callback(lambda _: self._refreshes.pop(document_id, None))

    async def drain(self) -> None:
        """Wait until no background refresh is pending."""
        while self._refreshes:
            await asyncio.gather(*self._refreshes.values(), return_exceptions=True)

    async def close(self) -> None:
        """Cancel background refreshes and renders still under way, and wait for them."""
        self._closed = True
        tasks = [*self._refreshes.values(), *self._renders.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _refresh_loop(self, document_id: str) -> None:
        while True:
            self._again.discard(document_id)
            try:
                await self.refresh(document_id)
            except Exception:  # a background refresh reports and gives up; `get` retries
                log.exception("Refreshing the PDF of %s failed", document_id)
            if document_id not in self._again:
                return

    async def _render_and_store(
        self, document_id: str, html: str, paper_size: PaperSize, digest: str
    ) -> bytes:
        pdf = await self.renderer.render(html, paper_size)
        await _store(document_id, digest, pdf)
        return pdf


async def _store(document_id: str, digest: str, pdf: bytes) -> None:
    """Insert or replace the document's stored PDF; safe when processes race to store it."""
    row = await DocumentPdf.filter(document_id=document_id).first()
    if row is None:
        try:
            await DocumentPdf.create(document_id=document_id, input_hash=digest, content=pdf)
            return
        except IntegrityError:
            # Another process stored one first (document_id is unique), or the document was
            # deleted meanwhile, in which case there is nothing to store.
            row = await DocumentPdf.filter(document_id=document_id).first()
            if row is None:
                return
    row.input_hash = digest
    row.content = pdf
    await row.save(update_fields=["input_hash", "content", "updated_at"])
