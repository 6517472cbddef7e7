"""Nothing in a document reaches a network, a local file or a script, even when HTML gets past
the template's escaping: a real HTTP server on a loopback port sees no connection."""

from __future__ import annotations

import asyncio
import contextlib
import urllib.request
from pathlib import Path

from billing import clients, documents
from billing.plans import UNLIMITED
from models.enums import PaperSize, Series
from pdf.renderer import Renderer, RendererError
from pdf.store import DocumentPdfs
from tests.conftest import Tenant
from tests.pdf.conftest import Listener, pdf_text

# Long enough for a prefetch, a preconnect or a refresh to reach the server had it escaped
# (they arrive within tens of milliseconds of the render when nothing stops them).
GRACE_SECONDS = 0.5


def hostile_tags(port: int) -> dict[str, str]:
    """Tags that each try to reach http://127.0.0.1:`port` in a different way."""
    url = f"http://127.0.0.1:{port}"
    return {
        "img": f'<img src="{url}/img">',
        "script": f'<script>fetch("{url}/script")</script>',
        "prefetch": f'<link rel="prefetch" href="{url}/prefetch">',
        "refresh": f'<meta http-equiv="refresh" content="0;url={url}/refresh">',
    }


def test_the_listener_sees_a_connection(listener: Listener) -> None:
    """The control: a connection to the server is recorded, so "none" below means none."""
    with urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/", timeout=5) as answer:
        assert answer.status == 200
    assert len(listener.connections) == 1


async def test_user_data_renders_as_text_and_reaches_no_network(
    tenant: Tenant, renderer: Renderer, listener: Listener
) -> None:
    tags = hostile_tags(listener.port)
    client = await clients.create_client(tenant.org, {"name": tags["img"]}, UNLIMITED)
    invoice = await documents.create_document(
        tenant.org,
        {
            "client_id": client.id,
            "line_items": [{"description": tags["prefetch"], "quantity": 1, "unit_price": 1}],
            "notes": "\n".join([tags["script"], tags["refresh"]]),
            "terms": tags["prefetch"],
        },
        series=Series.INVOICE,
        plan=UNLIMITED,
    )
    text = pdf_text(await DocumentPdfs(renderer).get(invoice))
    await asyncio.sleep(GRACE_SECONDS)
    for tag in tags.values():
        assert tag in text
    assert listener.connections == []


async def test_raw_html_past_the_escaping_reaches_no_network(
    renderer: Renderer, listener: Listener
) -> None:
    url = f"http://127.0.0.1:{listener.port}"
    tags = hostile_tags(listener.port)
    # No template and no CSP: only the renderer's own walls stand.
    html = f"""<!DOCTYPE html><html><head>
        {tags["prefetch"]}
        <link rel="preconnect" href="{url}">
        <link rel="stylesheet" href="{url}/style.css">
        <style>@import url("{url}/import.css"); body {{ background: url("{url}/bg.png"); }}</style>
        </head><body>
        <p>Still rendered</p>{tags["img"]}{tags["script"]}
        <a href="{url}/link">a link</a>
        <iframe src="{url}/frame"></iframe>
        <object data="{url}/object"></object>
        <video poster="{url}/poster.png"></video>
        <form action="{url}/form"><input type="image" src="{url}/input.png"></form>
        </body></html>"""
    pdfs = [await renderer.render(html, PaperSize.A4) for _ in range(2)]
    await asyncio.sleep(GRACE_SECONDS)
    assert all("Still rendered" in pdf_text(pdf) for pdf in pdfs)
    assert listener.connections == []


async def test_a_refresh_in_raw_html_reaches_no_network_nor_another_render(
    renderer: Renderer, listener: Listener
) -> None:
    tags = hostile_tags(listener.port)
    html = f"<!DOCTYPE html><html><head>{tags['refresh']}</head><body><p>Mine</p></body></html>"
    for _ in range(3):
        # A document that navigates away cannot be printed faithfully: it is an error, never
        # a PDF of the page it went to.
        with contextlib.suppress(RendererError):
            assert "Mine" in pdf_text(await renderer.render(html, PaperSize.A4))
    after = await renderer.render("<p>The next document</p>", PaperSize.A4)
    await asyncio.sleep(GRACE_SECONDS)
    assert "The next document" in pdf_text(after)
    assert listener.connections == []


async def test_local_files_are_not_read(renderer: Renderer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the contents of a local file")
    html = f"""<!DOCTYPE html><html><body><p>Shown</p>
        <iframe src="file://{secret}"></iframe><object data="file://{secret}"></object>
        <embed src="file://{secret}"></body></html>"""
    text = pdf_text(await renderer.render(html, PaperSize.A4))
    assert "Shown" in text
    assert "local file" not in text


async def test_scripts_do_not_run(renderer: Renderer) -> None:
    html = """<!DOCTYPE html><html><body><p id="p">Static text</p>
        <script>document.getElementById("p").textContent = "Changed by a script";</script>
        <img src="data:," onerror="document.body.textContent = 'Changed by a handler'">
        </body></html>"""
    text = pdf_text(await renderer.render(html, PaperSize.A4))
    assert "Static text" in text
    assert "Changed" not in text
