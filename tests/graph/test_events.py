"""The event log through GraphQL: every mutation writes exactly its events, in the same
transaction (a refused write leaves none), with the actor and the object as GraphQL shows it;
the `events` connection filters by type, object and time, pages, stays within the
organization and shows a caller only the events of what it may read, in a fixed number of
queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from billing import apikeys
from billing.access import Permission
from models import Event
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, Bearer, codes, data, gql, ok, top_errors
from tests.graph.test_query_count import counting_queries

Json = dict[str, Any]
EVENTS = (
    "query($filter: EventFilterInput, $first: Int, $after: String) {"
    " events(filter: $filter, first: $first, after: $after) {"
    " pageInfo { hasNextPage endCursor }"
    " edges { node { id type occurredAt objectType objectId actor { kind id } data } } } }"
)
INVOICE_FIELDS = (
    "id number status client { id } currency issueDate dueDate subtotal discountTotal taxTotal"
    " total amountPaid amountCredited amountRefunded amountDue paidAt sentAt"
)
LINE = {"description": "Design", "quantity": "2", "unitPrice": "150.00", "taxRate": "10"}


async def events_of(http: httpx.AsyncClient, caller: Any, **filter: Any) -> list[Json]:
    result = await data(http, caller, EVENTS, {"filter": filter or None, "first": 100})
    return [edge["node"] for edge in result["events"]["edges"]]


async def mutate(http: httpx.AsyncClient, tenant: Tenant, query: str, **variables: Any) -> Json:
    result = await data(http, tenant, query, variables)
    (payload,) = result.values()
    return ok(payload)


async def new_types(http: httpx.AsyncClient, tenant: Tenant, seen: set[str]) -> list[str]:
    """The types of the events written since `seen` (their ids), oldest first."""
    fresh = [event for event in await events_of(http, tenant) if event["id"] not in seen]
    seen.update(event["id"] for event in fresh)
    return [event["type"] for event in reversed(fresh)]


async def test_every_mutation_writes_exactly_its_events(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    seen: set[str] = set()
    client = (
        await mutate(
            http,
            tenant,
            "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
            f" client {{ id }} {ERRORS} }} }}",
            input={"name": "Globex", "email": "ap@globex.test"},
        )
    )["client"]
    assert await new_types(http, tenant, seen) == ["client.created"]
    await mutate(
        http,
        tenant,
        "mutation($id: ID!, $input: ClientUpdateInput!) { clientUpdate(id: $id, input: $input)"
        f" {{ client {{ id }} {ERRORS} }} }}",
        id=client["id"],
        input={"phone": "+1 555 0100"},
    )
    assert await new_types(http, tenant, seen) == ["client.updated"]

    invoice = (
        await mutate(
            http,
            tenant,
            "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
            f" invoice {{ id }} {ERRORS} }} }}",
            input={"clientId": client["id"], "lineItems": [LINE], "dueDate": "2030-01-31"},
        )
    )["invoice"]
    assert await new_types(http, tenant, seen) == ["invoice.created"]
    await mutate(
        http,
        tenant,
        f"mutation($id: ID!) {{ invoiceMarkSent(id: $id) {{ invoice {{ id }} {ERRORS} }} }}",
        id=invoice["id"],
    )
    assert await new_types(http, tenant, seen) == ["invoice.sent"]
    pay = (
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) {"
        f" payment {{ id }} {ERRORS} }} }}"
    )
    part = await mutate(
        http,
        tenant,
        pay,
        input={"invoiceId": invoice["id"], "amount": "100.00", "paymentMethod": "CASH"},
    )
    assert await new_types(http, tenant, seen) == ["payment.created", "invoice.partially_paid"]
    await mutate(
        http,
        tenant,
        pay,
        input={"invoiceId": invoice["id"], "amount": "230.00", "paymentMethod": "CASH"},
    )
    assert await new_types(http, tenant, seen) == ["payment.created", "invoice.paid"]
    await mutate(
        http,
        tenant,
        f"mutation($id: ID!) {{ paymentDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        id=part["payment"]["id"],
    )
    assert await new_types(http, tenant, seen) == ["payment.deleted"]

    # 230.00 paid of 330.00: a credit note of all of it leaves the client 230.00 of credit.
    credited = await mutate(
        http,
        tenant,
        "mutation($input: CreditNoteCreateInput!) { creditNoteCreate(input: $input) {"
        " creditNote { id number invoice { id } client { id } currency issueDate reason"
        " subtotal taxTotal total amountRefunded sentTo sentAt createdAt"
        f" lines {{ invoiceLineIndex description quantity amount netAmount taxAmount }} }}"
        f" {ERRORS} }} }}",
        input={"invoiceId": invoice["id"], "reason": "Cancelled"},
    )
    assert await new_types(http, tenant, seen) == ["credit_note.created", "invoice.credited"]
    (note_event,) = await events_of(http, tenant, types=["credit_note.created"])
    assert note_event["objectType"] == "credit_note"
    assert note_event["data"] == credited["creditNote"]
    note_id = credited["creditNote"]["id"]
    await mutate(
        http,
        tenant,
        "mutation($id: ID!, $input: RefundInput!) { creditNoteRefund(id: $id, input: $input) {"
        f" refund {{ amount }} {ERRORS} }} }}",
        id=note_id,
        input={"amount": "10.00", "method": "BANK_TRANSFER"},
    )
    assert await new_types(http, tenant, seen) == ["credit_note.refunded", "invoice.refunded"]
    await mutate(
        http,
        tenant,
        f"mutation($id: ID!) {{ creditNoteSend(id: $id) {{ creditNote {{ id }} {ERRORS} }} }}",
        id=note_id,
    )
    assert await new_types(http, tenant, seen) == ["credit_note.sent"]
    (sent_event, *_) = await events_of(http, tenant, objectId=note_id)
    assert sent_event["data"]["amountRefunded"] == "10.00"
    assert sent_event["data"]["sentTo"] == ["ap@globex.test"]

    estimate = (
        await mutate(
            http,
            tenant,
            "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) {"
            f" estimate {{ id }} {ERRORS} }} }}",
            input={"clientId": client["id"], "lineItems": [LINE]},
        )
    )["estimate"]
    await mutate(
        http,
        tenant,
        f"mutation($id: ID!) {{ estimateConvert(id: $id) {{ invoice {{ id }} {ERRORS} }} }}",
        id=estimate["id"],
    )
    # Converting a sent or draft estimate accepts it, then makes the invoice.
    assert await new_types(http, tenant, seen) == [
        "estimate.created",
        "estimate.accepted",
        "invoice.created",
        "estimate.converted",
    ]
    await mutate(
        http,
        tenant,
        f"mutation($id: ID!) {{ clientDelete(id: $id) {{ client {{ id }} {ERRORS} }} }}",
        id=client["id"],
    )
    assert await new_types(http, tenant, seen) == ["client.deleted"]
    assert await Event.filter(organization_id=tenant.org.id).count() == len(seen)


async def test_an_event_carries_its_actor_and_the_object_as_graphql_shows_it(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await data(
        http,
        tenant,
        "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
        " client { id name email address taxId phone notes vatId buyerReference isActive"
        f" createdAt updatedAt }} {ERRORS} }} }}",
        {"input": {"name": "Initech", "email": "ap@initech.test", "taxId": "T-1"}},
    )
    created = ok(client["clientCreate"])["client"]
    (event,) = await events_of(http, tenant)
    assert event["actor"] == {"kind": "API_KEY", "id": tenant.key.id}
    assert (event["objectType"], event["objectId"]) == ("client", created["id"])
    assert event["data"] == created

    invoice = await data(
        http,
        tenant,
        "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
        f" invoice {{ {INVOICE_FIELDS} lineItems {{ description quantity unitPrice unitCode"
        f" amount taxAmount }} }} {ERRORS} }} }}",
        {"input": {"clientId": created["id"], "lineItems": [LINE, {**LINE, "quantity": "1"}]}},
    )
    shown = ok(invoice["invoiceCreate"])["invoice"]
    (latest, *_) = await events_of(http, tenant, types=["invoice.created"])
    assert {key: latest["data"][key] for key in shown} == shown


async def test_a_refused_write_leaves_no_event(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await data(
        http,
        tenant,
        f'mutation {{ clientCreate(input: {{name: "Umbrella"}}) {{ client {{ id }} {ERRORS} }} }}',
    )
    client_id = ok(client["clientCreate"])["client"]["id"]
    created = await data(
        http,
        tenant,
        "mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) {"
        f" invoice {{ id }} {ERRORS} }} }}",
        {"input": {"clientId": client_id, "lineItems": [LINE]}},
    )
    invoice_id = ok(created["invoiceCreate"])["invoice"]["id"]
    await gql(http, tenant, f'mutation {{ invoiceMarkSent(id: "{invoice_id}") {{ {ERRORS} }} }}')
    before = await Event.filter(organization_id=tenant.org.id).count()
    # Refused inside its transaction, after the invoice row was locked: rolled back whole.
    overpaid = await data(
        http,
        tenant,
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) {"
        f" payment {{ id }} {ERRORS} }} }}",
        {"input": {"invoiceId": invoice_id, "amount": "5000.00", "paymentMethod": "CASH"}},
    )
    assert codes(overpaid["paymentCreate"])[0][0] == "OVERPAYMENT"
    assert await Event.filter(organization_id=tenant.org.id).count() == before


async def test_the_log_filters_pages_and_stays_within_its_organization(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    create = (
        "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
        f" client {{ id }} {ERRORS} }} }}"
    )
    ids = []
    for index in range(5):
        result = await data(http, tenant, create, {"input": {"name": f"Client {index}"}})
        ids.append(ok(result["clientCreate"])["client"]["id"])
    await data(http, other_tenant, create, {"input": {"name": "Elsewhere"}})

    everything = await events_of(http, tenant)
    assert [event["objectId"] for event in everything] == ids[::-1]  # newest first
    assert [event["objectId"] for event in await events_of(http, tenant, objectId=ids[2])] == [
        ids[2]
    ]
    assert await events_of(http, tenant, types=["invoice.paid"]) == []
    moment = datetime.now(UTC)
    assert len(await events_of(http, tenant, until=moment.isoformat())) == 5
    later = (moment + timedelta(minutes=1)).isoformat()
    assert await events_of(http, tenant, since=later) == []
    assert [e["objectId"] for e in await events_of(http, other_tenant)] != ids[:1]
    assert len(await events_of(http, other_tenant)) == 1

    first = await data(http, tenant, EVENTS, {"first": 2})
    page = first["events"]
    assert len(page["edges"]) == 2 and page["pageInfo"]["hasNextPage"]
    rest = await data(http, tenant, EVENTS, {"first": 10, "after": page["pageInfo"]["endCursor"]})
    assert [edge["node"]["objectId"] for edge in rest["events"]["edges"]] == ids[::-1][2:]

    unknown = await gql(http, tenant, EVENTS, {"filter": {"types": ["invoice.exploded"]}})
    assert top_errors(unknown) == [("VALIDATION", "types")]


async def test_a_caller_sees_the_events_of_what_it_may_read(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await data(
        http,
        tenant,
        f'mutation {{ clientCreate(input: {{name: "Hooli"}}) {{ client {{ id }} {ERRORS} }} }}',
    )
    _, payments_only = await apikeys.create_api_key(
        tenant.org, "payments", scopes=[Permission.PAYMENTS_READ.value]
    )
    assert await events_of(http, Bearer(payments_only)) == []
    _, clients_only = await apikeys.create_api_key(
        tenant.org, "clients", scopes=[Permission.CLIENTS_READ.value]
    )
    assert [e["type"] for e in await events_of(http, Bearer(clients_only))] == ["client.created"]


async def test_the_log_reads_in_a_fixed_number_of_queries(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    create = (
        "mutation($input: ClientCreateInput!) { clientCreate(input: $input) {"
        f" client {{ id }} {ERRORS} }} }}"
    )
    counts = []
    for total in (1, 10):
        while await Event.filter(organization_id=tenant.org.id).count() < total:
            await data(http, tenant, create, {"input": {"name": "Someone"}})
        with counting_queries() as statements:
            assert len(await events_of(http, tenant)) == total
        counts.append(len(statements))
    assert counts[0] == counts[1]
