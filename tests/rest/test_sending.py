"""POST /api/v1/invoices/{id}/send and /estimates/{id}/send: the body is optional, the answer
is the whole document as GET shows it, and each refusal has its status."""

from __future__ import annotations

import httpx

from billing import documents, numbering
from models import Document
from models.enums import DocumentStatus, Series
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.mail.helpers import (  # noqa: F401  (fixtures: `http` e-mails through `recorder`)
    API_ONLY,
    Recorder,
    a_recorder,
    recording_http,
    without_email,
)
from tests.rest.conftest import data_of, error_of, send


async def a_draft(
    tenant: Tenant, *, is_estimate: bool = False, email: str = "ap@globex.example"
) -> Document:
    client = await a_client(tenant.org, email=email)
    return await an_invoice(tenant.org, client, series=numbering.series_of(is_estimate))


async def test_without_a_body_it_goes_to_the_client_and_answers_the_invoice(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    invoice = await a_draft(tenant)
    sent = data_of(await send(http, "POST", f"/api/v1/invoices/{invoice.id}/send", tenant))
    shown = data_of(await send(http, "GET", f"/api/v1/invoices/{invoice.id}", tenant))
    assert sent == shown
    assert (sent["status"], sent["sentViaEmail"]) == ("SENT", True) and sent["sentAt"]
    assert [o.recipients for o in recorder.sent] == [("ap@globex.example",)]


async def test_a_body_chooses_recipients_subject_and_message(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    estimate = await a_draft(tenant, is_estimate=True, email="")
    body = {"to": ["ap@globex.example"], "cc": ["cfo@globex.example"], "subject": "Our offer"}
    sent = data_of(await send(http, "POST", f"/api/v1/estimates/{estimate.id}/send", tenant, body))
    assert sent["status"] == "SENT"
    (outgoing,) = recorder.sent
    assert outgoing.recipients == ("ap@globex.example", "cfo@globex.example")
    assert outgoing.message["Subject"] == "Our offer"
    # An empty body declared as JSON is no body: the client's address (none here) is used.
    empty = await http.post(
        f"/api/v1/estimates/{estimate.id}/send",
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert error_of(empty, 400) == "Client 'Globex' has no e-mail address: give `to`"


async def test_invalid_input_is_400_and_a_body_not_json_is_415(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    url = f"/api/v1/invoices/{(await a_draft(tenant)).id}/send"
    bad = await send(http, "POST", url, tenant, {"to": ["not an address"]})
    assert error_of(bad, 400) == "to[0] is not a valid e-mail address"
    unknown = await send(http, "POST", url, tenant, {"bcc": ["a@b.example"]})
    assert error_of(unknown, 400).startswith("Unknown field: bcc")
    text = await http.post(url, content=b"to=a@b.example", headers=tenant.headers)
    assert error_of(text, 415).startswith("Content-Type must be application/json")
    assert recorder.sent == []


@API_ONLY
async def test_a_plan_without_email_is_403(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder, settings: Settings
) -> None:
    await without_email(tenant.org, settings)
    invoice = await a_draft(tenant)
    response = await send(http, "POST", f"/api/v1/invoices/{invoice.id}/send", tenant)
    assert error_of(response, 403) == "The 'api-only' plan does not include email access"
    assert recorder.sent == []
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.DRAFT


async def test_void_is_409_unknown_is_404_failed_delivery_is_502(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    voided = await documents.void_document(
        tenant.org, (await a_draft(tenant)).id, series=Series.INVOICE
    )
    refused = await send(http, "POST", f"/api/v1/invoices/{voided.id}/send", tenant)
    assert "is VOID: only a DRAFT, SENT, VIEWED or PARTIALLY_PAID invoice" in error_of(refused, 409)
    estimate = await a_draft(tenant, is_estimate=True)
    wrong_kind = await send(http, "POST", f"/api/v1/invoices/{estimate.id}/send", tenant)
    assert error_of(wrong_kind, 404) == f"No invoice with id {estimate.id!r}"
    recorder.failure = "The e-mail was not sent: could not reach the SMTP server mx:587"
    failed = await send(http, "POST", f"/api/v1/estimates/{estimate.id}/send", tenant)
    assert error_of(failed, 502) == recorder.failure
    stored = await Document.get(id=estimate.id)
    assert (stored.status, stored.sent_via_email) == (DocumentStatus.DRAFT, False)
    assert recorder.sent == []
