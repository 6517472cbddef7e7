"""Stored PDFs: rendered once, served while current (without building their HTML), rendered
again when stale, only ever replaced by a later state's, refreshed in the background, shared
between processes, deleted with their document."""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path

import pytest

from billing import clients, documents, organizations, payments
from models import Document, DocumentPdf
from models.enums import PaperSize, Series
from pdf.renderer import Renderer
from pdf.store import FINGERPRINT, DocumentPdfs, fingerprint, version_of
from tests.billing.factories import an_invoice
from tests.conftest import Tenant
from tests.graph.test_query_count import counting_queries
from tests.pdf.conftest import Views, pdf_text


class Renders:
    """Counts the renders of the session's renderer during one test, and can hold them at a
    gate (each render is counted when it starts, before the gate)."""

    def __init__(self, renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.started = asyncio.Event()
        self.gate = asyncio.Event()
        self.gate.set()
        render: Callable[[str, PaperSize], Awaitable[bytes]] = renderer.render

        async def counted(html: str, paper_size: PaperSize) -> bytes:
            self.count += 1
            self.started.set()
            async with asyncio.timeout(10):
                await self.gate.wait()
            return await render(html, paper_size)

        monkeypatch.setattr(renderer, "render", counted)

    async def first_started(self) -> None:
        """Wait (at most 10 s) until a render has started."""
        async with asyncio.timeout(10):
            await self.started.wait()


@pytest.fixture
def renders(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> Renders:
    return Renders(renderer, monkeypatch)


async def now(document: Document) -> Document:
    """`document` read again as it is now, for the PDF of its current state."""
    current = await documents.document_state(document.id)
    assert current is not None
    return current


async def stored_version(document_id: str) -> str | None:
    row = await DocumentPdf.filter(document_id=document_id).first()
    return row.version if row is not None else None


async def test_a_pdf_is_rendered_once_then_served_from_the_database(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    invoice = await an_invoice(tenant.org)
    first = await DocumentPdfs(renderer).get(invoice)
    row = await DocumentPdf.get(document_id=invoice.id)
    assert bytes(row.content) == first
    assert row.version == version_of(invoice) and row.fingerprint == FINGERPRINT
    # Another process (another store) serves the same bytes without rendering.
    assert await DocumentPdfs(renderer).get(invoice) == first
    assert renders.count == 1


async def test_a_current_pdf_is_served_without_building_its_html(
    tenant: Tenant, renderer: Renderer, renders: Renders, views: Views
) -> None:
    invoice = await an_invoice(tenant.org)
    first = await DocumentPdfs(renderer).get(invoice)
    assert (renders.count, views.count) == (1, 1)
    with counting_queries() as statements:
        served = await DocumentPdfs(renderer).get(invoice)
    assert served == first
    # The caller read the document with its client and organization; the store reads the
    # PDF of that version, and nothing else.
    assert (renders.count, views.count) == (1, 1)
    assert len(statements) == 1 and '"document_pdf"' in statements[0]


def reading(tenant: Tenant, document: Document) -> Callable[[], Awaitable[Document]]:
    """The read of a download: the document with its client and organization, no lines."""
    return lambda: documents.get_document(tenant.org, document.id, None, with_lines=False)


async def test_serving_a_current_pdf_reads_the_document_and_its_pdf_only(
    tenant: Tenant, renderer: Renderer, renders: Renders, views: Views
) -> None:
    invoice = await an_invoice(tenant.org)
    first = await DocumentPdfs(renderer).get(invoice)
    with counting_queries() as statements:
        document, served = await DocumentPdfs(renderer).serve(reading(tenant, invoice))
    assert (document.number, served) == (invoice.number, first)
    assert (renders.count, views.count) == (1, 1)
    assert len(statements) == 2 and not any('"line_item"' in sql for sql in statements)


async def test_serving_a_stale_pdf_renders_the_state_it_read_lines_and_all(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    await pdfs.get(invoice)
    shown = await _edit_lines(tenant, invoice)
    document, served = await pdfs.serve(reading(tenant, invoice))
    assert shown in pdf_text(served) and renders.count == 2
    assert [line.description for line in documents.lines_of(document)] == [shown]
    assert await stored_version(invoice.id) == version_of(document)


async def _edit_notes(tenant: Tenant, invoice: Document) -> str:
    await documents.update_document(
        tenant.org, invoice.id, {"notes": "Paid by bank transfer"}, series=Series.INVOICE
    )
    return "Paid by bank transfer"


async def _edit_lines(tenant: Tenant, invoice: Document) -> str:
    line = {"description": "Workshop, days", "quantity": "2", "unit_price": "900"}
    await documents.update_document(
        tenant.org, invoice.id, {"line_items": [line]}, series=Series.INVOICE
    )
    return "Workshop, days"


async def _pay(tenant: Tenant, invoice: Document) -> str:
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "1000", "payment_method": "CASH"}
    )
    return "Amount paid"


async def _rename_client(tenant: Tenant, invoice: Document) -> str:
    await clients.update_client(tenant.org, invoice.client_id, {"name": "Initech"})
    return "Initech"


async def _organization_settings(tenant: Tenant, invoice: Document) -> str:
    await organizations.update_organization(tenant.org, {"locale": "de_DE"})
    return "5.500,00"


@pytest.mark.parametrize(
    "change", [_edit_notes, _edit_lines, _pay, _rename_client, _organization_settings]
)
async def test_every_change_to_what_the_pdf_shows_makes_it_stale(
    tenant: Tenant,
    renderer: Renderer,
    renders: Renders,
    change: Callable[[Tenant, Document], Awaitable[str]],
) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    if change is _pay:
        invoice = await documents.mark_sent(tenant.org, invoice.id, Series.INVOICE)
    await pdfs.get(invoice)
    before = await stored_version(invoice.id)
    shown = await change(tenant, invoice)
    after = await now(invoice)
    assert shown in pdf_text(await pdfs.get(after))
    assert renders.count == 2
    # Stored under the later version, which orders after the earlier one.
    assert before is not None and await stored_version(invoice.id) == version_of(after) > before


def _templates_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(str(files("pdf") / "templates"), copy)
    return copy


async def test_a_new_fingerprint_makes_the_stored_pdfs_stale(
    tenant: Tenant, renderer: Renderer, renders: Renders, tmp_path: Path
) -> None:
    templates = _templates_copy(tmp_path)
    assert fingerprint(templates) == FINGERPRINT
    page = templates / "document.html"
    page.write_text(page.read_text().replace("</body>", "<p>A new design</p></body>"))
    redesigned = fingerprint(templates)
    assert redesigned != FINGERPRINT

    invoice = await an_invoice(tenant.org)
    await DocumentPdfs(renderer).get(invoice)
    # A process of the new design (a deploy) renders the same state again, and stores it.
    await DocumentPdfs(renderer, fingerprint=redesigned).get(invoice)
    assert renders.count == 2
    row = await DocumentPdf.get(document_id=invoice.id)
    assert (row.version, row.fingerprint) == (version_of(invoice), redesigned)
    await DocumentPdfs(renderer, fingerprint=redesigned).get(invoice)
    assert renders.count == 2


@pytest.mark.parametrize("processes", [1, 2])
async def test_an_older_state_rendered_last_does_not_replace_a_later_one(
    tenant: Tenant, renderer: Renderer, renders: Renders, processes: int
) -> None:
    older = await an_invoice(tenant.org)
    await documents.update_document(
        tenant.org, older.id, {"notes": "Second thoughts"}, series=Series.INVOICE
    )
    later = await now(older)
    stores = [DocumentPdfs(renderer) for _ in range(processes)]
    newest = await stores[0].get(later)
    # A download that read the document before the edit gets the PDF of what it read ...
    assert "Second thoughts" not in pdf_text(await stores[-1].get(older))
    # ... and stores nothing: the stored PDF is still the later state's.
    row = await DocumentPdf.get(document_id=older.id)
    assert row.version == version_of(later) and bytes(row.content) == newest
    assert await stores[0].get(later) == newest
    assert renders.count == 2


async def test_a_scheduled_refresh_stores_the_pdf_in_the_background(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    pdfs.schedule(invoice.id)
    await pdfs.drain()
    assert await stored_version(invoice.id) == version_of(invoice)
    await pdfs.get(invoice)
    assert renders.count == 1


async def test_a_write_during_a_refresh_is_refreshed_after_it(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    renders.gate.clear()
    pdfs.schedule(invoice.id)
    await renders.first_started()  # the refresh has read the document and is rendering it
    await documents.update_document(
        tenant.org, invoice.id, {"notes": "Second"}, series=Series.INVOICE
    )
    pdfs.schedule(invoice.id)
    pdfs.schedule(invoice.id)  # coalesced with the one before
    renders.gate.set()
    await pdfs.drain()
    assert renders.count == 2
    assert "Second" in pdf_text(await pdfs.get(await now(invoice)))
    assert renders.count == 2


async def test_requests_during_a_render_wait_for_it(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    renders.gate.clear()
    pdfs.schedule(invoice.id)
    await renders.first_started()
    requests = [asyncio.create_task(pdfs.get(invoice)) for _ in range(2)]
    await asyncio.sleep(0.2)  # time for both requests to find the render under way
    assert renders.count == 1
    renders.gate.set()
    first, second = await asyncio.gather(*requests)
    await pdfs.drain()
    assert first == second
    assert renders.count == 1


async def test_concurrent_downloads_in_two_processes_render_once_in_each(
    tenant: Tenant, renderer: Renderer, renders: Renders
) -> None:
    invoice = await an_invoice(tenant.org)
    renders.gate.clear()
    downloads = [
        asyncio.create_task(pdfs.get(invoice))
        for pdfs in (DocumentPdfs(renderer), DocumentPdfs(renderer))
        for _ in range(4)
    ]
    await renders.first_started()
    await asyncio.sleep(0.2)  # time for every download to find a render under way
    assert renders.count == 2
    renders.gate.set()
    results = await asyncio.gather(*downloads)
    assert all(pdf.startswith(b"%PDF-") for pdf in results)
    assert await DocumentPdf.filter(document_id=invoice.id).count() == 1
    # A third process serves the stored one.
    assert await DocumentPdfs(renderer).get(invoice) in results
    assert renders.count == 2


async def test_processes_racing_to_store_one_pdf_keep_one_row(
    tenant: Tenant, renderer: Renderer
) -> None:
    invoice = await an_invoice(tenant.org)
    results = await asyncio.gather(*(DocumentPdfs(renderer).get(invoice) for _ in range(3)))
    assert all(pdf.startswith(b"%PDF-") for pdf in results)
    assert await DocumentPdf.filter(document_id=invoice.id).count() == 1


async def test_a_failed_refresh_is_logged_not_raised(
    tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    pdfs = DocumentPdfs(Renderer("/nowhere/chromium"))
    invoice = await an_invoice(tenant.org)
    with caplog.at_level(logging.ERROR, logger="invoicegraph.pdf"):
        pdfs.schedule(invoice.id)
        await pdfs.drain()
    assert f"Refreshing the PDF of {invoice.id} failed" in caplog.text
    assert "CHROMIUM_PATH" in caplog.text
    assert await stored_version(invoice.id) is None


async def test_deleting_the_document_deletes_its_pdf(tenant: Tenant, renderer: Renderer) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    await pdfs.get(invoice)
    await documents.delete_document(tenant.org, invoice.id, series=Series.INVOICE)
    assert await DocumentPdf.filter(document_id=invoice.id).count() == 0
    # A download that read the document before the delete stores nothing after it.
    assert (await pdfs.get(invoice)).startswith(b"%PDF-")
    await pdfs.refresh(invoice.id)  # a refresh scheduled before the delete does nothing
    assert await DocumentPdf.filter(document_id=invoice.id).count() == 0


async def test_close_cancels_refreshes_under_way(tenant: Tenant, renderer: Renderer) -> None:
    pdfs = DocumentPdfs(renderer)
    invoice = await an_invoice(tenant.org)
    pdfs.schedule(invoice.id)
    await pdfs.close()
    pdfs.schedule(invoice.id)  # ignored once closed
    await pdfs.drain()
    assert await stored_version(invoice.id) is None
