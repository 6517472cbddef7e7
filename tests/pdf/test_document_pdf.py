"""Real PDFs of real documents, read back with pypdf: the numbers exactly as formatted, shaped
Arabic, Hebrew and CJK text, the estimate's wording, stamps, and long documents over pages."""

from __future__ import annotations

import io
import re
import unicodedata
from decimal import Decimal

from pypdf import PdfReader

from billing import clients, documents, organizations, payments
from billing.plans import UNLIMITED
from models import Document
from models.enums import Series
from pdf.renderer import Renderer
from pdf.store import DocumentPdfs
from tests.billing.factories import WORKED_LINE, a_client, an_invoice
from tests.conftest import Backend, Tenant, make_tenant
from tests.pdf.conftest import page_count, pdf_text


async def pdf_lines(renderer: Renderer, document: Document) -> list[str]:
    """The lines of text of the document's PDF as it is now, spaces normalized."""
    now = await documents.document_state(document.id)
    assert now is not None
    text = pdf_text(await DocumentPdfs(renderer).get(now))
    return [" ".join(line.split()) for line in text.splitlines()]


def words_of(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split()}


async def test_the_pdf_holds_the_number_client_lines_and_totals(
    tenant: Tenant, renderer: Renderer
) -> None:
    client = await a_client(tenant.org, "Globex Corporation", address="42 Elm Road\nShelbyville")
    invoice = await an_invoice(
        tenant.org,
        client,
        issue_date="2026-03-01",
        due_date="2026-03-31",
        line_items=[
            WORKED_LINE,
            {"description": "Hosting", "quantity": "12", "unit_price": "9.99", "tax_rate": "0"},
        ],
        discount_type="FLAT",
        discount_value="100",
        notes="Thank you for your business.",
        terms="Payable within 30 days.",
    )
    pdf = await DocumentPdfs(renderer).get(invoice)
    assert pdf.startswith(b"%PDF-")
    lines = await pdf_lines(renderer, invoice)
    assert "INVOICE" in words_of(lines)
    for expected in [
        "Number INV-0001",
        "Issue date March 1, 2026",
        "Due date March 31, 2026",
        "Globex Corporation",
        "42 Elm Road",
        "Shelbyville",
        "Design work 40 $125.00 10% $5,000.00",
        "Hosting 12 $9.99 0% $119.88",
        "Subtotal $5,119.88",
        "Discount -$100.00",
        "Tax 10% on $4,902.34 $490.23",
        "Total $5,510.11",
        "Amount due $5,510.11",
        "Thank you for your business.",
        "Payable within 30 days.",
    ]:
        assert expected in lines
    # The very numbers billing/ stored and the APIs return.
    stored = await Document.get(id=invoice.id)
    assert (stored.subtotal, stored.discount_total, stored.tax_total, stored.total) == (
        Decimal("5119.88"),
        Decimal("100"),
        Decimal("490.23"),
        Decimal("5510.11"),
    )


async def test_an_estimate_reads_as_an_estimate(tenant: Tenant, renderer: Renderer) -> None:
    estimate = await an_invoice(
        tenant.org, series=Series.ESTIMATE, issue_date="2026-03-01", due_date="2026-03-31"
    )
    lines = await pdf_lines(renderer, estimate)
    assert "ESTIMATE" in words_of(lines) and "INVOICE" not in words_of(lines)
    assert "Number EST-0001" in lines and "Valid until March 31, 2026" in lines
    assert not any(line.startswith("Amount due") for line in lines)


async def test_paid_and_void_invoices_are_stamped(tenant: Tenant, renderer: Renderer) -> None:
    paid = await an_invoice(tenant.org)
    await payments.record_payment(
        tenant.org, {"invoice_id": paid.id, "amount": "5500", "payment_method": "CASH"}
    )
    lines = await pdf_lines(renderer, paid)
    assert "PAID" in lines
    assert "Amount paid $5,500.00" in lines and "Amount due $0.00" in lines
    void = await an_invoice(tenant.org)
    await documents.void_document(tenant.org, void.id, series=Series.INVOICE)
    assert "VOID" in await pdf_lines(renderer, void)


def unfolded(text: str) -> str:
    """`text` with the compatibility characters a PDF's text map may give back for a glyph
    (Arabic presentation forms, Kangxi radicals for CJK ideographs) folded to plain ones.
    Right-to-left lines come back in visual order: words reversed, each word's letters not."""
    return unicodedata.normalize("NFKC", text)


def shaped_arabic(text: str) -> bool:
    """Whether `text` holds Arabic letters in their joined (initial or medial) forms: what a
    font that shapes Arabic prints, and an unshaped fallback never does."""
    return any(
        unicodedata.name(char, "").startswith("ARABIC LETTER")
        and unicodedata.name(char).endswith(("INITIAL FORM", "MEDIAL FORM"))
        for char in text
    )


async def test_arabic_renders_shaped_right_to_left(db: Backend, renderer: Renderer) -> None:
    tenant = await make_tenant("مؤسسة النور", locale="ar")
    client = await clients.create_client(tenant.org, {"name": "شركة الأمل للتجارة"}, UNLIMITED)
    notes = "شكرا لتعاملكم معنا"
    invoice = await an_invoice(tenant.org, client, notes=notes)
    text = pdf_text(await DocumentPdfs(renderer).get(invoice))
    assert shaped_arabic(text)
    for word in f"مؤسسة النور شركة الأمل للتجارة {notes}".split():
        assert word in unfolded(text)
    assert "INV-0001" in text  # codes in RTL text stay whole


async def test_hebrew_and_cjk_render_as_text(db: Backend, renderer: Renderer) -> None:
    tenant = await make_tenant("株式会社サンプル", locale="ja_JP")
    client = await clients.create_client(tenant.org, {"name": "示例有限公司"}, UNLIMITED)
    notes = "תודה רבה על העסקה"
    invoice = await an_invoice(tenant.org, client, notes=notes)
    text = pdf_text(await DocumentPdfs(renderer).get(invoice))
    assert "株式会社サンプル" in unfolded(text) and "示例有限公司" in unfolded(text)
    for word in notes.split():
        assert word in unfolded(text)


async def test_a_long_invoice_runs_over_pages_with_headers_and_numbers(
    tenant: Tenant, renderer: Renderer
) -> None:
    lines = [
        {"description": f"Item {n:03}", "quantity": "1", "unit_price": "10"} for n in range(200)
    ]
    invoice = await an_invoice(tenant.org, line_items=lines)
    pdf = await DocumentPdfs(renderer).get(invoice)
    pages = page_count(pdf)
    assert pages >= 4
    text = pdf_text(pdf)
    assert text.count("DESCRIPTION QUANTITY UNIT PRICE TAX AMOUNT") == pages
    assert re.findall(r"^(\d+) / (\d+)$", text, re.MULTILINE) == [
        (str(n), str(pages)) for n in range(1, pages + 1)
    ]
    assert all(f"Item {n:03} 1 $10.00 0% $10.00" in text for n in range(200))
    assert "Total $2,000.00" in text


async def test_letter_organizations_get_letter_paper(tenant: Tenant, renderer: Renderer) -> None:
    await organizations.update_organization(tenant.org, {"paper_size": "LETTER"})
    pdf = await DocumentPdfs(renderer).get(await an_invoice(tenant.org))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
