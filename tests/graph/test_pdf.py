"""PDFs from GraphQL: `pdfUrl` points at REST's route, and a document's PDF is rendered and
stored in the background after each change."""

from __future__ import annotations

from typing import Any

from app import create_app
from models import DocumentPdf
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Backend, Tenant, serve

CREATE = """
mutation($input: InvoiceCreateInput!) {
  invoiceCreate(input: $input) { invoice { id pdfUrl } errors { code } }
}
"""
PAY = """
mutation($id: ID!) {
  paymentCreate(input: {invoiceId: $id, amount: "100", paymentMethod: CASH}) { errors { code } }
}
"""


async def test_a_new_invoice_gets_its_pdf_in_the_background(
    db: Backend, settings: Settings, renderer: Renderer, tenant: Tenant
) -> None:
    app = create_app(settings, renderer=renderer)
    async with serve(app) as http:
        client = await http.post(
            "/graphql",
            json={"query": 'mutation { clientCreate(input: {name: "Globex"}) { client { id } } }'},
            headers=tenant.headers,
        )
        client_id = client.json()["data"]["clientCreate"]["client"]["id"]
        line = {"description": "Design", "quantity": "40", "unitPrice": "125.00"}
        body: dict[str, Any] = (
            await http.post(
                "/graphql",
                json={
                    "query": CREATE,
                    "variables": {"input": {"clientId": client_id, "lineItems": [line]}},
                },
                headers=tenant.headers,
            )
        ).json()
        invoice = body["data"]["invoiceCreate"]["invoice"]
        assert (
            invoice["pdfUrl"] == f"{settings.public_base_url}/api/v1/invoices/{invoice['id']}/pdf"
        )

        await app.state.pdfs.drain()
        stored = await DocumentPdf.get(document_id=invoice["id"])
        assert stored.content.startswith(b"%PDF-")

        await http.post(
            "/graphql",
            json={"query": PAY, "variables": {"id": invoice["id"]}},
            headers=tenant.headers,
        )
        await app.state.pdfs.drain()
        assert (await DocumentPdf.get(document_id=invoice["id"])).version != stored.version

        served = await http.get(
            invoice["pdfUrl"].removeprefix(settings.public_base_url), headers=tenant.headers
        )
        assert served.status_code == 200 and served.content.startswith(b"%PDF-")
