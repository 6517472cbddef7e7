"""A render cancelled part-way (a refresh at shutdown, a timeout) leaves no page open behind."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page

from models.enums import PaperSize
from pdf.renderer import Renderer
from settings import Settings


async def test_a_render_cancelled_while_its_page_opens_leaves_no_page_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened, answered = asyncio.Event(), asyncio.Event()
    new_page = BrowserContext.new_page

    # Chromium has opened the page but its answer has not reached the renderer yet: the
    # moment a cancellation can meet a render (the wait for the answer is made explicit).
    async def slow_new_page(self: BrowserContext, *args: Any, **kwargs: Any) -> Page:
        page = await new_page(self, *args, **kwargs)
        opened.set()
        await answered.wait()
        return page

    monkeypatch.setattr(BrowserContext, "new_page", slow_new_page)
    # A browser of its own: one just started has no idle page, so the render opens one.
    async with Renderer(Settings().chromium_path, concurrency=1, timeout=30) as renderer:
        render = asyncio.create_task(renderer.render("<p>Hello</p>", PaperSize.A4))
        async with asyncio.timeout(10):
            await opened.wait()
        assert renderer.open_pages == 1
        render.cancel()
        answered.set()
        with pytest.raises(asyncio.CancelledError):
            await render
        # Pages given up are closed in the background: give that a moment.
        for _ in range(10):
            if renderer.open_pages == 0:
                break
            await asyncio.sleep(0.05)
        assert renderer.open_pages == 0
