"""An e-invoice in UBL 2.1: an Invoice, or a CreditNote for a credit note, as Peppol BIS
Billing 3.0 and XRechnung's UBL syntax carry it. Elements are written in the order the
schema requires; every amount carries its currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from lxml import etree

from einvoice.document import EInvoice, Kind, Line, Party, Vat
from einvoice.xml import Builder, money, number, serialized

_CAC: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_CBC: Final = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_ROOTS: Final = {
    Kind.INVOICE: ("Invoice", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
    Kind.CREDIT_NOTE: (
        "CreditNote",
        "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    ),
}
#: The specification identifiers (BT-24) of the profiles written in UBL, and Peppol's
#: business process (BT-23).
PEPPOL: Final = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
XRECHNUNG: Final = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_PROCESS: Final = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"


def write(invoice: EInvoice, *, specification: str = PEPPOL) -> bytes:
    """The UBL XML of `invoice` (an Invoice, or a CreditNote), declaring `specification`."""
    name, namespace = _ROOTS[invoice.kind]
    root = etree.Element(
        f"{{{namespace}}}{name}", nsmap={None: namespace, "cac": _CAC, "cbc": _CBC}
    )
    _Writer(Builder({"cac": _CAC, "cbc": _CBC}), invoice).header(root, specification)
    return serialized(root)


class _Writer:
    def __init__(self, builder: Builder, invoice: EInvoice) -> None:
        self.b = builder
        self.invoice = invoice
        self.credit = invoice.kind is Kind.CREDIT_NOTE

    def amount(self, parent: etree._Element, tag: str, value: Decimal) -> None:
        self.b.add(parent, tag, money(value, self.invoice.places), currencyID=self.invoice.currency)

    def header(self, root: etree._Element, specification: str) -> None:
        b, invoice = self.b, self.invoice
        b.add(root, "cbc:CustomizationID", specification)
        b.add(root, "cbc:ProfileID", PEPPOL_PROCESS)
        b.add(root, "cbc:ID", invoice.number)
        b.add(root, "cbc:IssueDate", invoice.issue_date.isoformat())
        if invoice.due_date and not self.credit:
            b.add(root, "cbc:DueDate", invoice.due_date.isoformat())
        b.add(
            root,
            "cbc:CreditNoteTypeCode" if self.credit else "cbc:InvoiceTypeCode",
            invoice.kind.value,
        )
        if invoice.notes:
            b.add(root, "cbc:Note", invoice.notes)
        b.add(root, "cbc:DocumentCurrencyCode", invoice.currency)
        if invoice.buyer_reference:
            b.add(root, "cbc:BuyerReference", invoice.buyer_reference)
        if invoice.order_reference:
            order = b.add(root, "cac:OrderReference")
            b.add(order, "cbc:ID", invoice.order_reference)
        if invoice.preceding is not None:
            number_, issued = invoice.preceding
            billing = b.add(root, "cac:BillingReference")
            reference = b.add(billing, "cac:InvoiceDocumentReference")
            b.add(reference, "cbc:ID", number_)
            b.add(reference, "cbc:IssueDate", issued.isoformat())
        self.party(b.add(root, "cac:AccountingSupplierParty"), invoice.seller)
        self.party(b.add(root, "cac:AccountingCustomerParty"), invoice.buyer)
        self.delivery(root)
        self.payment(root)
        self.taxes(root)
        self.totals(root)
        for line in invoice.lines:
            self.line(root, line)

    def party(self, holder: etree._Element, party: Party) -> None:
        b = self.b
        element = b.add(holder, "cac:Party")
        if party.peppol_id:
            b.add(
                element,
                "cbc:EndpointID",
                party.peppol_id["value"],
                schemeID=party.peppol_id["scheme"],
            )
        name = b.add(element, "cac:PartyName")
        b.add(name, "cbc:Name", party.name)
        address = b.add(element, "cac:PostalAddress")
        given = party.address
        lines = [line for line in given.get("lines", []) if line]
        if lines:
            b.add(address, "cbc:StreetName", lines[0])
        if len(lines) > 1:
            b.add(address, "cbc:AdditionalStreetName", lines[1])
        if given.get("city"):
            b.add(address, "cbc:CityName", given["city"])
        if given.get("postalCode"):
            b.add(address, "cbc:PostalZone", given["postalCode"])
        if given.get("subdivision"):
            b.add(address, "cbc:CountrySubentity", given["subdivision"])
        if len(lines) > 2:
            b.add(b.add(address, "cac:AddressLine"), "cbc:Line", lines[2])
        b.add(b.add(address, "cac:Country"), "cbc:IdentificationCode", given.get("country", ""))
        for company_id, tax_scheme in ((party.vat_id, "VAT"), (party.tax_registration, "FC")):
            if company_id:
                scheme = b.add(element, "cac:PartyTaxScheme")
                b.add(scheme, "cbc:CompanyID", company_id)
                b.add(b.add(scheme, "cac:TaxScheme"), "cbc:ID", tax_scheme)
        legal = b.add(element, "cac:PartyLegalEntity")
        b.add(legal, "cbc:RegistrationName", party.name)
        if party.legal_registration:
            scheme_id = party.legal_registration["scheme"]
            attributes = {"schemeID": scheme_id} if scheme_id else {}
            b.add(legal, "cbc:CompanyID", party.legal_registration["value"], **attributes)
        if party.email or party.phone:
            contact = b.add(element, "cac:Contact")
            b.add(contact, "cbc:Name", party.name)
            if party.phone:
                b.add(contact, "cbc:Telephone", party.phone)
            if party.email:
                b.add(contact, "cbc:ElectronicMail", party.email)

    def delivery(self, root: etree._Element) -> None:
        b, invoice = self.b, self.invoice
        if invoice.delivery_date is None and not invoice.delivery_country:
            return
        delivery = b.add(root, "cac:Delivery")
        if invoice.delivery_date is not None:
            b.add(delivery, "cbc:ActualDeliveryDate", invoice.delivery_date.isoformat())
        if invoice.delivery_country:
            location = b.add(delivery, "cac:DeliveryLocation")
            address = b.add(location, "cac:Address")
            country = b.add(address, "cac:Country")
            b.add(country, "cbc:IdentificationCode", invoice.delivery_country)

    def payment(self, root: etree._Element) -> None:
        b, invoice = self.b, self.invoice
        means = invoice.payment_means
        if means:
            element = b.add(root, "cac:PaymentMeans")
            b.add(element, "cbc:PaymentMeansCode", means["code"])
            if means["iban"]:
                account = b.add(element, "cac:PayeeFinancialAccount")
                b.add(account, "cbc:ID", means["iban"])
                if means["accountName"]:
                    b.add(account, "cbc:Name", means["accountName"])
                if means["bic"]:
                    branch = b.add(account, "cac:FinancialInstitutionBranch")
                    b.add(branch, "cbc:ID", means["bic"])
        if invoice.payment_terms:
            b.add(b.add(root, "cac:PaymentTerms"), "cbc:Note", invoice.payment_terms)

    def category(self, parent: etree._Element, tag: str, vat: Vat, *, reasons: bool) -> None:
        b = self.b
        element = b.add(parent, tag)
        b.add(element, "cbc:ID", vat.category)
        if vat.rate is not None:
            b.add(element, "cbc:Percent", number(vat.rate))
        if reasons and vat.exemption_reason_code:
            b.add(element, "cbc:TaxExemptionReasonCode", vat.exemption_reason_code)
        if reasons and vat.exemption_reason:
            b.add(element, "cbc:TaxExemptionReason", vat.exemption_reason)
        b.add(b.add(element, "cac:TaxScheme"), "cbc:ID", "VAT")

    def taxes(self, root: etree._Element) -> None:
        total = self.b.add(root, "cac:TaxTotal")
        self.amount(total, "cbc:TaxAmount", self.invoice.tax_total)
        for row in self.invoice.vat:
            subtotal = self.b.add(total, "cac:TaxSubtotal")
            self.amount(subtotal, "cbc:TaxableAmount", row.taxable_amount)
            self.amount(subtotal, "cbc:TaxAmount", row.tax_amount)
            self.category(subtotal, "cac:TaxCategory", row.vat, reasons=True)

    def totals(self, root: etree._Element) -> None:
        invoice = self.invoice
        total = self.b.add(root, "cac:LegalMonetaryTotal")
        self.amount(total, "cbc:LineExtensionAmount", invoice.line_total)
        self.amount(total, "cbc:TaxExclusiveAmount", invoice.tax_exclusive)
        self.amount(total, "cbc:TaxInclusiveAmount", invoice.tax_inclusive)
        if invoice.paid:
            self.amount(total, "cbc:PrepaidAmount", invoice.paid)
        self.amount(total, "cbc:PayableAmount", invoice.due)

    def line(self, root: etree._Element, line: Line) -> None:
        b = self.b
        element = b.add(root, "cac:CreditNoteLine" if self.credit else "cac:InvoiceLine")
        b.add(element, "cbc:ID", line.id)
        quantity = "cbc:CreditedQuantity" if self.credit else "cbc:InvoicedQuantity"
        b.add(element, quantity, number(line.quantity), unitCode=line.unit_code)
        self.amount(element, "cbc:LineExtensionAmount", line.net_amount)
        if line.allowance:
            allowance = b.add(element, "cac:AllowanceCharge")
            b.add(allowance, "cbc:ChargeIndicator", "false")
            b.add(allowance, "cbc:AllowanceChargeReason", "Discount")
            self.amount(allowance, "cbc:Amount", line.allowance)
        item = b.add(element, "cac:Item")
        b.add(item, "cbc:Name", line.name)
        self.category(item, "cac:ClassifiedTaxCategory", line.vat, reasons=False)
        price = b.add(element, "cac:Price")
        b.add(price, "cbc:PriceAmount", number(line.price), currencyID=self.invoice.currency)
        if line.base_quantity is not None:
            b.add(price, "cbc:BaseQuantity", number(line.base_quantity), unitCode=line.unit_code)
