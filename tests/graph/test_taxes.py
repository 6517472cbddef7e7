"""Taxes over GraphQL: the catalogue of tax rates (taxRates, taxRateCreate/Update/Delete), lines
that name rates, prices that include tax, both rounding modes, and the breakdown (`taxLines`),
the same in the PDF's text. The worked examples of docs/domain.md, through HTTP."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from tortoise import Tortoise

from models import Document
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, PAGE_INFO, codes, data, new_client, ok
from tests.graph.test_query_count import counting_queries
from tests.pdf.conftest import pdf_text

Json = dict[str, Any]

RATE_FIELDS = "id name rate category compound exemptionReason exemptionReasonCode"
TAX_LINES = (
    "taxLines { rate name category compound exemptionReason exemptionReasonCode"
    " taxableAmount taxAmount }"
)
INVOICE = (
    "id number currency taxRounding pricesIncludeTax subtotal discountTotal taxTotal total"
    " amountDue lineItems { amount discountAmount taxAmount taxes { rate name category"
    " compound taxRateId } } " + TAX_LINES
)
CREATE_RATE = (
    "mutation($input: TaxRateCreateInput!) {"
    f" taxRateCreate(input: $input) {{ taxRate {{ {RATE_FIELDS} }} {ERRORS} }} }}"
)
CREATE_INVOICE = (
    "mutation($input: InvoiceCreateInput!) {"
    f" invoiceCreate(input: $input) {{ invoice {{ {INVOICE} }} {ERRORS} }} }}"
)
UPDATE_INVOICE = (
    "mutation($id: ID!, $input: InvoiceUpdateInput!) {"
    f" invoiceUpdate(id: $id, input: $input) {{ invoice {{ {INVOICE} }} {ERRORS} }} }}"
)
ROUNDING = (
    "mutation($rounding: TaxRounding!) { organizationUpdate(input: {taxRounding: $rounding})"
    f" {{ organization {{ taxRounding }} {ERRORS} }} }}"
)


async def a_rate(http: httpx.AsyncClient, tenant: Tenant, **fields: Any) -> Json:
    """A tax rate created through taxRateCreate."""
    result = await data(http, tenant, CREATE_RATE, {"input": fields})
    rate: Json = ok(result["taxRateCreate"])["taxRate"]
    return rate


async def an_invoice(
    http: httpx.AsyncClient, tenant: Tenant, lines: list[Json], **fields: Any
) -> Json:
    """An invoice created through invoiceCreate, for a new client."""
    client = await new_client(http, tenant)
    variables = {"input": {"clientId": client["id"], "lineItems": lines, **fields}}
    result = await data(http, tenant, CREATE_INVOICE, variables)
    invoice: Json = ok(result["invoiceCreate"])["invoice"]
    return invoice


def line(amount: str, *rate_ids: str, **fields: Any) -> Json:
    return {
        "description": "Work",
        "quantity": "1",
        "unitPrice": amount,
        "taxRateIds": list(rate_ids),
        **fields,
    }


def half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def en16931_vat_findings(invoice: Json) -> list[str]:
    """What a tax authority's validator checks of a document's VAT breakdown, in EN 16931's
    own terms (an independent reading, not billing/'s code): BR-CO-17, each category's tax is
    its taxable amount times its rate, rounded to 2 decimals; BR-CO-14, the tax total is the sum
    of the categories' taxes; BR-CO-15, the total is the net plus the tax; BR-S-08, a standard
    rate's taxable amount is the sum of its lines' nets (line amount less its discount share)."""
    findings = []
    for row in invoice["taxLines"]:
        expected = half_up(Decimal(row["taxableAmount"]) * Decimal(row["rate"]) / 100)
        if Decimal(row["taxAmount"]) != expected:
            findings.append(
                f"BR-CO-17: {row['taxAmount']} != {row['taxableAmount']} x {row['rate']}%"
            )
    tax_total = sum((Decimal(row["taxAmount"]) for row in invoice["taxLines"]), Decimal(0))
    if tax_total != Decimal(invoice["taxTotal"]):
        findings.append(f"BR-CO-14: {invoice['taxTotal']} != {tax_total}")
    nets = sum(
        (Decimal(ln["amount"]) - Decimal(ln["discountAmount"]) for ln in invoice["lineItems"]),
        Decimal(0),
    )
    if not invoice["pricesIncludeTax"] and nets + tax_total != Decimal(invoice["total"]):
        findings.append(f"BR-CO-15: {invoice['total']} != {nets} + {tax_total}")
    for row in invoice["taxLines"]:
        taxed = sum(
            (
                Decimal(ln["amount"]) - Decimal(ln["discountAmount"])
                for ln in invoice["lineItems"]
                if any(
                    tax["rate"] == row["rate"] and tax["name"] == row["name"] for tax in ln["taxes"]
                )
            ),
            Decimal(0),
        )
        if not invoice["pricesIncludeTax"] and taxed != Decimal(row["taxableAmount"]):
            findings.append(f"BR-S-08: {row['taxableAmount']} != {taxed}")
    return findings


async def test_a_new_organization_rounds_per_document(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    viewer = await data(http, tenant, "{ viewer { organization { taxRounding } } }")
    assert viewer["viewer"]["organization"]["taxRounding"] == "PER_DOCUMENT"


async def test_three_lines_at_20_percent_per_document_round_once(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    invoice = await an_invoice(
        http, tenant, [line("0.33", vat["id"]), line("0.33", vat["id"]), line("0.34", vat["id"])]
    )
    assert invoice["taxRounding"] == "PER_DOCUMENT"
    assert invoice["taxLines"] == [
        {
            "rate": "20",
            "name": "VAT 20%",
            "category": "S",
            "compound": False,
            "exemptionReason": "",
            "exemptionReasonCode": "",
            "taxableAmount": "1.00",
            "taxAmount": "0.20",  # round(1.00 x 20%), not 0.07 + 0.07 + 0.07
        }
    ]
    assert (invoice["taxTotal"], invoice["total"]) == ("0.20", "1.20")
    # The lines share the one rounded tax, so they add up to it.
    assert [ln["taxAmount"] for ln in invoice["lineItems"]] == ["0.07", "0.06", "0.07"]
    assert en16931_vat_findings(invoice) == []
    taxes = invoice["lineItems"][0]["taxes"]
    assert taxes == [
        {
            "rate": "20",
            "name": "VAT 20%",
            "category": "S",
            "compound": False,
            "taxRateId": vat["id"],
        }
    ]


async def test_per_line_rounding_stays_the_way_of_an_organization_that_chose_it(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    changed = await data(http, tenant, ROUNDING, {"rounding": "PER_LINE"})
    assert ok(changed["organizationUpdate"])["organization"]["taxRounding"] == "PER_LINE"
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    invoice = await an_invoice(
        http, tenant, [line("0.33", vat["id"]), line("0.33", vat["id"]), line("0.34", vat["id"])]
    )
    assert invoice["taxRounding"] == "PER_LINE"
    assert [ln["taxAmount"] for ln in invoice["lineItems"]] == ["0.07", "0.07", "0.07"]
    assert [(row["taxableAmount"], row["taxAmount"]) for row in invoice["taxLines"]] == [
        ("1.00", "0.21")
    ]
    assert (invoice["taxTotal"], invoice["total"]) == ("0.21", "1.21")


async def test_a_tax_inclusive_500_euro_line_is_billed_at_exactly_500(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    invoice = await an_invoice(
        http, tenant, [line("500.00", vat["id"])], currency="EUR", pricesIncludeTax=True
    )
    assert invoice["pricesIncludeTax"] is True
    assert (invoice["subtotal"], invoice["taxTotal"], invoice["total"]) == (
        "500.00",
        "83.33",
        "500.00",
    )
    assert [(row["taxableAmount"], row["taxAmount"]) for row in invoice["taxLines"]] == [
        ("416.67", "83.33")
    ]
    assert invoice["amountDue"] == "500.00"


async def test_a_compound_tax_applies_to_the_net_and_the_tax_before_it(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    gst = await a_rate(http, tenant, name="GST", rate="5")
    qst = await a_rate(http, tenant, name="QST", rate="9.975", compound=True)
    invoice = await an_invoice(http, tenant, [line("100.00", gst["id"], qst["id"])], currency="CAD")
    assert [
        (row["name"], row["compound"], row["taxableAmount"], row["taxAmount"])
        for row in invoice["taxLines"]
    ] == [("GST", False, "100.00", "5.00"), ("QST", True, "105.00", "10.47")]
    assert (invoice["taxTotal"], invoice["total"]) == ("15.47", "115.47")


async def test_the_legacy_rates_are_one_inline_tax_of_the_breakdown(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    worked = {
        "description": "Design work",
        "quantity": "40",
        "unitPrice": "125.00",
        "taxRate": "10",
    }
    invoice = await an_invoice(http, tenant, [worked])
    assert invoice["taxLines"] == [
        {
            "rate": "10",
            "name": "",
            "category": "S",
            "compound": False,
            "exemptionReason": "",
            "exemptionReasonCode": "",
            "taxableAmount": "5000.00",
            "taxAmount": "500.00",
        }
    ]
    assert invoice["lineItems"][0]["taxes"] == [
        {"rate": "10", "name": "", "category": "S", "compound": False, "taxRateId": None}
    ]
    assert (invoice["taxTotal"], invoice["total"]) == ("500.00", "5500.00")


async def test_exempt_and_reverse_charge_rows_carry_their_reason(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 21%", rate="21")
    reverse = await a_rate(
        http,
        tenant,
        name="Reverse charge",
        rate="0",
        category="AE",
        exemptionReason="Reverse charge",
        exemptionReasonCode="vatex-eu-ae",
    )
    invoice = await an_invoice(
        http, tenant, [line("100.00", vat["id"]), line("250.00", reverse["id"])], currency="EUR"
    )
    assert [
        (row["category"], row["taxableAmount"], row["taxAmount"], row["exemptionReasonCode"])
        for row in invoice["taxLines"]
    ] == [("S", "100.00", "21.00", ""), ("AE", "250.00", "0.00", "VATEX-EU-AE")]
    assert invoice["total"] == "371.00"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": "VAT", "rate": "0"}, "rate", "above 0"),
        ({"name": "Zero", "rate": "5", "category": "Z"}, "rate", "rate of 0"),
        ({"name": "Exempt", "rate": "0", "category": "E"}, "exemptionReason", "needs"),
        ({"name": "VAT", "rate": "101"}, "rate", ""),
        ({"name": "VAT", "rate": "1e3"}, "rate", ""),
        ({"name": " ", "rate": "20"}, "name", ""),
        ({"name": "VAT", "rate": "20", "exemptionReason": "x"}, "exemptionReason", "no exemption"),
    ],
)
async def test_a_rate_breaking_its_category_rules_is_refused(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, field: str, words: str
) -> None:
    result = await data(http, tenant, CREATE_RATE, {"input": fields})
    payload = result["taxRateCreate"]
    assert payload["taxRate"] is None
    assert codes(payload) == [("VALIDATION", field)]
    assert words in payload["errors"][0]["message"]
    listed = await data(http, tenant, "{ taxRates { totalCount } }")
    assert listed["taxRates"]["totalCount"] == 0


async def test_a_rate_name_is_unique_in_its_organization(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    await a_rate(http, tenant, name="VAT 20%", rate="20")
    again = await data(http, tenant, CREATE_RATE, {"input": {"name": "VAT 20%", "rate": "19"}})
    assert codes(again["taxRateCreate"]) == [("VALIDATION", "name")]
    # Another organization has a catalogue of its own.
    await a_rate(http, other_tenant, name="VAT 20%", rate="20")


async def test_a_line_naming_an_unknown_or_foreign_rate_is_refused_and_nothing_is_stored(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    foreign = await a_rate(http, other_tenant, name="VAT 20%", rate="20")
    client = await new_client(http, tenant)
    for rate_id in (foreign["id"], "tax_nonexistent", "not an id"):
        variables = {"input": {"clientId": client["id"], "lineItems": [line("10.00", rate_id)]}}
        result = await data(http, tenant, CREATE_INVOICE, variables)
        assert codes(result["invoiceCreate"]) == [("VALIDATION", "lineItems[0].taxRateIds[0]")]
    assert await Document.all().count() == 0
    mine = await a_rate(http, tenant, name="VAT", rate="20")
    six = {"clientId": client["id"], "lineItems": [line("1", *[mine["id"]] * 2)]}
    twice = await data(http, tenant, CREATE_INVOICE, {"input": six})
    assert codes(twice["invoiceCreate"]) == [("VALIDATION", "lineItems[0].taxRateIds")]


async def test_a_changed_or_deleted_rate_leaves_written_lines_as_they_were(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    invoice = await an_invoice(http, tenant, [line("100.00", vat["id"])])
    changed = await data(
        http,
        tenant,
        'mutation($id: ID!) { taxRateUpdate(id: $id, input: {name: "VAT 21%", rate: "21"})'
        f" {{ taxRate {{ {RATE_FIELDS} }} {ERRORS} }} }}",
        {"id": vat["id"]},
    )
    assert ok(changed["taxRateUpdate"])["taxRate"]["rate"] == "21"
    # An edit of the draft that leaves its lines recomputes them with the copies they keep.
    edited = await data(
        http, tenant, UPDATE_INVOICE, {"id": invoice["id"], "input": {"notes": "x"}}
    )
    kept = ok(edited["invoiceUpdate"])["invoice"]
    assert (kept["taxLines"][0]["name"], kept["taxTotal"]) == ("VAT 20%", "20.00")
    deleted = await data(
        http,
        tenant,
        f"mutation($id: ID!) {{ taxRateDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        {"id": vat["id"]},
    )
    assert ok(deleted["taxRateDelete"])["deletedId"] == vat["id"]
    read = await data(
        http,
        tenant,
        f"query($id: ID!) {{ invoice(id: $id) {{ {INVOICE} }} }}",
        {"id": invoice["id"]},
    )
    assert read["invoice"]["taxLines"] == kept["taxLines"]
    assert read["invoice"]["lineItems"][0]["taxes"][0]["taxRateId"] == vat["id"]
    # Lines written anew name rates that exist.
    gone = await data(
        http,
        tenant,
        UPDATE_INVOICE,
        {"id": invoice["id"], "input": {"lineItems": [line("1", vat["id"])]}},
    )
    assert codes(gone["invoiceUpdate"]) == [("VALIDATION", "lineItems[0].taxRateIds[0]")]


async def test_a_document_stored_before_breakdowns_shows_the_one_its_lines_make(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    """A document written before migration 9 has no breakdown stored: it is computed from its
    lines, as they were priced, and is the one a document written today stores."""
    lines = [
        {"description": "Books", "quantity": "3", "unitPrice": "19.99", "taxRate": "5.5"},
        {"description": "Service", "quantity": "1.5", "unitPrice": "80", "taxRate": "20"},
        {"description": "Also books", "quantity": "1", "unitPrice": "9.99", "taxRate": "5.5"},
    ]
    await data(http, tenant, ROUNDING, {"rounding": "PER_LINE"})
    invoice = await an_invoice(http, tenant, lines, discountType="PERCENT", discountValue="5")
    await Tortoise.get_connection("default").execute_query(
        f"UPDATE document SET tax_breakdown = '[]' WHERE id = '{invoice['id']}'"
    )
    query = f"query($id: ID!) {{ invoice(id: $id) {{ {INVOICE} }} }}"
    read = await data(http, tenant, query, {"id": invoice["id"]})
    assert read["invoice"]["taxLines"] == invoice["taxLines"]
    assert [row["rate"] for row in read["invoice"]["taxLines"]] == ["5.5", "20"]


async def test_the_pdf_shows_the_breakdown_graphql_gives(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    reduced = await a_rate(http, tenant, name="VAT 5.5%", rate="5.5")
    three = await an_invoice(
        http,
        tenant,
        [
            line("0.33", vat["id"]),
            line("0.33", vat["id"]),
            line("0.34", vat["id"]),
            line("10.00", reduced["id"]),
        ],
        currency="EUR",
    )
    inclusive = await an_invoice(
        http, tenant, [line("500.00", vat["id"])], currency="EUR", pricesIncludeTax=True
    )
    texts = []
    for invoice in (three, inclusive):
        response = await http.get(f"/api/v1/invoices/{invoice['id']}/pdf", headers=tenant.headers)
        assert response.status_code == 200
        texts.append(pdf_text(response.content).splitlines())
    assert "VAT 20% on €1.00 €0.20" in texts[0]
    assert "VAT 5.5% on €10.00 €0.55" in texts[0]
    assert "Total €11.75" in texts[0]
    assert "Subtotal €500.00" in texts[1]
    assert "incl. VAT 20% on €416.67 €83.33" in texts[1]
    assert "Total €500.00" in texts[1]
    assert "Work 1 €500.00 20% €500.00" in texts[1]


async def test_the_catalogue_pages_by_name(http: httpx.AsyncClient, tenant: Tenant) -> None:
    for name in ("VAT 5%", "GST", "VAT 20%", "Exempt"):
        fields: Json = {"name": name, "rate": name.removeprefix("VAT ").rstrip("%")}
        if name == "GST":
            fields["rate"] = "5"
        if name == "Exempt":
            fields.update(rate="0", category="E", exemptionReason="Exempt by Article 132")
        await a_rate(http, tenant, **fields)
    query = (
        "query($after: String) { taxRates(first: 3, after: $after) {"
        f" totalCount {PAGE_INFO} edges {{ node {{ name }} }} }} }}"
    )
    first = (await data(http, tenant, query))["taxRates"]
    assert [edge["node"]["name"] for edge in first["edges"]] == ["Exempt", "GST", "VAT 20%"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (4, True)
    after = first["pageInfo"]["endCursor"]
    rest = (await data(http, tenant, query, {"after": after}))["taxRates"]
    assert [edge["node"]["name"] for edge in rest["edges"]] == ["VAT 5%"]
    one = first["edges"][0]["node"]["name"]
    node = await data(http, tenant, "{ taxRates(first: 1) { edges { node { id } } } }")
    rate_id = node["taxRates"]["edges"][0]["node"]["id"]
    found = await data(
        http,
        tenant,
        f'{{ node(id: "{rate_id}") {{ ... on TaxRate {{ name }} }}'
        f' taxRate(id: "{rate_id}") {{ name }} }}',
    )
    assert found == {"node": {"name": one}, "taxRate": {"name": one}}


async def test_another_organization_sees_none_of_the_catalogue(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    seen = await data(
        http,
        other_tenant,
        f'{{ taxRates {{ totalCount }} taxRate(id: "{vat["id"]}") {{ id }}'
        f' node(id: "{vat["id"]}") {{ id }} }}',
    )
    assert seen == {"taxRates": {"totalCount": 0}, "taxRate": None, "node": None}
    for mutation in (
        f'taxRateUpdate(id: "{vat["id"]}", input: {{rate: "1"}}) {{ taxRate {{ id }} {ERRORS} }}',
        f'taxRateDelete(id: "{vat["id"]}") {{ deletedId {ERRORS} }}',
    ):
        result = await data(http, other_tenant, f"mutation {{ {mutation} }}")
        assert codes(next(iter(result.values()))) == [("NOT_FOUND", "id")]
    mine = await data(http, tenant, f'{{ taxRate(id: "{vat["id"]}") {{ rate }} }}')
    assert mine["taxRate"]["rate"] == "20"


LISTED = """
query($first: Int!) {
  taxRates(first: $first) { edges { node { id name rate category } } }
  invoices(first: $first) { edges { node {
    number taxTotal taxLines { rate name taxableAmount taxAmount }
    lineItems { taxAmount taxes { rate name taxRateId } }
  } } }
}
"""


async def test_lists_with_their_taxes_cost_the_same_for_3_or_30(
    app: Starlette, http: httpx.AsyncClient, tenant: Tenant
) -> None:
    """Stored breakdowns are read with their documents, and documents stored before them have
    their lines loaded once for the page: no query per rate, document or line."""

    async def statements(first: int) -> int:
        await app.state.pdfs.drain()  # what the writes rendered in the background is done
        with counting_queries() as sent:
            body = await data(http, tenant, LISTED, {"first": first})
        assert len(body["invoices"]["edges"]) == first
        assert len(body["taxRates"]["edges"]) == first
        return len(sent)

    async def more(count: int) -> None:
        for i in range(count):
            rate = await a_rate(http, tenant, name=f"Rate {count}-{i}", rate=str(1 + i % 20))
            invoice = await an_invoice(
                http, tenant, [line("10.00", rate["id"]), line("3.00", taxRate="7")]
            )
            if i % 2:  # as if stored before migration 9
                await Tortoise.get_connection("default").execute_query(
                    f"UPDATE document SET tax_breakdown = '[]' WHERE id = '{invoice['id']}'"
                )

    await more(3)
    small = await statements(3)
    await more(27)
    assert await statements(30) == small
