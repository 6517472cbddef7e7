"""Sending a document by e-mail, truthfully: check, compose, deliver, and only once the
e-mail is delivered record SENT, `sentViaEmail`, `sentTo` and `sentAt`. A refusal at any step
changes nothing."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from billing import documents, lifecycle
from billing.errors import DeliveryFailed
from billing.links import public_url
from billing.plans import Feature, Plan, require_feature
from billing.sending import SendRequest, prepare_sending
from mail.message import compose, compose_invitation
from mail.transport import Transport
from models import Document, Invitation, Organization
from models.enums import Series
from pdf.renderer import RendererError
from pdf.store import DocumentPdfs

log = logging.getLogger("invoicegraph.mail")


@dataclass(frozen=True, slots=True)
class Mailer:
    """E-mails documents with their PDF (from `pdfs`) through `transport`, from the address
    `sender`, linking to their public page under `public_base_url`."""

    transport: Transport
    pdfs: DocumentPdfs
    sender: str
    public_base_url: str

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
        try:
            sending = replace(sending, document=document)
            try:
                pdf = await self.pdfs.get(document)
            except RendererError as exc:
                log.exception("The PDF of %s could not be rendered for its e-mail", document.id)
                raise DeliveryFailed(
                    f"The e-mail was not sent: the PDF of {lifecycle.label(document)} could not "
                    "be rendered just now; try again later"
                ) from exc
            now = now or datetime.now(UTC)
            outgoing = compose(
                sending,
                organization=org,
                lines=documents.lines_of(document),
                pdf=pdf,
                sender=self.sender,
                link=public_url(self.public_base_url, document),
                now=now,
            )
            where = await self.transport.deliver(outgoing)
            log.info("%s (%s) e-mailed via %s", lifecycle.label(document), document.id, where)
            return await documents.record_sent(
                org, document.id, series=series, recipients=sending.recipients, now=now
            )
        except BaseException:
            # Shielded: a cancelled request still releases what it claimed.
            await asyncio.shield(documents.release_sending(document.id))
            raise

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
