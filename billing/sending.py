"""What an e-mail of a document or a credit note goes out with: its recipients, subject and
message, checked before anything is sent. Recording the sending afterwards is
`documents.record_sent` (`credit_notes.record_sent`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from addresses import is_plain_address
from billing import access, credit_notes, documents, lifecycle, validation
from billing.access import Permission
from billing.errors import ValidationError
from models import Client, Document, Organization
from models.enums import Series

MAX_RECIPIENTS = 10
MAX_SUBJECT_LENGTH = 200
MAX_MESSAGE_LENGTH = 5000


@dataclass(frozen=True, slots=True)
class SendRequest:
    """What the caller asked for, as given (checked by `prepare_sending`); all optional."""

    to: Sequence[object] | None = None
    cc: Sequence[object] | None = None
    subject: object = None
    message: object = None


@dataclass(frozen=True, slots=True)
class Sending:
    """Whom an e-mail goes to and what it says, checked."""

    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    message: str

    @property
    def recipients(self) -> tuple[str, ...]:
        """Every address the e-mail goes to, `to` then `cc`, each once."""
        seen: dict[str, str] = {}
        for address in (*self.to, *self.cc):
            seen.setdefault(address.lower(), address)
        return tuple(seen.values())


def mailbox(value: object, *, field: str) -> str:
    """An address an e-mail can be sent to: plain `local@domain`, ASCII, nothing around it."""
    address = validation.email(value, field=field, required=True)
    if not is_plain_address(address):
        raise ValidationError(f"{field} is not a valid e-mail address", field=field)
    return address


def _addresses(raw: Sequence[object] | None, field: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        raise ValidationError(f"{field} must be a list of e-mail addresses", field=field)
    if len(raw) > MAX_RECIPIENTS:
        raise ValidationError(f"{field} holds at most {MAX_RECIPIENTS} addresses", field=field)
    return tuple(mailbox(value, field=f"{field}[{index}]") for index, value in enumerate(raw))


def default_subject(document: Document, org: Organization) -> str:
    """The subject when none is given: "Invoice INV-0001 from Acme Studio"."""
    return f"{lifecycle.label(document)} from {org.name}"


async def prepare_sending(
    org: Organization,
    document_id: str,
    *,
    series: Series | None,
    request: SendRequest | None = None,
) -> Sending:
    """Check that the document may be e-mailed, and to whom and with what; change nothing.

    `to` defaults to the client's address; a client without one needs `to`. A document that
    is done with (PAID, ACCEPTED, VOID) is refused with INVALID_TRANSITION."""
    access.require(Permission.DOCUMENTS_SEND)
    document = await documents.get_document(org, document_id, series=series)
    lifecycle.require_sendable(document)
    return _sending(request or SendRequest(), document.client, default_subject(document, org))


async def prepare_credit_note_sending(
    org: Organization, credit_note_id: str, request: SendRequest | None = None
) -> Sending:
    """Check to whom and with what a credit note may be e-mailed (any issued one may be, as
    often as asked); change nothing. `to` defaults to its client's address."""
    access.require(Permission.DOCUMENTS_SEND)
    note = await credit_notes.get_credit_note(org, credit_note_id)
    client = await Client.get(id=note.client_id)
    return _sending(request or SendRequest(), client, f"Credit note {note.number} from {org.name}")


def _sending(request: SendRequest, client: Client, subject: str) -> Sending:
    if request.to is None:
        if not client.email:
            raise ValidationError(
                f"Client {client.name!r} has no e-mail address: give `to`", field="to"
            )
        recipients: tuple[str, ...] = (mailbox(client.email, field="to"),)
    else:
        recipients = _addresses(request.to, "to")
        if not recipients:
            raise ValidationError("to must hold at least one e-mail address", field="to")
    sending = Sending(
        to=recipients,
        cc=_addresses(request.cc, "cc"),
        subject=validation.text(request.subject, field="subject", max_length=MAX_SUBJECT_LENGTH)
        or subject,
        message=validation.text(
            request.message, field="message", max_length=MAX_MESSAGE_LENGTH, multiline=True
        ),
    )
    if len(sending.recipients) > MAX_RECIPIENTS:
        raise ValidationError(
            f"An e-mail goes to at most {MAX_RECIPIENTS} addresses in to and cc together",
            field="cc",
        )
    return sending
