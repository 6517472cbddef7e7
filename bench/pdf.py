"""PDF renders per second and Chromium's memory.

Speed: the renderer's pool of reused pages against a fresh page or a fresh context per PDF,
and the pool's throughput by concurrency. Memory: a sustained run (`--sustained` renders at
concurrency 1 and at 4) printing, at intervals, renders per second over the interval and the
PSS (proportional set size) summed over the browser's processes, read from
/proc/<pid>/smaps_rollup. PSS splits each shared page among the processes that map it, so
the sum counts the browser's memory once. Other Chromiums running on the machine share its
binary's pages, and lower its file-backed part: the anonymous part (heaps, shared memory)
beside it is the browser's own whatever else runs.

    .venv/bin/python -m bench.pdf [--renders 40] [--sustained 600] [--lines 20] [--part all]

Not a test: numbers depend on the machine. Chromium comes from CHROMIUM_PATH; Linux only
(it reads /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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


def _children() -> dict[int, list[int]]:
    """Every process's children, by parent id, as /proc shows them now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The parent is the 2nd field after the command name, which may hold spaces.
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    return children


def _descendants(root: int, children: dict[int, list[int]]) -> Iterator[int]:
    stack = [root]
    while stack:
        pid = stack.pop()
        yield pid
        stack.extend(children.get(pid, ()))


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@dataclass(frozen=True)
class Memory:
    """A process tree's PSS and its anonymous part (Pss_Anon and Pss_Shmem), in bytes."""

    pss: int = 0
    anonymous: int = 0


def browser_memory() -> Memory:
    """The PSS of the Chromium this process's Playwright launched, summed over the browser's
    process tree (zygotes, renderers, GPU and utility processes).

    Playwright's driver is a child of this process and the browser a child of the driver;
    the browser is the process started with --remote-debugging-pipe (its helpers are not).
    """
    children = _children()
    browsers = [
        pid
        for pid in _descendants(os.getpid(), children)
        if b"--remote-debugging-pipe" in _cmdline(pid)
    ]
    pss = anonymous = 0
    for pid in _descendants(browsers[0], children) if browsers else ():
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # ended meanwhile
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in ("Pss", "Pss_Anon", "Pss_Shmem"):
                size = int(value.split()[0]) * 1024  # in kB
                pss += size if name == "Pss" else 0
                anonymous += size if name != "Pss" else 0
    return Memory(pss, anonymous)


@dataclass(frozen=True)
class Sample:
    """Where a sustained run stood after `renders` renders, `seconds` after the first."""

    renders: int
    seconds: float
    memory: Memory


async def sustained(
    chromium: str, html: str, renders: int, concurrency: int, every: int
) -> list[Sample]:
    """`renders` renders through one Renderer, `concurrency` at a time, sampling the time and
    the browser's PSS after every `every` renders, and once before them (after a first render,
    which launches the browser)."""
    async with Renderer(chromium, concurrency=concurrency) as pool:
        await pool.render(html, PaperSize.A4)
        samples = [Sample(0, 0.0, await asyncio.to_thread(browser_memory))]
        started = finished = 0
        begun = time.perf_counter()

        async def worker() -> None:
            nonlocal started, finished
            while started < renders:
                started += 1
                await pool.render(html, PaperSize.A4)
                finished += 1
                if finished % every == 0:
                    seconds = time.perf_counter() - begun
                    # Read in a thread, so that the other renders go on meanwhile.
                    samples.append(
                        Sample(finished, seconds, await asyncio.to_thread(browser_memory))
                    )

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sorted(samples, key=lambda sample: sample.renders)


def _megabytes(memory: Memory) -> str:
    return f"{memory.pss / 2**20:6.0f} {memory.anonymous / 2**20:6.0f}"


def print_memory(runs: dict[int, list[Sample]]) -> None:
    """The sustained runs side by side, a row per sample: the renders per second over the
    interval since the previous sample, the PSS and its anonymous part, for each concurrency."""
    columns = sorted(runs)
    print("        " + "".join(f"| {f'concurrency {c}':<24} " for c in columns))
    print("renders " + "".join(f"| {'renders/s':>10} {'PSS MB':>6} {'anon':>6} " for _ in columns))
    launched = (f"| {'(launched)':>10} {_megabytes(runs[c][0].memory)} " for c in columns)
    print(f"{0:7d} " + "".join(launched))
    for row in range(1, len(runs[columns[0]])):
        cells = ""
        for c in columns:
            previous, sample = runs[c][row - 1], runs[c][row]
            per_second = (sample.renders - previous.renders) / (sample.seconds - previous.seconds)
            cells += f"| {per_second:10.1f} {_megabytes(sample.memory)} "
        print(f"{runs[columns[0]][row].renders:7d} {cells}")
    totals = ""
    for c in columns:
        last = runs[c][-1]
        peak = Memory(
            max(sample.memory.pss for sample in runs[c]),
            max(sample.memory.anonymous for sample in runs[c]),
        )
        totals += f"| {last.renders / last.seconds:10.1f} {_megabytes(peak)} "
    print(f"{'all/max':>7} {totals}")


async def memory(chromium: str, html: str, renders: int) -> None:
    """Sustained runs at concurrency 1 and 4."""
    every = max(1, renders // 12)
    runs = {c: await sustained(chromium, html, renders, c, every) for c in (1, 4)}
    print(f"\nsustained: {renders} renders, the browser's PSS summed over its processes")
    print_memory(runs)


async def speed(chromium: str, html: str, renders: int) -> None:
    """The pool against a fresh page and a fresh context per PDF, and by concurrency."""
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


async def main(part: str, renders: int, sustained_renders: int, lines: int) -> None:
    html = sample_html(lines)
    chromium = get_settings().chromium_path
    if part in ("all", "speed"):
        await speed(chromium, html, renders)
    if part in ("all", "memory"):
        await memory(chromium, html, sustained_renders)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "speed", "memory"), default="all")
    parser.add_argument("--renders", type=int, default=40, help="renders per speed measurement")
    parser.add_argument(
        "--sustained", type=int, default=600, help="renders per sustained (memory) run"
    )
    parser.add_argument("--lines", type=int, default=20, help="line items per invoice")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.part, arguments.renders, arguments.sustained, arguments.lines))
