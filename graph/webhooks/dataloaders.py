"""Per-request loaders of webhook deliveries' attempts."""

from __future__ import annotations

from collections.abc import Sequence

from billing import webhooks
from graph.context import OrgLoader
from models import WebhookAttempt


class AttemptsByDeliveryLoader(OrgLoader[str, list[WebhookAttempt]]):
    """Deliveries' attempts, latest first, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[WebhookAttempt]]:
        found = await webhooks.attempts_by_delivery(self.org, keys)
        return [found[key] for key in keys]
