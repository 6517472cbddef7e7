"""PDF renders per second: the renderer's pool of reused pages against a fresh page or a fresh
context per PDF, and the pool's throughput by concurrency.

    .venv/bin/python -m bench.pdf [--renders 40] [--lines 20]

Not a test: numbers depend on the machine. Chromium comes from CHROMIUM_PATH.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

from playwright.async_api import Browser, async_playwright

from models.enums import PaperSize
from pdf.renderer import Renderer, pdf_options
from pdf.view import DocumentView, Line, Party, Row, render_html
from settings import get_settings


def sample_html(lines: int) -> str:
    """A typical invoice of `lines` lines."""
    party = Party("Acme Studio", "1 Main Street\nSpringfield", "billing@acme.test", "", "US123")
    view = DocumentView(
        title="Invoice",
        number="INV-0042",
        lang="en-US",
        direction="ltr",
        currency="USD",
        issue_date="March 1, 2026",
        due_label="Due date",
        due_date="March 31, 2026",
        stamp="",
        recipient_label="Bill to",
        organization=party,
        client=Party("Globex Corporation", "42 Elm Road\nShelbyville", "", "", ""),
        lines=tuple(
            Line(f"Design work, part {n}", "40", "$125.00", "10%", "$5,000.00")
            for n in range(lines)
        ),
        summary=(Row("Subtotal", "$100,000.00"), Row("Tax", "$10,000.00", "10%")),
        total=Row("Total", "$110,000.00"),
        balance=(Row("Amount due", "$110,000.00"),),
        notes="Thank you for your business.",
        terms="Payable within 30 days.",
    )
    return render_html(view)


async def rate(renders: int, concurrency: int, render: Callable[[], Awaitable[bytes]]) -> float:
    """Renders per second of `render`, `concurrency` at a time, after one warm-up render."""
    await render()
    slots = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with slots:
            await render()

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(renders)))
    return renders / (time.perf_counter() - started)


async def main(renders: int, lines: int) -> None:
    html = sample_html(lines)
    chromium = get_settings().chromium_path
    options = pdf_options(PaperSize.A4)

    async with Renderer(chromium, concurrency=1) as pooled:
        per_second = await rate(renders, 1, lambda: pooled.render(html, PaperSize.A4))
        print(f"pooled page          {per_second:6.1f} renders/s")

    async with async_playwright() as playwright:
        browser: Browser = await playwright.chromium.launch(executable_path=chromium)
        context = await browser.new_context(java_script_enabled=False)

        async def fresh_page() -> bytes:
            page = await context.new_page()
            await page.set_content(html)
            pdf = await page.pdf(**options)
            await page.close()
            return pdf

        async def fresh_context() -> bytes:
            own = await browser.new_context(java_script_enabled=False)
            page = await own.new_page()
            await page.set_content(html)
            pdf = await page.pdf(**options)
            await own.close()
            return pdf

        print(f"fresh page           {await rate(renders, 1, fresh_page):6.1f} renders/s")
        print(f"fresh context        {await rate(renders, 1, fresh_context):6.1f} renders/s")
        await browser.close()

    for concurrency in (1, 2, 4, 8):
        async with Renderer(chromium, concurrency=concurrency) as pool:
            per_second = await rate(renders, concurrency, lambda: pool.render(html, PaperSize.A4))
            print(f"pool, {concurrency} at a time   {per_second:6.1f} renders/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=40, help="renders per measurement")
    parser.add_argument("--lines", type=int, default=20, help="line items per invoice")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.renders, arguments.lines))
