"""Searching documents by a piece of their number: on SQLite through its trigram index of the
numbers (migration 7), which must find exactly what reading every number finds, and follow
every change of the documents."""

from __future__ import annotations

import pytest

from billing import documents
from billing.documents import queries
from models.enums import Series
from models.rows import Statement
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend, Tenant

NUMBERS = (
    "INV-0001",
    "INV-0420",
    "inv-abc-9",
    "ÉTÉ-2026",
    "Straße-7",
    'Q"1"-%_x',
    "A1",
    "x\\y-2026",
)
TERMS = (
    "042",
    "inv-0",
    "INV",
    "abc-9",
    "été",
    "ÉTÉ-20",
    "STRASSE",
    "straße",
    "aße-7",
    '"1"',
    '1"-%',
    "%_x",
    "_",
    "A1",
    "a",
    "\\y-",
    "2026",
    "nowhere",
)


async def found(tenant: Tenant, term: str) -> set[str]:
    page = await documents.list_documents(
        tenant.org, Series.INVOICE, documents.DocumentFilter(search=term)
    )
    return {document.number for document in page.items}


async def _numbered(tenant: Tenant) -> dict[str, str]:
    client = await a_client(tenant.org, "Nobody Matching", email="nobody@example.test")
    made = {}
    for number in NUMBERS:
        made[number] = (await an_invoice(tenant.org, client, number=number)).id
    return made


async def test_the_index_finds_what_reading_every_number_finds(
    tenant: Tenant, db: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _numbered(tenant)
    indexed = {term: await found(tenant, term) for term in TERMS}
    monkeypatch.setattr(queries, "TRIGRAM", 10**6)  # every term read against every number
    read = {term: await found(tenant, term) for term in TERMS}
    assert indexed == read
    # What both backends agree on, whatever their folding beyond it.
    assert indexed["042"] == {"INV-0420"}
    assert indexed["inv-0"] == {"INV-0001", "INV-0420"}
    assert indexed["INV"] == {"INV-0001", "INV-0420", "inv-abc-9"}
    assert indexed["été"] == indexed["ÉTÉ-20"] == {"ÉTÉ-2026"}
    assert indexed["aße-7"] == {"Straße-7"}
    assert indexed['1"-%'] == indexed["%_x"] == indexed["_"] == {'Q"1"-%_x'}
    assert indexed["\\y-"] == {"x\\y-2026"}
    assert indexed["2026"] == {"ÉTÉ-2026", "x\\y-2026"}
    assert indexed["nowhere"] == set()


async def test_the_index_follows_new_changed_and_deleted_documents(
    tenant: Tenant, db: Backend
) -> None:
    made = await _numbered(tenant)
    await documents.update_document(tenant.org, made["INV-0420"], {"number": "INV-7777"}, None)
    await documents.delete_document(tenant.org, made["INV-0001"], None)
    assert await found(tenant, "042") == set()
    assert await found(tenant, "777") == {"INV-7777"}
    assert await found(tenant, "inv-0") == set()
    again = await an_invoice(tenant.org, number="INV-0001")
    assert await found(tenant, "inv-0") == {"INV-0001"}
    await documents.delete_document(tenant.org, again.id, None)
    assert await found(tenant, "0001") == set()
    if not db.is_postgres:
        # Nothing of the deleted documents is left in the index.
        statement = Statement()
        keys = await statement.fetch(f"SELECT COUNT(*) FROM {queries.NUMBER_SEARCH_KEY}")
        statement = Statement()
        indexed = await statement.fetch(f"SELECT COUNT(*) FROM {queries.NUMBER_SEARCH}")
        assert keys[0][0] == indexed[0][0] == len(NUMBERS) - 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_search_of_a_number_reads_the_index_on_sqlite(tenant: Tenant) -> None:
    statement = Statement()
    condition = queries._number_holds(statement, "0420")
    plan = await statement.fetch(
        f"EXPLAIN QUERY PLAN SELECT 1 FROM {queries.DOCUMENTS.source} WHERE {condition}"
    )
    assert any("VIRTUAL TABLE INDEX" in str(row[-1]) for row in plan), [r[-1] for r in plan]
