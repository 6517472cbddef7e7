"""invoiceSend and estimateSend over GraphQL: what is recorded once the e-mail is delivered,
and each refusal as a payload error that leaves the document as it was."""

from __future__ import annotations

import httpx

from models import Document
from models.enums import DocumentStatus
from settings import Settings
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, Json, codes, data, ok, seed_client, seed_document
from tests.mail.helpers import (  # noqa: F401  (fixtures: `http` e-mails through `recorder`)
    API_ONLY,
    Recorder,
    a_recorder,
    recording_http,
    without_email,
)


async def send(
    http: httpx.AsyncClient,
    tenant: Tenant,
    document_id: str,
    kind: str = "invoice",
    **input: object,
) -> Json:
    mutation = (
        f"mutation($id: ID!, $input: DocumentSendInput) {{ {kind}Send(id: $id, input: $input) {{"
        f" {kind} {{ id status sentViaEmail sentTo sentAt }} {ERRORS} }} }}"
    )
    result = await data(http, tenant, mutation, {"id": document_id, "input": input or None})
    payload: Json = result[f"{kind}Send"]
    return payload


async def test_invoice_send_emails_it_and_records_it(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    client_id = await seed_client(tenant, email="ap@globex.example")
    invoice = await seed_document(tenant, client_id)
    payload = ok(
        await send(
            http,
            tenant,
            invoice.id,
            to=["ap@globex.example"],
            cc=["cfo@globex.example"],
            subject="March",
            message="Thanks!",
        )
    )
    sent = payload["invoice"]
    assert (sent["status"], sent["sentViaEmail"]) == ("SENT", True)
    assert sent["sentTo"] == ["ap@globex.example", "cfo@globex.example"]
    assert sent["sentAt"] is not None
    (outgoing,) = recorder.sent
    assert outgoing.recipients == ("ap@globex.example", "cfo@globex.example")
    assert outgoing.message["Subject"] == "March"


async def test_estimate_send_goes_to_the_clients_address_by_default(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    client_id = await seed_client(tenant, email="ap@globex.example")
    estimate = await seed_document(tenant, client_id, estimate=True)
    sent = ok(await send(http, tenant, estimate.id, "estimate"))["estimate"]
    assert (sent["status"], sent["sentTo"]) == ("SENT", ["ap@globex.example"])
    assert [o.message["Subject"] for o in recorder.sent] == ["Estimate EST-0001 from Acme Studio"]


async def test_a_client_without_an_address_needs_to(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    invoice = await seed_document(tenant, await seed_client(tenant))
    payload = await send(http, tenant, invoice.id)
    assert payload["invoice"] is None and codes(payload) == [("VALIDATION", "to")]
    assert payload["errors"][0]["message"] == "Client 'Globex' has no e-mail address: give `to`"
    assert recorder.sent == []


async def test_bad_recipients_are_named_by_field(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    invoice = await seed_document(tenant, await seed_client(tenant, email="ap@globex.example"))
    bad = await send(http, tenant, invoice.id, cc=["ok@globex.example", "a,b@globex.example"])
    assert codes(bad) == [("VALIDATION", "cc[1]")]
    many = [f"p{n}@globex.example" for n in range(6)]
    too_many = await send(http, tenant, invoice.id, to=many, cc=many[::-1] + ["x@y.example"] * 5)
    assert codes(too_many) == [("VALIDATION", "cc")]
    empty = await send(http, tenant, invoice.id, to=[])
    assert codes(empty) == [("VALIDATION", "to")]
    assert recorder.sent == []


@API_ONLY
async def test_a_plan_without_email_is_a_plan_limit(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder, settings: Settings
) -> None:
    await without_email(tenant.org, settings)
    invoice = await seed_document(tenant, await seed_client(tenant, email="ap@globex.example"))
    payload = await send(http, tenant, invoice.id)
    assert codes(payload) == [("PLAN_LIMIT", None)]
    assert "does not include email" in payload["errors"][0]["message"]
    assert recorder.sent == []
    assert (await Document.get(id=invoice.id)).status is DocumentStatus.DRAFT


async def test_a_delivery_failure_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    recorder.failure = "The e-mail was not sent: the SMTP server mx:25 refused the message"
    invoice = await seed_document(tenant, await seed_client(tenant, email="ap@globex.example"))
    payload = await send(http, tenant, invoice.id)
    assert payload["invoice"] is None and codes(payload) == [("DELIVERY_FAILED", None)]
    assert payload["errors"][0]["message"] == recorder.failure
    stored = await Document.get(id=invoice.id)
    assert (stored.status, stored.sent_at, stored.sent_to) == (DocumentStatus.DRAFT, None, [])


async def test_a_voided_or_unknown_document_is_not_sent(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, recorder: Recorder
) -> None:
    client_id = await seed_client(tenant, email="ap@globex.example")
    estimate = await seed_document(tenant, client_id, estimate=True)
    await data(
        http,
        tenant,
        "mutation($id: ID!) { estimateVoid(id: $id) { errors { code } } }",
        {"id": estimate.id},
    )
    voided = await send(http, tenant, estimate.id, "estimate")
    assert codes(voided) == [("INVALID_TRANSITION", "status")]
    assert voided["errors"][0]["message"] == (
        "Estimate EST-0001 is VOID: only a DRAFT, SENT or VIEWED estimate can be sent"
    )
    foreign = await send(http, other_tenant, estimate.id, "estimate")
    assert codes(foreign) == [("NOT_FOUND", "id")]
    assert recorder.sent == []
