"""Reminder rules over GraphQL: created with defaults, listed by offset, changed, deleted;
an invoice opted out and back in. Every refusal coded, naming its field, changing nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from billing import apikeys
from billing.access import Permission
from tests.conftest import Tenant, make_tenant
from tests.graph.helpers import Bearer, Caller, codes, data, new_client, new_document, ok

Json = dict[str, Any]

ERRORS = "errors { code field message }"
RULE = (
    "id name offsetDays subject message enabled lateFeeType lateFeeValue lateFeeCurrency "
    "createdAt updatedAt"
)
CREATE = (
    "mutation($input: ReminderRuleCreateInput!) { reminderRuleCreate(input: $input) {"
    f" reminderRule {{ {RULE} }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation($id: ID!, $input: ReminderRuleUpdateInput!) {"
    f" reminderRuleUpdate(id: $id, input: $input) {{ reminderRule {{ {RULE} }} {ERRORS} }} }}"
)
DELETE = f"mutation($id: ID!) {{ reminderRuleDelete(id: $id) {{ deletedId {ERRORS} }} }}"
LIST = "{ reminderRules(first: 20) { totalCount edges { node { id offsetDays } } } }"
SET = (
    "mutation($id: ID!, $enabled: Boolean!) { invoiceRemindersSet(id: $id, enabled: $enabled)"
    f" {{ invoice {{ id remindersEnabled reminders {{ totalCount }} }} {ERRORS} }} }}"
)


async def create(http: httpx.AsyncClient, tenant: Caller, **fields: Any) -> Json:
    payload: Json = (await data(http, tenant, CREATE, {"input": fields}))["reminderRuleCreate"]
    return payload


async def a_rule(http: httpx.AsyncClient, tenant: Caller, **fields: Any) -> Json:
    made: Json = ok(await create(http, tenant, **fields))["reminderRule"]
    return made


async def offsets(http: httpx.AsyncClient, tenant: Caller) -> list[int]:
    found = (await data(http, tenant, LIST))["reminderRules"]
    return [edge["node"]["offsetDays"] for edge in found["edges"]]


async def test_rules_get_messages_for_before_on_and_after_the_due_date(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    after = await a_rule(http, tenant, offsetDays=7, name="A week late")
    before = await a_rule(http, tenant, offsetDays=-3)
    on = await a_rule(
        http,
        tenant,
        offsetDays=0,
        subject="{number} is due today",
        message="Dear {client},\n{amount_due} is due on {due_date}: {link}",
    )
    assert await offsets(http, tenant) == [-3, 0, 7]
    assert before["subject"] == after["subject"] == "Reminder: invoice {number} from {organization}"
    assert before["message"].startswith("This is a friendly reminder")
    assert "still unpaid" in after["message"] and after["name"] == "A week late"
    assert on["subject"] == "{number} is due today" and on["message"].startswith("Dear {client}")
    assert (on["enabled"], on["lateFeeType"], on["lateFeeValue"]) == (True, None, None)
    node = await data(http, tenant, "query($id: ID!) { node(id: $id) { id } }", {"id": on["id"]})
    assert node["node"] == {"id": on["id"]}


async def test_late_fees_are_a_percentage_or_a_flat_amount_in_a_currency(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    percent = await a_rule(http, tenant, offsetDays=14, lateFeeType="PERCENT", lateFeeValue="1.5")
    assert (percent["lateFeeType"], percent["lateFeeValue"], percent["lateFeeCurrency"]) == (
        "PERCENT",
        "1.5",
        None,
    )
    flat = await a_rule(http, tenant, offsetDays=30, lateFeeType="FLAT", lateFeeValue="25")
    assert (flat["lateFeeValue"], flat["lateFeeCurrency"]) == ("25.00", "USD")
    yen = await a_rule(
        http, tenant, offsetDays=45, lateFeeType="FLAT", lateFeeValue="500", lateFeeCurrency="jpy"
    )
    assert (yen["lateFeeValue"], yen["lateFeeCurrency"]) == ("500", "JPY")
    cleared = ok(
        (await data(http, tenant, UPDATE, {"id": flat["id"], "input": {"lateFeeType": None}}))[
            "reminderRuleUpdate"
        ]
    )["reminderRule"]
    assert (cleared["lateFeeType"], cleared["lateFeeValue"], cleared["lateFeeCurrency"]) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"offsetDays": 366}, "offsetDays"),
        ({"offsetDays": -400}, "offsetDays"),
        ({"offsetDays": 1, "subject": "Pay {amount}"}, "subject"),
        ({"offsetDays": 1, "message": "{number:>99999999}"}, "message"),
        ({"offsetDays": 1, "subject": "x" * 201}, "subject"),
        ({"offsetDays": 1, "subject": "two\nlines"}, "subject"),
        ({"offsetDays": 1, "message": "x" * 5001}, "message"),
        ({"offsetDays": 0, "lateFeeType": "PERCENT", "lateFeeValue": "5"}, "lateFeeType"),
        ({"offsetDays": -3, "lateFeeType": "FLAT", "lateFeeValue": "5"}, "lateFeeType"),
        ({"offsetDays": 7, "lateFeeType": "PERCENT"}, "lateFeeValue"),
        ({"offsetDays": 7, "lateFeeType": "PERCENT", "lateFeeValue": "101"}, "lateFeeValue"),
        ({"offsetDays": 7, "lateFeeType": "PERCENT", "lateFeeValue": "0"}, "lateFeeValue"),
        ({"offsetDays": 7, "lateFeeType": "FLAT", "lateFeeValue": "-1"}, "lateFeeValue"),
        ({"offsetDays": 7, "lateFeeType": "FLAT", "lateFeeValue": "2.005"}, "lateFeeValue"),
        (
            {"offsetDays": 7, "lateFeeType": "FLAT", "lateFeeValue": "1", "lateFeeCurrency": "XXY"},
            "lateFeeCurrency",
        ),
        (
            {
                "offsetDays": 7,
                "lateFeeType": "PERCENT",
                "lateFeeValue": "1",
                "lateFeeCurrency": "EUR",
            },
            "lateFeeCurrency",
        ),
        ({"offsetDays": 7, "lateFeeValue": "1"}, "lateFeeType"),
    ],
)
async def test_bad_rules_are_refused_naming_the_field(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, field: str
) -> None:
    assert codes(await create(http, tenant, **fields)) == [("VALIDATION", field)]
    assert await offsets(http, tenant) == []


async def test_one_rule_per_offset_and_at_most_ten(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for offset in range(10):
        await a_rule(http, tenant, offsetDays=offset)
    assert codes(await create(http, tenant, offsetDays=3)) == [("VALIDATION", "offsetDays")]
    assert codes(await create(http, tenant, offsetDays=20)) == [("VALIDATION", "offsetDays")]
    first = (await data(http, tenant, LIST))["reminderRules"]["edges"][0]["node"]
    moved = await data(http, tenant, UPDATE, {"id": first["id"], "input": {"offsetDays": 5}})
    assert codes(moved["reminderRuleUpdate"]) == [("VALIDATION", "offsetDays")]
    assert await offsets(http, tenant) == list(range(10))


async def test_a_rule_changes_and_goes_and_other_organizations_cannot_touch_it(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    rule = await a_rule(http, tenant, offsetDays=7)
    changed = ok(
        (
            await data(
                http,
                tenant,
                UPDATE,
                {"id": rule["id"], "input": {"offsetDays": 10, "enabled": False, "message": None}},
            )
        )["reminderRuleUpdate"]
    )["reminderRule"]
    assert (changed["offsetDays"], changed["enabled"]) == (10, False)
    assert "still unpaid" in changed["message"]  # a message cleared is the default again
    other = await make_tenant("Other")
    theirs = await data(http, other, UPDATE, {"id": rule["id"], "input": {"enabled": True}})
    assert codes(theirs["reminderRuleUpdate"]) == [("NOT_FOUND", "id")]
    gone = await data(http, other, DELETE, {"id": rule["id"]})
    assert codes(gone["reminderRuleDelete"]) == [("NOT_FOUND", "id")]
    assert await offsets(http, other) == []
    assert await offsets(http, tenant) == [10]
    deleted = (await data(http, tenant, DELETE, {"id": rule["id"]}))["reminderRuleDelete"]
    assert ok(deleted)["deletedId"] == rule["id"]
    assert await offsets(http, tenant) == []
    missing = await data(http, tenant, DELETE, {"id": "rmr_nothing"})
    assert codes(missing["reminderRuleDelete"]) == [("NOT_FOUND", "id")]


async def test_rules_are_the_organization_s_settings_to_write(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    _, writer = await apikeys.create_api_key(
        tenant.org, "writer", scopes=[Permission.DOCUMENTS_WRITE.value]
    )
    assert codes(await create(http, Bearer(writer), offsetDays=1)) == [("FORBIDDEN", None)]
    assert await offsets(http, tenant) == []


async def test_an_invoice_opts_out_and_back_in_with_an_event(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    client = await new_client(http, tenant)
    invoice = await new_document(http, tenant, client["id"])
    off = ok(
        (await data(http, tenant, SET, {"id": invoice["id"], "enabled": False}))[
            "invoiceRemindersSet"
        ]
    )["invoice"]
    assert off == {"id": invoice["id"], "remindersEnabled": False, "reminders": {"totalCount": 0}}
    again = ok(
        (await data(http, tenant, SET, {"id": invoice["id"], "enabled": False}))[
            "invoiceRemindersSet"
        ]
    )["invoice"]
    assert again["remindersEnabled"] is False
    on = ok(
        (await data(http, tenant, SET, {"id": invoice["id"], "enabled": True}))[
            "invoiceRemindersSet"
        ]
    )["invoice"]
    assert on["remindersEnabled"] is True
    events = await data(
        http,
        tenant,
        "query($id: ID!) { events(filter: {objectId: $id}) { edges { node { type } } } }",
        {"id": invoice["id"]},
    )
    types = [edge["node"]["type"] for edge in events["events"]["edges"]]
    assert types == ["invoice.updated", "invoice.updated", "invoice.created"]  # not for no change
    estimate = await new_document(http, tenant, client["id"], estimate=True)
    refused = await data(http, tenant, SET, {"id": estimate["id"], "enabled": False})
    assert codes(refused["invoiceRemindersSet"]) == [("NOT_FOUND", "id")]
    other = await make_tenant("Other")
    theirs = await data(http, other, SET, {"id": invoice["id"], "enabled": False})
    assert codes(theirs["invoiceRemindersSet"]) == [("NOT_FOUND", "id")]
