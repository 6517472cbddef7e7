"""Factur-X through HTTP: the document's PDF as PDF/A-3 (its XMP identification, its sRGB
output intent) with its EN 16931 CII attached as factur-x.xml (AFRelationship Data, Factur-X
XMP), the XML valid by the official rules and its totals GraphQL's; for a credit note too."""

from __future__ import annotations

import io
from typing import Any

import httpx
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from billing import credit_notes
from einvoice.validation import Syntax, fatal, validate
from models import Document
from tests.conftest import Tenant
from tests.einvoice.test_rules import RAM
from tests.einvoice.test_surfaces import INVOICE, an_issued_invoice, path_of
from tests.graph.helpers import data
from tests.mail.helpers import (  # noqa: F401  (fixtures: `http` e-mails through `recorder`)
    Recorder,
    a_recorder,
    recording_http,
)
from tests.pdf.conftest import pdf_text
from tests.rest.conftest import error_of, send

Json = dict[str, Any]


def pdfa3_with_facturx(pdf: bytes) -> bytes:
    """Check that `pdf` declares PDF/A-3b with an output intent and carries a Factur-X
    attachment as PDF/A-3 wants it; return the attached XML."""
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    for declared in (
        "http://www.aiim.org/pdfa/ns/id/",
        "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
    ):
        assert declared in xmp, declared
    metadata = etree.fromstring(xmp.encode())
    values = {
        etree.QName(element).localname: (element.text or "").strip()
        for element in metadata.iter()
        if isinstance(element.tag, str)
    }
    attributes = {
        etree.QName(name).localname: value
        for element in metadata.iter()
        if isinstance(element.tag, str)
        for name, value in element.attrib.items()
    }
    identification = {**attributes, **{k: v for k, v in values.items() if v}}
    assert identification["part"] == "3" and identification["conformance"] == "B"
    assert identification["DocumentFileName"] == "factur-x.xml"
    assert identification["DocumentType"] == "INVOICE"
    assert identification["ConformanceLevel"] == "EN 16931"
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    (associated,) = root["/AF"]
    spec: Any = associated.get_object()
    assert isinstance(spec, DictionaryObject)
    assert (str(spec["/F"]), str(spec["/AFRelationship"])) == ("factur-x.xml", "/Data")
    attached = reader.attachments["factur-x.xml"]
    assert len(attached) == 1
    return bytes(attached[0])


async def test_an_invoices_factur_x_pdf_is_pdf_a_3_with_its_xml(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    shown = (await data(http, tenant, INVOICE, {"id": invoice_id, "format": "FACTURX"}))["invoice"]
    e_invoice = shown["eInvoice"]
    assert e_invoice["valid"] and e_invoice["url"].endswith(
        f"/api/v1/invoices/{invoice_id}/pdf?facturx=true"
    )
    download = await send(http, "GET", path_of(e_invoice["url"]), tenant)
    assert download.status_code == 200, download.text
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == 'attachment; filename="INV-0001.pdf"'
    xml = pdfa3_with_facturx(download.content)
    assert fatal(validate(xml, Syntax.CII)) == []
    cii = await send(
        http, "GET", f"/api/v1/invoices/{invoice_id}/einvoice?format=CII_EN16931", tenant
    )
    assert xml == cii.content
    summation = etree.fromstring(xml).find(
        f".//{RAM}SpecifiedTradeSettlementHeaderMonetarySummation"
    )
    assert summation is not None
    assert summation.findtext(f"{RAM}GrandTotalAmount") == shown["total"]
    assert summation.findtext(f"{RAM}DuePayableAmount") == shown["amountDue"]
    # Still the invoice a person reads.
    assert "INV-0001" in pdf_text(download.content)


async def test_a_credit_notes_factur_x_and_what_is_missing(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "100.00"}
    )
    download = await send(http, "GET", f"/api/v1/credit-notes/{note.id}/pdf?facturx=true", tenant)
    assert download.status_code == 200, download.text
    xml = pdfa3_with_facturx(download.content)
    assert etree.fromstring(xml).findtext(f".//{RAM}TypeCode") == "381"
    assert fatal(validate(xml, Syntax.CII)) == []

    lacking = await an_issued_invoice(other_tenant, postal_address=None)
    url = f"/api/v1/invoices/{lacking}/pdf"
    refused = await send(http, "GET", f"{url}?facturx=true", other_tenant)
    assert "client.postalAddress" in error_of(refused, 400)
    plain = await send(http, "GET", url, other_tenant)
    assert plain.status_code == 200 and b"factur-x.xml" not in plain.content


EMAIL_FACTURX = (
    "mutation { organizationUpdate(input: {emailFacturX: true}) {"
    " organization { emailFacturX } errors { code } } }"
)
SEND = (
    "mutation($id: ID!) { invoiceSend(id: $id) { invoice { sentTo }"
    " errors { code field message } } }"
)


async def test_an_organization_may_e_mail_factur_x_pdfs(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, recorder: Recorder
) -> None:
    invoice_id = await an_issued_invoice(tenant)
    updated = await data(http, tenant, EMAIL_FACTURX)
    assert updated["organizationUpdate"]["organization"] == {"emailFacturX": True}
    sent = (await data(http, tenant, SEND, {"id": invoice_id}))["invoiceSend"]
    assert sent["errors"] == [] and sent["invoice"]["sentTo"] == ["ap@globex.example"]
    (outgoing,) = recorder.sent
    (attachment,) = outgoing.message.iter_attachments()
    assert attachment.get_filename() == "INV-0001.pdf"
    xml = pdfa3_with_facturx(attachment.get_content())
    cii = await send(
        http, "GET", f"/api/v1/invoices/{invoice_id}/einvoice?format=CII_EN16931", tenant
    )
    assert xml == cii.content

    note = await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice_id, "amount": "10.00"}
    )
    credited = await data(
        http,
        tenant,
        "mutation($id: ID!) { creditNoteSend(id: $id) { errors { code } } }",
        {"id": note.id},
    )
    assert credited["creditNoteSend"]["errors"] == []
    (attachment,) = recorder.sent[1].message.iter_attachments()
    assert b"381" in pdfa3_with_facturx(attachment.get_content())

    # An invoice that lacks what Factur-X needs is not sent, and nothing changes.
    lacking = await an_issued_invoice(other_tenant, postal_address=None)
    await data(http, other_tenant, EMAIL_FACTURX)
    before = await Document.get(id=lacking)
    refused = (await data(http, other_tenant, SEND, {"id": lacking}))["invoiceSend"]
    assert refused["invoice"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [
        ("EINVOICE_INCOMPLETE", "client.postalAddress")
    ]
    after = await Document.get(id=lacking)
    assert (after.sent_to, after.sending_until, after.updated_at) == (
        before.sent_to,
        None,
        before.updated_at,
    )
    assert len(recorder.sent) == 2
