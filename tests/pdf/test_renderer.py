"""The renderer: one browser, a bounded pool of reused pages whose garbage is collected and
which are replaced after so many renders, a timeout, relaunch and one retry when Chromium dies,
a clear error when there is no Chromium, and Playwright imported only when it is needed."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from pypdf import PdfReader

from app import create_app
from models.enums import PaperSize
from pdf.renderer import ChromiumNotFound, Renderer, RendererError, RenderTimeout
from settings import Settings
from tests.conftest import in_a_fresh_process
from tests.pdf.conftest import page_count, pdf_text

ROOT = Path(__file__).resolve().parents[2]

HELLO = "<!DOCTYPE html><html><body><p>Hello from the renderer</p></body></html>"


def long_document(rows: int) -> str:
    """A plain document long enough to take a while to lay out and print."""
    cells = "".join(f"<tr><td>Row {n}</td><td>{n * 7}</td></tr>" for n in range(rows))
    return f"<!DOCTYPE html><html><body><table>{cells}</table></body></html>"


async def test_renders_html_to_a_pdf(renderer: Renderer) -> None:
    pdf = await renderer.render(HELLO, PaperSize.A4)
    assert pdf.startswith(b"%PDF-")
    assert "Hello from the renderer" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("paper_size", "points"),
    [(PaperSize.A4, (595.3, 841.9)), (PaperSize.LETTER, (612, 792))],
)
async def test_prints_on_the_paper_size(
    renderer: Renderer, paper_size: PaperSize, points: tuple[float, float]
) -> None:
    pdf = await renderer.render(HELLO, paper_size)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    # Chromium rounds the page to whole CSS pixels: within a point of the paper's size.
    assert abs(float(box.width) - points[0]) < 1.5
    assert abs(float(box.height) - points[1]) < 1.5


async def test_pages_are_reused_and_never_more_than_the_concurrency(renderer: Renderer) -> None:
    await renderer.render(HELLO, PaperSize.A4)
    launches = renderer.launches
    pdfs = await asyncio.gather(
        *(renderer.render(f"<p>Document {n}</p>", PaperSize.A4) for n in range(8))
    )
    assert [f"Document {n}" in pdf_text(pdf) for n, pdf in enumerate(pdfs)] == [True] * 8
    assert 1 <= renderer.open_pages <= renderer.concurrency
    assert renderer.launches == launches


async def test_a_long_document_breaks_across_pages(renderer: Renderer) -> None:
    assert page_count(await renderer.render(long_document(300), PaperSize.A4)) > 1


async def test_a_crashed_page_is_replaced_and_the_render_retried(renderer: Renderer) -> None:
    await renderer.render(HELLO, PaperSize.A4)
    launches = renderer.launches
    await crash_page(renderer._idle[-1].page)  # the page the next render takes
    pdf = await renderer.render(HELLO, PaperSize.A4)
    assert "Hello from the renderer" in pdf_text(pdf)
    assert renderer.launches == launches


async def crash_page(page: Page) -> None:
    """Kill `page`'s renderer process, and wait until Playwright knows."""
    session = await page.context.new_cdp_session(page)
    async with page.expect_event("crash", timeout=5000):
        # The page's process dies at once; the command itself never answers.
        crash = asyncio.ensure_future(session.send("Page.crash"))
    crash.cancel()


async def crash_browser(renderer: Renderer) -> None:
    """Kill the renderer's browser."""
    assert renderer._browser is not None
    session = await renderer._browser.new_browser_cdp_session()
    with contextlib.suppress(PlaywrightError):
        await asyncio.wait_for(session.send("Browser.crash"), 5)


async def test_a_dead_browser_is_relaunched(renderer: Renderer) -> None:
    await renderer.render(HELLO, PaperSize.A4)
    launches = renderer.launches
    await crash_browser(renderer)
    pdf = await renderer.render(HELLO, PaperSize.A4)
    assert "Hello from the renderer" in pdf_text(pdf)
    assert renderer.launches == launches + 1


async def test_a_browser_that_dies_mid_render_is_relaunched_and_the_render_completes(
    renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    await renderer.render(HELLO, PaperSize.A4)
    launches = renderer.launches
    print_pdf = Page.pdf
    crashed = False

    # The document is laid out and about to print when the browser dies, once.
    async def crash_then_print(self: Page, **options: Any) -> bytes:
        nonlocal crashed
        if not crashed:
            crashed = True
            await crash_browser(renderer)
        return await print_pdf(self, **options)

    monkeypatch.setattr(Page, "pdf", crash_then_print)
    pdf = await renderer.render(HELLO, PaperSize.A4)
    assert crashed
    assert "Hello from the renderer" in pdf_text(pdf)
    assert renderer.launches == launches + 1


async def test_a_render_past_the_timeout_fails_and_the_renderer_recovers(
    renderer: Renderer,
) -> None:
    await renderer.render(HELLO, PaperSize.A4)
    timeout = renderer.timeout
    renderer.timeout = 0.05
    try:
        with pytest.raises(RenderTimeout, match="PDF_TIMEOUT_SECONDS"):
            await renderer.render(long_document(3000), PaperSize.A4)
    finally:
        renderer.timeout = timeout
    assert "Hello from the renderer" in pdf_text(await renderer.render(HELLO, PaperSize.A4))


def test_a_missing_chromium_names_the_setting() -> None:
    with pytest.raises(ChromiumNotFound, match=r"CHROMIUM_PATH='/nowhere/chromium'"):
        Renderer("/nowhere/chromium").executable()


async def test_rendering_without_chromium_fails_with_the_same_error() -> None:
    missing = Renderer("/nowhere/chromium")
    with pytest.raises(ChromiumNotFound, match="CHROMIUM_PATH"):
        await missing.render(HELLO, PaperSize.A4)
    await missing.close()


async def test_a_closed_renderer_refuses_to_render() -> None:
    closed = Renderer("/usr/bin/chromium")
    await closed.close()
    with pytest.raises(RendererError, match="closed"):
        await closed.render(HELLO, PaperSize.A4)


async def test_the_app_does_not_start_without_chromium(settings: Settings) -> None:
    app = create_app(dataclasses.replace(settings, chromium_path="/nowhere/chromium"))
    with pytest.raises(ChromiumNotFound, match="CHROMIUM_PATH"):
        async with app.router.lifespan_context(app):
            pytest.fail("the app started without Chromium")


async def test_the_app_launches_chromium_on_first_use_and_closes_it(settings: Settings) -> None:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        started: Renderer = app.state.pdfs.renderer
        assert started.launches == 0  # starting the app stays cheap
        assert (await started.render(HELLO, PaperSize.A4)).startswith(b"%PDF-")
        assert started.launches == 1
    with pytest.raises(RendererError, match="closed"):
        await started.render(HELLO, PaperSize.A4)


async def test_an_app_leaves_a_shared_renderer_open(settings: Settings, renderer: Renderer) -> None:
    app = create_app(settings, renderer=renderer)
    async with app.router.lifespan_context(app):
        assert app.state.pdfs.renderer is renderer
    assert (await renderer.render(HELLO, PaperSize.A4)).startswith(b"%PDF-")


@contextlib.asynccontextmanager
async def own_renderer(**options: Any) -> AsyncIterator[Renderer]:
    """A renderer of the test's own (with its own counts), configured by `options`."""
    async with Renderer(Settings().chromium_path, **{"timeout": 30, **options}) as own:
        yield own


def counting_collections(monkeypatch: pytest.MonkeyPatch) -> list[Page]:
    """The pages whose garbage is collected from now on, in order."""
    collected: list[Page] = []
    request_gc = Page.request_gc

    async def counted(self: Page) -> None:
        collected.append(self)
        await request_gc(self)

    monkeypatch.setattr(Page, "request_gc", counted)
    return collected


async def test_pages_are_collected_and_replaced_and_every_render_still_succeeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collected = counting_collections(monkeypatch)
    async with own_renderer(concurrency=1, collect_every=2, page_renders=5) as own:
        pdfs = [await own.render(f"<p>Document {n}</p>", PaperSize.A4) for n in range(12)]
        # Pages of 5, 5 and 2 renders; the first two collected before their 3rd and 5th.
        assert own.pages_opened == 3
        assert len(collected) == 4
        assert len(set(map(id, collected))) == 2
        assert own.launches == 1
    assert [pdf_text(pdf).strip() for pdf in pdfs] == [f"Document {n}" for n in range(12)]


async def test_renders_in_flight_complete_while_other_pages_are_collected_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collected = counting_collections(monkeypatch)
    held, release = asyncio.Event(), asyncio.Event()
    print_pdf = Page.pdf

    # The first render stops before printing until the test lets it go on.
    async def print_when_released(self: Page, **options: Any) -> bytes:
        if not held.is_set():
            held.set()
            await release.wait()
        return await print_pdf(self, **options)

    monkeypatch.setattr(Page, "pdf", print_when_released)
    async with own_renderer(concurrency=2, collect_every=1, page_renders=2) as own:
        first = asyncio.create_task(own.render("<p>In flight</p>", PaperSize.A4))
        async with asyncio.timeout(10):
            await held.wait()
        # The other slot's page renders, is collected, renders, is replaced, and again.
        others = [await own.render(f"<p>Other {n}</p>", PaperSize.A4) for n in range(4)]
        assert [pdf_text(pdf).strip() for pdf in others] == [f"Other {n}" for n in range(4)]
        assert len(collected) == 2
        assert own.pages_opened == 3
        assert not first.done()
        release.set()
        assert pdf_text(await first).strip() == "In flight"
        assert own.launches == 1


async def test_a_page_that_dies_in_its_collection_is_replaced_and_the_render_retried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request_gc = Page.request_gc

    async def crash_then_collect(self: Page) -> None:
        await crash_page(self)
        await request_gc(self)

    async with own_renderer(concurrency=1, collect_every=1) as own:
        await own.render(HELLO, PaperSize.A4)
        monkeypatch.setattr(Page, "request_gc", crash_then_collect)
        # The retry's page is a fresh one: nothing to collect there.
        assert "Hello from the renderer" in pdf_text(await own.render(HELLO, PaperSize.A4))
        assert own.pages_opened == 2
        assert own.launches == 1


async def test_a_collection_past_the_timeout_fails_the_render_and_the_page_is_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def hang(self: Page) -> None:
        await asyncio.Event().wait()

    async with own_renderer(concurrency=1, collect_every=1, timeout=3) as own:
        await own.render(HELLO, PaperSize.A4)
        with monkeypatch.context() as patched:
            patched.setattr(Page, "request_gc", hang)
            with pytest.raises(RenderTimeout, match="PDF_TIMEOUT_SECONDS"):
                await own.render(HELLO, PaperSize.A4)
        assert "Hello from the renderer" in pdf_text(await own.render(HELLO, PaperSize.A4))
        assert own.pages_opened == 2


async def test_a_browser_that_dies_after_a_page_retires_is_relaunched_for_its_successor() -> None:
    async with own_renderer(concurrency=1, page_renders=1) as own:
        await own.render(HELLO, PaperSize.A4)
        await crash_browser(own)
        # No page is left idle: the next render opens one, in a relaunched browser.
        assert "Hello from the renderer" in pdf_text(await own.render(HELLO, PaperSize.A4))
        assert own.launches == 2
        assert own.pages_opened == 2


def test_making_the_app_leaves_playwright_unloaded() -> None:
    """Playwright loads on the first launch: importing the app, making it and the start-up
    check of Chromium's path (all a fresh process does here) import none of it."""
    script = textwrap.dedent(
        """
        import sys

        from app import create_app
        from settings import Settings

        app = create_app(Settings(database_url="sqlite://:memory:"))
        app.state.pdfs.renderer.executable()
        print(sorted(name for name in sys.modules if name.partition(".")[0] == "playwright"))
        """
    )
    last_line = in_a_fresh_process(script)
    assert last_line == "[]"
