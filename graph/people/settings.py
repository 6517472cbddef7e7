"""What the people's operations need from the server: session and invitation lifetimes, and
the sign-in limits."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from limits.errors import StorageError

from gateway.ratelimit import RateLimiter
from settings import Network

log = logging.getLogger("invoicegraph.auth")


@dataclass(frozen=True, slots=True)
class People:
    """Sessions last `session_ttl` past their last use; invitations `invitation_ttl`; sign-in
    attempts are limited by `limiter` (none: unlimited), per address (the client's, behind
    `trusted_proxies`) and per account."""

    session_ttl: timedelta
    invitation_ttl: timedelta
    invitation_url: str = ""  # the frontend's page accepting an invitation, with {token}
    limiter: RateLimiter | None = None
    fail_open: bool = True
    trusted_proxies: tuple[Network, ...] = ()

    def invitation_link(self, token: str) -> str | None:
        return self.invitation_url.replace("{token}", token) if self.invitation_url else None

    async def sign_in_refusal(self, address: str, email: str) -> str | None:
        """Why one more sign-in attempt from `address` for `email` is refused, if it is."""
        if self.limiter is None:
            return None
        # The account's budget is kept under a hash: the store never holds the addresses.
        account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        try:
            return await self.limiter.attempt_sign_in(address, account)
        except StorageError as exc:
            log.warning("sign-in limits unavailable (%s)", exc.storage_error)
            return None if self.fail_open else "Signing in is unavailable; retry in a moment"
