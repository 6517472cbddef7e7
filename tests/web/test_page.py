"""The public pages over HTTP: a document at its link as the PDF view formats it, its PDF,
views and acceptance, refusals (unknown links, other sites, the lifecycle), the security
headers on every answer, rotation and publicUrl over GraphQL, and the gateway's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from app import create_app
from billing import documents, organizations, payments
from models import Client, Document, LineItem, Organization
from models.enums import DocumentStatus as S
from models.enums import Series
from pdf.renderer import Renderer
from pdf.view import build_view
from settings import Settings
from tests.billing.factories import a_client, a_sent_document, an_invoice, not_acceptable
from tests.conftest import Backend, Tenant, make_tenant, serve
from tests.graph.helpers import ERRORS, data, ok
from tests.pdf.conftest import pdf_text
from web.responses import SECURITY_HEADERS

HOST = "http://invoicegraph.test"  # where conftest's `serve` says requests go
NOT_FOUND = "There is no document at this link"


def assert_secured(response: httpx.Response) -> None:
    """Every security header, with its exact value."""
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["content-security-policy"]
    for directive in (
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in csp


def assert_html(response: httpx.Response, status: int, text: str) -> None:
    """An HTML page (never JSON) with `status`, saying `text`, with the security headers."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert text in response.text
    assert_secured(response)


def path_of(document: Document, suffix: str = "") -> str:
    return f"/d/{document.public_token}{suffix}"


async def stored(document: Document) -> Document:
    return await Document.get(id=document.id)


async def accept(
    http: httpx.AsyncClient, document: Document, headers: dict[str, str] | None = None
) -> httpx.Response:
    """The Accept form's POST, as a browser on the page sends it unless `headers` say else."""
    if headers is None:
        headers = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    return await http.post(path_of(document, "/accept"), headers=headers)


async def test_the_page_shows_the_document_as_the_pdf_view_formats_it(
    db: Backend, http: httpx.AsyncClient
) -> None:
    org = await organizations.create_organization("Acme GmbH", currency="EUR", locale="de_DE")
    client = await a_client(org, "Globex AG")
    invoice = await an_invoice(
        org,
        client,
        discount_type="PERCENT",
        discount_value="10",
        due_date="2026-12-31",
        notes="Danke!",
    )
    response = await http.get(path_of(invoice))
    assert_html(response, 200, "INV-0001")

    view = build_view(
        await stored(invoice),
        organization=await Organization.get(id=org.id),
        client=await Client.get(id=client.id),
        lines=await LineItem.filter(document_id=invoice.id).order_by("position"),
    )
    amounts = [row.value for row in (*view.summary, view.total, *view.balance)]
    assert amounts == [
        "5.000,00\xa0€",
        "-500,00\xa0€",
        "450,00\xa0€",
        "4.950,00\xa0€",
        "4.950,00\xa0€",
    ]
    for shown in (
        view.organization.name,
        view.client.name,
        view.due_date,
        view.notes,
        *(line.description for line in view.lines),
        *(line.amount for line in view.lines),
        *amounts,
    ):
        assert shown in response.text
    assert f'href="{path_of(invoice, "/pdf")}"' in response.text
    assert "<form" not in response.text and "<script" not in response.text


async def test_the_pdf_downloads_as_an_attachment_named_by_its_number(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    invoice = await an_invoice(tenant.org)
    response = await http.get(path_of(invoice, "/pdf"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="INV-0001.pdf"'
    assert_secured(response)
    assert response.content.startswith(b"%PDF-")
    assert "$5,500.00" in pdf_text(response.content)


@pytest.mark.parametrize(
    "path",
    [
        "/d/" + "A" * 32,  # the shape of a token, but no document's
        "/d/" + "A" * 32 + "/pdf",
        "/d/short",
        "/d/" + "A" * 200,
        "/d/%00" + "A" * 31,
        "/d/%ED%B3%BF" + "A" * 31,
        "/d/",
        "/d/" + "A" * 32 + "/elsewhere",
    ],
)
async def test_unknown_links_answer_with_the_404_page(
    tenant: Tenant, http: httpx.AsyncClient, path: str
) -> None:
    await an_invoice(tenant.org)
    assert_html(await http.get(path), 404, NOT_FOUND)


async def test_accepting_at_an_unknown_link_is_the_404_page(http: httpx.AsyncClient) -> None:
    response = await http.post("/d/" + "A" * 32 + "/accept", headers={"Origin": HOST})
    assert_html(response, 404, NOT_FOUND)


async def test_a_wrong_method_is_an_html_page_too(tenant: Tenant, http: httpx.AsyncClient) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    response = await http.get(path_of(estimate, "/accept"))
    assert_html(response, 405, "Method Not Allowed")
    assert response.headers["allow"] == "POST"
    assert (await stored(estimate)).status is S.SENT


async def test_a_trailing_slash_redirects_with_the_security_headers(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    invoice = await an_invoice(tenant.org)
    response = await http.get(path_of(invoice) + "/")
    assert response.status_code == 307
    assert response.headers["location"].endswith(path_of(invoice))
    assert_secured(response)
    for slashed in ("/pdf/", "/accept/"):
        response = await http.get(path_of(invoice, slashed))
        assert response.status_code in (307, 404, 405), slashed
        assert_secured(response)


async def test_no_api_key_is_needed_nor_looked_at(tenant: Tenant, http: httpx.AsyncClient) -> None:
    invoice = await an_invoice(tenant.org)
    response = await http.get(path_of(invoice), headers={"Authorization": "Bearer cinv_wrong"})
    assert_html(response, 200, "INV-0001")


async def test_the_first_view_of_a_sent_invoice_marks_it_viewed_once(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    invoice = await a_sent_document(tenant.org)
    before = datetime.now(UTC)
    assert_html(await http.get(path_of(invoice)), 200, "INV-0001")
    first = await stored(invoice)
    assert first.status is S.VIEWED
    assert first.viewed_at is not None and first.viewed_at >= before

    assert_html(await http.get(path_of(invoice)), 200, "INV-0001")
    again = await stored(invoice)
    assert (again.status, again.viewed_at, again.updated_at) == (
        S.VIEWED,
        first.viewed_at,
        first.updated_at,
    )


async def test_heads_and_prefetches_are_not_views(tenant: Tenant, http: httpx.AsyncClient) -> None:
    invoice = await a_sent_document(tenant.org)
    assert (await http.head(path_of(invoice))).status_code == 200
    prefetched = await http.get(path_of(invoice), headers={"Sec-Purpose": "prefetch"})
    assert_html(prefetched, 200, "INV-0001")
    assert (await stored(invoice)).status is S.SENT

    await http.get(path_of(invoice))
    assert (await stored(invoice)).status is S.VIEWED


async def test_viewing_a_draft_changes_nothing(tenant: Tenant, http: httpx.AsyncClient) -> None:
    draft = await an_invoice(tenant.org)
    assert_html(await http.get(path_of(draft)), 200, "INV-0001")
    after = await stored(draft)
    assert (after.status, after.viewed_at) == (S.DRAFT, None)


async def test_void_documents_say_so_and_cannot_be_accepted(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    invoice = await documents.void_document(
        tenant.org, (await a_sent_document(tenant.org)).id, series=Series.INVOICE
    )
    estimate = await documents.void_document(
        tenant.org,
        (await a_sent_document(tenant.org, series=Series.ESTIMATE)).id,
        series=Series.ESTIMATE,
    )
    for document, notice in (
        (invoice, "This invoice has been voided."),
        (estimate, "This estimate has been voided."),
    ):
        response = await http.get(path_of(document))
        assert_html(response, 200, notice)
        assert "<form" not in response.text
        assert (await stored(document)).status is S.VOID


async def test_a_paid_invoice_says_so(tenant: Tenant, http: httpx.AsyncClient) -> None:
    invoice = await a_sent_document(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "5500", "payment_method": "CASH"}
    )
    assert_html(await http.get(path_of(invoice)), 200, "This invoice has been paid in full.")
    assert (await stored(invoice)).status is S.PAID


async def test_accepting_an_estimate_redirects_to_the_page_saying_so(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    page = await http.get(path_of(estimate))
    assert_html(page, 200, "EST-0001")
    assert f'<form method="post" action="{path_of(estimate, "/accept")}">' in page.text
    assert "Accept estimate</button>" in page.text

    response = await accept(http, estimate)
    assert response.status_code == 303
    assert response.headers["location"] == HOST + path_of(estimate)
    assert_secured(response)
    after = await stored(estimate)
    assert after.status is S.ACCEPTED and after.accepted_at is not None

    shown = await http.get(response.headers["location"])
    assert_html(shown, 200, "This estimate has been accepted.")
    assert "<form" not in shown.text


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no browser's form: nothing to forge
        {"Origin": HOST},
        {"Origin": "http://INVOICEGRAPH.test:80"},
        {"Origin": "http://127.0.0.1:8000"},  # PUBLIC_BASE_URL's, behind a proxy
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        # What browsers send from the page itself: its no-referrer policy nulls the Origin.
        {"Sec-Fetch-Site": "same-origin", "Origin": "null"},
    ],
)
async def test_accepting_from_this_site(
    tenant: Tenant, http: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    assert (await accept(http, estimate, headers)).status_code == 303
    assert (await stored(estimate)).status is S.ACCEPTED


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://invoicegraph.test"},  # another scheme is another origin
        {"Origin": "http://invoicegraph.test:8080"},
        {"Origin": "http://invoicegraph.test.evil.example"},
        {"Origin": "not a url"},
        {"Origin": HOST, "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "same-site"},
    ],
)
async def test_accepting_from_another_site_is_refused(
    tenant: Tenant, http: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    response = await accept(http, estimate, headers)
    assert_html(response, 403, "came from another site")
    after = await stored(estimate)
    assert (after.status, after.accepted_at) == (S.SENT, None)


async def test_accepting_what_the_lifecycle_does_not_allow(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    for document, message in await not_acceptable(tenant.org):
        before = await stored(document)
        assert_html(await accept(http, document), 409, message)
        assert (await stored(document)).status is before.status


async def rotate(
    http: httpx.AsyncClient, tenant: Tenant, document_id: str, kind: str
) -> dict[str, Any]:
    """The payload of invoicePublicLinkRotate or estimatePublicLinkRotate."""
    name = f"{kind}PublicLinkRotate"
    mutation = f"mutation($id: ID!) {{ {name}(id: $id) {{ {kind} {{ id publicUrl }} {ERRORS} }} }}"
    result = await data(http, tenant, mutation, {"id": document_id})
    payload: dict[str, Any] = result[name]
    return payload


@pytest.mark.parametrize("kind", ["invoice", "estimate"])
async def test_rotating_the_link_over_graphql_retires_the_old_one(
    tenant: Tenant, http: httpx.AsyncClient, settings: Settings, kind: str
) -> None:
    document = await an_invoice(
        tenant.org, series=Series.ESTIMATE if kind == "estimate" else Series.INVOICE
    )
    read = await data(
        http, tenant, f"query($id: ID!) {{ {kind}(id: $id) {{ publicUrl }} }}", {"id": document.id}
    )
    old_url = read[kind]["publicUrl"]
    assert old_url == f"{settings.public_base_url}/d/{document.public_token}"

    rotated = ok(await rotate(http, tenant, document.id, kind))[kind]
    new_url = rotated["publicUrl"]
    assert rotated["id"] == document.id and new_url != old_url
    assert new_url == f"{settings.public_base_url}/d/{(await stored(document)).public_token}"
    assert_html(await http.get(urlsplit(old_url).path), 404, NOT_FOUND)
    assert_html(await http.get(urlsplit(new_url).path), 200, document.number)


async def test_rotating_another_organizations_or_kinds_document_is_not_found(
    tenant: Tenant, http: httpx.AsyncClient
) -> None:
    other = await make_tenant("Other Org")
    theirs = await an_invoice(other.org)
    invoice = await an_invoice(tenant.org)
    for document_id, kind in ((theirs.id, "invoice"), (invoice.id, "estimate"), ("x", "invoice")):
        payload = await rotate(http, tenant, document_id, kind)
        assert payload[kind] is None
        assert [error["code"] for error in payload["errors"]] == ["NOT_FOUND"]
    assert (await stored(theirs)).public_token == theirs.public_token
    assert (await stored(invoice)).public_token == invoice.public_token


async def test_public_links_spend_their_address_budget(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    invoice = await an_invoice(tenant.org)
    limited = replace(settings, rate_limit_unauthenticated_per_minute=2)
    async with serve(create_app(limited, renderer=renderer)) as http:
        for _ in range(2):
            assert (await http.get(path_of(invoice))).status_code == 200
        refused = await http.get(path_of(invoice))
    assert_html(refused, 429, "Rate limit exceeded")
    assert int(refused.headers["retry-after"]) >= 1


async def test_a_large_body_is_refused_with_an_html_page(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    small = replace(settings, max_body_bytes=1024)
    async with serve(create_app(small, renderer=renderer)) as http:
        response = await http.post(
            path_of(estimate, "/accept"), headers={"Origin": HOST}, content=b"x" * 2048
        )
    assert_html(response, 413, "Request body too large")
    assert (await stored(estimate)).status is S.SENT
