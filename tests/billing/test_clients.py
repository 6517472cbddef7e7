"""billing.clients: validation, tenancy, partial updates, soft and hard delete, lists."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from billing import clients
from billing.errors import ErrorCode, HasDocuments, NotFound, ValidationError
from billing.pagination import MAX_SEARCH_LENGTH, PageRequest
from billing.plans import UNLIMITED
from models import Client, Document
from tests.billing.factories import a_document_row
from tests.conftest import Tenant


async def snapshot(client_id: str) -> dict[str, Any]:
    """Every stored column of a client, to prove that a refused call changed nothing."""
    rows = await Client.filter(id=client_id).values()
    assert len(rows) == 1
    return rows[0]


# --- Create -----------------------------------------------------------------------------------


async def test_create_stores_cleaned_values(tenant: Tenant) -> None:
    client = await clients.create_client(
        tenant.org,
        {
            "name": "  Ada Lovelace  ",
            "email": " ada@example.com ",
            "address": "12 Analytical Row\nLondon",
            "tax_id": "GB123",
            "phone": "+44 20 0000",
            "notes": "Pays\tquickly",
        },
        UNLIMITED,
    )
    stored = await Client.get(id=client.id)
    assert stored.organization_id == tenant.org.id
    assert stored.name == "Ada Lovelace"
    assert stored.email == "ada@example.com"
    assert stored.address == "12 Analytical Row\nLondon"  # newlines are fine in text
    assert stored.tax_id == "GB123"
    assert stored.phone == "+44 20 0000"
    assert stored.notes == "Pays\tquickly"
    assert stored.is_active is True
    assert client.id.startswith("cli_")


async def test_create_without_name_is_refused_on_the_name_field(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as info:
        await clients.create_client(tenant.org, {"email": "a@example.com"}, UNLIMITED)
    assert info.value.field == "name"
    assert info.value.code is ErrorCode.VALIDATION
    assert await Client.all().count() == 0


async def test_create_accepts_fields_at_their_maximum_length(tenant: Tenant) -> None:
    client = await clients.create_client(
        tenant.org,
        {
            "name": "n" * 255,
            "email": "e" * 240 + "@example.com",  # 252 characters
            "tax_id": "t" * 64,
            "phone": "1" * 64,
            "address": "a" * 2000,
            "notes": "x" * 10000,
        },
        UNLIMITED,
    )
    stored = await Client.get(id=client.id)
    assert stored.name == "n" * 255
    assert len(stored.notes) == 10000


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   \t  "}, "name"),
        ({"name": None}, "name"),
        ({"name": 42}, "name"),
        ({"name": "n" * 256}, "name"),
        ({"name": "Ok", "email": "not-an-address"}, "email"),
        ({"name": "Ok", "email": "someone@localhost"}, "email"),
        ({"name": "Ok", "email": "two words@example.com"}, "email"),
        ({"name": "Ok", "email": "a@b@example.com"}, "email"),
        ({"name": "Ok", "email": "e" * 250 + "@example.com"}, "email"),
        ({"name": "Ok", "tax_id": "t" * 65}, "taxId"),
        ({"name": "Ok", "phone": "1" * 65}, "phone"),
        ({"name": "Ok", "address": "a" * 2001}, "address"),
        ({"name": "Ok", "notes": "x" * 10001}, "notes"),
        ({"name": "Nul\x00byte"}, "name"),
        ({"name": "Esc\x1b[31mape"}, "name"),
        ({"name": "Ok", "notes": "delete\x7f"}, "notes"),
        ({"name": "Ok", "phone": "\x07ring"}, "phone"),
        ({"name": "Ok", "address": "form\x0cfeed"}, "address"),
    ],
)
async def test_create_refuses_bad_values_and_stores_nothing(
    tenant: Tenant, values: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await clients.create_client(tenant.org, values, UNLIMITED)
    assert info.value.field == field
    assert info.value.message
    assert await Client.all().count() == 0


@pytest.mark.parametrize(
    "values",
    [
        {"name": "Ok", "website": "https://example.com"},
        {"name": "Ok", "is_active": False},
        {"name": "Ok", "id": "cli_chosen"},
        {"name": "Ok", "organization_id": "org_other"},
    ],
)
async def test_create_refuses_unknown_fields(tenant: Tenant, values: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Unknown client field"):
        await clients.create_client(tenant.org, values, UNLIMITED)
    assert await Client.all().count() == 0


# --- Tenancy ----------------------------------------------------------------------------------


async def test_another_organizations_client_is_not_found(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await clients.create_client(other_tenant.org, {"name": "Their Client"}, UNLIMITED)
    await a_document_row(other_tenant.org, theirs, "INV-1")
    before = await snapshot(theirs.id)

    attempts = [
        clients.get_client(tenant.org, theirs.id),
        clients.update_client(tenant.org, theirs.id, {"name": "Hijacked"}),
        clients.deactivate_client(tenant.org, theirs.id),
        clients.restore_client(tenant.org, theirs.id),
        clients.delete_client(tenant.org, theirs.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound) as info:
            await attempt
        assert info.value.code is ErrorCode.NOT_FOUND

    assert await snapshot(theirs.id) == before
    assert (await clients.list_clients(tenant.org, is_active=None)).total == 0
    assert (await clients.get_client(other_tenant.org, theirs.id)).name == "Their Client"


async def test_another_organizations_id_reads_like_a_missing_one(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = await clients.create_client(other_tenant.org, {"name": "Their Client"}, UNLIMITED)
    missing = "cli_" + "0" * 26
    with pytest.raises(NotFound) as foreign:
        await clients.get_client(tenant.org, theirs.id)
    with pytest.raises(NotFound) as absent:
        await clients.get_client(tenant.org, missing)
    assert foreign.value.field == absent.value.field
    assert foreign.value.message.replace(theirs.id, "ID") == absent.value.message.replace(
        missing, "ID"
    )


# --- Update -----------------------------------------------------------------------------------


async def test_update_is_partial_and_moves_updated_at(tenant: Tenant) -> None:
    client = await clients.create_client(
        tenant.org,
        {"name": "Ada", "email": "ada@example.com", "phone": "123", "notes": "keep me"},
        UNLIMITED,
    )
    before = await Client.get(id=client.id)
    await asyncio.sleep(0.01)

    returned = await clients.update_client(tenant.org, client.id, {"phone": " 456 "})

    after = await Client.get(id=client.id)
    assert returned.phone == after.phone == "456"
    assert (after.name, after.email, after.notes) == ("Ada", "ada@example.com", "keep me")
    assert after.created_at == before.created_at
    assert after.updated_at > before.updated_at


async def test_update_can_clear_an_optional_field_but_not_the_name(tenant: Tenant) -> None:
    client = await clients.create_client(
        tenant.org, {"name": "Ada", "email": "ada@example.com"}, UNLIMITED
    )
    await clients.update_client(tenant.org, client.id, {"email": ""})
    assert (await Client.get(id=client.id)).email == ""

    before = await snapshot(client.id)
    with pytest.raises(ValidationError) as info:
        await clients.update_client(tenant.org, client.id, {"name": "  "})
    assert info.value.field == "name"
    assert await snapshot(client.id) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "New name", "email": "broken"}, "email"),
        ({"phone": "1" * 65, "notes": "new notes"}, "phone"),
        ({"name": "New\x00name"}, "name"),
        ({"name": "New name", "is_active": False}, None),
    ],
)
async def test_refused_update_changes_nothing(
    tenant: Tenant, changes: dict[str, Any], field: str | None
) -> None:
    client = await clients.create_client(
        tenant.org, {"name": "Ada", "email": "ada@example.com", "notes": "old"}, UNLIMITED
    )
    before = await snapshot(client.id)
    with pytest.raises(ValidationError) as info:
        await clients.update_client(tenant.org, client.id, changes)
    assert info.value.field == field
    assert await snapshot(client.id) == before


async def test_update_does_not_overwrite_columns_it_was_not_asked_to_change(
    tenant: Tenant,
) -> None:
    """An update racing a deactivation keeps both: neither writes the other's columns back."""
    client = await clients.create_client(tenant.org, {"name": "Ada", "notes": "old"}, UNLIMITED)
    for attempt in range(5):
        await clients.restore_client(tenant.org, client.id)
        await asyncio.gather(
            clients.update_client(tenant.org, client.id, {"phone": f"555-{attempt}"}),
            clients.deactivate_client(tenant.org, client.id),
        )
        stored = await Client.get(id=client.id)
        assert stored.phone == f"555-{attempt}"
        assert stored.is_active is False
        assert stored.notes == "old"


# --- Deactivate and restore -------------------------------------------------------------------


async def test_deactivate_and_restore_round_trip(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)

    gone = await clients.deactivate_client(tenant.org, client.id)
    assert gone.is_active is False
    assert (await Client.get(id=client.id)).is_active is False
    assert (await clients.list_clients(tenant.org)).total == 0
    assert [c.id for c in (await clients.list_clients(tenant.org, is_active=False)).items] == [
        client.id
    ]
    # Still readable by id, so that its documents can show it.
    assert (await clients.get_client(tenant.org, client.id)).is_active is False

    back = await clients.restore_client(tenant.org, client.id)
    assert back.is_active is True
    assert (await Client.get(id=client.id)).is_active is True
    assert [c.id for c in (await clients.list_clients(tenant.org)).items] == [client.id]


async def test_deactivate_and_restore_are_idempotent(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    await clients.deactivate_client(tenant.org, client.id)
    before = await snapshot(client.id)
    await asyncio.sleep(0.01)

    again = await clients.deactivate_client(tenant.org, client.id)
    assert again.is_active is False
    assert await snapshot(client.id) == before  # no write, updated_at untouched

    await clients.restore_client(tenant.org, client.id)
    restored = await snapshot(client.id)
    assert restored["is_active"] is True
    assert restored["updated_at"] > before["updated_at"]
    await asyncio.sleep(0.01)
    assert (await clients.restore_client(tenant.org, client.id)).is_active is True
    assert await snapshot(client.id) == restored


# --- Lists ------------------------------------------------------------------------------------


async def make_directory(tenant: Tenant) -> dict[str, Client]:
    specs = {
        "alpha": {"name": "Alpha Corp", "email": "billing@alpha.test"},
        "beta": {"name": "Beta Ltd", "email": "Accounts@BETA.test"},
        "gamma": {"name": "Gamma 100% Ltd", "email": "g@gamma.test"},
        "delta_co": {"name": "Delta_Co", "email": "d@delta.test"},
        "deltaxco": {"name": "Deltaxco", "email": "x@deltax.test"},
        "old_alpha": {"name": "Alpha Old", "email": "old@alpha.test"},
    }
    made = {
        key: await clients.create_client(tenant.org, values, UNLIMITED)
        for key, values in specs.items()
    }
    await clients.deactivate_client(tenant.org, made["old_alpha"].id)
    return made


async def listed(tenant: Tenant, **kwargs: Any) -> set[str]:
    page = await clients.list_clients(tenant.org, page=PageRequest(limit=100), **kwargs)
    assert page.total == len(page.items)
    return {client.name for client in page.items}


async def test_list_filters_by_active_state(tenant: Tenant) -> None:
    await make_directory(tenant)
    active = {"Alpha Corp", "Beta Ltd", "Gamma 100% Ltd", "Delta_Co", "Deltaxco"}
    assert await listed(tenant) == active  # active only by default
    assert await listed(tenant, is_active=True) == active
    assert await listed(tenant, is_active=False) == {"Alpha Old"}
    assert await listed(tenant, is_active=None) == active | {"Alpha Old"}


async def test_list_search_matches_name_or_email_ignoring_case(tenant: Tenant) -> None:
    await make_directory(tenant)
    assert await listed(tenant, search="ALPHA") == {"Alpha Corp"}
    assert await listed(tenant, search="alpha", is_active=None) == {"Alpha Corp", "Alpha Old"}
    assert await listed(tenant, search="  corp  ") == {"Alpha Corp"}
    # By e-mail only, in a different case from the stored one.
    assert await listed(tenant, search="accounts@beta") == {"Beta Ltd"}
    assert await listed(tenant, search="GAMMA.TEST") == {"Gamma 100% Ltd"}
    assert await listed(tenant, search="nobody") == set()
    # A blank search is no search.
    assert len(await listed(tenant, search="   ")) == 5


async def test_list_search_takes_like_wildcards_literally(tenant: Tenant) -> None:
    await make_directory(tenant)
    assert await listed(tenant, search="%") == {"Gamma 100% Ltd"}
    assert await listed(tenant, search="100%") == {"Gamma 100% Ltd"}
    assert await listed(tenant, search="_") == {"Delta_Co"}
    assert await listed(tenant, search="delta_co") == {"Delta_Co"}  # not Deltaxco
    assert await listed(tenant, search="a%l") == set()
    assert await listed(tenant, search="\\") == set()


async def test_list_refuses_an_overlong_search(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as info:
        await clients.list_clients(tenant.org, search="x" * (MAX_SEARCH_LENGTH + 1))
    assert info.value.field == "search"


async def test_list_orders_by_name_then_id_and_pages_with_totals(tenant: Tenant) -> None:
    names = ["Mango", "Apple", "Same", "Kiwi", "Same", "Banana", "Same"]
    made = [await clients.create_client(tenant.org, {"name": n}, UNLIMITED) for n in names]
    expected = [c.id for c in sorted(made, key=lambda c: (c.name, c.id))]

    pages = [
        await clients.list_clients(tenant.org, page=PageRequest(page=n, limit=3))
        for n in (1, 2, 3, 4)
    ]
    assert [len(p.items) for p in pages] == [3, 3, 1, 0]
    assert all(p.total == 7 and p.total_pages == 3 for p in pages)
    assert [c.id for p in pages for c in p.items] == expected

    # The same order again: stable across calls.
    again = await clients.list_clients(tenant.org, page=PageRequest(limit=100))
    assert [c.id for c in again.items] == expected


async def test_list_total_counts_the_filtered_rows(tenant: Tenant) -> None:
    await make_directory(tenant)
    page = await clients.list_clients(tenant.org, search="delta", page=PageRequest(limit=1))
    assert page.total == 2
    assert page.total_pages == 2
    assert [c.name for c in page.items] == ["Delta_Co"]


# --- Hard delete ------------------------------------------------------------------------------


async def test_delete_removes_a_client_without_documents(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    keep = await clients.create_client(tenant.org, {"name": "Bob"}, UNLIMITED)
    await clients.delete_client(tenant.org, client.id)
    assert not await Client.exists(id=client.id)
    assert await Client.exists(id=keep.id)
    with pytest.raises(NotFound):
        await clients.get_client(tenant.org, client.id)


async def test_delete_is_refused_while_the_client_has_a_document(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    document = await a_document_row(tenant.org, client, "INV-1")
    before = await snapshot(client.id)

    with pytest.raises(HasDocuments) as info:
        await clients.delete_client(tenant.org, client.id)
    assert info.value.code is ErrorCode.HAS_DOCUMENTS
    assert "deactivate" in info.value.message

    assert await snapshot(client.id) == before
    assert await Document.exists(id=document.id)

    # Deactivated, it is still refused.
    await clients.deactivate_client(tenant.org, client.id)
    with pytest.raises(HasDocuments):
        await clients.delete_client(tenant.org, client.id)
    assert await Client.exists(id=client.id)


async def test_delete_counts_estimates_as_documents(tenant: Tenant) -> None:
    client = await clients.create_client(tenant.org, {"name": "Ada"}, UNLIMITED)
    await a_document_row(tenant.org, client, "EST-1", is_estimate=True)
    with pytest.raises(HasDocuments):
        await clients.delete_client(tenant.org, client.id)
    assert await Client.exists(id=client.id)
