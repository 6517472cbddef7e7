"""billing.totals' tax model: taxes per line or per document, compound taxes, prices that
include tax, and the breakdown; docs/domain.md's worked examples and its invariants."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from billing.errors import ValidationError
from billing.money import minor_units, round_to
from billing.totals import Totals, compute_totals
from models.enums import TaxCategory, TaxRounding
from models.taxes import AppliedTax
from tests.billing.test_totals import LineInput

D = Decimal
PER_LINE, PER_DOCUMENT = TaxRounding.PER_LINE, TaxRounding.PER_DOCUMENT
VAT20 = AppliedTax(rate=D(20), name="VAT 20%", tax_rate_id="tax_1")
VAT10 = AppliedTax(rate=D(10), name="VAT 10%", tax_rate_id="tax_2")
GST5 = AppliedTax(rate=D(5), name="GST")
QST = AppliedTax(rate=D("9.975"), name="QST", compound=True)


def rows(totals: Totals) -> list[tuple[str, str, str]]:
    return [(r.tax.name, str(r.taxable_amount), str(r.tax_amount)) for r in totals.tax_lines]


def three_lines() -> list[LineInput]:
    return [LineInput(D(1), D(price), taxes=(VAT20,)) for price in ("0.33", "0.33", "0.34")]


def test_per_line_rounds_each_lines_tax_and_per_document_rounds_once() -> None:
    # Each line's 20% is 0.066 (0.07) or 0.068 (0.07): 0.21 per line; 1.00 x 20% = 0.20 once.
    per_line = compute_totals(three_lines(), currency="EUR", rounding=PER_LINE)
    assert (str(per_line.tax_total), rows(per_line)) == ("0.21", [("VAT 20%", "1.00", "0.21")])
    per_document = compute_totals(three_lines(), currency="EUR", rounding=PER_DOCUMENT)
    assert str(per_document.tax_total) == "0.20" and str(per_document.total) == "1.20"
    assert rows(per_document) == [("VAT 20%", "1.00", "0.20")]
    # The lines' taxes are the document's, shared by largest remainder: they add up to it.
    assert [str(line.tax) for line in per_document.lines] == ["0.07", "0.06", "0.07"]


def test_a_tax_inclusive_price_is_billed_at_exactly_that_price() -> None:
    for rounding in (PER_LINE, PER_DOCUMENT):
        totals = compute_totals(
            [LineInput(D(1), D(500), taxes=(VAT20,))],
            currency="EUR",
            rounding=rounding,
            prices_include_tax=True,
        )
        assert str(totals.total) == "500.00"
        assert (str(totals.lines[0].net), str(totals.tax_total)) == ("416.67", "83.33")
        assert rows(totals) == [("VAT 20%", "416.67", "83.33")]


def test_inclusive_lines_taxed_alike_are_divided_once_per_document() -> None:
    # Three 9.99 lines: per line each is 8.33 + 1.66 (4.98 tax); together 29.97 / 1.2 = 24.98.
    lines = [LineInput(D(1), D("9.99"), taxes=(VAT20,)) for _ in range(3)]
    per_line = compute_totals(lines, currency="EUR", prices_include_tax=True)
    per_document = compute_totals(
        lines, currency="EUR", prices_include_tax=True, rounding=PER_DOCUMENT
    )
    assert str(per_line.total) == str(per_document.total) == "29.97"
    assert rows(per_line) == [("VAT 20%", "24.99", "4.98")]
    assert rows(per_document) == [("VAT 20%", "24.98", "4.99")]


def test_what_rounding_leaves_goes_to_a_tax_on_something() -> None:
    """A yen line of 3 (371.48 x 0.0068) at 20 % and 5.5 %: net 2, taxes 0 + 0, and the 1 the
    rounding leaves goes to VAT 20 %, never to the 7 % of a line of nothing (found by the
    property test below: it had the row and no line to share it with)."""
    nothing = LineInput(D(0), D(0), tax_rate=D(7))
    reduced = AppliedTax(rate=D("5.5"), name="TVA réduite")
    small = LineInput(D("371.48"), D("0.0068"), taxes=(VAT20, reduced))
    totals = compute_totals(
        [nothing, small], currency="JPY", rounding=PER_DOCUMENT, prices_include_tax=True
    )
    assert (str(totals.total), str(totals.tax_total)) == ("3", "1")
    assert [str(line.tax) for line in totals.lines] == ["0", "1"]
    assert rows(totals) == [("", "0", "0"), ("VAT 20%", "2", "1"), ("TVA réduite", "2", "0")]


def test_a_compound_tax_is_on_the_net_and_the_taxes_before_it() -> None:
    # Quebec: GST 5% on 100.00, QST 9.975% on 105.00 (10.47375).
    totals = compute_totals([LineInput(D(1), D(100), taxes=(GST5, QST))], currency="CAD")
    assert rows(totals) == [("GST", "100.00", "5.00"), ("QST", "105.00", "10.47")]
    assert str(totals.total) == "115.47"


def test_the_legacy_rates_are_one_tax_before_the_catalogues() -> None:
    line = LineInput(D(40), D(125), tax_rate=D(10), taxes=(VAT20,))
    totals = compute_totals([line], currency="USD", tax=D(2))
    assert rows(totals) == [("", "5000.00", "600.00"), ("VAT 20%", "5000.00", "1000.00")]
    assert str(totals.total) == "6600.00"


def test_taxes_of_different_rates_are_rows_of_their_own() -> None:
    lines = [
        LineInput(D(1), D(100), taxes=(VAT20,)),
        LineInput(D(1), D(50), taxes=(VAT10,)),
        LineInput(D(1), D(30), taxes=(VAT20,)),
        LineInput(D(1), D(7)),  # untaxed: in no row
    ]
    totals = compute_totals(lines, currency="EUR", rounding=PER_DOCUMENT)
    assert rows(totals) == [("VAT 20%", "130.00", "26.00"), ("VAT 10%", "50.00", "5.00")]
    assert str(totals.total) == "218.00"


# --- Invariants, both ways of rounding, with and without tax in the prices --------------------

catalogue = st.sampled_from(
    [
        VAT20,
        VAT10,
        GST5,
        QST,
        AppliedTax(rate=D("5.5"), name="TVA réduite"),
        AppliedTax(rate=D(0), name="Exempt", category=TaxCategory.E, exemption_reason="Art. 132"),
    ]
)
amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
lines_strategy = st.lists(
    st.builds(
        LineInput,
        quantity=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False),
        unit_price=st.one_of(amounts, st.decimals(min_value=0, max_value=1, places=4)),
        tax_rate=st.sampled_from([D(0), D(0), D(7), D("8.25")]),
        taxes=st.lists(catalogue, max_size=3, unique=True).map(tuple),
    ),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(
    lines_strategy,
    st.sampled_from(["EUR", "JPY", "KWD"]),
    st.sampled_from([PER_LINE, PER_DOCUMENT]),
    st.booleans(),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)),
)
def test_taxes_add_up_whatever_the_mode(
    lines: list[LineInput],
    currency: str,
    rounding: TaxRounding,
    inclusive: bool,
    percent_off: Decimal | None,
) -> None:
    from models.enums import DiscountType

    try:
        totals = compute_totals(
            lines,
            currency=currency,
            rounding=rounding,
            prices_include_tax=inclusive,
            discount_type=DiscountType.PERCENT if percent_off is not None else None,
            discount_value=percent_off or D(0),
        )
    except ValidationError:
        return  # beyond what a document may hold
    places = minor_units(currency)
    shown = [totals.subtotal, totals.discount_total, totals.tax_total, totals.total]
    for row in totals.tax_lines:
        shown += [row.taxable_amount, row.tax_amount]
    for line in totals.lines:
        shown += [line.amount, line.discount, line.net, line.tax]
    # Every amount quantized to the currency, and none negative.
    assert all(-value.as_tuple().exponent == places and value >= 0 for value in shown)  # type: ignore[operator]
    # The breakdown adds up to taxTotal exactly, and so do the lines' taxes.
    assert sum((row.tax_amount for row in totals.tax_lines), D(0)) == totals.tax_total
    assert sum((line.tax for line in totals.lines), D(0)) == totals.tax_total
    # total = net + tax.
    assert totals.total == sum((line.net for line in totals.lines), D(0)) + totals.tax_total
    after_discount = totals.subtotal - totals.discount_total
    if inclusive:  # what was typed in, tax included, is what is billed
        assert totals.total == after_discount
    else:
        assert sum((line.net for line in totals.lines), D(0)) == after_discount
    for row in totals.tax_lines:
        expected = round_to(row.taxable_amount * row.tax.rate / 100, places)
        if rounding is PER_DOCUMENT and not inclusive:  # EN 16931's BR-CO-17, exactly
            assert row.tax_amount == expected
        elif rounding is PER_DOCUMENT:  # the gross's rounding, within a unit per tax
            assert abs(row.tax_amount - expected) <= D(len(totals.tax_lines)).scaleb(-places)
