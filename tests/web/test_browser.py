"""The public page in a real headless Chromium with JavaScript off, against a real server:
the document and its totals render under the CSP, Download PDF downloads the PDF, Accept
accepts the estimate, another site's form cannot, and a wrong link shows the 404 page."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page

from models import Document
from models.enums import DocumentStatus as S
from models.enums import Series
from tests.billing.factories import a_sent_document, an_invoice
from tests.conftest import Tenant


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh page with JavaScript off (the page must not need it); it fails the test if the
    Content-Security-Policy blocked anything (Chromium reports that on the console)."""
    context: BrowserContext = await browser.new_context(java_script_enabled=False)
    blocked: list[str] = []
    opened = await context.new_page()

    def record(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    opened.on("console", record)
    try:
        yield opened
        assert blocked == []
    finally:
        await context.close()


async def test_the_page_shows_the_totals_and_downloads_the_pdf(
    tenant: Tenant, site: str, page: Page
) -> None:
    invoice = await a_sent_document(tenant.org)
    response = await page.goto(f"{site}/d/{invoice.public_token}")
    assert response is not None and response.status == 200
    assert await page.title() == "Invoice INV-0001"
    assert await page.locator(".totals .total td").inner_text() == "$5,500.00"
    assert await page.locator(".totals .due td").inner_text() == "$5,500.00"
    assert "Globex" in await page.locator(".recipient").inner_text()
    # The inline styles applied under the CSP: the sheet is white on the grey page.
    background = await page.locator(".sheet").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    assert (await Document.get(id=invoice.id)).status is S.VIEWED

    async with page.expect_download() as info:
        await page.get_by_role("link", name="Download PDF").click()
    download = await info.value
    assert download.suggested_filename == "INV-0001.pdf"
    path = await download.path()
    assert path.read_bytes().startswith(b"%PDF-")


async def test_accept_turns_the_estimate_accepted(tenant: Tenant, site: str, page: Page) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    url = f"{site}/d/{estimate.public_token}"
    await page.goto(url)
    await page.get_by_role("button", name="Accept estimate").click()
    await page.wait_for_url(url)
    assert "This estimate has been accepted." in await page.locator(".notice").inner_text()
    assert await page.get_by_role("button", name="Accept estimate").count() == 0
    stored = await Document.get(id=estimate.id)
    assert stored.status is S.ACCEPTED and stored.accepted_at is not None


async def test_another_sites_form_cannot_accept(tenant: Tenant, site: str, page: Page) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    forged = (
        f'<form method="post" action="{site}/d/{estimate.public_token}/accept">'
        "<button>Win a prize</button></form>"
    )
    await page.route(
        "http://evil.test/", lambda route: route.fulfill(body=forged, content_type="text/html")
    )
    await page.goto("http://evil.test/")
    async with page.expect_response(f"{site}/d/{estimate.public_token}/accept") as info:
        await page.get_by_role("button", name="Win a prize").click()
    assert (await info.value).status == 403
    assert await page.locator("h1").inner_text() == "Request refused"
    assert (await Document.get(id=estimate.id)).status is S.SENT


async def test_a_wrong_token_shows_the_404_page(tenant: Tenant, site: str, page: Page) -> None:
    invoice = await an_invoice(tenant.org)
    token = invoice.public_token
    # Another last character, whatever the real one is (one token in 64 ends in x).
    wrong = token[:-1] + ("y" if token.endswith("x") else "x")
    response = await page.goto(f"{site}/d/{wrong}")
    assert response is not None and response.status == 404
    assert await page.locator("h1").inner_text() == "Document not found"
