"""/api/v1/recurring-invoices (an extension in the v1 style): created, read, changed, paused,
resumed and cancelled over HTTP; its runs and invoices after the worker's pass on a clock the
test sets; the next dates; every refusal a clear 4xx that changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import httpx
import pytest

from billing import apikeys, clients, recurring
from billing.access import Permission
from billing.plans import BUILT_IN, UNLIMITED
from models import RecurringInvoice
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Tenant
from tests.graph.test_query_count import counting_queries
from tests.rest.conftest import DATE, TIMESTAMP, data_of, error_of, send
from tests.rest.test_invoices import LIST_FIELDS, WORKED_LINE_JSON

Json = dict[str, Any]

BASE = "/api/v1/recurring-invoices"
FIELDS = [
    "id",
    "name",
    "clientId",
    "client",
    "currency",
    "lineItems",
    "pricesIncludeTax",
    "buyerReference",
    "purchaseOrderReference",
    "notes",
    "terms",
    "paymentTermsDays",
    "rule",
    "startsOn",
    "endsOn",
    "count",
    "action",
    "missed",
    "status",
    "nextRunOn",
    "periodsDone",
    "pausedAt",
    "cancelledAt",
    "createdAt",
    "updatedAt",
]
RUN_FIELDS = ["id", "period", "state", "error", "invoiceId", "createdAt", "updatedAt"]
PAGE_KEYS = ["data", "total", "page", "limit", "totalPages"]

#: A start later than any day the suite runs on, so that it is never in the past.
NEXT_YEAR = date.today().year + 1


def body_of(client_id: str, **fields: Any) -> Json:
    """A monthly recurring invoice of the worked example's line, from 1 January next year."""
    return {
        "clientId": client_id,
        "lineItems": [WORKED_LINE_JSON],
        "rule": "FREQ=MONTHLY",
        "startsOn": f"{NEXT_YEAR}-01-01",
        **fields,
    }


async def create(http: httpx.AsyncClient, tenant: Tenant, client_id: str, **fields: Any) -> Json:
    response = await send(http, "POST", BASE, tenant, body_of(client_id, **fields))
    made: Json = data_of(response, 201)
    return made


def page_of(response: httpx.Response) -> Json:
    assert response.status_code == 200, response.text
    body: Json = response.json()
    assert list(body) == PAGE_KEYS
    return body


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


async def test_created_with_every_field_shown_and_read_back(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org, "Globex", email="ap@globex.example")
    body = (
        f'{{"clientId": "{client.id}", "name": "Retainer", "currency": "EUR",'
        ' "lineItems": [{"description": "Design work", "quantity": 1.50, "unitPrice": 125.25,'
        ' "taxRate": 19, "unitCode": "HUR"}], "pricesIncludeTax": true,'
        ' "purchaseOrderReference": "PO-77", "notes": "Monthly retainer", "terms": "Net 14",'
        f' "paymentTermsDays": 14, "rule": "freq=monthly;bymonthday=-1",'
        f' "startsOn": "{NEXT_YEAR}-02-10", "count": 12, "missed": "SKIP"}}'
    )
    response = await send(http, "POST", BASE, tenant, body)
    made = data_of(response, 201)
    assert list(made) == FIELDS
    # Exact decimals, shown as an invoice's line shows them.
    assert (
        '"lineItems":[{"description":"Design work","quantity":1.5,"unitPrice":125.25,'
        '"taxRate":19,"taxRateIds":[],"unitCode":"HUR"}]'
    ) in response.text
    assert made["client"] == {"name": "Globex", "email": "ap@globex.example"}
    expected = {
        "currency": "EUR",
        "pricesIncludeTax": True,
        "buyerReference": None,
        "purchaseOrderReference": "PO-77",
        "notes": "Monthly retainer",
        "terms": "Net 14",
        "paymentTermsDays": 14,
        "rule": "FREQ=MONTHLY;BYMONTHDAY=-1",
        "startsOn": f"{NEXT_YEAR}-02-10",
        "endsOn": None,
        "count": 12,
        "action": "DRAFT",
        "missed": "SKIP",
        "status": "ACTIVE",
        "nextRunOn": f"{NEXT_YEAR}-02-28",
        "periodsDone": 0,
    }
    assert {key: made[key] for key in expected} == expected
    assert (made["name"], made["clientId"]) == ("Retainer", client.id)
    assert (made["pausedAt"], made["cancelledAt"]) == (None, None)
    assert TIMESTAMP.fullmatch(made["createdAt"]) and TIMESTAMP.fullmatch(made["updatedAt"])

    fetched = await send(http, "GET", f"{BASE}/{made['id']}", tenant)
    assert data_of(fetched) == made

    # The defaults: the organization's currency, no name, no due date, DRAFT, CATCH_UP.
    plain = await create(http, tenant, client.id)
    assert (plain["currency"], plain["name"], plain["paymentTermsDays"]) == ("USD", "", None)
    assert (plain["action"], plain["missed"], plain["count"]) == ("DRAFT", "CATCH_UP", None)
    assert plain["nextRunOn"] == f"{NEXT_YEAR}-01-01"
    assert plain["lineItems"] == [{**WORKED_LINE_JSON, "taxRateIds": [], "unitCode": "C62"}]


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"rule": None}, 400, "rule must be a string"),
        ({"rule": "FREQ=HOURLY"}, 400, "rule: FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY"),
        ({"rule": "FREQ=MONTHLY;COUNT=3"}, 400, "give COUNT as count"),
        ({"rule": "every month"}, 400, "is not NAME=VALUE"),
        ({"startsOn": "2001-01-01"}, 400, "startsOn must be today"),
        ({"startsOn": "next monday"}, 400, "startsOn must be a date in YYYY-MM-DD form"),
        ({"endsOn": "2001-01-01"}, 400, "endsOn must not be before startsOn"),
        ({"clientId": "cli_01jd8x3k2m4n5p6q7r8s9t0vwx"}, 404, "No client with id"),
        ({"frequency": "MONTHLY"}, 400, "Unknown field: frequency"),
        ({"lineItems": []}, 400, "at least one line"),
        (
            {"lineItems": [{**WORKED_LINE_JSON, "quantity": -1}]},
            400,
            "quantity must not be negative",
        ),
        ({"count": 0}, 400, "count must be a whole number from 1 to 10000"),
        ({"paymentTermsDays": "30"}, 400, "paymentTermsDays must be an integer or null"),
        ({"action": "EMAIL"}, 400, "action must be one of DRAFT, SEND"),
        ({"missed": "RETRY"}, 400, "missed must be one of CATCH_UP, SKIP"),
    ],
)
async def test_bad_input_is_refused_clearly_and_creates_nothing(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, status: int, words: str
) -> None:
    client = await a_client(tenant.org)
    response = await send(http, "POST", BASE, tenant, body_of(client.id, **fields))
    assert words in error_of(response, status)
    assert await RecurringInvoice.all().count() == 0


async def test_required_fields_and_the_body_itself(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    for missing in ("clientId", "rule", "startsOn"):
        body = {key: value for key, value in body_of(client.id).items() if key != missing}
        response = await send(http, "POST", BASE, tenant, body)
        assert error_of(response, 400) == f"Missing required field: {missing}"
    assert "JSON" in error_of(await send(http, "POST", BASE, tenant, "{"), 400)
    deactivated = await a_client(tenant.org, "Gone")
    await clients.deactivate_client(tenant.org, deactivated.id)
    refused = await send(http, "POST", BASE, tenant, body_of(deactivated.id))
    assert "is deactivated" in error_of(refused, 400)
    assert await RecurringInvoice.all().count() == 0


async def test_an_update_is_partial_and_a_cancelled_one_cannot_change(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    other = await a_client(tenant.org, "Initech", email="ap@initech.example")
    made = await create(http, tenant, client.id, name="Retainer", notes="Thanks")
    path = f"{BASE}/{made['id']}"

    renamed = data_of(await send(http, "PUT", path, tenant, {"name": "Design retainer"}))
    assert renamed["name"] == "Design retainer"
    unchanged = [key for key in FIELDS if key not in ("name", "updatedAt")]
    assert {key: renamed[key] for key in unchanged} == {key: made[key] for key in unchanged}

    response = await send(
        http,
        "PUT",
        path,
        tenant,
        f'{{"rule": "FREQ=WEEKLY", "clientId": "{other.id}", "paymentTermsDays": 7,'
        ' "lineItems": [{"description": "Hosting", "quantity": 1, "unitPrice": 9.5}]}',
    )
    changed = data_of(response)
    # A unit price keeps at least the currency's decimals, as on an invoice's line.
    assert '"quantity":1,"unitPrice":9.50,"taxRate":0,' in response.text
    assert (changed["rule"], changed["clientId"], changed["paymentTermsDays"]) == (
        "FREQ=WEEKLY",
        other.id,
        7,
    )
    assert changed["client"] == {"name": "Initech", "email": "ap@initech.example"}
    assert changed["lineItems"] == [
        {
            "description": "Hosting",
            "quantity": 1,
            "unitPrice": 9.5,
            "taxRate": 0,
            "taxRateIds": [],
            "unitCode": "C62",
        }
    ]
    assert (changed["notes"], changed["nextRunOn"]) == ("Thanks", f"{NEXT_YEAR}-01-01")
    upcoming = data_of(await send(http, "GET", f"{path}/upcoming?count=3", tenant))
    assert upcoming["dates"] == [f"{NEXT_YEAR}-01-01", f"{NEXT_YEAR}-01-08", f"{NEXT_YEAR}-01-15"]
    cleared = data_of(await send(http, "PUT", path, tenant, {"paymentTermsDays": None}))
    assert cleared["paymentTermsDays"] is None

    for body, words in (
        ({"rule": "FREQ=SECONDLY"}, "rule: FREQ must be one of"),
        ({"endsOn": "2001-01-01"}, "endsOn must not be before startsOn"),
        ({"interval": 2}, "Unknown field: interval"),
        ({"clientId": "cli_01jd8x3k2m4n5p6q7r8s9t0vwx"}, "No client with id"),
    ):
        response = await send(http, "PUT", path, tenant, body)
        assert words in error_of(response, 404 if "clientId" in body else 400), body
    assert data_of(await send(http, "GET", path, tenant)) == cleared

    data_of(await send(http, "POST", f"{path}/cancel", tenant))
    refused = await send(http, "PUT", path, tenant, {"name": "Again"})
    assert "A cancelled recurring invoice cannot change" in error_of(refused, 409)
    assert data_of(await send(http, "GET", path, tenant))["name"] == "Design retainer"


async def test_pause_resume_and_cancel_as_its_status_allows(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    made = await create(http, tenant, client.id)
    path = f"{BASE}/{made['id']}"

    paused = data_of(await send(http, "POST", f"{path}/pause", tenant))
    assert list(paused) == FIELDS
    assert paused["status"] == "PAUSED" and TIMESTAMP.fullmatch(paused["pausedAt"])
    again = await send(http, "POST", f"{path}/pause", tenant)
    assert "PAUSED cannot be paused: it must be ACTIVE" in error_of(again, 409)
    assert data_of(await send(http, "GET", f"{path}/upcoming", tenant))["dates"] == []

    resumed = data_of(await send(http, "POST", f"{path}/resume", tenant))
    assert (resumed["status"], resumed["pausedAt"]) == ("ACTIVE", None)
    assert resumed["nextRunOn"] == f"{NEXT_YEAR}-01-01"
    assert "must be PAUSED" in error_of(await send(http, "POST", f"{path}/resume", tenant), 409)

    cancelled = data_of(await send(http, "POST", f"{path}/cancel", tenant))
    assert (cancelled["status"], cancelled["nextRunOn"]) == ("CANCELLED", None)
    assert TIMESTAMP.fullmatch(cancelled["cancelledAt"])
    for action in ("pause", "resume", "cancel"):
        refused = await send(http, "POST", f"{path}/{action}", tenant)
        assert "CANCELLED cannot be" in error_of(refused, 409), action
    assert data_of(await send(http, "GET", path, tenant)) == cancelled


async def test_another_organization_s_or_an_unknown_id_is_404(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    client = await a_client(tenant.org)
    made = await create(http, tenant, client.id)
    for target in (made["id"], "rec_01jd8x3k2m4n5p6q7r8s9t0vwx", "nope"):
        path = f"{BASE}/{target}"
        for method, suffix, body in (
            ("GET", "", None),
            ("PUT", "", {"name": "Mine now"}),
            ("POST", "/pause", None),
            ("POST", "/resume", None),
            ("POST", "/cancel", None),
            ("GET", "/runs", None),
            ("GET", "/invoices", None),
            ("GET", "/upcoming", None),
        ):
            response = await send(http, method, path + suffix, other_tenant, body)
            assert error_of(response, 404), (method, suffix)
    theirs = await send(http, "POST", BASE, other_tenant, body_of(client.id))
    assert "No client with id" in error_of(theirs, 404)
    assert page_of(await send(http, "GET", BASE, other_tenant))["total"] == 0
    unchanged = data_of(await send(http, "GET", f"{BASE}/{made['id']}", tenant))
    assert unchanged == made


async def test_the_list_filters_by_status_and_client_newest_first_by_pages(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    globex = await a_client(tenant.org, "Globex")
    initech = await a_client(tenant.org, "Initech")
    ids = [(await create(http, tenant, globex.id, name=f"G{n}"))["id"] for n in range(3)]
    theirs = (await create(http, tenant, initech.id, name="I"))["id"]
    await send(http, "POST", f"{BASE}/{ids[0]}/pause", tenant)
    await send(http, "POST", f"{BASE}/{ids[1]}/cancel", tenant)

    everything = page_of(await send(http, "GET", BASE, tenant))
    assert [item["id"] for item in everything["data"]] == [theirs, *reversed(ids)]
    assert (everything["total"], everything["page"], everything["limit"]) == (4, 1, 20)
    assert everything["totalPages"] == 1
    assert all(list(item) == FIELDS for item in everything["data"])
    assert everything["data"][0]["client"]["name"] == "Initech"

    def ids_of(body: Json) -> list[str]:
        return [item["id"] for item in body["data"]]

    paused = page_of(await send(http, "GET", f"{BASE}?status=PAUSED", tenant))
    assert (ids_of(paused), paused["total"]) == ([ids[0]], 1)
    active = page_of(await send(http, "GET", f"{BASE}?status=ACTIVE&clientId={globex.id}", tenant))
    assert ids_of(active) == [ids[2]]
    of_initech = page_of(await send(http, "GET", f"{BASE}?clientId={initech.id}", tenant))
    assert ids_of(of_initech) == [theirs]
    none = page_of(await send(http, "GET", f"{BASE}?clientId=cli_nobody", tenant))
    assert (none["data"], none["total"], none["totalPages"]) == ([], 0, 0)

    second = page_of(await send(http, "GET", f"{BASE}?page=2&limit=3", tenant))
    assert (ids_of(second), second["total"], second["totalPages"]) == ([ids[0]], 4, 2)
    beyond = page_of(await send(http, "GET", f"{BASE}?page=3&limit=3", tenant))
    assert (beyond["data"], beyond["total"]) == ([], 4)

    for query, words in (
        ("status=DRAFT", "Invalid parameter status: must be one of ACTIVE, PAUSED"),
        ("limit=101", "Invalid parameter limit: must be between 1 and 100"),
        ("page=0", "Invalid parameter page"),
        ("search=G", "Unknown parameter: search"),
    ):
        assert words in error_of(await send(http, "GET", f"{BASE}?{query}", tenant), 400)


def body_values(client_id: str, line: Json) -> Json:
    """`body_of` as billing takes it."""
    return {
        "client_id": client_id,
        "line_items": [line],
        "rule": "FREQ=MONTHLY",
        "starts_on": f"{NEXT_YEAR}-01-01",
    }


async def test_the_list_costs_the_same_statements_for_2_and_8(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    line = {"description": "Work", "quantity": "2", "unit_price": "50"}

    async def statements(count: int) -> int:
        while await RecurringInvoice.all().count() < count:
            # A client each: their names come with the page, not one query a row.
            client = await a_client(tenant.org, f"Client {count}")
            await recurring.create_recurring(
                tenant.org, body_values(client.id, line), plan=UNLIMITED
            )
        with counting_queries() as sent:
            response = await send(http, "GET", f"{BASE}?limit=100", tenant)
        listed = page_of(response)
        assert len(listed["data"]) == count
        assert all(item["client"]["name"].startswith("Client") for item in listed["data"])
        return len(sent)

    small = await statements(2)
    assert await statements(8) == small


async def test_runs_and_invoices_after_the_worker_s_passes(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await a_client(tenant.org, "Globex")
    made = await create(http, tenant, client.id, paymentTermsDays=30)
    path = f"{BASE}/{made['id']}"
    empty = page_of(await send(http, "GET", f"{path}/runs", tenant))
    assert (empty["data"], empty["total"]) == ([], 0)

    # Down until 20 March: January's, February's and March's are caught up, each dated to its
    # own period.
    assert await recurring.run_due(noon(date(NEXT_YEAR, 3, 20)), plans=BUILT_IN, send=None) == 3
    runs = page_of(await send(http, "GET", f"{path}/runs", tenant))
    assert runs["total"] == 3
    assert [run["period"] for run in runs["data"]] == [
        f"{NEXT_YEAR}-03-01",
        f"{NEXT_YEAR}-02-01",
        f"{NEXT_YEAR}-01-01",
    ]
    for run in runs["data"]:
        assert list(run) == RUN_FIELDS
        assert (run["state"], run["error"]) == ("CREATED", None)
        assert run["invoiceId"] and TIMESTAMP.fullmatch(run["createdAt"])

    invoices = page_of(await send(http, "GET", f"{path}/invoices", tenant))
    assert invoices["total"] == 3
    assert all(list(invoice) == LIST_FIELDS for invoice in invoices["data"])
    assert {invoice["id"] for invoice in invoices["data"]} == {
        run["invoiceId"] for run in runs["data"]
    }
    by_date = sorted(invoices["data"], key=lambda invoice: invoice["issueDate"])
    assert [(i["issueDate"], i["dueDate"]) for i in by_date] == [
        (f"{NEXT_YEAR}-01-01", f"{NEXT_YEAR}-01-31"),
        (f"{NEXT_YEAR}-02-01", f"{NEXT_YEAR}-03-03" if NEXT_YEAR % 4 else f"{NEXT_YEAR}-03-02"),
        (f"{NEXT_YEAR}-03-01", f"{NEXT_YEAR}-03-31"),
    ]
    assert all(i["status"] == "DRAFT" and i["total"] == 5500 for i in by_date)
    assert all(i["client"]["name"] == "Globex" for i in by_date)
    # An invoice made by hand is not one of them.
    await an_invoice(tenant.org, client)
    assert page_of(await send(http, "GET", "/api/v1/invoices", tenant))["total"] == 4
    assert page_of(await send(http, "GET", f"{path}/invoices", tenant))["total"] == 3

    shown = data_of(await send(http, "GET", path, tenant))
    assert (shown["periodsDone"], shown["nextRunOn"]) == (3, f"{NEXT_YEAR}-04-01")

    # A run whose invoice cannot be made is recorded, with why, and no invoice.
    await clients.deactivate_client(tenant.org, client.id)
    await recurring.run_due(noon(date(NEXT_YEAR, 4, 2)), plans=BUILT_IN, send=None)
    latest = page_of(await send(http, "GET", f"{path}/runs?limit=2", tenant))
    assert (latest["total"], latest["totalPages"], len(latest["data"])) == (4, 2, 2)
    failed = latest["data"][0]
    assert (failed["period"], failed["state"], failed["invoiceId"]) == (
        f"{NEXT_YEAR}-04-01",
        "FAILED",
        None,
    )
    assert "VALIDATION" in failed["error"] and "deactivated" in failed["error"]
    last = page_of(await send(http, "GET", f"{path}/runs?limit=2&page=2", tenant))
    assert [run["period"] for run in last["data"]] == [f"{NEXT_YEAR}-02-01", f"{NEXT_YEAR}-01-01"]
    second = page_of(await send(http, "GET", f"{path}/invoices?limit=2&page=2", tenant))
    assert (len(second["data"]), second["total"], second["page"]) == (1, 3, 2)
    assert "Unknown parameter: status" in error_of(
        await send(http, "GET", f"{path}/invoices?status=DRAFT", tenant), 400
    )


async def test_the_next_dates_within_bounds(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    made = await create(http, tenant, client.id, startsOn=f"{NEXT_YEAR}-01-31")
    path = f"{BASE}/{made['id']}/upcoming"
    shown = await send(http, "GET", path, tenant)
    assert shown.json() == {
        "data": {
            "id": made["id"],
            "dates": [
                f"{NEXT_YEAR}-01-31",
                f"{NEXT_YEAR}-02-{29 if NEXT_YEAR % 4 == 0 else 28}",
                f"{NEXT_YEAR}-03-31",
                f"{NEXT_YEAR}-04-30",
                f"{NEXT_YEAR}-05-31",
            ],
        }
    }
    most = data_of(await send(http, "GET", f"{path}?count={recurring.MAX_PREVIEW}", tenant))
    assert len(most["dates"]) == recurring.MAX_PREVIEW
    assert all(DATE.fullmatch(day) for day in most["dates"])
    assert data_of(await send(http, "GET", f"{path}?count=1", tenant))["dates"] == [
        f"{NEXT_YEAR}-01-31"
    ]
    for count in ("0", str(recurring.MAX_PREVIEW + 1), "-1"):
        refused = await send(http, "GET", f"{path}?count={count}", tenant)
        assert error_of(refused, 400) == (
            f"Invalid parameter count: must be between 1 and {recurring.MAX_PREVIEW}"
        )
    refused = await send(http, "GET", f"{path}?count=five", tenant)
    assert error_of(refused, 400) == "Invalid parameter count: must be an integer"

    # Its count bounds them too.
    counted = await create(http, tenant, client.id, count=2)
    dates = data_of(await send(http, "GET", f"{BASE}/{counted['id']}/upcoming?count=10", tenant))
    assert dates["dates"] == [f"{NEXT_YEAR}-01-01", f"{NEXT_YEAR}-02-01"]


async def test_sending_needs_the_send_scope(http: httpx.AsyncClient, tenant: Tenant) -> None:
    client = await a_client(tenant.org)
    made = await create(http, tenant, client.id, action="SEND")
    assert made["action"] == "SEND"
    scopes = [Permission.DOCUMENTS_READ.value, Permission.DOCUMENTS_WRITE.value]
    _, secret = await apikeys.create_api_key(tenant.org, "writer", scopes=scopes)
    writer = replace(tenant, secret=secret)
    refused = await send(http, "POST", BASE, writer, body_of(client.id, action="SEND"))
    assert "documents:send" in error_of(refused, 403)
    changed = await send(http, "PUT", f"{BASE}/{made['id']}", writer, {"action": "DRAFT"})
    assert data_of(changed)["action"] == "DRAFT"
    assert page_of(await send(http, "GET", BASE, tenant))["total"] == 1
