"""An e-invoice as EN 16931 sees it, built from billing's values (never recomputed): the
document's stored totals, lines and tax breakdown, its parties as they are stored, in the
syntax-neutral terms of the standard (BT-1 number, BG-23 VAT breakdown, ...). `cii` and
`ubl` write it out.

A document that lacks what the standard requires is refused with EInvoiceIncomplete, which lists
each missing or unusable value by its path in the API (`organization.postalAddress`,
`lineItems[1].taxRateIds`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final

from billing import documents
from billing.credit_notes import Shown
from billing.errors import EInvoiceIncomplete
from billing.totals import taxes_of
from models import Client, Document, Organization
from models.enums import TaxCategory
from models.taxes import AppliedTax, TaxLine

#: EN 16931 amounts have at most 2 decimals (BR-DEC-*).
PLACES: Final = 2
# Categories whose rate is 0 and whose breakdown row needs an exemption reason (BR-E-10 ...).
_EXEMPT: Final = frozenset({TaxCategory.E, TaxCategory.AE, TaxCategory.K, TaxCategory.G})
_DEFAULT_REASONS: Final = {
    TaxCategory.AE: "Reverse charge",
    TaxCategory.K: "Intra-community supply",
    TaxCategory.G: "Export outside the EU",
    TaxCategory.O: "Not subject to VAT",
}


class Kind(StrEnum):
    """What the document is (UNTDID 1001): a commercial invoice or a credit note."""

    INVOICE = "380"
    CREDIT_NOTE = "381"


@dataclass(frozen=True, slots=True)
class Party:
    """A seller (BG-4) or buyer (BG-7)."""

    name: str
    address: dict[str, Any]  # billing.parties.postal_address's shape
    vat_id: str
    tax_registration: str  # BT-32, of the seller only: its tax id when it has no VAT id
    legal_registration: dict[str, str] | None
    peppol_id: dict[str, str] | None
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class Vat:
    """A VAT category and rate (BT-151/152, BT-118/119), with the exemption reason its
    category needs (BT-120/121)."""

    category: str
    rate: Decimal | None  # None for O (outside the scope of VAT)
    exemption_reason: str = ""
    exemption_reason_code: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """An invoice line (BG-25)."""

    id: str
    name: str
    quantity: Decimal
    unit_code: str
    net_amount: Decimal  # BT-131
    price: Decimal  # BT-146, net, for `base_quantity` units
    base_quantity: Decimal | None  # BT-149, when the price is not for one unit
    allowance: Decimal  # BT-136, its share of the document's discount
    vat: Vat


@dataclass(frozen=True, slots=True)
class VatRow:
    """A row of the VAT breakdown (BG-23)."""

    vat: Vat
    taxable_amount: Decimal
    tax_amount: Decimal


@dataclass(frozen=True, slots=True)
class EInvoice:
    """An EN 16931 invoice or credit note."""

    kind: Kind
    number: str
    issue_date: date
    due_date: date | None
    currency: str
    places: int  # the decimals its amounts are written with: the currency's, at most 2
    notes: str
    payment_terms: str
    buyer_reference: str
    order_reference: str
    delivery_date: date | None  # BT-72
    delivery_country: str  # BT-80; empty for none
    preceding: tuple[str, date] | None  # BG-3: the invoice a credit note corrects
    seller: Party
    buyer: Party
    payment_means: dict[str, str] | None
    lines: tuple[Line, ...]
    vat: tuple[VatRow, ...]
    line_total: Decimal  # BT-106
    tax_exclusive: Decimal  # BT-109
    tax_total: Decimal  # BT-110
    tax_inclusive: Decimal  # BT-112
    paid: Decimal  # BT-113
    due: Decimal  # BT-115


class _Check:
    """Collects what is missing, to refuse a document once with all of it."""

    def __init__(self) -> None:
        self.missing: list[str] = []

    def need(self, present: object, path: str, why: str = "") -> None:
        if not present:
            self.missing.append(f"{path}: {why}" if why else path)

    def done(self) -> None:
        if self.missing:
            raise EInvoiceIncomplete(self.missing)


def amount(value: Decimal, currency: str, check: _Check, path: str) -> Decimal:
    """`value` with at most 2 decimals, as EN 16931 carries amounts (a KWD amount in fils that
    2 decimals cannot hold is refused, never rounded)."""
    rounded = value.quantize(Decimal(1).scaleb(-PLACES))
    if rounded != value:
        check.missing.append(
            f"{path}: {value.normalize():f} {currency} has more than {PLACES} decimals, which "
            "EN 16931 amounts cannot carry"
        )
    return rounded


def _party(party: Organization | Client, path: str, check: _Check) -> Party:
    """A party as stored. The seller's `taxId` is its tax registration (BT-32) when it has no
    VAT identifier, as a seller outside the EU's VAT has; a buyer's `taxId` is not carried."""
    check.need(party.name, f"{path}.name")
    address = party.postal_address
    check.need(address, f"{path}.postalAddress", "with at least its country (BR-8, BR-10)")
    return Party(
        name=party.name,
        address=address or {},
        vat_id=party.vat_id,
        tax_registration=(
            party.tax_id if isinstance(party, Organization) and not party.vat_id else ""
        ),
        legal_registration=party.legal_registration,
        peppol_id=party.peppol_id,
        email=party.email,
        phone=party.phone,
    )


def _item_name(description: str) -> str:
    """A line's item name (BT-153): its description's first line, at most 200 characters."""
    return description.splitlines()[0][:200] if description else ""


def _vat(taxes: Sequence[AppliedTax], path: str, check: _Check) -> Vat:
    if len(taxes) != 1:
        check.missing.append(
            f"{path}: exactly one VAT per line (EN 16931 BG-30), this line has {len(taxes)}"
        )
        return Vat("S", Decimal(0))
    (tax,) = taxes
    return _vat_of(tax)


def _vat_of(tax: AppliedTax) -> Vat:
    category = tax.category
    rate = None if category is TaxCategory.O else tax.rate.normalize()
    reason = tax.exemption_reason or (
        _DEFAULT_REASONS.get(category, "") if not tax.exemption_reason_code else ""
    )
    if category not in _EXEMPT and category is not TaxCategory.O:
        reason = ""
    return Vat(category.value, rate, reason, tax.exemption_reason_code)


def _vat_rows(rows: Sequence[TaxLine], currency: str, check: _Check) -> tuple[VatRow, ...]:
    """The breakdown by VAT category and rate: billing's rows (one per tax) merged where two
    taxes share both."""
    merged: dict[Vat, list[Decimal]] = {}
    for row in rows:
        vat = _vat_of(row.tax)
        sums = merged.setdefault(vat, [Decimal(0), Decimal(0)])
        sums[0] += row.taxable_amount
        sums[1] += row.tax_amount
    return tuple(
        VatRow(
            vat,
            amount(taxable, currency, check, "taxLines"),
            amount(tax, currency, check, "taxLines"),
        )
        for vat, (taxable, tax) in merged.items()
    )


def _seller_vat_needed(rows: Sequence[VatRow], seller: Party, check: _Check) -> None:
    check.need(
        seller.vat_id or seller.legal_registration,
        "organization.legalRegistration",
        "a VAT identifier or a legal registration, that the buyer knows the seller by (BR-CO-26)",
    )
    categories = {row.vat.category for row in rows}
    if categories - {"O"}:
        check.need(
            seller.vat_id or seller.tax_registration,
            "organization.vatId",
            "the seller's VAT identifier, or its taxId as tax registration (BR-S-02 ...)",
        )


def _delivery(
    rows: Sequence[VatRow], seller: Party, buyer: Party, invoice: Document, check: _Check
) -> tuple[date | None, str]:
    """What reverse charge and intra-community supplies need of the parties, and the delivery
    (BT-72 date, BT-80 country) the invoice states: for an intra-community supply, the
    deliver-to country is the buyer's unless the invoice gives one."""
    categories = {row.vat.category for row in rows}
    country = invoice.delivery_country
    if "AE" in categories:
        check.need(
            buyer.vat_id or buyer.legal_registration,
            "client.vatId",
            "the buyer's VAT identifier or legal registration under reverse charge (BR-AE-02)",
        )
    if "K" in categories:
        check.need(seller.vat_id, "organization.vatId", "an intra-community supply (BR-IC-02)")
        check.need(buyer.vat_id, "client.vatId", "an intra-community supply (BR-IC-02)")
        check.need(
            invoice.delivery_date,
            "deliveryDate",
            "the actual delivery date of an intra-community supply (BR-IC-11)",
        )
        country = country or str(buyer.address.get("country") or "")
    return invoice.delivery_date, country


def from_invoice(document: Document) -> EInvoice:
    """The e-invoice of an issued invoice, read with its organization, client and lines (a
    billing read, one snapshot)."""
    check = _Check()
    currency = document.currency
    seller = _party(document.organization, "organization", check)
    buyer = _party(document.client, "client", check)
    stored = documents.lines_of(document)
    lines = []
    for index, row in enumerate(stored):
        path = f"lineItems[{index}]"
        vat = _vat(taxes_of(row, tax=document.tax, tax2=document.tax2), f"{path}.taxRateIds", check)
        gross_price = row.amount - row.discount
        net = gross_price - row.tax if document.prices_include_tax else gross_price
        if document.prices_include_tax or row.quantity == 0:
            # The net price of the whole quantity: its amount is the line's net exactly.
            price, base, allowance = net, (row.quantity or None), Decimal(0)
        else:
            price, base, allowance = row.unit_price, None, row.discount
        lines.append(
            Line(
                id=str(index + 1),
                name=_item_name(row.description),
                quantity=row.quantity,
                unit_code=row.unit_code,
                net_amount=amount(net, currency, check, f"{path}.amount"),
                price=price,
                base_quantity=base,
                allowance=amount(allowance, currency, check, f"{path}.discount"),
                vat=vat,
            )
        )
    vat_rows = _vat_rows(documents.tax_lines(document, stored), currency, check)
    _seller_vat_needed(vat_rows, seller, check)
    delivered, delivered_to = _delivery(vat_rows, seller, buyer, document, check)
    total = amount(document.total, currency, check, "total")
    tax_total = amount(document.tax_total, currency, check, "taxTotal")
    paid = amount(document.amount_paid, currency, check, "amountPaid")
    due = total - paid
    if due > 0:
        check.need(
            document.due_date or document.terms,
            "dueDate",
            "a due date or payment terms when an amount is due (BR-CO-25)",
        )
    check.done()
    net_total = sum((line.net_amount for line in lines), Decimal(0))
    return EInvoice(
        kind=Kind.INVOICE,
        number=document.number,
        issue_date=document.issue_date,
        due_date=document.due_date,
        currency=currency,
        places=min(document.minor_units, PLACES),
        notes=document.notes,
        payment_terms=document.terms,
        buyer_reference=document.buyer_reference,
        order_reference=document.purchase_order_reference,
        delivery_date=delivered,
        delivery_country=delivered_to,
        preceding=None,
        seller=seller,
        buyer=buyer,
        payment_means=document.organization.payment_means,
        lines=tuple(lines),
        vat=vat_rows,
        line_total=net_total,
        tax_exclusive=net_total,
        tax_total=tax_total,
        tax_inclusive=total,
        paid=paid,
        due=due,
    )


def from_credit_note(shown: Shown) -> EInvoice:
    """The e-invoice of a credit note (type 381, referencing its invoice), as `shown` reads
    it in one snapshot."""
    check = _Check()
    note, invoice = shown.note, shown.invoice
    currency = note.currency
    seller = _party(shown.organization, "organization", check)
    buyer = _party(invoice.client, "client", check)
    lines = []
    for index, row in enumerate(shown.lines):
        path = f"lines[{index}]"
        net = amount(row.net, currency, check, f"{path}.netAmount")
        quantity = row.quantity if row.quantity is not None and row.quantity > 0 else Decimal(1)
        lines.append(
            Line(
                id=str(index + 1),
                name=_item_name(row.description),
                quantity=quantity,
                unit_code="C62",
                net_amount=net,
                price=net,
                base_quantity=quantity if quantity != 1 else None,
                allowance=Decimal(0),
                vat=_vat(row.taxes, f"{path}.taxes", check),
            )
        )
    breakdown = [TaxLine.from_json(row) for row in note.tax_breakdown]
    vat_rows = _vat_rows(breakdown, currency, check)
    _seller_vat_needed(vat_rows, seller, check)
    delivered, delivered_to = _delivery(vat_rows, seller, buyer, invoice, check)
    total = amount(note.total, currency, check, "total")
    tax_total = amount(note.tax_total, currency, check, "taxTotal")
    check.done()
    net_total = sum((line.net_amount for line in lines), Decimal(0))
    return EInvoice(
        kind=Kind.CREDIT_NOTE,
        number=note.number,
        issue_date=note.issue_date,
        due_date=None,
        currency=currency,
        places=min(note.minor_units, PLACES),
        notes=note.reason,
        payment_terms="",
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.purchase_order_reference,
        delivery_date=delivered,
        delivery_country=delivered_to,
        preceding=(invoice.number, invoice.issue_date),
        seller=seller,
        buyer=buyer,
        payment_means=None,
        lines=tuple(lines),
        vat=vat_rows,
        line_total=net_total,
        tax_exclusive=net_total,
        tax_total=tax_total,
        tax_inclusive=total,
        paid=Decimal(0),
        due=total,
    )
