"""creditNoteSend over GraphQL: a credit note e-mailed with its PDF and public link, what is
recorded once the e-mail is delivered, and each refusal as a payload error that records
nothing. Through HTTP."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx

from billing import credit_notes, documents, payments
from mail.message import Outgoing
from models import CreditNote
from models.enums import Series
from settings import Settings
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, Json, codes, data, ok
from tests.mail.helpers import (  # noqa: F401  (fixtures: `http` e-mails through `recorder`)
    API_ONLY,
    Recorder,
    a_recorder,
    parsed,
    recording_http,
    without_email,
)
from tests.pdf.conftest import pdf_text

SEND = (
    "mutation($id: ID!, $input: DocumentSendInput) { creditNoteSend(id: $id, input: $input) {"
    " creditNote { id number sentTo sentAt publicUrl amountRefunded refunds { amount } }"
    f" {ERRORS} }} }}"
)


async def a_credit_note(tenant: Tenant, *, email: str = "ap@globex.example") -> CreditNote:
    """CN-0001: half of the contract's worked example (5500.00), sent on March 1, 2026, and
    paid in full."""
    client = await a_client(tenant.org, "Globex", email=email)
    invoice = await an_invoice(tenant.org, client, issue_date="2026-03-01")
    await documents.mark_sent(tenant.org, invoice.id, Series.INVOICE)
    await payments.record_payment(
        tenant.org, {"invoice_id": invoice.id, "amount": "5500.00", "payment_method": "CASH"}
    )
    return await credit_notes.create_credit_note(
        tenant.org, {"invoice_id": invoice.id, "amount": "2750.00", "reason": "Half the hours"}
    )


async def send(http: httpx.AsyncClient, tenant: Tenant, note_id: str, **input: object) -> Json:
    result = await data(http, tenant, SEND, {"id": note_id, "input": input or None})
    payload: Json = result["creditNoteSend"]
    return payload


async def test_a_credit_note_is_emailed_with_its_pdf_and_link_and_recorded(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    sent = ok(await send(http, tenant, note.id, cc=["cfo@globex.example"], message="Sorry!"))
    shown = sent["creditNote"]
    assert shown["sentTo"] == ["ap@globex.example", "cfo@globex.example"]
    assert shown["sentAt"] is not None
    (outgoing,) = recorder.sent
    assert outgoing.recipients == ("ap@globex.example", "cfo@globex.example")
    message = parsed(outgoing.message.as_bytes())
    assert message["Subject"] == "Credit note CN-0001 from Acme Studio"
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    body = text.get_content()
    for line in (
        "Sorry!",
        "Credit note CN-0001 from Acme Studio",
        "Total credited: $2,750.00",
        "Credits invoice: INV-0001 of March 1, 2026",
        f"See it online: {shown['publicUrl']}",
    ):
        assert line in body, line
    assert f'href="{shown["publicUrl"]}"' in html.get_content()
    assert "/d/cn/" in shown["publicUrl"]
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "CN-0001.pdf"
    pdf = pdf_text(attachment.get_content())
    for shown_text in (
        "CREDIT NOTE",
        "Number CN-0001",
        "Credits invoice INV-0001 of March 1, 2026",
        "Total credited $2,750.00",
    ):
        assert shown_text in pdf, shown_text


async def test_sending_again_keeps_the_first_sent_at_and_shows_the_latest_refunds(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    first = ok(await send(http, tenant, note.id))["creditNote"]
    await credit_notes.record_refund(tenant.org, note.id, {"amount": "1000.00", "method": "CASH"})
    again = ok(await send(http, tenant, note.id, to=["billing@globex.example"]))["creditNote"]
    assert again["sentAt"] == first["sentAt"]
    assert again["sentTo"] == ["billing@globex.example"]
    assert (again["amountRefunded"], again["refunds"]) == ("1000.00", [{"amount": "1000.00"}])
    assert len(recorder.sent) == 2
    text = recorder.sent[1].message.get_body(("plain",))
    assert text is not None and "Refunded: $1,000.00" in text.get_content()


async def test_a_client_without_an_address_needs_to(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant, email="")
    payload = await send(http, tenant, note.id)
    assert payload["creditNote"] is None and codes(payload) == [("VALIDATION", "to")]
    assert payload["errors"][0]["message"] == "Client 'Globex' has no e-mail address: give `to`"
    bad = await send(http, tenant, note.id, to=["ap@globex.example"], cc=["not an address"])
    assert codes(bad) == [("VALIDATION", "cc[0]")]
    assert recorder.sent == []
    stored = await CreditNote.get(id=note.id)
    assert (stored.sent_to, stored.sent_at, stored.sending_until) == ([], None, None)


async def test_a_delivery_failure_records_nothing_and_releases_the_claim(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    before = await CreditNote.get(id=note.id)
    recorder.failure = "The e-mail was not sent: the SMTP server mx:25 refused the message"
    payload = await send(http, tenant, note.id)
    assert payload["creditNote"] is None and codes(payload) == [("DELIVERY_FAILED", None)]
    assert payload["errors"][0]["message"] == recorder.failure
    stored = await CreditNote.get(id=note.id)
    assert (stored.sent_to, stored.sent_at, stored.sending_until) == ([], None, None)
    assert stored.updated_at == before.updated_at
    # Nothing holds it: the next attempt goes out.
    recorder.failure = None
    assert ok(await send(http, tenant, note.id))["creditNote"]["sentTo"] == ["ap@globex.example"]


async def test_one_being_sent_is_not_sent_twice_at_once(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    # A claim another request holds (its delivery under way): this one is refused.
    claimed_until = datetime.now(UTC) + timedelta(minutes=5)
    await CreditNote.filter(id=note.id).update(sending_until=claimed_until)
    payload = await send(http, tenant, note.id)
    assert codes(payload) == [("INVALID_TRANSITION", "id")]
    assert payload["errors"][0]["message"] == (
        "Credit note CN-0001 is being e-mailed just now: wait for that sending to end"
    )
    # A claim that lapsed (its process died mid-send) holds nothing.
    await CreditNote.filter(id=note.id).update(sending_until=datetime.now(UTC) - timedelta(1))
    ok(await send(http, tenant, note.id))
    assert len(recorder.sent) == 1


async def test_a_second_send_while_the_first_is_delivering_is_refused(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    delivering, release = asyncio.Event(), asyncio.Event()
    deliver = recorder.deliver

    async def held(outgoing: Outgoing) -> str:
        delivering.set()
        await asyncio.wait_for(release.wait(), 10)
        return await deliver(outgoing)

    recorder.deliver = held  # type: ignore[method-assign]
    first = asyncio.create_task(send(http, tenant, note.id))
    await asyncio.wait_for(delivering.wait(), 10)
    second = await send(http, tenant, note.id)
    assert codes(second) == [("INVALID_TRANSITION", "id")]
    release.set()
    assert ok(await first)["creditNote"]["sentTo"] == ["ap@globex.example"]
    assert len(recorder.sent) == 1
    assert (await CreditNote.get(id=note.id)).sending_until is None


@API_ONLY
async def test_a_plan_without_email_is_a_plan_limit(
    http: httpx.AsyncClient, tenant: Tenant, recorder: Recorder, settings: Settings
) -> None:
    note = await a_credit_note(tenant)
    await without_email(tenant.org, settings)
    payload = await send(http, tenant, note.id)
    assert codes(payload) == [("PLAN_LIMIT", None)]
    assert recorder.sent == []


async def test_an_unknown_or_foreign_credit_note_is_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant, recorder: Recorder
) -> None:
    note = await a_credit_note(tenant)
    foreign = await send(http, other_tenant, note.id)
    assert codes(foreign) == [("NOT_FOUND", "id")]
    for unknown in ("cn_nope", "", "x" * 500):
        assert codes(await send(http, tenant, unknown)) == [("NOT_FOUND", "id")]
    assert recorder.sent == []
