"""API keys (create, list, revoke) and the caller's organization (viewer, organizationUpdate)
over GraphQL."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx

from billing import apikeys
from models import ApiKey
from tests.conftest import Tenant
from tests.graph.helpers import (
    ERRORS,
    Bearer,
    Caller,
    Json,
    batch,
    codes,
    data,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    gql,
    new_client,
    new_document,
    ok,
    seed_client,
    top_errors,
)

KEY_FIELDS = "id name prefix createdAt lastUsedAt revokedAt isActive"
CREATE = (
    "mutation($input: ApiKeyCreateInput) { apiKeyCreate(input: $input) {"
    f" apiKey {{ {KEY_FIELDS} }} secret {ERRORS} }} }}"
)
REVOKE = f"mutation($id: ID!) {{ apiKeyRevoke(id: $id) {{ apiKey {{ {KEY_FIELDS} }} {ERRORS} }} }}"
KEYS = f"{{ apiKeys {{ totalCount edges {{ cursor node {{ {KEY_FIELDS} }} }} }} }}"
ORGANIZATION_FIELDS = (
    "id name email address taxId phone currency timezone locale paperSize plan createdAt"
    " invoiceNumberPattern nextInvoiceNumber estimateNumberPattern nextEstimateNumber"
)
VIEWER = f"{{ viewer {{ apiKeyId organization {{ {ORGANIZATION_FIELDS} }} }} }}"
UPDATE = (
    "mutation($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) {"
    f" organization {{ {ORGANIZATION_FIELDS} }} {ERRORS} }} }}"
)


async def create_key(http: httpx.AsyncClient, tenant: Tenant, name: str | None) -> Json:
    variables: Json = {"input": None if name is None else {"name": name}}
    payload: Json = (await data(http, tenant, CREATE, variables))["apiKeyCreate"]
    return payload


async def keys(http: httpx.AsyncClient, tenant: Tenant) -> list[Json]:
    result = (await data(http, tenant, KEYS))["apiKeys"]
    assert result["totalCount"] == len(result["edges"])
    return [edge["node"] for edge in result["edges"]]


async def viewer(http: httpx.AsyncClient, tenant: Caller) -> Json:
    result: Json = (await data(http, tenant, VIEWER))["viewer"]
    return result


# --- API keys ---------------------------------------------------------------------------------


async def test_a_new_key_is_shown_once_and_authenticates(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    payload = ok(await create_key(http, tenant, "  CI deploy  "))
    secret, key = payload["secret"], payload["apiKey"]
    assert secret.startswith("cinv_") and len(secret) == 45
    assert key["id"].startswith("key_") and key["name"] == "CI deploy"
    assert key["prefix"] == secret[:13]
    assert (key["isActive"], key["revokedAt"], key["lastUsedAt"]) == (True, None, None)

    seen = await viewer(http, Bearer(secret))
    assert seen["apiKeyId"] == key["id"]
    assert seen["organization"]["id"] == tenant.org.id
    listed = {k["id"]: k for k in await keys(http, tenant)}
    assert listed[key["id"]]["lastUsedAt"] is not None
    assert listed[key["id"]]["name"] == "CI deploy"

    unnamed = ok(await create_key(http, tenant, None))
    assert unnamed["apiKey"]["name"] == "" and unnamed["secret"] != secret


async def test_a_too_long_name_makes_no_key(http: httpx.AsyncClient, tenant: Tenant) -> None:
    payload = await create_key(http, tenant, "k" * 101)
    assert (payload["apiKey"], payload["secret"]) == (None, None)
    assert codes(payload) == [("VALIDATION", "name")]
    ok(await create_key(http, tenant, "k" * 100))
    assert len(await keys(http, tenant)) == 2


async def test_a_name_with_control_characters_makes_no_key(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for name in ("bell\u0007", "nul\u0000"):
        body = await gql(http, tenant, CREATE, {"input": {"name": name}})
        assert "errors" not in body, body
        payload = body["data"]["apiKeyCreate"]
        assert (payload["secret"], codes(payload)) == (None, [("VALIDATION", "name")])
    assert len(await keys(http, tenant)) == 1


async def test_the_key_list_is_newest_first_and_never_shows_secrets_or_hashes(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    made = []
    for n in range(2):
        await asyncio.sleep(0.002)  # ids order by their millisecond: see next_millisecond
        made.append(await apikeys.create_api_key(tenant.org, f"key {n}"))
    ok((await data(http, tenant, REVOKE, {"id": made[0][0].id}))["apiKeyRevoke"])
    response = await http.post("/graphql", json={"query": KEYS}, headers=tenant.headers)
    assert response.status_code == 200
    listed = [edge["node"] for edge in response.json()["data"]["apiKeys"]["edges"]]
    assert [k["id"] for k in listed] == [made[1][0].id, made[0][0].id, tenant.key.id]
    assert [k["isActive"] for k in listed] == [True, False, True]

    stored = await ApiKey.filter(organization_id=tenant.org.id)
    assert len(stored) == 3
    for row in stored:
        assert row.key_hash not in response.text
    for secret in (tenant.secret, *(secret for _, secret in made)):
        assert secret not in response.text
    for hidden in ("keyHash", "secret", "hash"):
        body = await gql(http, tenant, f"{{ apiKeys {{ edges {{ node {{ {hidden} }} }} }} }}")
        assert top_errors(body) == [("GRAPHQL_VALIDATION_FAILED", None)]


async def test_a_revoked_key_is_refused_from_the_next_request(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    made = ok(await create_key(http, tenant, "temporary"))
    caller = Bearer(made["secret"])
    assert (await viewer(http, caller))["apiKeyId"] == made["apiKey"]["id"]

    revoked = ok((await data(http, tenant, REVOKE, made["apiKey"]))["apiKeyRevoke"])["apiKey"]
    assert (revoked["isActive"], revoked["id"]) == (False, made["apiKey"]["id"])
    assert revoked["revokedAt"]
    refused = await http.post("/graphql", json={"query": VIEWER}, headers=caller.headers)
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    twice = ok((await data(http, tenant, REVOKE, made["apiKey"]))["apiKeyRevoke"])["apiKey"]
    assert twice["revokedAt"] == revoked["revokedAt"]

    # A key may revoke itself; it works no more afterwards.
    itself = (await data(http, tenant, REVOKE, {"id": tenant.key.id}))["apiKeyRevoke"]
    assert ok(itself)["apiKey"]["isActive"] is False
    after = await http.post("/graphql", json={"query": VIEWER}, headers=tenant.headers)
    assert after.status_code == 401


async def test_revoking_a_foreign_or_unknown_key_is_not_found(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    for key_id in (other_tenant.key.id, "key_" + "0" * 26, "nope"):
        payload = (await data(http, tenant, REVOKE, {"id": key_id}))["apiKeyRevoke"]
        assert (payload["apiKey"], codes(payload)) == (None, [("NOT_FOUND", "id")])
    assert (await viewer(http, other_tenant))["apiKeyId"] == other_tenant.key.id
    assert [k["isActive"] for k in await keys(http, other_tenant)] == [True]
    assert [k["id"] for k in await keys(http, tenant)] == [tenant.key.id]


# --- Viewer and organizationUpdate ------------------------------------------------------------


async def test_the_viewer_is_the_keys_organization(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    seen = await viewer(http, tenant)
    assert seen["apiKeyId"] == tenant.key.id
    organization = seen["organization"]
    assert organization["id"] == tenant.org.id and organization["id"].startswith("org_")
    del organization["id"], organization["createdAt"]
    assert organization == {
        "name": "Acme Studio",
        "email": "",
        "address": "",
        "taxId": "",
        "phone": "",
        "currency": "USD",
        "timezone": "UTC",
        "locale": "en_US",
        "paperSize": "A4",
        "plan": "unlimited",
        "invoiceNumberPattern": "INV-{seq:04}",
        "nextInvoiceNumber": 1,
        "estimateNumberPattern": "EST-{seq:04}",
        "nextEstimateNumber": 1,
    }
    theirs = await viewer(http, other_tenant)
    assert (theirs["organization"]["id"], theirs["organization"]["name"]) == (
        other_tenant.org.id,
        "Other Org",
    )


async def test_organization_update_changes_settings_and_numbering(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    changes = {
        "name": "Acme Studio SARL",
        "email": "billing@acme.test",
        "address": "1 rue de la Paix\nParis",
        "taxId": "FR123",
        "phone": "+33 1 23",
        "currency": "eur",
        "timezone": "Pacific/Kiritimati",
        "locale": "fr-FR",
        "paperSize": "LETTER",
        "invoiceNumberPattern": "F-{seq:05}",
        "nextInvoiceNumber": 42,
        "estimateNumberPattern": "Q{seq}",
        "nextEstimateNumber": 7,
    }
    payload = ok((await data(http, tenant, UPDATE, {"input": changes}))["organizationUpdate"])
    expected = {**changes, "currency": "EUR", "locale": "fr_FR"}
    organization = payload["organization"]
    assert {key: organization[key] for key in changes} == expected
    assert (await viewer(http, tenant))["organization"] == organization

    client = await seed_client(tenant)
    invoice = await new_document(http, tenant, client)
    estimate = await new_document(http, tenant, client, estimate=True)
    assert (invoice["number"], invoice["currency"], estimate["number"]) == ("F-00042", "EUR", "Q7")
    assert invoice["issueDate"] == datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    numbering = (await viewer(http, tenant))["organization"]
    assert (numbering["nextInvoiceNumber"], numbering["nextEstimateNumber"]) == (43, 8)

    # Fields left out keep their value.
    renamed = ok(
        (await data(http, tenant, UPDATE, {"input": {"name": "Acme"}}))["organizationUpdate"]
    )
    assert renamed["organization"] == {
        **organization,
        "name": "Acme",
        "nextInvoiceNumber": 43,
        "nextEstimateNumber": 8,
    }


INVALID_UPDATES: list[tuple[Json, str]] = [
    ({"name": ""}, "name"),
    ({"name": None}, "name"),
    ({"email": "not-an-email"}, "email"),
    ({"currency": "XXX"}, "currency"),
    ({"currency": None}, "currency"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"locale": "zz_ZZ"}, "locale"),
    ({"paperSize": None}, "paperSize"),
    ({"invoiceNumberPattern": "INV"}, "invoiceNumberPattern"),
    ({"invoiceNumberPattern": "{seq}-{seq}"}, "invoiceNumberPattern"),
    ({"estimateNumberPattern": "E" * 41 + "{seq}"}, "estimateNumberPattern"),
    ({"nextInvoiceNumber": 0}, "nextInvoiceNumber"),
    ({"nextEstimateNumber": -5}, "nextEstimateNumber"),
    # A valid setting beside an invalid one is not applied either.
    ({"name": "Renamed", "currency": "EUR", "timezone": "Nowhere"}, "timezone"),
    ({"name": "Renamed", "nextInvoiceNumber": 0}, "nextInvoiceNumber"),
    ({"invoiceNumberPattern": "F-{seq}", "estimateNumberPattern": "bad"}, "estimateNumberPattern"),
]


async def test_invalid_settings_are_refused_and_change_nothing(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    before = await viewer(http, tenant)
    payloads = await batch(
        http,
        tenant,
        "organizationUpdate",
        {"input": "OrganizationUpdateInput!"},
        [{"input": changes} for changes, _ in INVALID_UPDATES],
        f"organization {{ id }} {ERRORS}",
    )
    for (changes, field), payload in zip(INVALID_UPDATES, payloads, strict=True):
        assert (changes, payload["organization"], codes(payload)) == (
            changes,
            None,
            [("VALIDATION", field)],
        )
    assert await viewer(http, tenant) == before
    body = await gql(http, tenant, UPDATE, {"input": {"paperSize": "A5"}})
    assert top_errors(body) == [("GRAPHQL_VALIDATION_FAILED", None)]


async def test_the_numbering_stays_within_graphqls_int(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    body = await gql(http, tenant, UPDATE, {"input": {"nextInvoiceNumber": 2147483647}})
    assert [(e["code"], e["field"]) for e in body["data"]["organizationUpdate"]["errors"]] == [
        ("VALIDATION", "nextInvoiceNumber")
    ]
    ok(
        (await data(http, tenant, UPDATE, {"input": {"nextInvoiceNumber": 2147483646}}))[
            "organizationUpdate"
        ]
    )
    client = await seed_client(tenant)
    assert (await new_document(http, tenant, client))["number"] == "INV-2147483646"
    body = await gql(http, tenant, VIEWER)
    assert "errors" not in body, body["errors"]


async def test_two_updates_in_one_operation_each_show_their_numbering(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    payloads = await batch(
        http,
        tenant,
        "organizationUpdate",
        {"input": "OrganizationUpdateInput!"},
        [{"input": {"nextInvoiceNumber": n}} for n in (5, 9)],
        "organization { nextInvoiceNumber }",
    )
    assert [p["organization"]["nextInvoiceNumber"] for p in payloads] == [5, 9]


async def test_a_dated_pattern_restarts_each_year_by_the_issue_date(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    today = datetime.now(ZoneInfo(tenant.org.timezone)).date()
    updated = (
        await data(
            http,
            tenant,
            UPDATE,
            {"input": {"invoiceNumberPattern": "INV-{YYYY}-{SEQ:4}", "nextInvoiceNumber": 42}},
        )
    )["organizationUpdate"]
    shown = ok(updated)["organization"]
    assert (shown["invoiceNumberPattern"], shown["nextInvoiceNumber"]) == (
        "INV-{YYYY}-{SEQ:4}",
        42,
    )
    client = await new_client(http, tenant)
    year = today.year
    numbers = [
        (await new_document(http, tenant, client["id"], issueDate=day))["number"]
        for day in (today.isoformat(), f"{year}-12-31", f"{year + 1}-01-01", f"{year + 1}-01-01")
    ]
    assert numbers == [
        f"INV-{year}-0042",
        f"INV-{year}-0043",
        f"INV-{year + 1}-0001",
        f"INV-{year + 1}-0002",
    ]
    viewer = (await data(http, tenant, VIEWER))["viewer"]["organization"]
    assert viewer["nextInvoiceNumber"] == 44  # this year's
    refused = (await data(http, tenant, UPDATE, {"input": {"invoiceNumberPattern": "{MM}-{SEQ}"}}))[
        "organizationUpdate"
    ]
    assert refused["errors"][0]["field"] == "invoiceNumberPattern"
