"""Generated e-invoices against the official rules: the CII D16B schema (as Factur-X's
EN 16931 profile restricts it) and CEN's EN 16931 Schematron, run with Saxon. Invoices and
credit notes at standard, several, zero, exempt and reverse-charge rates, discounted,
tax-inclusive, in JPY; any fatal finding fails. What a document lacks is refused with each
missing value's path."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from billing import credit_notes, documents, payments, tax_rates
from billing.errors import EInvoiceIncomplete
from einvoice import cii, ubl
from einvoice.document import EInvoice, Kind, from_credit_note, from_invoice
from einvoice.formats import Format, generate
from einvoice.validation import Syntax, fatal, validate
from models import Client, Document, TaxRate
from models.enums import Series
from tests.billing.factories import an_invoice
from tests.conftest import Tenant
from tests.einvoice.conftest import a_buyer, a_seller

RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
SYNTAXES = pytest.mark.parametrize("syntax", ["CII", "UBL"])


async def issued(tenant: Tenant, lines: list[dict[str, Any]], **fields: Any) -> Document:
    """A SENT invoice of the seller to the buyer, read back whole."""
    await a_seller(tenant.org)
    buyer = await a_buyer(tenant.org)
    fields.setdefault("due_date", "2026-04-01")
    draft = await an_invoice(tenant.org, buyer, line_items=lines, issue_date="2026-03-01", **fields)
    await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
    return await documents.get_document(tenant.org, draft.id, Series.INVOICE)


def line(
    description: str = "Design work", quantity: str = "40", price: str = "125.00", **more: Any
) -> dict[str, Any]:
    return {"description": description, "quantity": quantity, "unit_price": price, **more}


async def rate(tenant: Tenant, name: str, percent: str, category: str = "S", **more: Any) -> str:
    created = await tax_rates.create_tax_rate(
        tenant.org, {"name": name, "rate": percent, "category": category, **more}
    )
    return created.id


def written(invoice: EInvoice, syntax: str) -> tuple[bytes, Syntax]:
    """`invoice` in `syntax` (CII or UBL), with the rules that check it."""
    if syntax == "CII":
        return cii.write(invoice), Syntax.CII
    kind = Syntax.UBL_CREDIT_NOTE if invoice.kind is Kind.CREDIT_NOTE else Syntax.UBL_INVOICE
    return ubl.write(invoice), kind


def assert_valid(invoice: EInvoice, syntax: str) -> bytes:
    xml, rules = written(invoice, syntax)
    findings = validate(xml, rules)
    shown = "\n".join(f"{f.flag} {f.rule} {f.location}: {f.text}" for f in findings)
    assert fatal(findings) == [], shown
    return xml


def amounts(xml: bytes) -> dict[str, str]:
    """The totals of a document (CII or UBL), by EN 16931's names."""
    root = etree.fromstring(xml)
    summation = root.find(f".//{RAM}SpecifiedTradeSettlementHeaderMonetarySummation")
    if summation is not None:
        found = {child.tag.removeprefix(RAM): child.text or "" for child in summation}
        return {
            "total": found["GrandTotalAmount"],
            "tax": found["TaxTotalAmount"],
            "due": found["DuePayableAmount"],
        }
    return {
        "total": root.findtext(f".//{CBC}TaxInclusiveAmount") or "",
        "tax": root.findtext(f"{CAC}TaxTotal/{CBC}TaxAmount") or "",
        "due": root.findtext(f".//{CBC}PayableAmount") or "",
    }


Case = Callable[[Tenant], Awaitable[Document]]


async def standard_rate_discounted(tenant: Tenant) -> Document:
    vat = await rate(tenant, "VAT 19%", "19")
    return await issued(
        tenant,
        [
            line(tax_rate_ids=[vat], unit_code="HUR"),
            line("Print", "3", "0.33", tax_rate_ids=[vat]),
            line("Paper", "7", "1.99", tax_rate_ids=[vat], unit_code="KGM"),
        ],
        discount_type="PERCENT",
        discount_value="10",
    )


async def several_rates(tenant: Tenant) -> Document:
    full, reduced = await rate(tenant, "VAT 19%", "19"), await rate(tenant, "VAT 7%", "7")
    return await issued(
        tenant,
        [line(tax_rate_ids=[full]), line("Books", "3", "24.90", tax_rate_ids=[reduced])],
    )


async def zero_exempt_and_reverse_charge(tenant: Tenant) -> Document:
    zero = await rate(tenant, "Zero", "0", "Z")
    exempt = await rate(
        tenant, "Exempt", "0", "E", exemption_reason="Exempt medical services (Art. 132)"
    )
    return await issued(
        tenant,
        [line(tax_rate_ids=[zero]), line("Consultation", "2", "80", tax_rate_ids=[exempt])],
    )


async def reverse_charge(tenant: Tenant) -> Document:
    reverse = await rate(tenant, "Reverse charge", "0", "AE", exemption_reason_code="VATEX-EU-AE")
    return await issued(tenant, [line(tax_rate_ids=[reverse])])


async def intra_community_supply(tenant: Tenant, **fields: Any) -> Document:
    existing = await TaxRate.get_or_none(organization_id=tenant.org.id, name="Intra-EU")
    supply = (
        existing.id
        if existing
        else await rate(tenant, "Intra-EU", "0", "K", exemption_reason_code="VATEX-EU-IC")
    )
    fields.setdefault("delivery_date", "2026-02-27")
    return await issued(tenant, [line("Machine parts", tax_rate_ids=[supply])], **fields)


async def tax_inclusive(tenant: Tenant) -> Document:
    vat = await rate(tenant, "VAT 20%", "20")
    return await issued(
        tenant,
        [
            line("Ticket", "1", "500.00", tax_rate_ids=[vat]),
            line("Fee", "3", "0.99", tax_rate_ids=[vat]),
        ],
        prices_include_tax=True,
    )


async def in_yen_partly_paid(tenant: Tenant) -> Document:
    vat = await rate(tenant, "Consumption tax 10%", "10")
    document = await issued(
        tenant, [line("Design", "3", "33333", tax_rate_ids=[vat])], currency="JPY"
    )
    await payments.record_payment(
        tenant.org, {"invoice_id": document.id, "amount": "50000", "payment_method": "CASH"}
    )
    return await documents.get_document(tenant.org, document.id, Series.INVOICE)


async def legacy_tax_rate(tenant: Tenant) -> Document:
    # The v1 contract's worked example: a line's own taxRate of 10 %, category S.
    return await issued(tenant, [line(tax_rate="10")])


CASES: list[Case] = [
    standard_rate_discounted,
    several_rates,
    zero_exempt_and_reverse_charge,
    reverse_charge,
    intra_community_supply,
    tax_inclusive,
    in_yen_partly_paid,
    legacy_tax_rate,
]


@SYNTAXES
@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
async def test_invoices_pass_the_schema_and_the_en16931_rules(
    tenant: Tenant, case: Case, syntax: str
) -> None:
    document = await case(tenant)
    xml = assert_valid(from_invoice(document), syntax)
    places = min(document.minor_units, 2)
    assert amounts(xml) == {
        "total": f"{document.total:.{places}f}",
        "tax": f"{document.tax_total:.{places}f}",
        "due": f"{document.total - document.amount_paid:.{places}f}",
    }


@SYNTAXES
async def test_a_credit_note_is_type_381_referencing_its_invoice(
    tenant: Tenant, syntax: str
) -> None:
    invoice = await several_rates(tenant)
    for part in ({"amount": "1000.00"}, {}):
        note = await credit_notes.create_credit_note(tenant.org, {"invoice_id": invoice.id, **part})
        shown = await credit_notes.credit_note_shown(tenant.org, note.id)
        xml = assert_valid(from_credit_note(shown), syntax)
        root = etree.fromstring(xml)
        if syntax == "CII":
            assert root.findtext(f".//{RAM}TypeCode") == "381"
            preceding = root.findtext(f".//{RAM}InvoiceReferencedDocument/{RAM}IssuerAssignedID")
        else:
            assert root.findtext(f"{CBC}CreditNoteTypeCode") == "381"
            preceding = root.findtext(f".//{CAC}InvoiceDocumentReference/{CBC}ID")
        assert preceding == invoice.number
        assert amounts(xml)["total"] == f"{note.total:.2f}"


async def test_what_a_document_lacks_is_listed_by_path(tenant: Tenant) -> None:
    vat = await rate(tenant, "VAT 19%", "19")
    other = await rate(tenant, "Levy", "1")
    buyer = await a_buyer(tenant.org, postal_address=None)
    draft = await an_invoice(
        tenant.org,
        buyer,
        line_items=[line(tax_rate_ids=[vat]), line(tax_rate_ids=[vat, other]), line()],
    )
    await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
    document = await documents.get_document(tenant.org, draft.id, Series.INVOICE)
    with pytest.raises(EInvoiceIncomplete) as refused:
        from_invoice(document)
    assert [missing.split(":")[0] for missing in refused.value.missing] == [
        "organization.postalAddress",
        "client.postalAddress",
        "lineItems[1].taxRateIds",
        "lineItems[2].taxRateIds",
        "organization.legalRegistration",
        "organization.vatId",
        "dueDate",
    ]
    assert refused.value.field == "organization.postalAddress"


@SYNTAXES
async def test_an_intra_community_supply_states_its_delivery(tenant: Tenant, syntax: str) -> None:
    """Category K (BR-IC-11, BR-IC-12): the delivery date, and the deliver-to country, the
    buyer's unless the invoice names another; a credit note of it states the same."""
    document = await intra_community_supply(tenant, delivery_country="nl")
    assert document.delivery_country == "NL"
    for xml in (
        assert_valid(from_invoice(document), syntax),
        assert_valid(from_credit_note(await a_full_credit(tenant, document)), syntax),
    ):
        root = etree.fromstring(xml)
        if syntax == "CII":
            delivery = root.find(f".//{RAM}ApplicableHeaderTradeDelivery")
            assert delivery is not None
            assert delivery.findtext(f".//{RAM}CountryID") == "NL"
            assert (
                delivery.findtext(f".//{RAM}OccurrenceDateTime/{{*}}DateTimeString") == "20260227"
            )
        else:
            assert root.findtext(f"{CAC}Delivery/{CBC}ActualDeliveryDate") == "2026-02-27"
            assert root.findtext(f".//{CAC}DeliveryLocation//{CBC}IdentificationCode") == "NL"
    by_default = await intra_community_supply(tenant)
    assert (
        etree.fromstring(assert_valid(from_invoice(by_default), syntax)).findtext(
            f".//{RAM}ShipToTradeParty//{RAM}CountryID"
            if syntax == "CII"
            else f".//{CAC}DeliveryLocation//{CBC}IdentificationCode"
        )
        == "BE"
    )  # the buyer's


async def a_full_credit(tenant: Tenant, invoice: Document) -> credit_notes.Shown:
    note = await credit_notes.create_credit_note(tenant.org, {"invoice_id": invoice.id})
    return await credit_notes.credit_note_shown(tenant.org, note.id)


async def test_an_intra_community_supply_without_its_delivery_date_is_refused(
    tenant: Tenant,
) -> None:
    document = await intra_community_supply(tenant, delivery_date=None)
    with pytest.raises(EInvoiceIncomplete) as refused:
        from_invoice(document)
    assert list(refused.value.missing) == [
        "deliveryDate: the actual delivery date of an intra-community supply (BR-IC-11)"
    ]
    await Client.filter(id=document.client_id).update(vat_id="")
    without_vat = await documents.get_document(tenant.org, document.id, Series.INVOICE)
    with pytest.raises(EInvoiceIncomplete) as refused:
        from_invoice(without_vat)
    assert [missing.split(":")[0] for missing in refused.value.missing] == [
        "client.vatId",
        "deliveryDate",
    ]


async def test_reverse_charge_needs_the_buyers_vat_id_or_registration(tenant: Tenant) -> None:
    document = await reverse_charge(tenant)
    await Client.filter(id=document.client_id).update(vat_id="")
    with pytest.raises(EInvoiceIncomplete) as refused:
        from_invoice(await documents.get_document(tenant.org, document.id, Series.INVOICE))
    assert [missing.split(":")[0] for missing in refused.value.missing] == ["client.vatId"]
    registered = {"scheme": "0208", "value": "0403170701"}
    await Client.filter(id=document.client_id).update(legal_registration=registered)
    assert_valid(
        from_invoice(await documents.get_document(tenant.org, document.id, Series.INVOICE)), "UBL"
    )


async def test_the_rules_do_find_a_wrong_total(tenant: Tenant) -> None:
    """The validator is live: a total a cent off, or a rate row off, is a fatal finding."""
    xml = cii.write(from_invoice(await several_rates(tenant)))
    root = etree.fromstring(xml)
    grand = root.find(f".//{RAM}GrandTotalAmount")
    assert grand is not None and grand.text is not None
    grand.text = f"{float(grand.text) + 0.01:.2f}"
    tampered = etree.tostring(root)
    rules = {finding.rule for finding in fatal(validate(tampered, Syntax.CII))}
    assert "BR-CO-15" in rules
    broken = validate(xml.replace(b"<ram:TypeCode>VAT", b"<ram:TypeCode>GST", 1), Syntax.CII)
    assert fatal(broken)
    assert validate(b"<not-cii/>", Syntax.CII)[0].rule == "XSD"


@pytest.mark.parametrize("format", list(Format))
async def test_every_format_of_a_complete_invoice_passes(tenant: Tenant, format: Format) -> None:
    document = await standard_rate_discounted(tenant)
    generated = generate(from_invoice(document), format)
    assert generated.valid, [f"{f.rule}: {f.text}" for f in generated.findings if f.fatal]
    specification = b"xrechnung_3.0" if format.is_xrechnung else b"urn:cen.eu:en16931:2017"
    assert specification in generated.xml and generated.name == document.number


async def test_peppol_and_xrechnung_ask_more_and_say_what(tenant: Tenant) -> None:
    vat = await rate(tenant, "VAT 19%", "19")
    await a_seller(tenant.org, peppol_id=None, phone="", payment_means=None)
    buyer = await a_buyer(tenant.org, buyer_reference="", peppol_id=None)
    draft = await an_invoice(
        tenant.org, buyer, line_items=[line(tax_rate_ids=[vat])], due_date="2026-12-31"
    )
    await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
    invoice = from_invoice(await documents.get_document(tenant.org, draft.id, Series.INVOICE))
    assert generate(invoice, Format.CII_EN16931).valid
    with pytest.raises(EInvoiceIncomplete) as peppol:
        generate(invoice, Format.UBL_PEPPOL)
    assert [missing.split(":")[0] for missing in peppol.value.missing] == [
        "buyerReference",
        "organization.peppolId",
        "client.peppolId",
    ]
    with pytest.raises(EInvoiceIncomplete) as xrechnung:
        generate(invoice, Format.XRECHNUNG_CII)
    assert [missing.split(":")[0] for missing in xrechnung.value.missing] == [
        "buyerReference",
        "organization.paymentMeans",
        "organization.phone",
        "organization.peppolId",
        "client.peppolId",
    ]


async def test_random_documents_pass_in_both_syntaxes(tenant: Tenant) -> None:
    """Seeded random invoices (1 to 5 lines of standard, reduced, zero, exempt or reverse-charge
    VAT; discounts; prices with or without tax; EUR, JPY and KWD at 2 decimals; per-document
    rounding) and a credit note of part of each: no fatal finding in UBL or CII."""
    rng = random.Random(18)
    await a_seller(tenant.org)
    buyer = await a_buyer(tenant.org)
    rates = [
        await rate(tenant, "VAT 19%", "19"),
        await rate(tenant, "VAT 7%", "7"),
        await rate(tenant, "VAT 5.5%", "5.5"),
        await rate(tenant, "Zero", "0", "Z"),
        await rate(tenant, "Exempt", "0", "E", exemption_reason_code="VATEX-EU-132"),
        await rate(tenant, "Reverse", "0", "AE", exemption_reason_code="VATEX-EU-AE"),
    ]
    for _ in range(20):
        currency = rng.choice(["EUR", "EUR", "JPY", "KWD"])
        step = Decimal(1) if currency == "JPY" else Decimal("0.01")
        lines = [
            line(
                f"Item {n}",
                str(rng.choice([1, 2, 3, 7, 12, Decimal("0.5"), Decimal("2.25")])),
                str(rng.randint(1, 500_000) * step),
                tax_rate_ids=[rng.choice(rates)],
                unit_code=rng.choice(["C62", "HUR", "DAY", "KGM"]),
            )
            for n in range(rng.randint(1, 5))
        ]
        discount: dict[str, Any] = rng.choice(
            [{}, {"discount_type": "PERCENT", "discount_value": "12.5"}]
        )
        draft = await an_invoice(
            tenant.org,
            buyer,
            line_items=lines,
            currency=currency,
            prices_include_tax=rng.random() < 0.3,
            due_date="2026-12-31",
            **discount,
        )
        await documents.mark_sent(tenant.org, draft.id, Series.INVOICE)
        document = await documents.get_document(tenant.org, draft.id, Series.INVOICE)
        try:
            invoice = from_invoice(document)
        except EInvoiceIncomplete as refused:
            # Only a KWD amount in fils, which EN 16931's 2 decimals cannot carry.
            assert currency == "KWD" and "more than 2 decimals" in refused.message, refused
            continue
        for syntax in ("CII", "UBL"):
            assert_valid(invoice, syntax)
        part = {"amount": str((document.total / 3).quantize(step))}
        note = await credit_notes.create_credit_note(tenant.org, {"invoice_id": draft.id, **part})
        shown = await credit_notes.credit_note_shown(tenant.org, note.id)
        with contextlib.suppress(EInvoiceIncomplete):  # a KWD third in fils, as above
            credit = from_credit_note(shown)
            for syntax in ("CII", "UBL"):
                assert_valid(credit, syntax)


async def test_a_kwd_amount_in_fils_is_refused_not_rounded(tenant: Tenant) -> None:
    vat = await rate(tenant, "VAT 5%", "5")
    document = await issued(
        tenant, [line("Fee", "1", "10.125", tax_rate_ids=[vat])], currency="KWD"
    )
    with pytest.raises(EInvoiceIncomplete) as refused:
        from_invoice(document)
    assert "lineItems[0].amount: 10.125 KWD has more than 2 decimals" in refused.value.message
