"""Recurring invoices over GraphQL: created, previewed, changed, paused, resumed, cancelled;
every refusal coded, naming its field, and changing nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from billing import apikeys
from billing.access import Permission
from tests.conftest import Tenant, make_tenant
from tests.graph.helpers import (
    ERRORS,
    WORKED_LINE,
    Bearer,
    Caller,
    codes,
    data,
    new_client,
    ok,
)

Json = dict[str, Any]

FIELDS = """
fragment RecurringFields on RecurringInvoice {
  id name currency rule startsOn endsOn count action missed status nextRunOn periodsDone
  paymentTermsDays notes discountType discountValue tax
  lineItems { description quantity unitPrice taxRate unitCode taxRateIds }
  client { id name }
  nextRuns(n: 12)
}
"""
CREATE = (
    "mutation($input: RecurringInvoiceCreateInput!) { recurringInvoiceCreate(input: $input) {"
    f" recurringInvoice {{ ...RecurringFields }} {ERRORS} }} }}" + FIELDS
)
UPDATE = (
    "mutation($id: ID!, $input: RecurringInvoiceUpdateInput!) {"
    " recurringInvoiceUpdate(id: $id, input: $input) {"
    f" recurringInvoice {{ ...RecurringFields }} {ERRORS} }} }}" + FIELDS
)
LIST = "{ recurringInvoices { totalCount edges { node { id status } } } }"

#: A start later than any day the suite runs on, so that it is never in the past.
NEXT_YEAR = date.today().year + 1


def move(mutation: str) -> str:
    return (
        f"mutation($id: ID!) {{ {mutation}(id: $id) {{"
        f" recurringInvoice {{ id status nextRunOn pausedAt cancelledAt }} {ERRORS} }} }}"
    )


async def create(http: httpx.AsyncClient, tenant: Caller, client_id: str, **fields: Any) -> Json:
    """The payload of recurringInvoiceCreate with these fields (a monthly one by default)."""
    values = {
        "clientId": client_id,
        "lineItems": [WORKED_LINE],
        "rule": "FREQ=MONTHLY",
        "startsOn": f"{NEXT_YEAR}-01-01",
        **fields,
    }
    result: Json = (await data(http, tenant, CREATE, {"input": values}))["recurringInvoiceCreate"]
    return result


async def a_recurring(
    http: httpx.AsyncClient, tenant: Tenant, client_id: str, **fields: Any
) -> Json:
    made: Json = ok(await create(http, tenant, client_id, **fields))["recurringInvoice"]
    return made


def last_days(year: int) -> list[str]:
    return [
        (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
        for month in range(1, 13)
    ]


async def test_a_monthly_one_started_on_the_31st_runs_on_each_month_s_last_day(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant, "Globex")
    made = await a_recurring(
        http,
        tenant,
        client["id"],
        name="Retainer",
        startsOn=f"{NEXT_YEAR}-01-31",
        paymentTermsDays=14,
        notes="Monthly retainer",
        discountType="PERCENT",
        discountValue="10",
    )
    assert made["status"] == "ACTIVE" and made["nextRunOn"] == f"{NEXT_YEAR}-01-31"
    assert made["nextRuns"] == last_days(NEXT_YEAR)
    assert made["client"] == {"id": client["id"], "name": "Globex"}
    assert made["lineItems"] == [
        {
            "description": "Design work",
            "quantity": "40",
            "unitPrice": "125",
            "taxRate": "10",
            "unitCode": "C62",
            "taxRateIds": [],
        }
    ]
    assert (made["action"], made["missed"], made["currency"]) == ("DRAFT", "CATCH_UP", "USD")
    assert (made["discountType"], made["discountValue"], made["paymentTermsDays"]) == (
        "PERCENT",
        "10",
        14,
    )
    listed = await data(http, tenant, LIST)
    assert listed["recurringInvoices"]["totalCount"] == 1
    node = await data(http, tenant, "query($id: ID!) { node(id: $id) { id } }", {"id": made["id"]})
    assert node["node"] == {"id": made["id"]}


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        ("FREQ=WEEKLY;INTERVAL=2", "01-04", ["01-04", "01-18", "02-01", "02-15"]),
        ("FREQ=MONTHLY;INTERVAL=3", "01-15", ["01-15", "04-15", "07-15", "10-15"]),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1", "02-10", ["02-28", "03-31", "04-30", "05-31"]),
        ("freq=monthly;bymonthday=1", "01-15", ["02-01", "03-01", "04-01", "05-01"]),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", "01-01", None),
    ],
)
async def test_rules_expand_as_rfc_5545_says(
    http: httpx.AsyncClient, tenant: Tenant, rule: str, start: str, expected: list[str] | None
) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"], rule=rule, startsOn=f"2031-{start}")
    runs = made["nextRuns"][:4]
    if expected is None:  # the first Monday of each month
        assert [date.fromisoformat(day).weekday() for day in runs] == [0] * 4
        assert all(date.fromisoformat(day).day <= 7 for day in runs)
    else:
        assert runs == [f"2031-{day}" for day in expected]


async def test_a_yearly_one_started_on_29_february_keeps_to_the_end_of_february(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"], rule="FREQ=YEARLY", startsOn="2032-02-29")
    assert made["nextRuns"][:5] == [
        "2032-02-29",
        "2033-02-28",
        "2034-02-28",
        "2035-02-28",
        "2036-02-29",
    ]


async def test_an_end_date_or_a_count_ends_the_preview(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    counted = await a_recurring(http, tenant, client["id"], count=3)
    assert counted["nextRuns"] == [f"{NEXT_YEAR}-0{month}-01" for month in (1, 2, 3)]
    ended = await a_recurring(http, tenant, client["id"], endsOn=f"{NEXT_YEAR}-02-15")
    assert ended["nextRuns"] == [f"{NEXT_YEAR}-01-01", f"{NEXT_YEAR}-02-01"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"rule": "FREQ=HOURLY"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;COUNT=12"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;UNTIL=20300101"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;DTSTART=20300101"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;BYMONTHDAY=40"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;BYHOUR=9"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;FREQ=DAILY"}, ("VALIDATION", "rule")),
        ({"rule": "monthly"}, ("VALIDATION", "rule")),
        ({"rule": ""}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=2"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=DAILY;INTERVAL=7;BYDAY=MO"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=MONTHLY;INTERVAL=13"}, ("VALIDATION", "rule")),
        ({"rule": "FREQ=WEEKLY;BYYEARDAY=1"}, ("VALIDATION", "rule")),
        ({"startsOn": "2001-01-01"}, ("VALIDATION", "startsOn")),
        ({"endsOn": f"{NEXT_YEAR - 1}-12-31"}, ("VALIDATION", "endsOn")),
        ({"count": 0}, ("VALIDATION", "count")),
        ({"paymentTermsDays": -1}, ("VALIDATION", "paymentTermsDays")),
        ({"lineItems": []}, ("VALIDATION", "lineItems")),
        (
            {"lineItems": [{**WORKED_LINE, "quantity": "-1"}]},
            ("VALIDATION", "lineItems[0].quantity"),
        ),
        (
            {"lineItems": [{**WORKED_LINE, "taxRateIds": ["tax_NOPE"]}]},
            ("VALIDATION", "lineItems[0].taxRateIds[0]"),
        ),
        ({"discountType": "FLAT", "discountValue": "1.234"}, ("VALIDATION", "discountValue")),
        ({"currency": "XXX1"}, ("VALIDATION", "currency")),
        ({"clientId": "cli_NOPE"}, ("NOT_FOUND", "clientId")),
    ],
)
async def test_a_bad_recurring_invoice_is_refused_and_nothing_is_made(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, expected: tuple[str, str]
) -> None:
    client = await new_client(http, tenant)
    refused = await create(http, tenant, client["id"], **fields)
    assert refused["recurringInvoice"] is None
    assert codes(refused)[:1] == [expected]
    assert refused["errors"][0]["message"]
    assert (await data(http, tenant, LIST))["recurringInvoices"]["totalCount"] == 0


async def test_a_deactivated_client_or_another_organization_s_is_refused(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    deleted = await data(
        http,
        tenant,
        f"mutation($id: ID!) {{ clientDelete(id: $id) {{ {ERRORS} }} }}",
        {"id": client["id"]},
    )
    ok(deleted["clientDelete"])
    assert codes(await create(http, tenant, client["id"])) == [("VALIDATION", "clientId")]
    other = await make_tenant("Other")
    theirs = await new_client(http, other)
    assert codes(await create(http, tenant, theirs["id"])) == [("NOT_FOUND", "clientId")]


async def test_sending_needs_the_send_scope(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"], action="SEND")
    assert made["action"] == "SEND"
    _, writer = await apikeys.create_api_key(
        tenant.org, "writer", scopes=[Permission.DOCUMENTS_WRITE.value]
    )
    refused = await create(http, Bearer(writer), client["id"], action="SEND")
    assert codes(refused) == [("FORBIDDEN", None)]
    assert (await data(http, tenant, LIST))["recurringInvoices"]["totalCount"] == 1


async def test_an_update_changes_what_later_invoices_hold_and_when(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"])
    changed = ok(
        (
            await data(
                http,
                tenant,
                UPDATE,
                {
                    "id": made["id"],
                    "input": {
                        "rule": "FREQ=WEEKLY",
                        "lineItems": [
                            {"description": "Hosting", "quantity": "1", "unitPrice": "9.5"}
                        ],
                        "notes": "Weekly",
                    },
                },
            )
        )["recurringInvoiceUpdate"]
    )["recurringInvoice"]
    assert changed["rule"] == "FREQ=WEEKLY" and changed["notes"] == "Weekly"
    assert changed["lineItems"][0]["description"] == "Hosting"
    assert changed["nextRunOn"] == f"{NEXT_YEAR}-01-01"
    assert changed["nextRuns"][1] == f"{NEXT_YEAR}-01-08"
    refused = (
        await data(http, tenant, UPDATE, {"id": made["id"], "input": {"rule": "FREQ=SECONDLY"}})
    )["recurringInvoiceUpdate"]
    assert codes(refused) == [("VALIDATION", "rule")]
    missing = (await data(http, tenant, UPDATE, {"id": "rec_NOPE", "input": {"name": "x"}}))[
        "recurringInvoiceUpdate"
    ]
    assert codes(missing) == [("NOT_FOUND", "id")]


async def test_pause_resume_and_cancel_move_it_as_its_status_allows(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"])

    async def act(mutation: str) -> Json:
        result: Json = (await data(http, tenant, move(mutation), {"id": made["id"]}))[mutation]
        return result

    paused = ok(await act("recurringInvoicePause"))["recurringInvoice"]
    assert paused["status"] == "PAUSED" and paused["pausedAt"]
    assert codes(await act("recurringInvoicePause")) == [("INVALID_TRANSITION", "id")]
    resumed = ok(await act("recurringInvoiceResume"))["recurringInvoice"]
    assert resumed["status"] == "ACTIVE" and resumed["pausedAt"] is None
    assert resumed["nextRunOn"] == f"{NEXT_YEAR}-01-01"
    assert codes(await act("recurringInvoiceResume")) == [("INVALID_TRANSITION", "id")]
    cancelled = ok(await act("recurringInvoiceCancel"))["recurringInvoice"]
    assert cancelled["status"] == "CANCELLED" and cancelled["nextRunOn"] is None
    assert codes(await act("recurringInvoiceCancel")) == [("INVALID_TRANSITION", "id")]
    update = await data(http, tenant, UPDATE, {"id": made["id"], "input": {"name": "again"}})
    assert codes(update["recurringInvoiceUpdate"]) == [("INVALID_TRANSITION", "id")]


async def test_its_changes_are_events(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await new_client(http, tenant)
    made = await a_recurring(http, tenant, client["id"])
    await data(http, tenant, move("recurringInvoicePause"), {"id": made["id"]})
    events = await data(
        http,
        tenant,
        "query($id: ID!) { events(filter: {objectId: $id}) { edges { node { type data } } } }",
        {"id": made["id"]},
    )
    nodes = [edge["node"] for edge in events["events"]["edges"]]
    assert [node["type"] for node in nodes] == [
        "recurring_invoice.paused",
        "recurring_invoice.created",
    ]
    assert nodes[0]["data"]["status"] == "PAUSED" and nodes[0]["data"]["lastRun"] is None
