"""Scoped API keys over HTTP: every mutation refused with FORBIDDEN, changing nothing, to a key
that lacks the scope it needs, and let through to a key that holds only that scope; read-only
keys read; a key grants no more than it holds; REST and Gauzy refuse with 403. Roles share
the check (billing/access.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from billing import (
    apikeys,
    credit_notes,
    payments,
    people,
    recurring,
    reminders,
    tax_rates,
    webhooks,
)
from billing.access import KEY_SCOPES, Permission, with_implied
from billing.plans import UNLIMITED
from models import Document, WebhookDelivery
from models.enums import MemberRole, Series
from models.ids import new_id
from tests.billing.factories import a_client, a_sent_document, an_invoice
from tests.conftest import TABLES, Tenant
from tests.graph.helpers import Bearer, data, gql

P = Permission


@dataclass(frozen=True)
class Things:
    """One of each object a mutation may act on, made afresh for each run."""

    client: str
    draft: str
    sent: str
    estimate: str
    sent_estimate: str
    payment: str
    key: str
    member: str
    tax_rate: str
    credit_note: str
    endpoint: str
    delivery: str
    recurring: str
    reminder_rule: str


async def _things(tenant: Tenant) -> Things:
    endpoint, _ = await webhooks.create_endpoint(
        tenant.org, {"url": "https://hooks.example.com/in"}, allow_private=False
    )
    client = await a_client(tenant.org, "Initech")
    draft = await an_invoice(tenant.org, client)
    sent = await a_sent_document(tenant.org)
    estimate = await an_invoice(tenant.org, client, series=Series.ESTIMATE)
    sent_estimate = await a_sent_document(tenant.org, series=Series.ESTIMATE)
    paid = await a_sent_document(tenant.org)
    payment = await payments.record_payment(
        tenant.org, {"invoice_id": paid.id, "amount": "10.00", "payment_method": "CASH"}
    )
    key, _ = await apikeys.create_api_key(tenant.org, "spare")
    user = await people.create_user(f"{new_id('p')}@example.com", "a long password")
    member = await people.add_member(tenant.org, user, MemberRole.VIEWER)
    # Paid 10.00 and credited in full: the client holds 10.00 of credit to refund.
    note = await credit_notes.create_credit_note(tenant.org, {"invoice_id": paid.id})
    rate = await tax_rates.create_tax_rate(tenant.org, {"name": "VAT 20%", "rate": "20"})
    delivery = await WebhookDelivery.filter(endpoint_id=endpoint.id).first()
    assert delivery is not None
    schedule = await recurring.create_recurring(
        tenant.org,
        {
            "client_id": client.id,
            "rule": "FREQ=MONTHLY",
            "starts_on": date.today() + timedelta(days=2),
            "line_items": [{"description": "Work", "quantity": "1", "unit_price": "10.00"}],
        },
        plan=UNLIMITED,
    )
    rule = await reminders.create_rule(tenant.org, {"offset_days": 7})
    return Things(
        client.id,
        draft.id,
        sent.id,
        estimate.id,
        sent_estimate.id,
        payment.id,
        key.id,
        member.id,
        rate.id,
        note.id,
        endpoint.id,
        delivery.id,
        schedule.id,
        rule.id,
    )


DESCRIBE = '{ node(id: "%s") { ... on ApiKey { fullAccess scopes } } }'
LINE = '{description: "Work", quantity: "1", unitPrice: "10.00"}'

# Every mutation of the schema: the scope it needs, and the operation (given the things).
MUTATIONS: dict[str, tuple[Permission, Callable[[Things], str]]] = {
    "organizationUpdate": (P.ORGANIZATION_WRITE, lambda t: '(input: {name: "Renamed"})'),
    "clientCreate": (P.CLIENTS_WRITE, lambda t: '(input: {name: "Globex"})'),
    "clientUpdate": (P.CLIENTS_WRITE, lambda t: f'(id: "{t.client}", input: {{name: "X"}})'),
    "clientDelete": (P.CLIENTS_WRITE, lambda t: f'(id: "{t.client}")'),
    "clientRestore": (P.CLIENTS_WRITE, lambda t: f'(id: "{t.client}")'),
    "invoiceCreate": (
        P.DOCUMENTS_WRITE,
        lambda t: f'(input: {{clientId: "{t.client}", lineItems: [{LINE}]}})',
    ),
    "invoiceUpdate": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.draft}", input: {{notes: "x"}})'),
    "invoiceDelete": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.draft}")'),
    "invoiceMarkSent": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.draft}")'),
    "invoiceVoid": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent}")'),
    "estimateCreate": (
        P.DOCUMENTS_WRITE,
        lambda t: f'(input: {{clientId: "{t.client}", lineItems: [{LINE}]}})',
    ),
    "estimateUpdate": (
        P.DOCUMENTS_WRITE,
        lambda t: f'(id: "{t.estimate}", input: {{notes: "x"}})',
    ),
    "estimateDelete": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.estimate}")'),
    "estimateMarkSent": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.estimate}")'),
    "estimateAccept": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent_estimate}")'),
    "estimateConvert": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent_estimate}")'),
    "estimateVoid": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent_estimate}")'),
    "invoicePublicLinkRotate": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent}")'),
    "estimatePublicLinkRotate": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent_estimate}")'),
    "invoiceSend": (P.DOCUMENTS_SEND, lambda t: f'(id: "{t.sent}")'),
    "estimateSend": (P.DOCUMENTS_SEND, lambda t: f'(id: "{t.sent_estimate}")'),
    "paymentCreate": (
        P.PAYMENTS_WRITE,
        lambda t: f'(input: {{invoiceId: "{t.sent}", amount: "1.00", paymentMethod: CASH}})',
    ),
    "paymentDelete": (P.PAYMENTS_WRITE, lambda t: f'(id: "{t.payment}")'),
    "creditNoteCreate": (P.DOCUMENTS_WRITE, lambda t: f'(input: {{invoiceId: "{t.sent}"}})'),
    "creditNoteRefund": (
        P.PAYMENTS_WRITE,
        lambda t: f'(id: "{t.credit_note}", input: {{amount: "1.00", method: CASH}})',
    ),
    "creditNoteSend": (P.DOCUMENTS_SEND, lambda t: f'(id: "{t.credit_note}")'),
    "taxRateCreate": (P.ORGANIZATION_WRITE, lambda t: '(input: {name: "GST", rate: "5"})'),
    "taxRateUpdate": (
        P.ORGANIZATION_WRITE,
        lambda t: f'(id: "{t.tax_rate}", input: {{rate: "21"}})',
    ),
    "taxRateDelete": (P.ORGANIZATION_WRITE, lambda t: f'(id: "{t.tax_rate}")'),
    "apiKeyCreate": (P.KEYS_MANAGE, lambda t: '(input: {name: "more", readOnly: true})'),
    "apiKeyRevoke": (P.KEYS_MANAGE, lambda t: f'(id: "{t.key}")'),
    "memberInvite": (
        P.MEMBERS_MANAGE,
        lambda t: '(input: {email: "new@example.com", role: VIEWER})',
    ),
    "memberUpdateRole": (P.MEMBERS_MANAGE, lambda t: f'(id: "{t.member}", role: ACCOUNTANT)'),
    "memberRemove": (P.MEMBERS_MANAGE, lambda t: f'(id: "{t.member}")'),
    "webhookEndpointCreate": (
        P.WEBHOOKS_MANAGE,
        lambda t: '(input: {url: "https://hooks.example.com/more"})',
    ),
    "webhookEndpointUpdate": (
        P.WEBHOOKS_MANAGE,
        lambda t: f'(id: "{t.endpoint}", input: {{description: "ERP"}})',
    ),
    "webhookEndpointDelete": (P.WEBHOOKS_MANAGE, lambda t: f'(id: "{t.endpoint}")'),
    "webhookEndpointRotateSecret": (P.WEBHOOKS_MANAGE, lambda t: f'(id: "{t.endpoint}")'),
    "webhookDeliveryReplay": (P.WEBHOOKS_MANAGE, lambda t: f'(id: "{t.delivery}")'),
    "recurringInvoiceCreate": (
        P.DOCUMENTS_WRITE,
        lambda t: (
            f'(input: {{clientId: "{t.client}", lineItems: [{LINE}], rule: "FREQ=DAILY", '
            f'startsOn: "{date.today() + timedelta(days=2)}"}})'
        ),
    ),
    "recurringInvoiceUpdate": (
        P.DOCUMENTS_WRITE,
        lambda t: f'(id: "{t.recurring}", input: {{notes: "x"}})',
    ),
    "recurringInvoicePause": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.recurring}")'),
    "recurringInvoiceResume": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.recurring}")'),
    "recurringInvoiceCancel": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.recurring}")'),
    "reminderRuleCreate": (P.ORGANIZATION_WRITE, lambda t: "(input: {offsetDays: -3})"),
    "reminderRuleUpdate": (
        P.ORGANIZATION_WRITE,
        lambda t: f'(id: "{t.reminder_rule}", input: {{enabled: false}})',
    ),
    "reminderRuleDelete": (P.ORGANIZATION_WRITE, lambda t: f'(id: "{t.reminder_rule}")'),
    "invoiceRemindersSet": (P.DOCUMENTS_WRITE, lambda t: f'(id: "{t.sent}", enabled: false)'),
}
# A person's own: signing in (no caller yet) and out, and their password. No key has them.
PERSONAL = {"userSignIn", "invitationAccept", "userSignOut", "userPasswordChange"}


def test_the_table_holds_every_mutation() -> None:
    from graph.schema import schema

    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    assert set(MUTATIONS) | PERSONAL == set(mutation_type.fields)


async def _everything() -> list[list[dict[str, Any]]]:
    """Every row of every table (but when keys were last used), to see that nothing changed."""
    connection = Tortoise.get_connection("default")
    rows = []
    for table in (*TABLES, "document_pdf"):
        found = await connection.execute_query_dict(f'SELECT * FROM "{table}" ORDER BY "id"')
        rows.append([{k: v for k, v in row.items() if k != "last_used_at"} for row in found])
    return rows


async def _key(tenant: Tenant, scopes: frozenset[Permission]) -> dict[str, str]:
    _, secret = await apikeys.create_api_key(tenant.org, "scoped", scopes=sorted(scopes))
    return Bearer(secret).headers


async def _run(
    http: httpx.AsyncClient, headers: dict[str, str], name: str, arguments: str
) -> list[dict[str, Any]]:
    response = await http.post(
        "/graphql",
        json={"query": f"mutation {{ {name}{arguments} {{ errors {{ code message }} }} }}"},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    errors: list[dict[str, Any]] = body["data"][name]["errors"]
    return errors


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_a_key_without_the_scope_is_refused_and_nothing_changes(
    http: httpx.AsyncClient, tenant: Tenant, name: str
) -> None:
    needed, arguments = MUTATIONS[name]
    things = await _things(tenant)
    headers = await _key(tenant, KEY_SCOPES - {needed})
    before = await _everything()
    (error,) = await _run(http, headers, name, arguments(things))
    assert error["code"] == "FORBIDDEN"
    assert needed.value in error["message"]
    assert await _everything() == before


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_a_key_with_only_the_scope_is_let_through(
    http: httpx.AsyncClient, tenant: Tenant, name: str
) -> None:
    needed, arguments = MUTATIONS[name]
    things = await _things(tenant)
    headers = await _key(tenant, with_implied({needed}))
    if name == "apiKeyCreate":
        # The read-only key it makes may read what this key may not: it must hold them.
        headers = await _key(
            tenant,
            with_implied({needed})
            | {P.ORGANIZATION_READ, P.CLIENTS_READ, P.DOCUMENTS_READ, P.PAYMENTS_READ},
        )
    errors = await _run(http, headers, name, arguments(things))
    # Sending has no mail server here to deliver to: any refusal but FORBIDDEN is its own.
    assert [e for e in errors if e["code"] == "FORBIDDEN"] == [], errors


async def test_a_read_only_key_reads_everything_and_writes_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await _things(tenant)
    key, secret = await apikeys.create_api_key(tenant.org, "reader", read_only=True)
    reader = Bearer(secret)
    query = (
        "{ viewer { organization { name } } clients { totalCount } "
        "invoices { totalCount edges { node { number client { name } lineItems { quantity } "
        "payments { amount } } } } payments { totalCount } }"
    )
    body = await data(http, reader, query)
    assert body["invoices"]["totalCount"] == 3 and body["payments"]["totalCount"] == 1
    (error,) = (await gql(http, reader, "{ apiKeys { totalCount } }"))["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN" and "keys:manage" in error["message"]
    described = await data(
        http,
        tenant,
        f'{{ node(id: "{key.id}") {{ ... on ApiKey {{ fullAccess scopes }} }} }}',
    )
    assert described["node"] == {
        "fullAccess": False,
        "scopes": ["CLIENTS_READ", "DOCUMENTS_READ", "ORGANIZATION_READ", "PAYMENTS_READ"],
    }


async def test_a_key_grants_no_more_than_it_holds(http: httpx.AsyncClient, tenant: Tenant) -> None:
    headers = await _key(tenant, frozenset({P.KEYS_MANAGE, P.DOCUMENTS_READ}))
    create = (
        "mutation($input: ApiKeyCreateInput) { apiKeyCreate(input: $input) "
        "{ apiKey { scopes } errors { code message field } } }"
    )

    async def made(input: dict[str, Any]) -> dict[str, Any]:
        response = await http.post(
            "/graphql", json={"query": create, "variables": {"input": input}}, headers=headers
        )
        result: dict[str, Any] = response.json()["data"]["apiKeyCreate"]
        return result

    full = await made({"name": "full"})
    assert (
        full["errors"][0]["code"] == "FORBIDDEN"
        and "payments:write" in full["errors"][0]["message"]
    )
    more = await made({"scopes": ["PAYMENTS_WRITE"]})
    assert more["errors"][0]["code"] == "FORBIDDEN"
    same = await made({"scopes": ["DOCUMENTS_READ"]})
    assert same == {"apiKey": {"scopes": ["DOCUMENTS_READ"]}, "errors": []}
    both = await made({"scopes": ["DOCUMENTS_READ"], "readOnly": True})
    assert both["errors"][0] == {
        "code": "VALIDATION",
        "message": "Give scopes or readOnly, not both",
        "field": "readOnly",
    }
    none = await made({"scopes": []})
    assert none["errors"][0]["code"] == "VALIDATION"


async def test_keys_made_before_scopes_keep_full_access(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await data(
        http,
        tenant,
        f'{{ node(id: "{tenant.key.id}") {{ ... on ApiKey {{ fullAccess scopes }} }} }}',
    )
    assert body["node"]["fullAccess"] is True
    assert set(body["node"]["scopes"]) == {scope.name for scope in KEY_SCOPES}


async def test_rest_and_gauzy_refuse_a_missing_scope_with_403(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    things = await _things(tenant)
    _, secret = await apikeys.create_api_key(tenant.org, "reader", read_only=True)
    headers = Bearer(secret).headers
    listed = await http.get("/api/v1/invoices", headers=headers)
    assert listed.status_code == 200 and listed.json()["data"]
    created = await http.post("/api/v1/clients", json={"name": "Globex"}, headers=headers)
    assert created.status_code == 403 and "clients:write" in created.json()["error"]
    paid = await http.post(
        "/api/v1/payments",
        json={"invoiceId": things.sent, "amount": 1.5, "paymentMethod": "CASH"},
        headers=headers,
    )
    assert paid.status_code == 403, paid.text
    deleted = await http.delete(f"/api/invoices/{things.draft}", headers=headers)
    assert deleted.status_code == 403 and deleted.json()["statusCode"] == 403
    assert await Document.exists(id=things.draft)
