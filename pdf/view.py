"""What a document's PDF (and its public page) shows, formatted for its organization.

`build_view` turns the stored rows into display strings: amounts and dates through Babel, in the
organization's locale and the document's currency, from the very values billing/ stored and the
APIs return (quantized to the currency, never recomputed). `render_html` puts a view through
templates/document.html, which autoescapes everything and holds no template data in its <style>.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Final

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, format_percent

from billing import display
from billing.credit_notes import Shown
from billing.documents import tax_lines
from billing.lifecycle import amount_due
from billing.money import STORED_PLACES
from billing.totals import taxes_of
from models import Client, Document, LineItem, Organization
from models.enums import DiscountType, DocumentStatus, TaxCategory
from models.taxes import AppliedTax, TaxLine

if TYPE_CHECKING:
    from jinja2 import Environment

#: The Content-Security-Policy every rendering carries as the first element of its <head>: only
#: inline styles and data: images and fonts load, and no <base> can redirect relative URLs.
#: (form-action is not covered by default-src; the public page sets it in its HTTP header.)
CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'"
)

# Statuses stamped across the document; the others are the business of the API, not the paper.
_STAMPS: Final = {
    DocumentStatus.PAID: "Paid",
    DocumentStatus.VOID: "Void",
    DocumentStatus.ACCEPTED: "Accepted",
}


@dataclass(frozen=True, slots=True)
class Party:
    """The organization or the client as printed; `address` keeps its line breaks."""

    name: str
    address: str
    email: str
    phone: str
    tax_id: str


@dataclass(frozen=True, slots=True)
class Line:
    """One line item, every number already formatted."""

    description: str
    quantity: str
    unit_price: str
    tax_rate: str
    amount: str


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled amount under the line table; `rate` qualifies the label (Tax 10%), `basis`
    is what a tax was applied to, `note` why no tax is charged."""

    label: str
    value: str
    rate: str = ""
    basis: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class DocumentView:
    """Everything the document template shows, as display strings."""

    title: str
    number: str
    lang: str
    direction: str
    currency: str
    issue_date: str
    due_label: str
    due_date: str
    stamp: str
    recipient_label: str
    organization: Party
    client: Party
    lines: tuple[Line, ...]
    summary: tuple[Row, ...]
    total: Row
    balance: tuple[Row, ...]
    notes: str
    terms: str
    # An invoice's amount due, as its balance shows it (empty for other documents).
    amount_due: str = ""


class _Format:
    """Babel formatting, in one locale and currency, of the values billing.display shows.

    Amounts have the decimals the document was rounded to (its `minor_units`, ISO 4217's),
    never CLDR's, which Babel would otherwise apply (it shows IQD 1.500 as "IQD2")."""

    def __init__(self, locale: Locale, currency: str, places: int) -> None:
        self.locale = locale
        self.currency = currency
        self.places = places
        self._exact = self._pattern(places, places)
        self._finer = self._pattern(places, STORED_PLACES)

    def _pattern(self, least: int, most: int) -> NumberPattern:
        pattern: NumberPattern = copy.copy(self.locale.currency_formats["standard"])
        pattern.frac_prec = (least, most)
        return pattern

    def money(self, value: Decimal) -> str:
        """An amount, rounded to the currency as billing/ rounds it ($5,500.00, ¥5,500)."""
        shown: str = self._exact.apply(
            display.money(value, self.places),
            self.locale,
            currency=self.currency,
            currency_digits=False,
        )
        return shown

    def price(self, value: Decimal) -> str:
        """A unit price, which may be finer than the currency ($0.0125 per SMS)."""
        shown: str = self._finer.apply(
            display.unit_price(value, self.places),
            self.locale,
            currency=self.currency,
            currency_digits=False,
            decimal_quantization=False,
        )
        return shown

    def number(self, value: Decimal) -> str:
        """A quantity, with exactly the decimals it has (1.5, 0.0125, 40)."""
        return format_decimal(display.plain(value), locale=self.locale, decimal_quantization=False)

    def percent(self, rate: Decimal) -> str:
        """A rate stored as a percentage (7.5 -> 7.5%)."""
        return format_percent(
            display.plain(rate).scaleb(-2), locale=self.locale, decimal_quantization=False
        )


def _party(who: Organization | Client) -> Party:
    return Party(
        name=who.name, address=who.address, email=who.email, phone=who.phone, tax_id=who.tax_id
    )


def _summary(document: Document, lines: Sequence[LineItem], fmt: _Format) -> list[Row]:
    rows = [Row("Subtotal", fmt.money(document.subtotal))]
    if document.discount_total > 0:
        percent = ""
        if document.discount_type is DiscountType.PERCENT:
            percent = fmt.percent(document.discount_value)
        rows.append(Row("Discount", fmt.money(-document.discount_total), percent))
    # The breakdown billing/ stored (as VAT invoices must show: each rate's taxable amount and
    # tax), whose rows add up to the document's tax total.
    included = "incl. " if document.prices_include_tax else ""
    for row in tax_lines(document, lines):
        rows.append(_tax_row(row, fmt, included))
    return rows


def _tax_row(row: TaxLine, fmt: _Format, prefix: str) -> Row:
    tax, rate = row.tax, fmt.percent(row.tax.rate)
    label = tax.name or ("Tax" if tax.category is TaxCategory.S else f"Tax ({tax.category})")
    reason = " ".join(filter(None, (tax.exemption_reason, tax.exemption_reason_code)))
    return Row(
        label=prefix + label,
        value=fmt.money(row.tax_amount),
        rate="" if rate in label else rate,  # "VAT 20%" says its rate already
        basis=fmt.money(row.taxable_amount),
        note=reason,
    )


def _line_taxes(document: Document, line: LineItem, fmt: _Format) -> str:
    """A line's taxes as its Tax column shows them: 20%, 5% + 9.975%, or 0%."""
    return _rates(taxes_of(line, tax=document.tax, tax2=document.tax2), fmt)


def _rates(taxes: Sequence[AppliedTax], fmt: _Format) -> str:
    return " + ".join(fmt.percent(tax.rate) for tax in taxes) or fmt.percent(Decimal(0))


def build_view(
    document: Document,
    *,
    organization: Organization,
    client: Client,
    lines: Sequence[LineItem],
) -> DocumentView:
    """The display strings of `document` with its organization, client and ordered lines."""
    locale = Locale.parse(organization.locale)
    fmt = _Format(locale, document.currency, document.minor_units)
    estimate = document.is_estimate
    balance: list[Row] = []
    if not estimate:
        if document.amount_paid > 0:
            balance.append(Row("Amount paid", fmt.money(document.amount_paid)))
        if document.amount_credited > 0:
            balance.append(Row("Credited", fmt.money(-document.amount_credited)))
        if document.amount_refunded > 0:
            balance.append(Row("Refunded", fmt.money(document.amount_refunded)))
        due = amount_due(document)
        if due < 0:  # paid and credited beyond the total: the client holds a credit
            balance.append(Row("Credit balance", fmt.money(-due)))
        else:
            balance.append(Row("Amount due", fmt.money(due)))
    return DocumentView(
        title="Estimate" if estimate else "Invoice",
        number=document.number,
        lang=str(locale).replace("_", "-"),
        direction=locale.text_direction,
        currency=document.currency,
        issue_date=format_date(document.issue_date, "long", locale=locale),
        due_label="Valid until" if estimate else "Due date",
        due_date=format_date(document.due_date, "long", locale=locale) if document.due_date else "",
        stamp=_STAMPS.get(document.status, ""),
        recipient_label="Estimate for" if estimate else "Bill to",
        organization=_party(organization),
        client=_party(client),
        lines=tuple(
            Line(
                description=line.description,
                quantity=fmt.number(line.quantity),
                unit_price=fmt.price(line.unit_price),
                tax_rate=_line_taxes(document, line, fmt),
                amount=fmt.money(line.amount),
            )
            for line in lines
        ),
        summary=tuple(_summary(document, lines, fmt)),
        total=Row("Total", fmt.money(document.total)),
        balance=tuple(balance),
        notes=document.notes,
        terms=document.terms,
        amount_due="" if estimate else fmt.money(amount_due(document)),
    )


def build_credit_note_view(shown: Shown) -> DocumentView:
    """The display strings of a credit note: its lines' nets and taxes as credited, its
    breakdown, and the invoice it credits (number and date)."""
    note, invoice, organization = shown.note, shown.invoice, shown.organization
    locale = Locale.parse(organization.locale)
    fmt = _Format(locale, note.currency, note.minor_units)
    credited = format_date(invoice.issue_date, "long", locale=locale)
    summary = [Row("Subtotal", fmt.money(note.subtotal))]
    summary += [_tax_row(TaxLine.from_json(row), fmt, "") for row in note.tax_breakdown]
    balance = []
    if note.amount_refunded > 0:
        balance.append(Row("Refunded", fmt.money(note.amount_refunded)))
    return DocumentView(
        title="Credit note",
        number=note.number,
        lang=str(locale).replace("_", "-"),
        direction=locale.text_direction,
        currency=note.currency,
        issue_date=format_date(note.issue_date, "long", locale=locale),
        due_label="Credits invoice",
        due_date=f"{invoice.number} of {credited}",
        stamp="",
        recipient_label="Credit for",
        organization=_party(organization),
        client=_party(invoice.client),
        lines=tuple(
            Line(
                description=line.description,
                quantity="" if line.quantity is None else fmt.number(line.quantity),
                unit_price="",
                tax_rate=_rates(line.taxes, fmt),
                amount=fmt.money(line.net),
            )
            for line in shown.lines
        ),
        summary=tuple(summary),
        total=Row("Total credited", fmt.money(note.total)),
        balance=tuple(balance),
        notes=note.reason,
        terms="",
    )


@cache
def _environment() -> Environment:
    # Imported on the first rendering, not at start: a server starts without jinja2.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # Autoescaping on for every template, whatever its name: all of the view is user data.
    return Environment(
        loader=PackageLoader("pdf", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(view: DocumentView, template: str = "document.html", **context: object) -> str:
    """The HTML of `view` through `template` (document.html, or a page that extends it and
    reads what else it shows from `context`)."""
    return render_template(template, view=view, **context)


def render_template(template: str, **context: object) -> str:
    """A template of pdf/templates, autoescaped, with the CSP its <head> begins with."""
    return _environment().get_template(template).render(csp=CSP, **context)
