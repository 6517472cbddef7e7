"""The composed e-mail: its headers, its two parts, its link and its attachment, and that
whatever the organization or the caller wrote reaches the HTML escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

from billing import documents, organizations
from billing.sending import SendRequest, prepare_sending
from mail.message import Outgoing, compose, file_stem
from models import Organization
from models.enums import Series
from pdf.view import build_view
from tests.billing.factories import a_client, an_invoice
from tests.conftest import Backend
from tests.mail.helpers import parsed

PDF = b"%PDF-1.7\n% a stand-in: this test is about the e-mail around it\n"
LINK = "https://billing.example/d/token123"
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


async def composed(org: Organization, client_name: str = "Globex", **send: object) -> Outgoing:
    client = await a_client(org, client_name, email="ap@globex.example")
    invoice = await an_invoice(org, client, number=send.pop("number", "INV-0001"))
    request = SendRequest(**send)  # type: ignore[arg-type]
    sending = await prepare_sending(org, invoice.id, series=Series.INVOICE, request=request)
    view = build_view(
        invoice, organization=org, client=invoice.client, lines=documents.lines_of(invoice)
    )
    return compose(
        sending,
        organization=org,
        view=view,
        pdf=PDF,
        sender="invoices@acme.example",
        link=LINK,
        now=NOW,
    )


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


async def test_headers_parts_link_and_attachment(db: Backend) -> None:
    org = await organizations.create_organization("Acme Studio", email="hello@acme.example")
    outgoing = await composed(org, to=["ap@globex.example"], cc=["cfo@globex.example"])
    message = parsed(outgoing.message.as_bytes())
    assert message["From"] == "Acme Studio <invoices@acme.example>"
    assert message["Reply-To"] == "Acme Studio <hello@acme.example>"
    assert message["To"] == "ap@globex.example"
    assert message["Cc"] == "cfo@globex.example"
    assert message["Subject"] == "Invoice INV-0001 from Acme Studio"
    assert message["Date"] == "Mon, 02 Mar 2026 09:30:00 +0000"
    assert message["Message-ID"].endswith("@acme.example>")
    assert message.get_content_type() == "multipart/mixed"
    text, html = parts(message)
    assert "Hello Globex," in text and "$5,500.00" in text and f"See it online: {LINK}" in text
    assert f'href="{LINK}"' in html and "$5,500.00" in html
    (attachment,) = message.iter_attachments()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "INV-0001.pdf"
    assert attachment.get_content() == PDF
    assert outgoing.recipients == ("ap@globex.example", "cfo@globex.example")
    assert outgoing.sender == "invoices@acme.example" and outgoing.name == "INV-0001"


async def test_a_given_subject_and_message_are_used(db: Backend) -> None:
    org = await organizations.create_organization("Acme Studio")
    outgoing = await composed(
        org, subject="Your March invoice", message="Thanks!\nSee you in April."
    )
    message = parsed(outgoing.message.as_bytes())
    assert message["Subject"] == "Your March invoice"
    assert message["Reply-To"] is None  # the organization has no address of its own
    text, html = parts(message)
    assert "Thanks!\nSee you in April." in text
    assert "Thanks!\nSee you in April." in html


async def test_non_ascii_names_and_numbers_are_encoded_and_read_back(db: Backend) -> None:
    org = await organizations.create_organization("Société Générale Ωmega, Inc.")
    outgoing = await composed(org, "Zoë Ünal", number="FAC/2026:Ω1")
    raw = outgoing.message.as_bytes()
    assert raw.isascii()  # 7-bit all through: encoded words and quoted-printable
    message = parsed(raw)
    assert message["From"].addresses[0].display_name == "Société Générale Ωmega, Inc."
    assert message["Subject"] == "Invoice FAC/2026:Ω1 from Société Générale Ωmega, Inc."
    text, _ = parts(message)
    assert "Hello Zoë Ünal," in text
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "FAC_2026_Ω1.pdf"


async def test_what_users_wrote_is_escaped_in_the_html(db: Backend) -> None:
    org = await organizations.create_organization("<b>Acme</b> & Co")
    outgoing = await composed(
        org, "<script>alert(1)</script>", message='<img src=x onerror="alert(2)">'
    )
    text, html = parts(parsed(outgoing.message.as_bytes()))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert "<b>Acme" not in html and "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in html
    # The plain-text part shows the very characters written.
    assert "Hello <script>alert(1)</script>," in text
    assert "from <b>Acme</b> & Co" in text


def test_file_stems_keep_numbers_readable_and_harmless() -> None:
    assert file_stem("INV-0001") == "INV-0001"
    assert file_stem("2026/03 #7") == "2026_03 _7"
    assert file_stem("../../etc/passwd") == "_.._etc_passwd"
    assert file_stem("...") == "document"
    assert file_stem("Rechnung Nr. Ä1") == "Rechnung Nr. Ä1"
