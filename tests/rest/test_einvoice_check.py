"""POST /api/v1/einvoices/check (extension): a received e-invoice sent as the file itself (XML
or a Factur-X PDF) is parsed and validated and its values read back, as GraphQL's
eInvoiceCheck answers; the wrong media type, an empty body and a file over the limit are
refused; a file that is no e-invoice is a finding; nothing is stored."""

from __future__ import annotations

from typing import Any

import httpx
from facturx import generate_from_binary

from einvoice.reading import MAX_SIZE
from models import Document
from tests.conftest import Tenant
from tests.einvoice.test_surfaces import an_issued_invoice, check
from tests.rest.conftest import data_of, error_of, send

Json = dict[str, Any]
URL = "/api/v1/einvoices/check"


async def post(http: httpx.AsyncClient, tenant: Tenant, content: bytes, media_type: str) -> Any:
    headers = {**tenant.headers, "Content-Type": media_type}
    return await http.post(URL, content=content, headers=headers)


async def checked(http: httpx.AsyncClient, tenant: Tenant, content: bytes, media_type: str) -> Json:
    answer: Json = data_of(await post(http, tenant, content, media_type))
    return answer


async def test_rest_checks_a_received_file_as_graphql_does(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    base = f"/api/v1/invoices/{invoice_id}"
    ubl_xml = (await send(http, "GET", f"{base}/einvoice?format=UBL_PEPPOL", tenant)).content
    cii_xml = (await send(http, "GET", f"{base}/einvoice?format=CII_EN16931", tenant)).content
    pdf = (await send(http, "GET", f"{base}/pdf", tenant)).content
    ours = (await send(http, "GET", f"{base}/pdf?facturx=true", tenant)).content
    theirs = generate_from_binary(pdf, cii_xml, check_xsd=False)
    tampered = ubl_xml.replace(b"</cbc:TaxInclusiveAmount>", b"1</cbc:TaxInclusiveAmount>", 1)
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&e;</Invoice>'
    )
    documents_before = await Document.all().count()
    samples = [
        (ubl_xml, "application/xml", "UBL_INVOICE", True),
        (cii_xml, "text/xml; charset=utf-8", "CII", True),
        (ours, "application/pdf", "CII", True),
        (theirs, "application/pdf", "CII", True),
        (pdf, "application/pdf", None, False),  # no XML attached
        (tampered, "application/xml", "UBL_INVOICE", False),
        (xxe, "application/xml", None, False),
        (b"<order/>", "application/xml", None, False),
    ]
    for content, media_type, syntax, valid in samples:
        answer = await checked(http, tenant, content, media_type)
        assert (answer["syntax"], answer["valid"]) == (syntax, valid), answer
        assert all(set(f) == {"rule", "flag", "location", "text"} for f in answer["findings"])
        # GraphQL's eInvoiceCheck answers the same of the same file.
        graphql = await check(http, tenant, content, xml=False)
        findings = [{k: f[k] for k in ("rule", "flag", "text")} for f in answer["findings"]]
        assert {**answer, "findings": findings} == graphql
    assert "root:" not in str(await checked(http, tenant, xxe, "application/xml"))
    good = await checked(http, tenant, ubl_xml, "application/xml")
    assert (good["number"], good["typeCode"], good["buyerVatId"]) == (
        "INV-0001",
        "380",
        "BE0403170701",
    )
    assert await Document.all().count() == documents_before  # nothing stored


async def test_what_the_route_refuses(http: httpx.AsyncClient, tenant: Tenant) -> None:
    assert "Content-Type" in error_of(await post(http, tenant, b"{}", "application/json"), 415)
    assert "Content-Type" in error_of(await post(http, tenant, b"%PDF-", "image/png"), 415)
    assert "empty" in error_of(await post(http, tenant, b"", "application/xml"), 400)
    unauthenticated = await http.post(
        URL, content=b"<x/>", headers={"Content-Type": "application/xml"}
    )
    assert unauthenticated.status_code == 401


async def test_a_file_over_the_body_limit_but_within_its_own_is_checked(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    # Larger than MAX_BODY_BYTES (1 MB), which every other route keeps.
    big_pdf = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)
    answer = await checked(http, tenant, big_pdf, "application/pdf")
    assert [f["rule"] for f in answer["findings"]] == ["PDF"]
    too_big = await post(http, tenant, b"%PDF-" + b"0" * MAX_SIZE, "application/pdf")
    assert too_big.status_code == 413
    elsewhere = await http.post(
        "/api/v1/clients",
        content=b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}',
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert elsewhere.status_code == 413
