"""The GraphiQL playground in a real headless Chromium, with every request that would leave the
machine blocked: the page, its editor, its docs pane and its Headers tab all work from this
server's own files."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, Route

from graph.ide import assets
from tests.conftest import Tenant
from tests.live import loopback_only


@dataclass
class Watched:
    """What the page tried that it should not have: requests off the machine, script errors,
    anything the Content-Security-Policy refused."""

    left_the_machine: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
async def watched(browser: Browser) -> AsyncIterator[tuple[Page, Watched]]:
    context = await browser.new_context()
    seen = Watched()
    allowed = loopback_only(seen.left_the_machine)

    async def route(route: Route) -> None:
        if allowed(route.request.url):
            await route.continue_()
        else:
            await route.abort("internetdisconnected")

    await context.route("**/*", route)
    page = await context.new_page()

    def console(message: ConsoleMessage) -> None:
        # The schema asked for before a key is given is refused, as it should be.
        if "status of 401" in message.text:
            return
        if message.type == "error" or "Content Security Policy" in message.text:
            seen.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        yield page, seen
    finally:
        await context.close()


async def _type_query(page: Page, query: str) -> None:
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    await editor.click()
    await page.keyboard.press("Control+A")
    await page.keyboard.press("Delete")
    await page.keyboard.type(query)
    await page.keyboard.press("Escape")  # closes the completion list typing opened


async def _result(page: Page) -> str:
    response = page.locator(".graphiql-response .CodeMirror-code")
    await response.filter(has_text=re.compile(r'"(data|errors)"')).wait_for()
    return await response.inner_text()


async def test_the_playground_runs_a_query_and_shows_the_docs_offline(
    tenant: Tenant, site: str, watched: tuple[Page, Watched]
) -> None:
    page, seen = watched
    response = await page.goto(f"{site}/graphql", wait_until="networkidle")
    assert response is not None and response.status == 200
    await page.locator(".graphiql-query-editor .CodeMirror").wait_for()

    await page.get_by_label("API key or session token").fill(tenant.secret)
    await page.get_by_label("API key or session token").press("Tab")
    await _type_query(page, "{ viewer { organization { name currency } } }")
    await page.locator(".graphiql-execute-button").click()
    result = await _result(page)
    assert '"name": "Acme Studio"' in result and '"currency": "USD"' in result

    await page.get_by_label("Show Documentation Explorer").click()
    docs = page.locator(".graphiql-doc-explorer")
    await docs.get_by_text("Query", exact=True).first.wait_for()
    await docs.get_by_text("Query", exact=True).first.click()
    await docs.get_by_text("viewer", exact=True).first.wait_for()

    assert seen.left_the_machine == []
    assert seen.errors == []


async def test_a_key_given_in_the_headers_tab_is_sent(
    tenant: Tenant, site: str, watched: tuple[Page, Watched]
) -> None:
    page, seen = watched
    await page.goto(f"{site}/graphql", wait_until="networkidle")
    await page.get_by_role("button", name="Headers").click()
    headers = page.locator(".graphiql-editor-tool .CodeMirror").last
    await headers.click()
    await page.keyboard.type(f'{{"Authorization": "Bearer {tenant.secret}"')
    await _type_query(page, "{ viewer { organization { name } } }")
    await page.locator(".graphiql-execute-button").click()
    assert '"name": "Acme Studio"' in await _result(page)
    assert seen.left_the_machine == []


async def test_the_files_are_served_from_here_and_cached_for_good(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    sources = re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
    assert len(sources) == 6 and not re.search(r'(?:src|href)="https?:', page.text)
    for source in sources:
        served = await http.get(source)
        assert served.status_code == 200, source
        assert served.content
    vendored = await http.get(assets.PACKAGES[-1].url("graphiql.min.js"))
    assert "immutable" in vendored.headers["cache-control"]
    assert vendored.headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize(
    "path",
    [
        "/graphiql/assets/graphiql/3.8.3/LICENSE.js",
        "/graphiql/assets/graphiql/0.0.1/graphiql.min.js",
        "/graphiql/assets/graphiql/3.8.3/..%2F..%2Freact%2F18.3.1%2FLICENSE",
        "/graphiql/assets/playground.py",
    ],
)
async def test_nothing_else_is_served_from_there(http: httpx.AsyncClient, path: str) -> None:
    assert (await http.get(path)).status_code == 404


async def test_without_its_files_the_page_says_how_to_fetch_them(
    http: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assets, "VENDOR", tmp_path)
    page = await http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 503
    assert "python -m graph.ide.assets" in page.text


def test_a_tarball_other_than_the_pinned_one_is_refused() -> None:
    with pytest.raises(assets.FetchFailed, match="integrity"):
        assets._checked(assets.PACKAGES[0], b"not the tarball")
