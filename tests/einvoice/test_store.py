"""Stored e-invoices, through HTTP: generated once and served from the database while current
(also when first asked for by a GraphQL query, which reads in a read-only snapshot), generated
again when what they show changes or the code does, refreshed in the background after a
write, one generation for requests arriving together; Factur-X PDFs likewise."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from lxml import etree
from starlette.applications import Starlette

from billing import credit_notes, documents
from einvoice import facturx, store
from einvoice.formats import Format
from einvoice.store import FACTURX, EInvoices
from models import CreditNoteEInvoice, DocumentEInvoice
from pdf.store import version_of
from tests.conftest import Tenant
from tests.einvoice.test_rules import CBC
from tests.einvoice.test_surfaces import INVOICE, an_issued_invoice
from tests.graph.helpers import data
from tests.rest.conftest import data_of, send


class Counted:
    """Counts the calls of a function of einvoice.store (its real one, wrapped)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.count = 0
        real: Callable[..., Any] = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> Counted:
    return Counted(monkeypatch, store, "generate")


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> Counted:
    return Counted(monkeypatch, facturx, "pdfa3")


def url(invoice_id: str, format: str = "UBL_PEPPOL") -> str:
    return f"/api/v1/invoices/{invoice_id}/einvoice?format={format}"


async def test_an_e_invoice_is_generated_once_then_served_from_the_database(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    first = await send(http, "GET", url(invoice_id), tenant)
    assert first.status_code == 200, first.text
    stored = await DocumentEInvoice.get(document_id=invoice_id, format="UBL_PEPPOL")
    assert (bytes(stored.content), generations.count) == (first.content, 1)
    assert stored.version == version_of(await documents.document_state(invoice_id))  # type: ignore[arg-type]

    # What is served is the stored row: changed behind the app's back, it is what comes back.
    await DocumentEInvoice.filter(id=stored.id).update(content=b"<stored/>")
    again = await send(http, "GET", url(invoice_id), tenant)
    assert (again.content, generations.count) == (b"<stored/>", 1)

    # Each format is its own.
    cii = await send(http, "GET", url(invoice_id, "CII_EN16931"), tenant)
    assert cii.status_code == 200 and generations.count == 2
    assert await DocumentEInvoice.filter(document_id=invoice_id).count() == 2


async def test_a_graphql_query_stores_what_it_generates_and_keeps_the_findings(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    variables = {"id": invoice_id, "format": "XRECHNUNG_CII"}
    first = (await data(http, tenant, INVOICE, variables))["invoice"]["eInvoice"]
    assert first["valid"] and generations.count == 1
    again = (await data(http, tenant, INVOICE, variables))["invoice"]["eInvoice"]
    assert again == first and generations.count == 1
    download = await send(http, "GET", url(invoice_id, "XRECHNUNG_CII"), tenant)
    assert download.status_code == 200 and generations.count == 1

    # The findings come back from the row as they were found (a warning, here, edited in).
    finding = {"rule": "BR-X", "flag": "warning", "location": "/x", "text": "A finding."}
    await DocumentEInvoice.filter(document_id=invoice_id).update(findings=[finding])
    found = (await data(http, tenant, INVOICE, variables))["invoice"]["eInvoice"]
    assert found["findings"] == [{k: finding[k] for k in ("rule", "flag", "text")}]
    assert found["valid"] is True


async def test_a_payment_makes_it_stale_and_the_write_refreshes_it_in_the_background(
    http: httpx.AsyncClient, app: Starlette, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    before = await send(http, "GET", url(invoice_id), tenant)
    prepaid = etree.fromstring(before.content).findtext(f".//{CBC}PrepaidAmount")
    assert prepaid == "1000.00"

    paid = await send(
        http,
        "POST",
        "/api/v1/payments",
        tenant,
        {"invoiceId": invoice_id, "amount": 10, "paymentMethod": "CASH"},
    )
    data_of(paid, 201)
    await app.state.einvoices.drain()
    assert generations.count == 2  # the refresh, with no request asking
    stored = await DocumentEInvoice.get(document_id=invoice_id, format="UBL_PEPPOL")
    current = await documents.document_state(invoice_id)
    assert current is not None and stored.version == version_of(current)
    assert etree.fromstring(stored.content).findtext(f".//{CBC}PrepaidAmount") == "1010.00"

    after = await send(http, "GET", url(invoice_id), tenant)
    assert (after.content, generations.count) == (bytes(stored.content), 2)


async def test_a_renamed_client_makes_it_stale(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    await send(http, "GET", url(invoice_id), tenant)
    invoice = await documents.document_state(invoice_id)
    assert invoice is not None
    renamed = await send(
        http, "PUT", f"/api/v1/clients/{invoice.client_id}", tenant, {"name": "Renamed GmbH"}
    )
    data_of(renamed, 200)
    after = await send(http, "GET", url(invoice_id), tenant)
    assert b"Renamed GmbH" in after.content and generations.count == 2


async def test_a_new_fingerprint_makes_the_stored_ones_stale(
    app: Starlette, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    deployed: EInvoices = app.state.einvoices
    first = await deployed.invoice(tenant.org, invoice_id, Format.UBL_PEPPOL)
    again = await deployed.invoice(tenant.org, invoice_id, Format.UBL_PEPPOL)
    assert (again.xml, generations.count) == (first.xml, 1)

    released = EInvoices(deployed.pdfs, fingerprint="another release")
    await released.invoice(tenant.org, invoice_id, Format.UBL_PEPPOL)
    assert generations.count == 2
    stored = await DocumentEInvoice.get(document_id=invoice_id, format="UBL_PEPPOL")
    assert stored.fingerprint == "another release"


async def test_requests_arriving_together_generate_once(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    answers = await asyncio.gather(*(send(http, "GET", url(invoice_id), tenant) for _ in range(6)))
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    assert generations.count == 1
    assert await DocumentEInvoice.filter(document_id=invoice_id).count() == 1


async def test_a_factur_x_pdf_is_made_once_and_stored_beside_its_xml(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted, conversions: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    pdf_url = f"/api/v1/invoices/{invoice_id}/pdf?facturx=true"
    first = await send(http, "GET", pdf_url, tenant)
    assert first.status_code == 200, first.text
    again = await send(http, "GET", pdf_url, tenant)
    assert again.content == first.content  # byte for byte: the stored one
    assert (conversions.count, generations.count) == (1, 1)
    kept = await DocumentEInvoice.filter(document_id=invoice_id).values_list("format", flat=True)
    assert sorted(map(str, kept)) == ["CII_EN16931", FACTURX]
    # The CII download is the XML the PDF carries, generated once for both.
    await send(http, "GET", url(invoice_id, "CII_EN16931"), tenant)
    assert generations.count == 1


async def test_a_credit_notes_e_invoices_are_stored_too(
    http: httpx.AsyncClient, tenant: Tenant, generations: Counted, conversions: Counted
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "500.00"}
    )
    path = f"/api/v1/credit-notes/{note.id}"
    for _ in range(2):
        xml = await send(http, "GET", f"{path}/einvoice?format=UBL_PEPPOL", tenant)
        assert xml.status_code == 200, xml.text
        pdf = await send(http, "GET", f"{path}/pdf?facturx=true", tenant)
        assert pdf.status_code == 200, pdf.text
    # UBL, then the CII the Factur-X PDF carries: each once.
    assert (generations.count, conversions.count) == (2, 1)
    kept = await CreditNoteEInvoice.filter(credit_note_id=note.id).values_list("format", flat=True)
    assert sorted(map(str, kept)) == ["CII_EN16931", FACTURX, "UBL_PEPPOL"]
