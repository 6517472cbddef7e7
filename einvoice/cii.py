"""An e-invoice in UN/CEFACT Cross Industry Invoice (CII D16B), as the Factur-X / ZUGFeRD
EN 16931 profile and XRechnung's CII syntax carry it. Elements are written in the order the
schema requires."""

from __future__ import annotations

from typing import Final

from lxml import etree

from einvoice.document import EInvoice, Line, Party, Vat, VatRow
from einvoice.xml import Builder, money, number, serialized

NAMESPACES: Final = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
#: The specification identifiers (BT-24) of the profiles written in CII.
EN16931: Final = "urn:cen.eu:en16931:2017"
XRECHNUNG: Final = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"

_B: Final = Builder(NAMESPACES)


def write(invoice: EInvoice, *, specification: str = EN16931) -> bytes:
    """The CII XML of `invoice`, declaring `specification` (BT-24)."""
    root = _B.root("rsm:CrossIndustryInvoice")
    context = _B.add(root, "rsm:ExchangedDocumentContext")
    guideline = _B.add(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _B.add(guideline, "ram:ID", specification)
    header = _B.add(root, "rsm:ExchangedDocument")
    _B.add(header, "ram:ID", invoice.number)
    _B.add(header, "ram:TypeCode", invoice.kind.value)
    _date(header, "ram:IssueDateTime", invoice.issue_date.isoformat())
    if invoice.notes:
        note = _B.add(header, "ram:IncludedNote")
        _B.add(note, "ram:Content", invoice.notes)
    transaction = _B.add(root, "rsm:SupplyChainTradeTransaction")
    for line in invoice.lines:
        _line(transaction, line, invoice)
    _agreement(transaction, invoice)
    delivery = _B.add(transaction, "ram:ApplicableHeaderTradeDelivery")
    if invoice.delivery_country:
        ship_to = _B.add(delivery, "ram:ShipToTradeParty")
        address = _B.add(ship_to, "ram:PostalTradeAddress")
        _B.add(address, "ram:CountryID", invoice.delivery_country)
    if invoice.delivery_date is not None:
        event = _B.add(delivery, "ram:ActualDeliverySupplyChainEvent")
        _date(event, "ram:OccurrenceDateTime", invoice.delivery_date.isoformat())
    _settlement(transaction, invoice)
    return serialized(root)


def _date(parent: etree._Element, tag: str, iso: str, *, qualified: bool = False) -> None:
    holder = _B.add(parent, tag)
    kind = "qdt:DateTimeString" if qualified else "udt:DateTimeString"
    _B.add(holder, kind, iso.replace("-", ""), format="102")


def _vat(parent: etree._Element, vat: Vat) -> None:
    tax = _B.add(parent, "ram:ApplicableTradeTax")
    _B.add(tax, "ram:TypeCode", "VAT")
    _B.add(tax, "ram:CategoryCode", vat.category)
    if vat.rate is not None:
        _B.add(tax, "ram:RateApplicablePercent", number(vat.rate))


def _line(parent: etree._Element, line: Line, invoice: EInvoice) -> None:
    item = _B.add(parent, "ram:IncludedSupplyChainTradeLineItem")
    document = _B.add(item, "ram:AssociatedDocumentLineDocument")
    _B.add(document, "ram:LineID", line.id)
    product = _B.add(item, "ram:SpecifiedTradeProduct")
    _B.add(product, "ram:Name", line.name)
    agreement = _B.add(item, "ram:SpecifiedLineTradeAgreement")
    price = _B.add(agreement, "ram:NetPriceProductTradePrice")
    _B.add(price, "ram:ChargeAmount", number(line.price))
    if line.base_quantity is not None:
        _B.add(price, "ram:BasisQuantity", number(line.base_quantity), unitCode=line.unit_code)
    delivery = _B.add(item, "ram:SpecifiedLineTradeDelivery")
    _B.add(delivery, "ram:BilledQuantity", number(line.quantity), unitCode=line.unit_code)
    settlement = _B.add(item, "ram:SpecifiedLineTradeSettlement")
    _vat(settlement, line.vat)
    if line.allowance:
        allowance = _B.add(settlement, "ram:SpecifiedTradeAllowanceCharge")
        indicator = _B.add(allowance, "ram:ChargeIndicator")
        _B.add(indicator, "udt:Indicator", "false")
        _B.add(allowance, "ram:ActualAmount", money(line.allowance, invoice.places))
        _B.add(allowance, "ram:Reason", "Discount")
    summation = _B.add(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _B.add(summation, "ram:LineTotalAmount", money(line.net_amount, invoice.places))


def _party(parent: etree._Element, tag: str, party: Party) -> None:
    element = _B.add(parent, tag)
    _B.add(element, "ram:Name", party.name)
    if party.legal_registration:
        legal = _B.add(element, "ram:SpecifiedLegalOrganization")
        scheme = party.legal_registration["scheme"]
        attributes = {"schemeID": scheme} if scheme else {}
        _B.add(legal, "ram:ID", party.legal_registration["value"], **attributes)
    if party.email or party.phone:
        contact = _B.add(element, "ram:DefinedTradeContact")
        _B.add(contact, "ram:PersonName", party.name)
        if party.phone:
            phone = _B.add(contact, "ram:TelephoneUniversalCommunication")
            _B.add(phone, "ram:CompleteNumber", party.phone)
        if party.email:
            email = _B.add(contact, "ram:EmailURIUniversalCommunication")
            _B.add(email, "ram:URIID", party.email)
    address = _B.add(element, "ram:PostalTradeAddress")
    given = party.address
    if given.get("postalCode"):
        _B.add(address, "ram:PostcodeCode", given["postalCode"])
    for tag_name, text in zip(
        ("ram:LineOne", "ram:LineTwo", "ram:LineThree"), given.get("lines", []), strict=False
    ):
        if text:
            _B.add(address, tag_name, text)
    if given.get("city"):
        _B.add(address, "ram:CityName", given["city"])
    _B.add(address, "ram:CountryID", given.get("country", ""))
    if given.get("subdivision"):
        _B.add(address, "ram:CountrySubDivisionName", given["subdivision"])
    if party.peppol_id:
        uri = _B.add(element, "ram:URIUniversalCommunication")
        _B.add(uri, "ram:URIID", party.peppol_id["value"], schemeID=party.peppol_id["scheme"])
    if party.vat_id:
        registration = _B.add(element, "ram:SpecifiedTaxRegistration")
        _B.add(registration, "ram:ID", party.vat_id, schemeID="VA")
    if party.tax_registration:
        registration = _B.add(element, "ram:SpecifiedTaxRegistration")
        _B.add(registration, "ram:ID", party.tax_registration, schemeID="FC")


def _agreement(parent: etree._Element, invoice: EInvoice) -> None:
    agreement = _B.add(parent, "ram:ApplicableHeaderTradeAgreement")
    if invoice.buyer_reference:
        _B.add(agreement, "ram:BuyerReference", invoice.buyer_reference)
    _party(agreement, "ram:SellerTradeParty", invoice.seller)
    _party(agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.order_reference:
        order = _B.add(agreement, "ram:BuyerOrderReferencedDocument")
        _B.add(order, "ram:IssuerAssignedID", invoice.order_reference)


def _breakdown(parent: etree._Element, row: VatRow, places: int) -> None:
    tax = _B.add(parent, "ram:ApplicableTradeTax")
    _B.add(tax, "ram:CalculatedAmount", money(row.tax_amount, places))
    _B.add(tax, "ram:TypeCode", "VAT")
    if row.vat.exemption_reason:
        _B.add(tax, "ram:ExemptionReason", row.vat.exemption_reason)
    _B.add(tax, "ram:BasisAmount", money(row.taxable_amount, places))
    _B.add(tax, "ram:CategoryCode", row.vat.category)
    if row.vat.exemption_reason_code:
        _B.add(tax, "ram:ExemptionReasonCode", row.vat.exemption_reason_code)
    if row.vat.rate is not None:
        _B.add(tax, "ram:RateApplicablePercent", number(row.vat.rate))


def _settlement(parent: etree._Element, invoice: EInvoice) -> None:
    places = invoice.places
    settlement = _B.add(parent, "ram:ApplicableHeaderTradeSettlement")
    _B.add(settlement, "ram:InvoiceCurrencyCode", invoice.currency)
    means = invoice.payment_means
    if means:
        payment = _B.add(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _B.add(payment, "ram:TypeCode", means["code"])
        if means["iban"]:
            account = _B.add(payment, "ram:PayeePartyCreditorFinancialAccount")
            _B.add(account, "ram:IBANID", means["iban"])
            if means["accountName"]:
                _B.add(account, "ram:AccountName", means["accountName"])
        if means["bic"]:
            bank = _B.add(payment, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            _B.add(bank, "ram:BICID", means["bic"])
    for row in invoice.vat:
        _breakdown(settlement, row, places)
    if invoice.payment_terms or invoice.due_date:
        terms = _B.add(settlement, "ram:SpecifiedTradePaymentTerms")
        if invoice.payment_terms:
            _B.add(terms, "ram:Description", invoice.payment_terms)
        if invoice.due_date:
            _date(terms, "ram:DueDateDateTime", invoice.due_date.isoformat())
    summation = _B.add(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _B.add(summation, "ram:LineTotalAmount", money(invoice.line_total, places))
    _B.add(summation, "ram:TaxBasisTotalAmount", money(invoice.tax_exclusive, places))
    _B.add(
        summation,
        "ram:TaxTotalAmount",
        money(invoice.tax_total, places),
        currencyID=invoice.currency,
    )
    _B.add(summation, "ram:GrandTotalAmount", money(invoice.tax_inclusive, places))
    if invoice.paid:
        _B.add(summation, "ram:TotalPrepaidAmount", money(invoice.paid, places))
    _B.add(summation, "ram:DuePayableAmount", money(invoice.due, places))
    if invoice.preceding is not None:
        number_, issued = invoice.preceding
        reference = _B.add(settlement, "ram:InvoiceReferencedDocument")
        _B.add(reference, "ram:IssuerAssignedID", number_)
        _date(reference, "ram:FormattedIssueDateTime", issued.isoformat(), qualified=True)
