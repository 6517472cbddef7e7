"""Documents by public token: found only by a token of the right shape, the first view of a
sent document recorded once, estimates accepted by the lifecycle's rules, tokens rotated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from billing import documents, numbering, payments, public_links
from billing.errors import ErrorCode, InvalidTransition, NotFound
from models import Document
from models.enums import DocumentStatus as S
from models.enums import Series
from tests.billing.factories import a_sent_document, an_invoice, not_acceptable
from tests.conftest import Tenant

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=3)


async def test_a_document_is_found_by_its_token_with_organization_and_client(
    tenant: Tenant,
) -> None:
    invoice = await an_invoice(tenant.org)
    found = await public_links.document_by_token(invoice.public_token)
    assert found.id == invoice.id
    assert found.organization.name == "Acme Studio" and found.client.name == "Globex"


async def test_tokens_are_random_and_long_enough(tenant: Tenant) -> None:
    first, second = await an_invoice(tenant.org), await an_invoice(tenant.org)
    for document in (first, second):
        # 128 bits at least: 22 characters of URL-safe base64.
        assert len(document.public_token) >= 22
        assert public_links.is_public_token(document.public_token)
        assert document.id not in document.public_token
    assert first.public_token != second.public_token


@pytest.mark.parametrize(
    "token",
    [
        "A" * 32,  # the right shape, but no document has it
        "",
        "short",
        "A" * 65,  # longer than the column
        "A" * 31 + "\x00",
        "A" * 31 + "\udcff",
        "A" * 30 + "/.",
        "A" * 32 + "\n",
    ],
)
async def test_unknown_and_ill_formed_tokens_name_no_document(tenant: Tenant, token: str) -> None:
    await an_invoice(tenant.org)
    for lookup in (
        public_links.document_by_token,
        public_links.record_view,
        public_links.accept_by_token,
    ):
        with pytest.raises(NotFound) as info:
            await lookup(token)
        assert info.value.code is ErrorCode.NOT_FOUND
        assert info.value.message == "No document at this link"


async def test_the_first_view_of_a_sent_invoice_marks_it_viewed_once(tenant: Tenant) -> None:
    invoice = await a_sent_document(tenant.org)
    viewed = await public_links.record_view(invoice.public_token, NOW)
    assert viewed.status is S.VIEWED and viewed.viewed_at == NOW
    assert viewed.organization.id == tenant.org.id and viewed.client.name == "Globex"

    again = await public_links.record_view(invoice.public_token, LATER)
    assert again.status is S.VIEWED and again.viewed_at == NOW
    stored = await Document.get(id=invoice.id)
    assert (stored.status, stored.viewed_at) == (S.VIEWED, NOW)


async def test_a_sent_estimate_is_viewed_too(tenant: Tenant) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    viewed = await public_links.record_view(estimate.public_token, NOW)
    assert (viewed.status, viewed.viewed_at) == (S.VIEWED, NOW)


async def test_views_of_documents_not_sent_change_nothing(tenant: Tenant) -> None:
    draft = await an_invoice(tenant.org)
    void = await documents.void_document(
        tenant.org, (await a_sent_document(tenant.org)).id, series=Series.INVOICE
    )
    paid = await a_sent_document(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": paid.id, "amount": "5500", "payment_method": "CASH"}
    )
    for document, status in ((draft, S.DRAFT), (void, S.VOID), (paid, S.PAID)):
        before = await Document.get(id=document.id)
        viewed = await public_links.record_view(document.public_token, LATER)
        assert (viewed.status, viewed.viewed_at) == (status, None)
        assert (await Document.get(id=document.id)).updated_at == before.updated_at


async def test_accepting_a_sent_estimate(tenant: Tenant) -> None:
    estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    accepted = await public_links.accept_by_token(estimate.public_token, NOW)
    assert (accepted.status, accepted.accepted_at) == (S.ACCEPTED, NOW)
    stored = await Document.get(id=estimate.id)
    assert (stored.status, stored.accepted_at) == (S.ACCEPTED, NOW)


async def test_accepting_follows_the_lifecycle(tenant: Tenant) -> None:
    for document, message in await not_acceptable(tenant.org):
        before = await Document.get(id=document.id)
        with pytest.raises(InvalidTransition) as info:
            await public_links.accept_by_token(document.public_token, LATER)
        assert info.value.code is ErrorCode.INVALID_TRANSITION
        assert info.value.message == message
        after = await Document.get(id=document.id)
        assert (after.status, after.accepted_at) == (before.status, before.accepted_at)


async def test_rotating_a_token_retires_the_old_link(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    rotated = await documents.rotate_public_token(tenant.org, invoice.id, Series.INVOICE)
    assert rotated.id == invoice.id and rotated.public_token != invoice.public_token
    assert public_links.is_public_token(rotated.public_token)
    assert (await public_links.document_by_token(rotated.public_token)).id == invoice.id
    with pytest.raises(NotFound):
        await public_links.document_by_token(invoice.public_token)


async def test_only_the_organizations_own_document_of_that_kind_is_rotated(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice = await an_invoice(tenant.org)
    for org, document_id, is_estimate in (
        (other_tenant.org, invoice.id, False),
        (tenant.org, invoice.id, True),
        (tenant.org, "inv_nothing", False),
        (tenant.org, "not an id", False),
    ):
        with pytest.raises(NotFound):
            await documents.rotate_public_token(org, document_id, numbering.series_of(is_estimate))
    assert (await Document.get(id=invoice.id)).public_token == invoice.public_token
