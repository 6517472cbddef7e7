"""Delivering a composed e-mail: to an SMTP server, or, with none configured, as an .eml file
in the outbox folder. Either succeeds only once the message is accepted (or written whole);
anything else raises DeliveryFailed with the reason, and the password never appears in one."""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from datetime import UTC, datetime
from email import policy
from pathlib import Path
from typing import Protocol

import aiosmtplib

from billing.errors import DeliveryFailed
from mail.message import Outgoing
from settings import Settings

log = logging.getLogger("invoicegraph.mail")

# Names tried in the outbox when messages of one document are written the same microsecond.
MAX_NAME_TRIES = 20


class Transport(Protocol):
    """Delivers composed e-mails."""

    async def deliver(self, outgoing: Outgoing) -> str:
        """Deliver `outgoing`; return where it went, for the log. Raises DeliveryFailed."""
        ...


def _temporary(code: int) -> bool:
    """Whether an SMTP reply code is a passing failure (4xx: try again later)."""
    return 400 <= code < 500


class SmtpTransport:
    """An SMTP server: plain, STARTTLS or TLS from the start, with a login if a user is set.

    Every recipient must be accepted before the message is: when the server refuses one, the
    envelope is reset and nobody receives it, so that what is recorded as sent is the truth.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: str = "starttls",
        user: str = "",
        password: str = "",
        timeout: float = 30,
    ) -> None:
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self._password = password
        self.timeout = timeout

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpTransport:
        """The transport the SMTP_* settings describe."""
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            security=settings.smtp_security,
            user=settings.smtp_user,
            password=settings.smtp_password,
            timeout=settings.smtp_timeout_seconds,
        )

    @property
    def server(self) -> str:
        """host:port, for messages."""
        return f"{self.host}:{self.port}"

    async def deliver(self, outgoing: Outgoing) -> str:
        """Send `outgoing` through the server; DeliveryFailed with the server's reason."""
        client = aiosmtplib.SMTP(
            hostname=self.host,
            port=self.port,
            use_tls=self.security == "tls",
            # Never opportunistic: "none" sends in the clear, "starttls" insists on it.
            start_tls=self.security == "starttls",
            username=self.user or None,
            password=self._password or None,
            timeout=self.timeout,
        )
        # Whether the message itself went to the server: a failure after it may or may not
        # have been delivered, so only one before it is worth trying again.
        handed = [False]
        try:
            async with client:
                await self._transaction(client, outgoing, handed)
        except DeliveryFailed:
            raise
        except aiosmtplib.SMTPTimeoutError as exc:
            raise self._failed(
                f"the SMTP server {self.server} did not answer in time: {exc}",
                retryable=not handed[0],
            ) from None
        except aiosmtplib.SMTPAuthenticationError as exc:
            raise self._failed(
                f"the SMTP server {self.server} refused the login of {self.user!r}: "
                f"{exc.code} {exc.message}",
                retryable=_temporary(exc.code),
            ) from None
        except aiosmtplib.SMTPSenderRefused as exc:
            raise self._failed(
                f"the SMTP server {self.server} refused the sender {exc.sender}: "
                f"{exc.code} {exc.message}",
                retryable=_temporary(exc.code),
            ) from None
        except aiosmtplib.SMTPResponseException as exc:
            # A 4xx answer, even to the message, says the server did not take it.
            raise self._failed(
                f"the SMTP server {self.server} refused the message: {exc.code} {exc.message}",
                retryable=_temporary(exc.code),
            ) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            # Connection refused, name not found, TLS failures, disconnections, no STARTTLS.
            raise self._failed(
                f"could not reach the SMTP server {self.server}: {exc}", retryable=not handed[0]
            ) from None
        return f"SMTP server {self.server}"

    async def _transaction(
        self, client: aiosmtplib.SMTP, outgoing: Outgoing, handed: list[bool]
    ) -> None:
        await client.mail(outgoing.sender)
        refused = []
        for recipient in outgoing.recipients:
            try:
                await client.rcpt(recipient)
            except aiosmtplib.SMTPRecipientRefused as exc:
                refused.append(f"{exc.recipient} ({exc.code} {exc.message})")
        if refused:
            await client.rset()
            raise self._failed(
                f"the SMTP server {self.server} refused the recipient"
                f"{'s' if len(refused) > 1 else ''} {', '.join(refused)}; nobody was sent it"
            )
        handed[0] = True
        await client.data(outgoing.message.as_bytes(policy=policy.SMTP))

    @staticmethod
    def _failed(reason: str, *, retryable: bool = False) -> DeliveryFailed:
        log.warning("E-mail not sent: %s", reason)
        return DeliveryFailed(f"The e-mail was not sent: {reason}", retryable=retryable)


class OutboxTransport:
    """A folder that collects each message as an .eml file (the default without SMTP_HOST),
    named `<UTC time>-<document number>.eml`: a mail client opens it as the e-mail."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def deliver(self, outgoing: Outgoing) -> str:
        """Write `outgoing` to the folder (made if missing) whole or not at all."""
        content = outgoing.message.as_bytes(policy=policy.SMTP)
        try:
            path = await asyncio.to_thread(self._write, content, outgoing.name)
        except OSError as exc:
            log.warning("E-mail not written to the outbox %s: %s", self.folder, exc)
            raise DeliveryFailed(
                f"The e-mail was not written to the outbox {self.folder}: {exc.strerror or exc}"
            ) from None
        log.info("No SMTP_HOST set: e-mail for %s written to %s", outgoing.name, path)
        return str(path)

    def _write(self, content: bytes, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        # Written aside, then linked in under a name nobody has: a reader never sees half a
        # message, and two messages never share one file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            for attempt in range(MAX_NAME_TRIES):
                suffix = f"-{attempt + 1}" if attempt else ""
                path = self.folder / f"{stamp}-{name}{suffix}.eml"
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    continue
                return path
            raise FileExistsError(f"{stamp}-{name}.eml and {MAX_NAME_TRIES - 1} variants exist")
        finally:
            os.unlink(temporary)


def transport_from_settings(settings: Settings) -> Transport:
    """SMTP when SMTP_HOST is set, the outbox folder (OUTBOX_DIR) otherwise."""
    if settings.smtp_host:
        return SmtpTransport.from_settings(settings)
    return OutboxTransport(settings.outbox_dir)
