"""Sending a document or a credit note by e-mail, truthfully: check, compose, deliver, and only
once the e-mail is delivered record SENT, `sentViaEmail`, `sentTo` and `sentAt`. A refusal at
any step changes nothing."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from billing import credit_notes, documents, lifecycle, reminders
from billing.credit_notes import Shown
from billing.errors import DeliveryFailed, ValidationError
from billing.links import credit_note_url, public_url
from billing.plans import Feature, Plan, require_feature
from billing.sending import (
    Sending,
    SendRequest,
    mailbox,
    prepare_credit_note_sending,
    prepare_sending,
)
from einvoice.store import EInvoices
from mail.message import compose, compose_invitation
from mail.transport import Transport, transport_from_settings
from models import Document, Invitation, Organization, ReminderRule
from models.enums import Series
from pdf.renderer import RendererError
from pdf.store import DocumentPdfs
from pdf.view import DocumentView, build_credit_note_view, build_view
from settings import Settings

log = logging.getLogger("invoicegraph.mail")

_LINE_BREAKS: Final = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")


@asynccontextmanager
async def _released_unless_sent(release: Callable[[], Awaitable[None]]) -> AsyncIterator[None]:
    """Run `release` (ending a sending claim) if the block fails or is cancelled."""
    try:
        yield
    except BaseException:
        # Shielded: a cancelled request still releases what it claimed.
        await asyncio.shield(release())
        raise


@dataclass(frozen=True, slots=True)
class Mailer:
    """E-mails documents with their PDF (from `einvoices`' PDFs, or its Factur-X PDF where the
    organization asks for it) through `transport`, from the address `sender`, linking to their
    public page under `public_base_url`."""

    transport: Transport
    einvoices: EInvoices
    sender: str
    public_base_url: str

    @classmethod
    def from_settings(
        cls, settings: Settings, einvoices: EInvoices, transport: Transport | None = None
    ) -> Mailer:
        """The mailer the SMTP settings describe (or through `transport`, when given)."""
        return cls(
            transport or transport_from_settings(settings),
            einvoices,
            sender=settings.smtp_from,
            public_base_url=settings.public_base_url,
        )

    @property
    def pdfs(self) -> DocumentPdfs:
        return self.einvoices.pdfs

    async def send_document(
        self,
        org: Organization,
        document_id: str,
        *,
        series: Series | None,
        plan: Plan,
        request: SendRequest | None = None,
        now: datetime | None = None,
    ) -> Document:
        """E-mail one of the organization's documents and record it; return it as it is now.

        Refused with PLAN_LIMIT without the email feature, INVALID_TRANSITION for a document
        that is done with, VALIDATION for bad recipients or text, DELIVERY_FAILED when the
        e-mail did not go out; in every case nothing changed."""
        require_feature(plan, Feature.EMAIL)
        sending = await prepare_sending(org, document_id, series=series, request=request)
        # From here until it is recorded (or released), the document cannot change: the e-mail
        # carries the state the claim read, and that state is what is recorded as sent.
        document = await documents.claim_sending(org, document_id, series=series)
        async with _released_unless_sent(lambda: documents.release_sending(document.id)):
            now = now or datetime.now(UTC)
            await self._deliver(
                sending,
                organization=org,
                view=build_view(
                    document,
                    organization=org,
                    client=document.client,
                    lines=documents.lines_of(document),
                ),
                pdf=lambda: self._document_pdf(org, document),
                link=public_url(self.public_base_url, document),
                about=f"{lifecycle.label(document)} ({document.id})",
                now=now,
            )
            return await documents.record_sent(
                org, document.id, series=series, recipients=sending.recipients, now=now
            )

    async def send_credit_note(
        self,
        org: Organization,
        credit_note_id: str,
        *,
        plan: Plan,
        request: SendRequest | None = None,
        now: datetime | None = None,
    ) -> Shown:
        """E-mail one of the organization's credit notes with its PDF and public link, and
        record it (`sentTo`, the first `sentAt`); return it as the record left it. Refused as
        `send_document` refuses, and while another e-mail of it is being delivered."""
        require_feature(plan, Feature.EMAIL)
        sending = await prepare_credit_note_sending(org, credit_note_id, request)
        # What the e-mail and its PDF show is the one moment the claim read.
        shown = await credit_notes.claim_sending(org, credit_note_id)
        note = shown.note
        async with _released_unless_sent(lambda: credit_notes.release_sending(note.id)):
            now = now or datetime.now(UTC)
            await self._deliver(
                sending,
                organization=org,
                view=build_credit_note_view(shown),
                pdf=lambda: self._credit_note_pdf(org, shown),
                link=credit_note_url(self.public_base_url, note),
                about=f"Credit note {note.number} ({note.id})",
                now=now,
            )
            return await credit_notes.record_sent(
                org, note.id, recipients=sending.recipients, now=now
            )

    async def send_reminder(
        self,
        org: Organization,
        invoice_id: str,
        rule: ReminderRule,
        *,
        plan: Plan,
        now: datetime | None = None,
    ) -> tuple[str, ...]:
        """E-mail the client a reminder of an invoice, the rule's subject and message filled
        in the organization's locale, with the invoice's PDF; the addresses it went to. It
        records nothing: billing.reminders does. Refused with PLAN_LIMIT without the email
        feature, VALIDATION for a client without a usable address, DELIVERY_FAILED when the
        e-mail did not go out."""
        require_feature(plan, Feature.EMAIL)
        invoice = await documents.get_document(org, invoice_id, series=Series.INVOICE)
        client = invoice.client
        if not client.email:
            raise ValidationError(f"Client {client.name!r} has no e-mail address", field="to")
        view = build_view(
            invoice, organization=org, client=client, lines=documents.lines_of(invoice)
        )
        link = public_url(self.public_base_url, invoice)
        values = {
            "number": view.number,
            "amount_due": view.amount_due,
            "due_date": view.due_date,
            "link": link,
            "client": client.name,
            "organization": org.name,
        }
        sending = Sending(
            to=(mailbox(client.email, field="to"),),
            cc=(),
            # One line, whatever the names filled in hold: a header cannot break.
            subject=_LINE_BREAKS.sub(" ", reminders.fill(rule.subject, values))[:255],
            message=reminders.fill(rule.message, values),
        )
        await self._deliver(
            sending,
            organization=org,
            view=view,
            pdf=lambda: self._document_pdf(org, invoice),
            link=link,
            about=f"A reminder of {lifecycle.label(invoice)} ({invoice.id})",
            now=now or datetime.now(UTC),
        )
        return sending.recipients

    async def _document_pdf(self, org: Organization, document: Document) -> bytes:
        """What an e-mail of `document` attaches: its PDF, or for an invoice of an organization
        that asks for it, its Factur-X PDF (EINVOICE_INCOMPLETE when it lacks what that needs:
        nothing is sent)."""
        if org.email_facturx and not document.is_estimate:
            return (await self.einvoices.facturx_of(document)).pdf
        return await self.pdfs.get(document)

    async def _credit_note_pdf(self, org: Organization, shown: Shown) -> bytes:
        if org.email_facturx:
            return (await self.einvoices.credit_note_facturx_of(shown)).pdf
        return await self.pdfs.credit_note(shown)

    async def _deliver(
        self,
        sending: Sending,
        *,
        organization: Organization,
        view: DocumentView,
        pdf: Callable[[], Awaitable[bytes]],
        link: str,
        about: str,
        now: datetime,
    ) -> None:
        """Render the PDF, compose the e-mail of `view` and deliver it (DELIVERY_FAILED when
        the PDF cannot be rendered or the e-mail did not go out)."""
        try:
            attachment = await pdf()
        except RendererError as exc:
            log.exception("The PDF of %s could not be rendered for its e-mail", about)
            raise DeliveryFailed(
                f"The e-mail was not sent: the PDF of {view.title} {view.number} could not be "
                "rendered just now; try again later"
            ) from exc
        outgoing = compose(
            sending,
            organization=organization,
            view=view,
            pdf=attachment,
            sender=self.sender,
            link=link,
            now=now,
        )
        where = await self.transport.deliver(outgoing)
        log.info("%s e-mailed via %s", about, where)

    async def send_invitation(
        self,
        org: Organization,
        invitation: Invitation,
        token: str,
        *,
        inviter: str,
        link: str | None,
        now: datetime | None = None,
    ) -> None:
        """E-mail an invitation (DELIVERY_FAILED when it did not go out)."""
        outgoing = compose_invitation(
            organization=org,
            to=invitation.email,
            inviter=inviter,
            role=invitation.role.value,
            token=token,
            link=link,
            sender=self.sender,
            now=now or datetime.now(UTC),
        )
        where = await self.transport.deliver(outgoing)
        # Never the token: a log is read by more people than the invitee.
        log.info("invitation %s to join %s e-mailed via %s", invitation.id, org.id, where)
