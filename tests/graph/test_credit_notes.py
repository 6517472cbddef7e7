"""Credit notes over GraphQL: issued against an issued invoice (all of it, an amount, chosen
lines), never more than is left to credit; the invoice's amount due and credit balance, refunds,
the rules of docs/domain.md (Credit notes), and the invoice's PDF. Through HTTP."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest

from billing import credit_notes, payments
from models import CreditNote, Document, Refund
from tests.billing.factories import a_sent_document
from tests.conftest import Tenant
from tests.graph.helpers import ERRORS, codes, data, new_client, ok
from tests.graph.test_taxes import a_rate, an_invoice, en16931_vat_findings, line
from tests.pdf.conftest import pdf_text

Json = dict[str, Any]

NOTE = (
    "id number pdfUrl currency issueDate reason subtotal taxTotal total amountRefunded"
    " taxLines { rate name taxableAmount taxAmount }"
    " lines { invoiceLineIndex description quantity amount netAmount taxAmount }"
    " refunds { amount method refundDate note } invoice { number } client { name }"
)
INVOICE = (
    "id number status total amountPaid amountCredited amountRefunded amountDue creditBalance"
    " taxTotal taxLines { rate name taxableAmount taxAmount } creditNotes { number total }"
)
CREATE = (
    "mutation($input: CreditNoteCreateInput!) { creditNoteCreate(input: $input) {"
    f" creditNote {{ {NOTE} }} invoice {{ {INVOICE} }} {ERRORS} }} }}"
)
REFUND = (
    "mutation($id: ID!, $input: RefundInput!) { creditNoteRefund(id: $id, input: $input) {"
    f" refund {{ amount method }} creditNote {{ amountRefunded }} invoice {{ {INVOICE} }}"
    f" {ERRORS} }} }}"
)
WORKED = {"description": "Design work", "quantity": "40", "unitPrice": "125.00", "taxRate": "10"}


async def sent(http: httpx.AsyncClient, tenant: Tenant, lines: list[Json], **fields: Any) -> Json:
    """An invoice created and marked sent through GraphQL."""
    invoice = await an_invoice(http, tenant, lines, **fields)
    marked = await data(
        http,
        tenant,
        f"mutation($id: ID!) {{ invoiceMarkSent(id: $id) {{ invoice {{ id }} {ERRORS} }} }}",
        {"id": invoice["id"]},
    )
    ok(marked["invoiceMarkSent"])
    return invoice


async def pay(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str, amount: str) -> Json:
    result = await data(
        http,
        tenant,
        "mutation($input: PaymentCreateInput!) { paymentCreate(input: $input) {"
        f" invoice {{ {INVOICE} }} {ERRORS} }} }}",
        {"input": {"invoiceId": invoice_id, "amount": amount, "paymentMethod": "BANK_TRANSFER"}},
    )
    payload: Json = result["paymentCreate"]
    return payload


async def credit(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str, **fields: Any) -> Json:
    """creditNoteCreate's payload."""
    result = await data(http, tenant, CREATE, {"input": {"invoiceId": invoice_id, **fields}})
    payload: Json = result["creditNoteCreate"]
    return payload


async def state(http: httpx.AsyncClient, tenant: Tenant, invoice_id: str) -> Json:
    read = await data(
        http, tenant, f"query($id: ID!) {{ invoice(id: $id) {{ {INVOICE} }} }}", {"id": invoice_id}
    )
    invoice: Json = read["invoice"]
    return invoice


async def test_half_of_a_paid_invoice_credited_leaves_the_client_a_credit_then_refunded(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await sent(http, tenant, [WORKED])
    ok(await pay(http, tenant, invoice["id"], "5500.00"))
    issued = ok(
        await credit(http, tenant, invoice["id"], amount="2750.00", reason="Half the hours")
    )
    note = issued["creditNote"]
    assert (note["number"], note["subtotal"], note["taxTotal"], note["total"]) == (
        "CN-0001",
        "2500.00",
        "250.00",
        "2750.00",
    )
    assert note["taxLines"] == [
        {"rate": "10", "name": "", "taxableAmount": "2500.00", "taxAmount": "250.00"}
    ]
    assert note["lines"] == [
        {
            "invoiceLineIndex": 0,
            "description": "Design work",
            "quantity": None,
            "amount": "2750.00",
            "netAmount": "2500.00",
            "taxAmount": "250.00",
        }
    ]
    assert (note["reason"], note["invoice"]["number"]) == ("Half the hours", invoice["number"])
    pdf_of_note = await http.get(
        note["pdfUrl"].partition("/api/")[1] + note["pdfUrl"].partition("/api/")[2],
        headers=tenant.headers,
    )
    assert "Total credited $2,750.00" in pdf_text(pdf_of_note.content).splitlines()
    after = issued["invoice"]
    assert after["status"] == "PAID"
    assert (after["amountPaid"], after["amountCredited"], after["amountDue"]) == (
        "5500.00",
        "2750.00",
        "-2750.00",  # below zero: the client holds a credit
    )
    assert after["creditBalance"] == "2750.00"
    assert after["creditNotes"] == [{"number": "CN-0001", "total": "2750.00"}]
    assert await state(http, tenant, invoice["id"]) == after

    pdf = await http.get(f"/api/v1/invoices/{invoice['id']}/pdf", headers=tenant.headers)
    lines = pdf_text(pdf.content).splitlines()
    for expected in ("Amount paid $5,500.00", "Credited -$2,750.00", "Credit balance $2,750.00"):
        assert expected in lines, lines

    refunded = await data(
        http,
        tenant,
        REFUND,
        {"id": note["id"], "input": {"amount": "2750.00", "method": "BANK_TRANSFER"}},
    )
    payload = ok(refunded["creditNoteRefund"])
    assert payload["creditNote"]["amountRefunded"] == "2750.00"
    assert (payload["invoice"]["amountDue"], payload["invoice"]["creditBalance"]) == (
        "0.00",
        "0.00",
    )
    assert payload["invoice"]["status"] == "PAID"
    # Nothing more to pay back: the client's credit is spent.
    again = await data(
        http, tenant, REFUND, {"id": note["id"], "input": {"amount": "0.01", "method": "CASH"}}
    )
    assert codes(again["creditNoteRefund"]) == [("OVERCREDIT", "amount")]


async def test_a_whole_credit_is_the_invoice_tax_for_tax(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    vat = await a_rate(http, tenant, name="VAT 20%", rate="20")
    invoice = await sent(
        http,
        tenant,
        [line("0.33", vat["id"]), line("0.33", vat["id"]), line("0.34", vat["id"])],
        currency="EUR",
    )
    issued = ok(await credit(http, tenant, invoice["id"]))
    note = issued["creditNote"]
    assert (note["subtotal"], note["taxTotal"], note["total"]) == ("1.00", "0.20", "1.20")
    assert note["taxLines"] == issued["invoice"]["taxLines"]
    assert [ln["taxAmount"] for ln in note["lines"]] == ["0.07", "0.06", "0.07"]
    after = issued["invoice"]
    assert (after["amountDue"], after["creditBalance"], after["status"]) == ("0.00", "0.00", "PAID")
    # What EN 16931 checks of a document's breakdown holds of the credit note too.
    as_document = {
        "taxLines": [{**row, "rate": row["rate"]} for row in note["taxLines"]],
        "taxTotal": note["taxTotal"],
        "total": note["total"],
        "pricesIncludeTax": True,
        "lineItems": [],
    }
    assert en16931_vat_findings(as_document) == []
    nothing_left = await credit(http, tenant, invoice["id"], amount="0.01")
    assert codes(nothing_left) == [("OVERCREDIT", "amount")]


async def test_chosen_lines_by_quantity_and_amount(http: httpx.AsyncClient, tenant: Tenant) -> None:
    hosting = {"description": "Hosting", "quantity": "12", "unitPrice": "9.99"}
    invoice = await sent(http, tenant, [WORKED, hosting])  # 5500.00 + 119.88
    issued = ok(
        await credit(
            http,
            tenant,
            invoice["id"],
            lines=[{"lineIndex": 0, "quantity": "4"}, {"lineIndex": 1, "amount": "50.00"}],
        )
    )
    note = issued["creditNote"]
    assert [
        (ln["quantity"], ln["amount"], ln["netAmount"], ln["taxAmount"]) for ln in note["lines"]
    ] == [
        ("4", "550.00", "500.00", "50.00"),
        (None, "50.00", "50.00", "0.00"),
    ]
    assert note["total"] == "600.00"
    assert issued["invoice"]["amountDue"] == "5019.88"
    assert issued["invoice"]["status"] == "PARTIALLY_PAID"
    # A line credited again gets at most what is left of it; a whole line is what is left.
    rest_of_hosting = ok(await credit(http, tenant, invoice["id"], lines=[{"lineIndex": 1}]))
    assert rest_of_hosting["creditNote"]["total"] == "69.88"
    more = await credit(http, tenant, invoice["id"], lines=[{"lineIndex": 1, "amount": "0.01"}])
    assert codes(more) == [("OVERCREDIT", "lines[0]")]
    assert "0.00" in more["errors"][0]["message"]
    numbers = [n["number"] for n in (await state(http, tenant, invoice["id"]))["creditNotes"]]
    assert numbers == ["CN-0001", "CN-0002"]


async def test_a_payment_after_a_credit_pays_only_what_is_left(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await sent(http, tenant, [WORKED])
    ok(await credit(http, tenant, invoice["id"], amount="500.00"))
    owed = await data(
        http,
        tenant,
        "query($id: ID!) { invoice(id: $id) {"
        " client { outstandingBalance { amount currency } } } }",
        {"id": invoice["id"]},
    )
    assert owed["invoice"]["client"]["outstandingBalance"] == [
        {"amount": "5000.00", "currency": "USD"}
    ]
    too_much = await pay(http, tenant, invoice["id"], "5000.01")
    assert codes(too_much) == [("OVERPAYMENT", "amount")]
    assert "at most 5000.00 is due" in too_much["errors"][0]["message"]
    paid = ok(await pay(http, tenant, invoice["id"], "5000.00"))["invoice"]
    assert (paid["status"], paid["amountDue"]) == ("PAID", "0.00")


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"amount": "5500.01"}, "OVERCREDIT", "amount"),
        ({"amount": "0"}, "VALIDATION", "amount"),
        ({"amount": "-1"}, "VALIDATION", "amount"),
        ({"amount": "1.001"}, "VALIDATION", "amount"),
        ({"amount": "1", "lines": [{"lineIndex": 0}]}, "VALIDATION", "amount"),
        ({"lines": []}, "VALIDATION", "lines"),
        ({"lines": [{"lineIndex": 1}]}, "VALIDATION", "lines[0].lineIndex"),
        ({"lines": [{"lineIndex": -1}]}, "VALIDATION", "lines[0].lineIndex"),
        ({"lines": [{"lineIndex": 0}, {"lineIndex": 0}]}, "VALIDATION", "lines"),
        ({"lines": [{"lineIndex": 0, "quantity": "41"}]}, "VALIDATION", "lines[0].quantity"),
        ({"lines": [{"lineIndex": 0, "quantity": "0"}]}, "VALIDATION", "lines[0].quantity"),
        ({"lines": [{"lineIndex": 0, "amount": "5500.01"}]}, "OVERCREDIT", "lines[0]"),
        (
            {"lines": [{"lineIndex": 0, "amount": "1", "quantity": "1"}]},
            "VALIDATION",
            "lines[0].amount",
        ),
        ({"issueDate": "2000-01-01"}, "VALIDATION", "issueDate"),
        ({"reason": "x" * 2001}, "VALIDATION", "reason"),
    ],
)
async def test_a_bad_credit_is_refused_and_changes_nothing(
    http: httpx.AsyncClient, tenant: Tenant, fields: Json, code: str, field: str
) -> None:
    invoice = await sent(http, tenant, [WORKED])
    before = await state(http, tenant, invoice["id"])
    refused = await credit(http, tenant, invoice["id"], **fields)
    assert refused["creditNote"] is None
    assert codes(refused) == [(code, field)] or (
        field == "lines" and codes(refused)[0][0] == code
    ), refused
    assert await state(http, tenant, invoice["id"]) == before
    assert await CreditNote.all().count() == 0


async def test_only_an_issued_invoice_of_ones_own_is_credited(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    draft = await an_invoice(http, tenant, [WORKED])
    assert codes(await credit(http, tenant, draft["id"])) == [("INVALID_TRANSITION", "invoiceId")]
    voided = await sent(http, tenant, [WORKED])
    await data(
        http,
        tenant,
        f"mutation($id: ID!) {{ invoiceVoid(id: $id) {{ invoice {{ id }} {ERRORS} }} }}",
        {"id": voided["id"]},
    )
    assert codes(await credit(http, tenant, voided["id"])) == [("INVALID_TRANSITION", "invoiceId")]
    mine = await sent(http, tenant, [WORKED])
    assert codes(await credit(http, other_tenant, mine["id"])) == [("NOT_FOUND", "invoiceId")]
    assert codes(await credit(http, tenant, "inv_nonexistent")) == [("NOT_FOUND", "invoiceId")]
    client = await new_client(http, tenant)
    estimate = await data(
        http,
        tenant,
        "mutation($input: EstimateCreateInput!) { estimateCreate(input: $input) {"
        " estimate { id } } }",
        {"input": {"clientId": client["id"], "lineItems": [WORKED]}},
    )
    estimate_id = estimate["estimateCreate"]["estimate"]["id"]
    assert codes(await credit(http, tenant, estimate_id)) == [("VALIDATION", "invoiceId")]
    assert await CreditNote.all().count() == 0


async def test_an_invoice_with_credit_notes_is_neither_deleted_nor_voided(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await sent(http, tenant, [WORKED])
    ok(await credit(http, tenant, invoice["id"], amount="100.00"))
    for mutation in ("invoiceDelete", "invoiceVoid"):
        result = await data(
            http,
            tenant,
            f"mutation($id: ID!) {{ {mutation}(id: $id) {{ {ERRORS} }} }}",
            {"id": invoice["id"]},
        )
        assert [code for code, _ in codes(result[mutation])] == ["HAS_CREDIT_NOTES"]
    assert await Document.filter(id=invoice["id"]).exists()


async def test_a_refund_is_at_most_the_clients_credit(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    unpaid = await sent(http, tenant, [WORKED])
    note = ok(await credit(http, tenant, unpaid["id"], amount="1000.00"))["creditNote"]
    # Nothing was paid: the credit only lowers what is due, there is nothing to pay back.
    refused = await data(
        http, tenant, REFUND, {"id": note["id"], "input": {"amount": "1.00", "method": "CASH"}}
    )
    assert codes(refused["creditNoteRefund"]) == [("OVERCREDIT", "amount")]
    for bad, field in (
        ({"amount": "0", "method": "CASH"}, "amount"),
        ({"amount": "1", "method": "CASH", "refundDate": "3000-01-01"}, "refundDate"),
    ):
        result = await data(http, tenant, REFUND, {"id": note["id"], "input": bad})
        assert codes(result["creditNoteRefund"]) == [("VALIDATION", field)]
    missing = await data(
        http, tenant, REFUND, {"id": "cn_missing", "input": {"amount": "1", "method": "CASH"}}
    )
    assert codes(missing["creditNoteRefund"]) == [("NOT_FOUND", "id")]
    assert await Refund.all().count() == 0


async def test_lists_and_lookups(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    first = await sent(http, tenant, [WORKED])
    second = await sent(http, tenant, [WORKED])
    a = ok(await credit(http, tenant, first["id"], amount="10.00"))["creditNote"]
    b = ok(await credit(http, tenant, second["id"], amount="20.00"))["creditNote"]
    c = ok(await credit(http, tenant, first["id"], amount="30.00"))["creditNote"]
    listed = await data(
        http,
        tenant,
        "query($invoice: ID) { all: creditNotes(first: 2) { totalCount edges { node { number } } }"
        " one: creditNotes(filter: {invoiceId: $invoice}) { edges { node { number total } } } }",
        {"invoice": first["id"]},
    )
    assert listed["all"]["totalCount"] == 3
    assert [e["node"]["number"] for e in listed["all"]["edges"]] == ["CN-0003", "CN-0002"]
    assert [e["node"]["total"] for e in listed["one"]["edges"]] == ["30.00", "10.00"]
    found = await data(
        http,
        tenant,
        f'{{ creditNote(id: "{b["id"]}") {{ number }}'
        f' node(id: "{c["id"]}") {{ ... on CreditNote {{ number }} }} }}',
    )
    assert found == {"creditNote": {"number": "CN-0002"}, "node": {"number": "CN-0003"}}
    theirs = await data(
        http,
        other_tenant,
        f'{{ creditNotes {{ totalCount }} creditNote(id: "{a["id"]}") {{ id }}'
        f' node(id: "{a["id"]}") {{ id }} }}',
    )
    assert theirs == {"creditNotes": {"totalCount": 0}, "creditNote": None, "node": None}


async def test_credit_notes_nested_in_a_list_cost_the_same_for_3_or_30(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    from tests.graph.test_query_count import counting_queries

    query = """
    query($first: Int!) { invoices(first: $first) { edges { node {
      number amountCredited
      creditNotes { number total lines { amount taxAmount } refunds { amount }
        invoice { number } client { name } }
    } } } }
    """

    async def more(count: int) -> None:  # seeded through billing: 5 requests each is a lot
        for _ in range(count):
            invoice = await a_sent_document(tenant.org)
            await payments.record_payment(
                tenant.org, {"invoice_id": invoice.id, "amount": "5500", "payment_method": "CASH"}
            )
            note = await credit_notes.create_credit_note(
                tenant.org, {"invoice_id": invoice.id, "amount": "100"}
            )
            await credit_notes.record_refund(
                tenant.org, note.id, {"amount": "50", "method": "CASH"}
            )

    async def statements(first: int) -> int:
        with counting_queries() as sent_statements:
            body = await data(http, tenant, query, {"first": first})
        assert len(body["invoices"]["edges"]) == first
        assert all(e["node"]["creditNotes"] for e in body["invoices"]["edges"])
        return len(sent_statements)

    await more(3)
    small = await statements(3)
    await more(27)
    assert await statements(30) == small


async def test_amounts_add_up_after_any_sequence(http: httpx.AsyncClient, tenant: Tenant) -> None:
    """total = amountPaid + amountCredited - amountRefunded + amountDue, after each step."""
    invoice = await sent(http, tenant, [WORKED])
    steps: list[Callable[[], Awaitable[Json]]] = [
        lambda: credit(http, tenant, invoice["id"], amount="1000.00"),
        lambda: pay(http, tenant, invoice["id"], "4500.00"),
        lambda: credit(http, tenant, invoice["id"], lines=[{"lineIndex": 0, "quantity": "2"}]),
    ]
    for step in steps:
        ok(await step())
        now = await state(http, tenant, invoice["id"])
        total = Decimal(now["amountPaid"]) + Decimal(now["amountCredited"])
        total += Decimal(now["amountDue"]) - Decimal(now["amountRefunded"])
        assert total == Decimal(now["total"]), now
    assert now["creditBalance"] == "275.00"


async def test_the_public_page_shows_the_credit_note_without_a_key(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    invoice = await sent(http, tenant, [WORKED])
    issued = await data(
        http,
        tenant,
        "mutation($input: CreditNoteCreateInput!) { creditNoteCreate(input: $input) {"
        f" creditNote {{ number publicUrl }} {ERRORS} }} }}",
        {"input": {"invoiceId": invoice["id"], "amount": "550.00", "reason": "Four hours"}},
    )
    note = ok(issued["creditNoteCreate"])["creditNote"]
    path = "/d/" + note["publicUrl"].partition("/d/")[2]
    page = await http.get(path)  # no key: the link is the credential
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for shown in ("Credit note", note["number"], invoice["number"], "Four hours", "$550.00"):
        assert shown in page.text, shown
    assert page.headers["content-security-policy"]
    pdf = await http.get(path + "/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert "Total credited $550.00" in pdf_text(pdf.content).splitlines()
    for wrong in ("/d/cn/not-a-token", "/d/cn/" + "A" * 43):
        missing = await http.get(wrong)
        assert missing.status_code == 404 and "There is no document at this link" in missing.text


async def test_the_payloads_invoice_shows_the_credit_notes_its_write_saw(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    """creditNoteCreate's and creditNoteRefund's invoice.creditNotes come from the write's own
    transaction: asking for them reads no credit note more. (Only reads of credit notes are
    counted: the PDF refresh each write starts in the background reads other tables.)"""
    from tests.graph.test_query_count import counting_queries

    def credit_note_reads(statements: list[str]) -> int:
        return sum(1 for sql in statements if re.search(r'FROM "credit_note"(?!_)', sql))

    invoice = await sent(http, tenant, [WORKED])
    await pay(http, tenant, invoice["id"], "5500.00")
    create = (
        "mutation($input: CreditNoteCreateInput!) { creditNoteCreate(input: $input) {"
        " creditNote { number } invoice { amountDue %s } errors { code } } }"
    )

    async def issued(fields: str) -> tuple[Json, int]:
        variables = {"input": {"invoiceId": invoice["id"], "amount": "100.00"}}
        with counting_queries() as statements:
            result = await data(http, tenant, create % fields, variables)
        return ok(result["creditNoteCreate"]), credit_note_reads(statements)

    await issued("")  # a first credit reads no earlier ones: the two compared both do
    bare, without = await issued("")
    nested, with_notes = await issued("creditNotes { number total }")
    assert with_notes == without
    assert nested["invoice"]["creditNotes"] == [
        {"number": f"CN-000{n}", "total": "100.00"} for n in (1, 2, 3)
    ]
    assert bare["invoice"]["amountDue"] == "-200.00"
    assert nested["invoice"]["amountDue"] == "-300.00"

    refund = (
        "mutation($id: ID!, $input: RefundInput!) { creditNoteRefund(id: $id, input: $input) {"
        " invoice { amountDue %s } errors { code } } }"
    )
    note_id = (await CreditNote.get(number="CN-0003", organization_id=tenant.org.id)).id

    async def refunded(fields: str) -> tuple[Json, int]:
        variables = {"id": note_id, "input": {"amount": "10.00", "method": "CASH"}}
        with counting_queries() as statements:
            result = await data(http, tenant, refund % fields, variables)
        return ok(result["creditNoteRefund"]), credit_note_reads(statements)

    _, without = await refunded("")
    payload, with_notes = await refunded("creditNotes { number amountRefunded }")
    assert with_notes == without
    assert payload["invoice"]["creditNotes"][2] == {"number": "CN-0003", "amountRefunded": "20.00"}
