"""A connection loads what its nodes are asked for (graph/lookahead.py) and hands it to them:
the same answers through every way of asking (fragments, inline fragments, aliases, nested
pages), no more statements than the fields' own loaders sent, and the nodes' fields answer
without going to their loaders. What the look-ahead leaves out (a field under a directive)
the field loads itself, with the same answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graph.clients.types import Client
from graph.documents.types import DocumentFields, Invoice
from graph.payments.types import Payment
from tests.conftest import Tenant
from tests.graph.helpers import (
    Json,
    data,
    emptied_with_delete,  # noqa: F401  (overrides conftest's `db`: see its docstring)
    seed_client,
    seed_document,
    seed_payment,
)
from tests.graph.test_query_count import counting_queries

PAGE = 20
NODE = "number client { name } lineItems { description amount } payments { amount }"

# Each asks for NODE on every invoice of the page, and so answers the same JSON.
SHAPES = {
    "plain": f"{{ invoices(first: {PAGE}) {{ edges {{ node {{ {NODE} }} }} }} }}",
    "fragment": f"""
        {{ invoices(first: {PAGE}) {{ edges {{ node {{ ...Whole }} }} }} }}
        fragment Whole on Invoice {{ {NODE} }}""",
    "interface and inline fragments": f"""
        {{ invoices(first: {PAGE}) {{ edges {{ node {{
            ...Shared ... on Invoice {{ payments {{ amount }} }}
        }} }} }} }}
        fragment Shared on Document {{
            number ... {{ client {{ name }} }} ... on Node {{ ... on Invoice {{
                lineItems {{ description amount }} }} }}
        }}""",
    "fragments on the connection and the edge": f"""
        {{ invoices(first: {PAGE}) {{ ...Page }} }}
        fragment Page on InvoiceConnection {{ edges {{ ...Edge }} }}
        fragment Edge on InvoiceEdge {{ node {{ {NODE} }} }}""",
    "fields merged from several selections": f"""
        {{ invoices(first: {PAGE}) {{ edges {{ node {{ number client {{ name }} ...Rest }} }}
            edges {{ node {{ lineItems {{ description }} }} }} }} }}
        fragment Rest on Invoice {{
            client {{ name }} lineItems {{ amount }} payments {{ amount }}
        }}""",
}
# Asked under directives, which the look-ahead leaves to the fields themselves.
DIRECTED = f"""
query($yes: Boolean!) {{ invoices(first: {PAGE}) {{ edges {{ node {{
    number client @include(if: $yes) {{ name }} ... @skip(if: false) {{
        lineItems {{ description amount }} }} payments @include(if: true) {{ amount }}
}} }} }} }}"""


async def _seed(tenant: Tenant, invoices: int = PAGE) -> None:
    """Invoices over three clients, with one to three lines each; every other one sent and
    partly paid."""
    people = [await seed_client(tenant, f"Client {n}") for n in range(3)]
    for i in range(invoices):
        lines = [
            {"description": f"Line {i}.{n}", "quantity": str(n + 1), "unit_price": "12.50"}
            for n in range(1 + i % 3)
        ]
        row = await seed_document(tenant, people[i % 3], line_items=lines, sent=i % 2 == 1)
        if i % 2:
            await seed_payment(tenant, row.id, "5")


class Fallbacks:
    """How often each field loaded its own data rather than finding it on its node."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, int] = {}
        for owner, method in (
            (DocumentFields, "_load_client"),
            (DocumentFields, "_load_line_items"),
            (Invoice, "_load_payments"),
            (Client, "_load_outstanding_balance"),
            (Payment, "_load_invoice"),
        ):
            monkeypatch.setattr(owner, method, self._counted(method, getattr(owner, method)))

    def _counted(self, name: str, load: Any) -> Any:
        def counted(node: Any, info: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return load(node, info)

        return counted

    def taken(self) -> dict[str, int]:
        """The calls since the last look, forgotten."""
        calls, self.calls = self.calls, {}
        return calls


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> Fallbacks:
    return Fallbacks(monkeypatch)


async def _answer(
    http: httpx.AsyncClient, tenant: Tenant, query: str, variables: Json | None = None
) -> tuple[Json, int]:
    with counting_queries() as statements:
        answer = await data(http, tenant, query, variables)
    return answer, len(statements)


def _nodes(answer: Json, root: str = "invoices") -> Iterator[Json]:
    return (edge["node"] for edge in answer[root]["edges"])


@pytest.mark.parametrize("shape", SHAPES)
async def test_every_way_of_asking_answers_the_same_from_the_preloaded_page(
    http: httpx.AsyncClient, tenant: Tenant, fallbacks: Fallbacks, shape: str
) -> None:
    await _seed(tenant)
    directed, loaded_by_fields = await _answer(http, tenant, DIRECTED, {"yes": True})
    assert fallbacks.taken() == {
        "_load_client": PAGE,
        "_load_line_items": PAGE,
        "_load_payments": PAGE,
    }
    answer, statements = await _answer(http, tenant, SHAPES[shape])
    assert fallbacks.taken() == {}, "every node found its client, lines and payments"
    assert list(_nodes(answer)) == list(_nodes(directed))
    # The page, then one statement each for the clients, the lines and the payments.
    assert statements == loaded_by_fields == 4


async def test_the_answers_are_each_invoices_own(http: httpx.AsyncClient, tenant: Tenant) -> None:
    await _seed(tenant)
    listed = list(_nodes(await data(http, tenant, SHAPES["plain"])))
    assert len(listed) == PAGE and len({node["client"]["name"] for node in listed}) == 3
    numbers = await data(
        http, tenant, f"{{ invoices(first: {PAGE}) {{ edges {{ node {{ id }} }} }} }}"
    )
    for node, edge in zip(listed, numbers["invoices"]["edges"], strict=True):
        own = await data(
            http,
            tenant,
            f"query($id: ID!) {{ invoice(id: $id) {{ {NODE} }} }}",
            {"id": edge["node"]["id"]},
        )
        assert node == own["invoice"]


async def test_aliases_and_a_field_asked_twice(
    http: httpx.AsyncClient, tenant: Tenant, fallbacks: Fallbacks
) -> None:
    await _seed(tenant)
    plain = list(_nodes(await data(http, tenant, SHAPES["plain"])))
    aliased, statements = await _answer(
        http,
        tenant,
        f"""{{ list: invoices(first: {PAGE}) {{
            numbers: edges {{ node {{ n: number }} }}
            contents: edges {{ item: node {{
                who: client {{ name }} again: client {{ label: name }}
                lines: lineItems {{ description }} amounts: lineItems {{ amount }}
                paid: payments {{ amount }}
            }} }}
        }} }}""",
    )
    assert fallbacks.taken() == {}
    assert statements == 4
    for node, numbered, edge in zip(
        plain, aliased["list"]["numbers"], aliased["list"]["contents"], strict=True
    ):
        item = edge["item"]
        assert numbered["node"]["n"] == node["number"]
        assert item["who"] == node["client"] and item["again"] == {"label": node["client"]["name"]}
        assert [
            {**line, **amount} for line, amount in zip(item["lines"], item["amounts"], strict=True)
        ] == node["lineItems"]
        assert item["paid"] == node["payments"]


async def test_a_page_asking_for_nothing_nested_loads_nothing_more(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await _seed(tenant, 3)
    _, statements = await _answer(http, tenant, "{ invoices { edges { node { number } } } }")
    assert statements == 1


NESTED = """
{ clients(first: 3) { edges { node { name outstandingBalance { amount currency }
    invoices(first: 10) { edges { node { number client { name } lineItems { description } } } }
    estimates { edges { node { number lineItems { amount } } } }
} } } }"""


async def test_nested_pages_load_for_all_their_parents_at_once(
    http: httpx.AsyncClient, tenant: Tenant, fallbacks: Fallbacks
) -> None:
    await _seed(tenant, 9)
    client_id = await seed_client(tenant, "Zeta")  # listed last, by name: not on the page
    await seed_document(tenant, client_id, estimate=True)
    answer, statements = await _answer(http, tenant, NESTED)
    assert fallbacks.taken() == {}
    # The clients; their balances; the windows of their invoices and of their estimates
    # (two statements, and one when empty); those invoices' clients and lines.
    assert statements <= 7
    for client in _nodes(answer, "clients"):
        own = await data(
            http,
            tenant,
            "query($name: String) { clients(filter: {search: $name}) { edges { node {"
            " id outstandingBalance { amount currency } } } } }",
            {"name": client["name"]},
        )
        (mine,) = _nodes(own, "clients")
        assert client["outstandingBalance"] == mine["outstandingBalance"] != []
        invoices = list(_nodes(client, "invoices"))
        assert len(invoices) == 3
        assert all(invoice["client"] == {"name": client["name"]} for invoice in invoices)
        listed = await data(
            http,
            tenant,
            "query($id: ID!) { invoices(filter: {clientId: $id}) { edges { node {"
            " number client { name } lineItems { description } } } } }",
            {"id": mine["id"]},
        )
        assert invoices == list(_nodes(listed))
        assert client["estimates"]["edges"] == []


async def test_payments_bring_their_invoices(
    http: httpx.AsyncClient, tenant: Tenant, fallbacks: Fallbacks
) -> None:
    await _seed(tenant, 6)
    query = "{ payments { edges { node { amount invoice { id number amountPaid } } } } }"
    answer, statements = await _answer(http, tenant, query)
    assert fallbacks.taken() == {}
    assert statements == 2  # the payments, their invoices
    for payment in _nodes(answer, "payments"):
        own = await data(
            http,
            tenant,
            "query($id: ID!) { invoice(id: $id) { id number amountPaid } }",
            {"id": payment["invoice"]["id"]},
        )
        assert payment["invoice"] == own["invoice"]
