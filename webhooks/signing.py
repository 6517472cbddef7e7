"""Signing a delivery as the Standard Webhooks specification says, with its reference
library: `webhook-id`, `webhook-timestamp` and `webhook-signature` (one `v1,` signature per
secret, space-separated, so that a receiver holding either secret of a rotation verifies)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from math import floor

from standardwebhooks.webhooks import Webhook


def signed_headers(
    message_id: str, at: datetime, body: bytes, secrets: Sequence[str]
) -> dict[str, str]:
    """The headers of a delivery of `body` sent at `at`, signed with each of `secrets`."""
    text = body.decode()
    signatures = [Webhook(secret).sign(message_id, at, text) for secret in secrets]
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(floor(at.timestamp())),
        "webhook-signature": " ".join(signatures),
    }
