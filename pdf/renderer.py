"""The Chromium renderer: HTML in, PDF bytes out, through one headless browser per process.

One browser serves every render: launching Chromium costs about a second, and a fresh page (or
context) per PDF is several times slower than a page that is reused. Renders reuse a small pool
of pages, at most `concurrency` at once, each bounded by `timeout`. A browser that dies is
relaunched and the render that met its death is tried once more.

Reused pages keep their memory bounded (see _COLLECT_EVERY and _PAGE_RENDERS): every so many
renders a page's garbage is collected before its next render, and after so many more it is
closed and a fresh one takes its place. Both happen to a page between its renders, never to a
page a render is using, so a recycling never meets a render in flight.

Playwright is imported on the first launch, not with this module: `import app` stays cheap,
and a server never asked for a PDF never loads it. The functions that call Playwright or catch
its errors import it themselves (it is loaded by then, so that costs nothing).

The HTML rendered here may hold anything a user typed, so the page never reaches a network:

- JavaScript is off, service workers are blocked, and every request the page makes is aborted;
  only inline content and data: URLs render.
- Interception alone is not enough (a <link rel="prefetch"> reaches the network past it, and an
  <a href> makes Chromium preconnect to its host), so Chromium also starts with every host name,
  IP literals included, resolving to nothing, and with all traffic, loopback included, sent to a
  proxy on a port this process holds closed.
- The document template adds a strict Content-Security-Policy of its own (see pdf/view.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Final, Self, TypedDict, TypeVar

from models.enums import PaperSize
from settings import Settings

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Frame, Page, Playwright

log = logging.getLogger("invoicegraph.pdf")

_T = TypeVar("_T")

# Page.pdf's `format` per paper size.
_FORMATS: Final = {PaperSize.A4: "A4", PaperSize.LETTER: "Letter"}
# How long closing a page or the browser may take before it is abandoned (killed, for the
# browser): a wedged Chromium must not hold up a render's error or the app's shutdown.
_CLOSE_SECONDS: Final = 5.0
# Blink frees the documents a page has shown only in a garbage collection, which V8 schedules
# as JavaScript allocates, and these pages run none: left alone, a reused page grew by a
# megabyte or more a render to some 250 MB, and the browser to 880 MB at concurrency 4
# (bench.pdf --part memory). A full collection takes some 18 ms, against some 60 ms a render:
# one every 10 renders held the browser under 550 MB at concurrency 4 (every 20: peaks of
# 630 MB) for 5% of the renders per second at concurrency 1, none measurable at 4.
_COLLECT_EVERY: Final = 10
# What a collection does not free (caches that grow with the variety of documents, leaks) goes
# with the page: after this many renders it is closed and a fresh page, with a fresh renderer
# process, takes its place. Opening one costs about 1.5 renders: 0.3% at this period.
_PAGE_RENDERS: Final = 500


class RendererError(Exception):
    """A PDF could not be rendered."""


class ChromiumNotFound(RendererError):
    """The configured Chromium executable does not exist; the message names CHROMIUM_PATH."""


class RenderTimeout(RendererError):
    """A render took longer than the renderer's timeout."""


class PdfOptions(TypedDict):
    """Page.pdf's options that this renderer sets."""

    format: str
    print_background: bool
    prefer_css_page_size: bool
    tagged: bool


def pdf_options(paper_size: PaperSize) -> PdfOptions:
    """The options every PDF of `paper_size` is printed with (in the stored PDFs' fingerprint).

    Margins, page numbers and the repeated table headers come from the document's own CSS
    (its @page rules), so the template decides the whole layout but the paper size.
    """
    return PdfOptions(
        format=_FORMATS[paper_size],
        print_background=True,
        prefer_css_page_size=False,
        tagged=True,
    )


def _browser_args(dead_port: int) -> list[str]:
    return [
        # No host name resolves, IP literals included: nothing is ever connected to.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        # And should a connection be attempted anyway, it goes to a proxy that is not there.
        # Chromium bypasses proxies for loopback unless told otherwise.
        f"--proxy-server=http://127.0.0.1:{dead_port}",
        "--proxy-bypass-list=<-loopback>",
    ]


def _closed_port() -> socket.socket:
    """A loopback port bound and never listened on: connecting is refused, and no other
    process can listen there while this socket is open."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


class _Gone(Exception):
    """The browser or the page died under a render; worth one more try on a fresh one."""


@dataclass(eq=False)
class _Pooled:
    """A page of the pool, and how many documents it has rendered."""

    page: Page
    renders: int = 0


class Renderer:
    """One headless Chromium per process, rendering HTML to PDF through a pool of pages.

    `start()` (or the first render) launches the browser and `close()` ends it; the renderer is
    also an async context manager. A page's garbage is collected every `collect_every` renders
    and the page replaced after `page_renders` (tests lower them; see _COLLECT_EVERY).
    """

    def __init__(
        self,
        chromium_path: str,
        *,
        concurrency: int = 4,
        timeout: float = 30.0,
        collect_every: int = _COLLECT_EVERY,
        page_renders: int = _PAGE_RENDERS,
    ) -> None:
        self.chromium_path = chromium_path
        self.concurrency = concurrency
        self.timeout = timeout
        self.collect_every = collect_every
        self.page_renders = page_renders
        #: How many times a browser was launched: 1 after start, more after relaunches.
        self.launches = 0
        #: How many pages were opened: the pool's, and those that replaced a page retired
        #: after `page_renders` renders or given up after a failure.
        self.pages_opened = 0
        self._slots = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._idle: list[_Pooled] = []
        self._closing: set[asyncio.Task[None]] = set()
        self._dead_port: socket.socket | None = None
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> Renderer:
        """A renderer configured by CHROMIUM_PATH, PDF_CONCURRENCY and PDF_TIMEOUT_SECONDS."""
        return cls(
            settings.chromium_path,
            concurrency=settings.pdf_concurrency,
            timeout=settings.pdf_timeout_seconds,
        )

    def executable(self) -> str:
        """The Chromium executable to launch; raises ChromiumNotFound, naming CHROMIUM_PATH."""
        found = shutil.which(self.chromium_path)
        if found is None:
            raise ChromiumNotFound(
                f"No Chromium executable at CHROMIUM_PATH={self.chromium_path!r}: install "
                "Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to "
                "a Chromium or Chrome executable"
            )
        return found

    async def start(self) -> None:
        """Launch the browser now rather than on the first render; raises ChromiumNotFound or
        RendererError when it cannot."""
        async with self._lock:
            await self._ensure_browser()

    async def close(self) -> None:
        """Close the browser; renders after this raise RendererError."""
        self._closed = True
        async with self._lock:
            await self._close_browser()
            await self._stop_driver()
        if self._closing:
            await asyncio.gather(*self._closing)
        if self._dead_port is not None:
            self._dead_port.close()
            self._dead_port = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def open_pages(self) -> int:
        """How many pages the browser has open: the pool, at most `concurrency` (plus, for a
        moment, pages being closed after a failed render or retired)."""
        return len(self._context.pages) if self._context is not None else 0

    async def render(self, html: str, paper_size: PaperSize) -> bytes:
        """Print `html` (a whole document, inline content only) to a PDF of `paper_size`.

        Raises RenderTimeout after `timeout` seconds of work (time waiting for a free slot is
        not counted), ChromiumNotFound or RendererError for any other failure.
        """
        async with self._slots:
            try:
                async with asyncio.timeout(self.timeout):
                    try:
                        return await self._attempt(html, paper_size)
                    except _Gone as exc:
                        log.warning("PDF render failed (%s); trying once more", exc)
                    # Pages share renderer processes: the pages idle beside the one that
                    # failed are suspect too, and the retry gets a fresh one.
                    for pooled in self._idle:
                        self._discard(pooled.page)
                    self._idle.clear()
                    try:
                        return await self._attempt(html, paper_size)
                    except _Gone as exc:
                        raise RendererError(f"Chromium failed to render the PDF: {exc}") from None
            except TimeoutError:
                raise RenderTimeout(
                    f"Rendering the PDF took longer than {self.timeout:g} seconds "
                    "(PDF_TIMEOUT_SECONDS)"
                ) from None

    async def _attempt(self, html: str, paper_size: PaperSize) -> bytes:
        from playwright.async_api import Error as PlaywrightError

        try:
            pooled = await self._take_page()
        except PlaywrightError as exc:
            raise _Gone(exc.message) from exc
        page = pooled.page
        # A document can navigate even without JavaScript (<meta http-equiv="refresh">), and
        # an earlier document's navigation can land on this render: what was printed is then
        # an error or blank page, not `html`.
        navigations: list[str] = []

        def navigated(frame: Frame) -> None:
            if frame.parent_frame is None:
                navigations.append(frame.url)

        page.on("framenavigated", navigated)
        try:
            if pooled.renders and pooled.renders % self.collect_every == 0:
                # A full collection in the page's renderer, V8's heap and Blink's. Before
                # this render rather than after the last, so that a page that dies in it
                # fails like any render, and is retried on a fresh one.
                await page.request_gc()
            await page.set_content(html, wait_until="load")
            pdf = await page.pdf(**pdf_options(paper_size))
            if navigations:
                raise _Gone(f"the page navigated away from the document (to {navigations[0]})")
        except BaseException as exc:
            # Whatever happened (a crash, a timeout mid-print), the page is not reused.
            self._discard(page)
            if isinstance(exc, PlaywrightError):
                raise _Gone(exc.message) from exc
            raise
        finally:
            page.remove_listener("framenavigated", navigated)
        pooled.renders += 1
        if pooled.renders < self.page_renders:
            self._idle.append(pooled)
        else:
            # Retired: the next render that finds no idle page opens a fresh one.
            self._discard(page)
        return pdf

    async def _take_page(self) -> _Pooled:
        from playwright.async_api import Error as PlaywrightError

        async with self._lock:
            context = await self._ensure_browser()
            while self._idle:
                pooled = self._idle.pop()
                if not pooled.page.is_closed():
                    return pooled
            try:
                page = await self._new_page(context)
            except PlaywrightError as exc:
                # The browser died and its disconnection has not been noticed yet.
                log.warning("Chromium is not answering (%s); relaunching it", exc.message)
                page = await self._new_page(await self._launch())
            self.pages_opened += 1
            return _Pooled(page)

    async def _new_page(self, context: BrowserContext) -> Page:
        """A new page; if the caller is cancelled meanwhile, the page Chromium may already
        have opened is closed once it arrives instead of being left open for good."""
        opening = asyncio.ensure_future(context.new_page())
        try:
            return await asyncio.shield(opening)
        except asyncio.CancelledError:
            opening.add_done_callback(self._close_orphan)
            raise

    def _close_orphan(self, opening: asyncio.Future[Page]) -> None:
        if not opening.cancelled() and opening.exception() is None:
            self._discard(opening.result())

    async def _ensure_browser(self) -> BrowserContext:
        """The browser's context, launching the browser if there is none or it died.

        Called with the lock held, like every method below that changes the browser.
        """
        if self._closed:
            raise RendererError("The PDF renderer is closed")
        if self._browser is not None and self._context is not None:
            if self._browser.is_connected():
                return self._context
            log.warning("Chromium disconnected; relaunching it")
        return await self._launch()

    async def _launch(self) -> BrowserContext:
        """Launch a new browser (closing what is left of the previous one) and its context."""
        from playwright.async_api import Error as PlaywrightError

        await self._close_browser()
        executable = self.executable()
        if self._dead_port is None:
            self._dead_port = _closed_port()
        port = self._dead_port.getsockname()[1]
        try:
            context = await self._open(executable, port)
        except PlaywrightError:
            # The Playwright driver itself may be what died: start a new one, once.
            await self._close_browser()
            await self._stop_driver()
            try:
                context = await self._open(executable, port)
            except PlaywrightError as exc:
                await self._close_browser()
                await self._stop_driver()
                raise RendererError(
                    f"Chromium at CHROMIUM_PATH={executable!r} did not start: {exc.message}"
                ) from None
        self.launches += 1
        log.info("Chromium started (%s)", executable)
        return context

    async def _open(self, executable: str, dead_port: int) -> BrowserContext:
        """Launch the browser and open the one context every page lives in.

        The driver and the browser are recorded as soon as they exist, so whatever a failure or
        a cancellation leaves behind is closed by the next launch or by `close()`.
        """
        from playwright.async_api import async_playwright

        if self._playwright is None:
            self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(
            executable_path=executable,
            args=_browser_args(dead_port),
            timeout=self.timeout * 1000,
        )
        context = await self._browser.new_context(
            java_script_enabled=False, service_workers="block", accept_downloads=False
        )
        context.set_default_timeout(self.timeout * 1000)
        await context.route("**/*", lambda route: route.abort())
        # Only now is the context usable: never one without its route, even after a cancel.
        self._context = context
        return context

    async def _close_browser(self) -> None:
        browser = self._browser
        self._browser, self._context = None, None
        self._idle.clear()
        if browser is not None:
            await _quietly(browser.close)

    async def _stop_driver(self) -> None:
        playwright, self._playwright = self._playwright, None
        if playwright is not None:
            await _quietly(playwright.stop)

    def _discard(self, page: Page) -> None:
        """Close `page` in the background: a render's error need not wait for it."""
        task = asyncio.create_task(_quietly(page.close))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)


async def _quietly(close: Callable[[], Awaitable[_T]]) -> None:
    """Run a close operation, giving up after _CLOSE_SECONDS and ignoring its failure: it is
    cleaning up after something that already went wrong, or is going away anyway."""
    from playwright.async_api import Error as PlaywrightError

    with contextlib.suppress(PlaywrightError, TimeoutError):
        async with asyncio.timeout(_CLOSE_SECONDS):
            await close()
