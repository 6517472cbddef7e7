"""The README's GraphQL tour works as written."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import Tenant

README = Path(__file__).resolve().parents[1] / "README.md"


def _tour() -> list[str]:
    section = README.read_text().split("## A GraphQL tour", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)


async def test_the_graphql_tour_runs_as_written(http: httpx.AsyncClient, tenant: Tenant) -> None:
    steps = _tour()
    assert len(steps) == 5
    ids: dict[str, str] = {}
    answers: list[dict[str, Any]] = []
    for step in steps:
        for placeholder, value in ids.items():
            step = step.replace(f'"{placeholder}"', f'"{value}"')
        response = await http.post("/graphql", json={"query": step}, headers=tenant.headers)
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        (answer,) = body["data"].values()
        assert answer.get("errors", []) == [], answer
        answers.append(answer)
        if "client" in answer:
            ids["cli_..."] = answer["client"]["id"]
        if "invoice" in answer and "id" in answer["invoice"]:
            ids["inv_..."] = answer["invoice"]["id"]
    created, sent, listed, paid = answers[1]["invoice"], answers[2], answers[3], answers[4]
    assert (created["subtotal"], created["taxTotal"], created["total"]) == (
        "5000.00",
        "500.00",
        "5500.00",
    )
    assert sent["invoice"]["status"] == "SENT"
    assert listed["totalCount"] == 1
    assert paid["invoice"] == {
        "status": "PARTIALLY_PAID",
        "amountPaid": "2000.00",
        "amountDue": "3500.00",
    }


async def test_the_taxes_section_runs_as_written(http: httpx.AsyncClient, tenant: Tenant) -> None:
    section = README.read_text().split("## Taxes", 1)[1].split("\n## ", 1)[0]
    rate_step, invoice_step = re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)
    client = await http.post(
        "/graphql",
        json={"query": 'mutation { clientCreate(input: {name: "Globex"}) { client { id } } }'},
        headers=tenant.headers,
    )
    client_id = client.json()["data"]["clientCreate"]["client"]["id"]
    rate = (await http.post("/graphql", json={"query": rate_step}, headers=tenant.headers)).json()
    created = rate["data"]["taxRateCreate"]
    assert created["errors"] == [] and created["taxRate"]["category"] == "S"
    step = invoice_step.replace('"cli_..."', f'"{client_id}"').replace(
        '"tax_..."', f'"{created["taxRate"]["id"]}"'
    )
    body = (await http.post("/graphql", json={"query": step}, headers=tenant.headers)).json()
    answer = body["data"]["invoiceCreate"]
    assert answer["errors"] == []
    invoice = answer["invoice"]
    assert (invoice["subtotal"], invoice["taxTotal"], invoice["total"]) == (
        "500.00",
        "83.33",
        "500.00",
    )
    assert invoice["taxLines"] == [
        {"name": "VAT 20%", "rate": "20", "taxableAmount": "416.67", "taxAmount": "83.33"}
    ]


async def test_the_numbers_section_runs_as_written(http: httpx.AsyncClient, tenant: Tenant) -> None:
    section = README.read_text().split("## Document numbers", 1)[1].split("\n## ", 1)[0]
    (step,) = re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)
    body = (await http.post("/graphql", json={"query": step}, headers=tenant.headers)).json()
    answer = body["data"]["organizationUpdate"]
    assert answer["errors"] == []
    assert answer["organization"] == {
        "invoiceNumberPattern": "INV-{YYYY}-{SEQ:4}",
        "nextInvoiceNumber": 42,
    }


async def test_the_recurring_section_runs_as_written(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    section = README.read_text().split("## Recurring invoices", 1)[1].split("\n## ", 1)[0]
    (step,) = re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)
    client = await http.post(
        "/graphql",
        json={"query": 'mutation { clientCreate(input: {name: "Globex"}) { client { id } } }'},
        headers=tenant.headers,
    )
    client_id = client.json()["data"]["clientCreate"]["client"]["id"]
    year = date.today().year + 1  # the example's start stays in the future
    step = step.replace('"cli_..."', f'"{client_id}"').replace("2027-", f"{year}-")
    body = (await http.post("/graphql", json={"query": step}, headers=tenant.headers)).json()
    answer = body["data"]["recurringInvoiceCreate"]
    assert answer["errors"] == []
    february = calendar.monthrange(year, 2)[1]  # 28, or 29 in a leap year
    assert answer["recurringInvoice"]["nextRuns"] == [
        f"{year}-01-31",
        f"{year}-02-{february}",
        f"{year}-03-31",
    ]


async def test_the_reminders_section_runs_as_written(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    section = README.read_text().split("## Reminders", 1)[1].split("\n## ", 1)[0]
    (step,) = re.findall(r"```graphql\n(.*?)```", section, flags=re.DOTALL)
    body = (await http.post("/graphql", json={"query": step}, headers=tenant.headers)).json()
    answer = body["data"]["reminderRuleCreate"]
    assert answer["errors"] == []
    assert answer["reminderRule"] == {
        "id": answer["reminderRule"]["id"],
        "offsetDays": 7,
        "subject": "Overdue: invoice {number}",
        "lateFeeType": "PERCENT",
        "lateFeeValue": "1.5",
    }
