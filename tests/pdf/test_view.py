"""The document's view and HTML: billing/'s stored values formatted with Babel for the
organization's locale, the document's kind and status, direction, escaping and the CSP."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from billing import clients, documents, organizations, payments
from models import Client, Document, LineItem, Organization
from models.enums import Series
from pdf.view import CSP, DocumentView, build_view, render_html
from tests.billing.factories import WORKED_LINE, a_client, an_invoice
from tests.conftest import Backend, Tenant


async def view_of(document: Document) -> DocumentView:
    """The view of a document as stored (read back, as the PDF store reads it)."""
    stored = await Document.get(id=document.id)
    return build_view(
        stored,
        organization=await Organization.get(id=stored.organization_id),
        client=await Client.get(id=stored.client_id),
        lines=await LineItem.filter(document_id=stored.id).order_by("position"),
    )


def summary(view: DocumentView) -> list[tuple[str, str, str]]:
    return [(row.label, row.rate, row.value) for row in (*view.summary, view.total, *view.balance)]


async def test_the_worked_example_is_formatted_from_the_stored_values(tenant: Tenant) -> None:
    view = await view_of(
        await an_invoice(tenant.org, issue_date="2026-03-01", due_date="2026-03-31")
    )
    assert (view.title, view.number, view.currency) == ("Invoice", "INV-0001", "USD")
    assert view.due_date == "March 31, 2026"
    assert [
        (ln.description, ln.quantity, ln.unit_price, ln.tax_rate, ln.amount) for ln in view.lines
    ] == [("Design work", "40", "$125.00", "10%", "$5,000.00")]
    assert summary(view) == [
        ("Subtotal", "", "$5,000.00"),
        ("Tax", "10%", "$500.00"),
        ("Total", "", "$5,500.00"),
        ("Amount due", "", "$5,500.00"),
    ]


async def test_discount_and_invoice_level_tax(tenant: Tenant) -> None:
    line = {**WORKED_LINE, "tax_rate": "0"}
    invoice = await an_invoice(
        tenant.org, line_items=[line], discount_type="PERCENT", discount_value="10", tax="7.5"
    )
    view = await view_of(invoice)
    assert view.lines[0].tax_rate == "7.5%"
    assert summary(view) == [
        ("Subtotal", "", "$5,000.00"),
        ("Discount", "10%", "-$500.00"),
        ("Tax", "7.5%", "$337.50"),
        ("Total", "", "$4,837.50"),
        ("Amount due", "", "$4,837.50"),
    ]


async def test_one_tax_row_per_rate_adding_up_to_the_tax_total(tenant: Tenant) -> None:
    lines = [
        {"description": "Books", "quantity": "3", "unit_price": "19.99", "tax_rate": "5.5"},
        {"description": "Service", "quantity": "1.5", "unit_price": "80", "tax_rate": "20"},
        {"description": "Exempt", "quantity": "1", "unit_price": "10"},
        {"description": "Also books", "quantity": "1", "unit_price": "9.99", "tax_rate": "5.5"},
    ]
    invoice = await an_invoice(tenant.org, line_items=lines)
    view = await view_of(invoice)
    assert [(row.rate, row.value) for row in view.summary if row.label == "Tax"] == [
        ("5.5%", "$3.85"),
        ("20%", "$24.00"),
    ]
    assert invoice.tax_total == Decimal("27.85")  # what the rows add up to
    assert [ln.quantity for ln in view.lines] == ["3", "1.5", "1", "1"]
    assert [ln.tax_rate for ln in view.lines] == ["5.5%", "20%", "0%", "5.5%"]


async def test_unit_prices_finer_than_the_currency_keep_their_decimals(tenant: Tenant) -> None:
    line = {"description": "SMS", "quantity": "1000", "unit_price": "0.0125"}
    view = await view_of(await an_invoice(tenant.org, line_items=[line]))
    assert (view.lines[0].unit_price, view.lines[0].amount) == ("$0.0125", "$12.50")


@pytest.mark.parametrize(
    ("currency", "locale", "total"),
    [
        ("JPY", "ja_JP", "￥5,500"),
        ("KWD", "en_US", "KWD5,500.000"),
        ("IQD", "en_US", "IQD5,500.000"),  # ISO 4217's 3 decimals, not CLDR's 0
        ("EUR", "fr_FR", "5\u202f500,00\xa0€"),
        ("EUR", "de_DE", "5.500,00\xa0€"),
        ("CHF", "de_CH", "CHF\xa05\u2019500.00"),
    ],
)
async def test_amounts_follow_the_currency_and_the_locale(
    db: Backend, currency: str, locale: str, total: str
) -> None:
    org = await organizations.create_organization("Acme", currency=currency, locale=locale)
    view = await view_of(await an_invoice(org))
    assert view.total.value == total


async def test_dates_follow_the_locale(db: Backend) -> None:
    org = await organizations.create_organization("Acme", locale="fr_FR")
    view = await view_of(await an_invoice(org, issue_date="2026-02-01", due_date="2026-03-01"))
    assert (view.issue_date, view.due_date) == ("1 février 2026", "1 mars 2026")


async def test_an_estimate_says_estimate_and_owes_nothing(tenant: Tenant) -> None:
    view = await view_of(
        await an_invoice(
            tenant.org, series=Series.ESTIMATE, issue_date="2026-03-01", due_date="2026-03-31"
        )
    )
    assert (view.title, view.number) == ("Estimate", "EST-0001")
    assert (view.recipient_label, view.due_label) == ("Estimate for", "Valid until")
    assert view.balance == ()


async def test_payments_show_as_amount_paid_and_due_with_a_stamp_when_paid(
    tenant: Tenant,
) -> None:
    invoice = await an_invoice(tenant.org)
    payment = {"invoice_id": invoice.id, "payment_method": "CASH"}
    await payments.record_payment(tenant.org, {**payment, "amount": "1000"})
    view = await view_of(invoice)
    assert view.stamp == ""
    assert [(row.label, row.value) for row in view.balance] == [
        ("Amount paid", "$1,000.00"),
        ("Amount due", "$4,500.00"),
    ]
    await payments.record_payment(tenant.org, {**payment, "amount": "4500"})
    view = await view_of(invoice)
    assert view.stamp == "Paid"
    assert view.balance[-1].value == "$0.00"


async def test_a_void_invoice_is_stamped(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    await documents.void_document(tenant.org, invoice.id, series=Series.INVOICE)
    assert (await view_of(invoice)).stamp == "Void"


@pytest.mark.parametrize(
    ("locale", "direction"),
    [("en_US", "ltr"), ("ar", "rtl"), ("he_IL", "rtl"), ("fa_IR", "rtl"), ("ja_JP", "ltr")],
)
async def test_direction_and_language_follow_the_locale(
    db: Backend, locale: str, direction: str
) -> None:
    org = await organizations.create_organization("Acme", locale=locale)
    view = await view_of(await an_invoice(org))
    assert view.direction == direction
    assert view.lang == locale.replace("_", "-")
    html = render_html(view)
    assert f'<html lang="{view.lang}" dir="{direction}">' in html


class _Head(HTMLParser):
    """Records the start tags of a document and the text of its <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def parse(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


async def test_the_csp_is_the_first_element_of_the_head(tenant: Tenant) -> None:
    tags = parse(render_html(await view_of(await an_invoice(tenant.org)))).tags
    names = [name for name, _ in tags]
    head = names.index("head")
    assert tags[head + 1] == ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP})
    assert "default-src 'none'" in CSP


async def test_user_data_is_escaped_and_never_reaches_the_style(tenant: Tenant) -> None:
    hostile = "</style><script>alert(1)</script><style>body{display:none}"
    client = await a_client(tenant.org, hostile, address=hostile, email="x@example.com")
    invoice = await an_invoice(
        tenant.org,
        client,
        notes=hostile,
        terms=hostile,
        line_items=[{**WORKED_LINE, "description": hostile}],
    )
    await organizations.update_organization(tenant.org, {"name": hostile, "address": hostile})
    html = render_html(await view_of(invoice))
    assert "<script" not in html and "alert(1)" in html
    assert html.count("&lt;/style&gt;&lt;script&gt;") == 7  # names, addresses, line, notes, terms
    plain = render_html(await view_of(await an_invoice(tenant.org)))
    assert parse(html).style == parse(plain).style
    assert not re.search(r"\{\{|\{%", parse(html).style)


async def test_the_same_document_gives_the_same_html(tenant: Tenant) -> None:
    invoice = await an_invoice(tenant.org)
    first = render_html(await view_of(invoice))
    assert render_html(await view_of(invoice)) == first
    await clients.update_client(tenant.org, invoice.client_id, {"name": "Initech"})
    assert render_html(await view_of(invoice)) != first
