"""The e-mail of a document: a plain-text and an HTML part saying what it is and where to see
it, and its PDF attached. Every value shown is the organization's or the caller's text, so the
HTML template autoescapes all of it; the headers go through `email.headerregistry`, which
encodes what is not ASCII and quotes what needs it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from typing import TYPE_CHECKING, Final

from addresses import is_plain_address
from billing.sending import Sending
from models import Organization
from pdf.view import DocumentView

if TYPE_CHECKING:
    from jinja2 import Environment

# What a file name keeps of a document number: letters, digits and a few harmless marks.
# Path separators, quotes and the like would mislead a mail client or a file system.
_UNSAFE: Final = re.compile(r"[^\w.\- ]")


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A composed e-mail with its envelope; `name` is what files of it are called after."""

    message: EmailMessage
    sender: str
    recipients: tuple[str, ...]
    name: str


def file_stem(number: str) -> str:
    """A document number made safe as a file name's stem (INV/2024:1 -> INV_2024_1)."""
    return _UNSAFE.sub("_", number).strip(". ") or "document"


@cache
def _environment() -> Environment:
    # Imported on the first rendering, not at start: a server starts without jinja2.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    # HTML templates autoescape; the plain-text one must not (it would show &amp; and such).
    return Environment(
        loader=PackageLoader("mail", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def compose(
    sending: Sending,
    *,
    organization: Organization,
    view: DocumentView,
    pdf: bytes,
    sender: str,
    link: str,
    now: datetime,
) -> Outgoing:
    """The e-mail of `sending` about the document (or credit note) `view` shows: from the
    organization's name at `sender`, with `link` to its public page in both parts and `pdf`
    attached as "<number>.pdf"."""
    values = {"view": view, "link": link, "message": sending.message, "sender": organization.name}
    env = _environment()
    message = EmailMessage()
    message["Subject"] = sending.subject
    message["From"] = Address(display_name=organization.name, addr_spec=sender)
    message["To"] = tuple(Address(addr_spec=address) for address in sending.to)
    if sending.cc:
        message["Cc"] = tuple(Address(addr_spec=address) for address in sending.cc)
    # Replies go to the organization, not to the sending mailbox, when it has a usable address.
    if is_plain_address(organization.email):
        message["Reply-To"] = Address(display_name=organization.name, addr_spec=organization.email)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    # Quoted-printable keeps the message 7-bit, so no server on the way needs 8BITMIME.
    message.set_content(env.get_template("message.txt").render(values), cte="quoted-printable")
    message.add_alternative(
        env.get_template("message.html").render(values), subtype="html", cte="quoted-printable"
    )
    name = file_stem(view.number)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{name}.pdf")
    return Outgoing(message, sender, sending.recipients, name)


def compose_invitation(
    *,
    organization: Organization,
    to: str,
    inviter: str,
    role: str,
    token: str,
    link: str | None,
    sender: str,
    now: datetime,
) -> Outgoing:
    """The e-mail inviting `to` to join `organization` as `role`: the token, and `link` (the
    frontend's page that accepts it) when the server has one."""
    how = (
        f"Accept it here: {link}"
        if link
        else "Accept it in the app you use with invoicegraph, or with the GraphQL mutation "
        "invitationAccept and this token:\n\n    " + token
    )
    body = (
        f"{inviter} invites you to join {organization.name} on invoicegraph as {role}.\n\n"
        f"{how}\n\nThe invitation is good once. If you did not expect it, ignore this e-mail.\n"
    )
    message = EmailMessage()
    message["Subject"] = f"Join {organization.name} on invoicegraph"
    message["From"] = Address(display_name=organization.name, addr_spec=sender)
    message["To"] = Address(addr_spec=to)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message.set_content(body, cte="quoted-printable")
    return Outgoing(message, sender, (to,), "invitation")
