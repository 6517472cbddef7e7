"""PDFs on /api/v1: downloads of invoices and estimates, and the writes that refresh them."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette

from billing import documents
from models import DocumentPdf
from models.enums import PaperSize, Series
from pdf.files import DISPOSITION_PATTERN, content_disposition
from pdf.renderer import Renderer, RendererError, RenderTimeout
from rest.app import OPERATIONS, PREFIX, V1
from rest.openapi import document
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.graph.test_query_count import counting_queries
from tests.pdf.conftest import Views, pdf_text
from tests.rest.conftest import assert_no_content, data_of, error_of, send


class Renders:
    """Counts the renders of the session's renderer during one test; `gate` holds them until it
    is set (each render is counted, and `started` set, before the gate)."""

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


@pytest.fixture
def renders(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> Renders:
    return Renders(renderer, monkeypatch)


@pytest.fixture
def views(monkeypatch: pytest.MonkeyPatch) -> Views:
    return Views(monkeypatch)


def worked_example(client_id: str, number: str = "INV-2024-001") -> dict[str, Any]:
    """The contract's worked example: 40 x 125.00 at 10% tax, 5500.00 in all."""
    return {
        "clientId": client_id,
        "invoiceNumber": number,
        "issueDate": "2024-01-15",
        "dueDate": "2024-02-14",
        "lineItems": [
            {"description": "Brand design, hours", "quantity": 40, "unitPrice": 125, "taxRate": 10}
        ],
    }


async def create_invoice(http: httpx.AsyncClient, tenant: Tenant) -> str:
    """The worked example for the client Globex Corporation, created over HTTP; its id."""
    client = await a_client(tenant.org, "Globex Corporation")
    response = await send(http, "POST", "/api/v1/invoices", tenant, worked_example(client.id))
    return str(data_of(response, 201)["id"])


async def stored(document_id: str) -> DocumentPdf | None:
    return await DocumentPdf.filter(document_id=document_id).first()


def pdf_of(response: httpx.Response) -> bytes:
    """The body of a PDF download, after checking its status and content type."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return response.content


async def test_an_invoice_pdf_is_an_attachment_named_by_its_number(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await create_invoice(http, tenant)
    response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)
    text = pdf_text(pdf_of(response))
    assert response.headers["content-disposition"] == 'attachment; filename="INV-2024-001.pdf"'
    assert int(response.headers["content-length"]) == len(response.content)
    assert "INV-2024-001" in text
    assert "Globex Corporation" in text
    assert "$5,500.00" in text


async def test_a_number_beyond_ascii_is_named_exactly_in_filename_star(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org, number='Rechnung "Nº 7" Müller')
    response = await send(http, "GET", f"/api/v1/invoices/{invoice.id}/pdf", tenant)
    pdf_of(response)
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"Rechnung _N_ 7_ M_ller.pdf\"; filename*=UTF-8''"
        "Rechnung%20%22N%C2%BA%207%22%20M%C3%BCller.pdf"
    )


async def test_creating_an_invoice_renders_its_pdf_in_the_background(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant, renders: Renders, views: Views
) -> None:
    renders.gate.clear()
    # The response comes although no render can end: it does not wait for one.
    invoice_id = await create_invoice(http, tenant)
    async with asyncio.timeout(10):
        await renders.started.wait()
    assert await stored(invoice_id) is None
    renders.gate.set()
    await app.state.pdfs.drain()
    row = await stored(invoice_id)
    assert row is not None
    # Downloads serve the stored PDF: no further render, nor even its HTML or its lines.
    for _ in range(2):
        with counting_queries() as statements:
            response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)
        assert pdf_of(response) == bytes(row.content)
        assert not any('"line_item"' in sql for sql in statements)
    assert (renders.count, views.count) == (1, 1)


async def test_updating_a_draft_refreshes_its_pdf(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant, renders: Renders
) -> None:
    invoice_id = await create_invoice(http, tenant)
    await app.state.pdfs.drain()
    before = await stored(invoice_id)
    line = {"description": "Brand design, hours", "quantity": 50, "unitPrice": 125, "taxRate": 10}
    updated = await send(
        http, "PUT", f"/api/v1/invoices/{invoice_id}", tenant, {"lineItems": [line]}
    )
    assert data_of(updated)["total"] == 6875
    await app.state.pdfs.drain()
    after = await stored(invoice_id)
    assert before is not None and after is not None
    assert after.version != before.version
    text = pdf_text(bytes(after.content))
    assert "$6,875.00" in text and "$5,500.00" not in text
    response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)
    assert pdf_of(response) == bytes(after.content)
    assert renders.count == 2


async def test_voiding_refreshes_the_pdf(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    voided = await send(http, "POST", f"/api/v1/invoices/{invoice.id}/void", tenant)
    assert data_of(voided)["status"] == "VOID"
    await app.state.pdfs.drain()
    row = await stored(invoice.id)
    # The stamp, upper-cased by the template's CSS.
    assert row is not None and "VOID" in pdf_text(bytes(row.content))


async def test_payments_refresh_the_invoice_pdf(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.mark_sent(tenant.org, invoice.id, series=Series.INVOICE)
    body = {"invoiceId": invoice.id, "amount": 1000, "paymentMethod": "CASH"}
    payment = data_of(await send(http, "POST", "/api/v1/payments", tenant, body), 201)
    await app.state.pdfs.drain()
    paid = await stored(invoice.id)
    assert paid is not None
    assert re.search(r"Amount paid\s*\$1,000\.00", pdf_text(bytes(paid.content)))

    assert_no_content(await send(http, "DELETE", f"/api/v1/payments/{payment['id']}", tenant))
    await app.state.pdfs.drain()
    unpaid = await stored(invoice.id)
    assert unpaid is not None and unpaid.version != paid.version
    assert "Amount paid" not in pdf_text(bytes(unpaid.content))


async def test_the_estimate_pdf_says_estimate(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org, "Globex Corporation")
    body = worked_example(client.id)
    del body["invoiceNumber"]
    created = await send(
        http, "POST", "/api/v1/estimates", tenant, {**body, "estimateNumber": "EST-2024-001"}
    )
    estimate_id = data_of(created, 201)["id"]
    response = await send(http, "GET", f"/api/v1/estimates/{estimate_id}/pdf", tenant)
    text = pdf_text(pdf_of(response))
    assert response.headers["content-disposition"] == 'attachment; filename="EST-2024-001.pdf"'
    # The title, upper-cased by the template's CSS.
    assert "ESTIMATE" in text and "INVOICE" not in text
    assert "EST-2024-001" in text and "$5,500.00" in text


async def test_converting_an_estimate_refreshes_the_invoice_and_the_estimate(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant
) -> None:
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    converted = await send(http, "POST", f"/api/v1/estimates/{estimate.id}/convert", tenant)
    invoice_id = data_of(converted, 201)["id"]
    await app.state.pdfs.drain()
    invoice_pdf, estimate_pdf = await stored(invoice_id), await stored(estimate.id)
    assert invoice_pdf is not None and estimate_pdf is not None
    assert "ACCEPTED" in pdf_text(bytes(estimate_pdf.content))


async def test_deleting_an_invoice_deletes_its_pdf(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant
) -> None:
    invoice_id = await create_invoice(http, tenant)
    await app.state.pdfs.drain()
    assert await stored(invoice_id) is not None
    assert_no_content(await send(http, "DELETE", f"/api/v1/invoices/{invoice_id}", tenant))
    assert await DocumentPdf.filter(document_id=invoice_id).count() == 0
    response = await send(http, "GET", f"/api/v1/invoices/{invoice_id}/pdf", tenant)
    assert error_of(response, 404) == f"No invoice with id '{invoice_id}'"


async def test_only_the_organizations_own_document_of_the_routes_kind_is_served(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, renders: Renders
) -> None:
    invoice = await an_invoice(tenant.org)
    estimate = await an_invoice(tenant.org, series=Series.ESTIMATE)
    refused = [
        (other_tenant, "invoice", invoice.id),
        (other_tenant, "estimate", estimate.id),
        (tenant, "estimate", invoice.id),
        (tenant, "invoice", estimate.id),
        (tenant, "invoice", "inv_doesnotexist"),
    ]
    for caller, kind, document_id in refused:
        response = await send(http, "GET", f"/api/v1/{kind}s/{document_id}/pdf", caller)
        assert error_of(response, 404) == f"No {kind} with id '{document_id}'"
    assert renders.count == 0


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (RendererError("Chromium crashed"), "The PDF could not be rendered just now"),
        (RenderTimeout("Rendering took longer than 30 seconds"), "The PDF took too long"),
    ],
)
async def test_a_render_failure_is_a_503_and_the_cause_is_logged(
    http: httpx.AsyncClient,
    tenant: Tenant,
    renderer: Renderer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: RendererError,
    message: str,
) -> None:
    async def fail(html: str, paper_size: PaperSize) -> bytes:
        raise failure

    monkeypatch.setattr(renderer, "render", fail)
    invoice = await an_invoice(tenant.org)
    with caplog.at_level(logging.WARNING, logger="invoicegraph.rest"):
        response = await send(http, "GET", f"/api/v1/invoices/{invoice.id}/pdf", tenant)
    assert error_of(response, 503).startswith(message)
    assert invoice.id in caplog.text and str(failure) in caplog.text
    assert await stored(invoice.id) is None


def test_the_pdf_routes_are_documented_as_attachments() -> None:
    paths = document(V1, OPERATIONS)["paths"]
    for kind, statuses in (
        # An invoice's Factur-X PDF (facturx=true) is refused for a draft or void one.
        ("invoices", ["200", "400", "401", "403", "404", "409", "429", "503"]),
        ("estimates", ["200", "400", "401", "403", "404", "429", "503"]),
    ):
        responses = paths[f"{PREFIX}/{kind}/{{id}}/pdf"]["get"]["responses"]
        assert list(responses) == statuses
        ok = responses["200"]
        assert ok["content"] == {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}}
        }
        disposition = ok["headers"]["Content-Disposition"]
        assert disposition["required"] is True
        assert disposition["schema"] == {"type": "string", "pattern": DISPOSITION_PATTERN}


@pytest.mark.parametrize(
    ("number", "header"),
    [
        ("INV-2024-001", 'attachment; filename="INV-2024-001.pdf"'),
        ("FA/2024/7", 'attachment; filename="FA/2024/7.pdf"'),
        (
            "請求書-7",
            'attachment; filename="___-7.pdf"; '
            "filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8-7.pdf",
        ),
        ('A"B\\C', "attachment; filename=\"A_B_C.pdf\"; filename*=UTF-8''A%22B%5CC.pdf"),
        ("a\tb", "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%09b.pdf"),
    ],
)
def test_content_disposition(number: str, header: str) -> None:
    assert content_disposition(number) == header


@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1))
def test_every_disposition_is_ascii_matches_the_documented_pattern_and_names_the_number(
    number: str,
) -> None:
    header = content_disposition(number)
    assert header.isascii()
    assert re.fullmatch(DISPOSITION_PATTERN, header)
    quoted, _, exact = header.partition("; filename*=UTF-8''")
    assert unquote(exact or quoted.split('"')[1], errors="strict") == f"{number}.pdf"
