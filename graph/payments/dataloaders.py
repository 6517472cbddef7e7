"""Per-request loaders of payments."""

from __future__ import annotations

from collections.abc import Sequence

from billing import payments
from graph.context import OrgLoader
from models import Payment


class PaymentsByInvoiceLoader(OrgLoader[str, list[Payment]]):
    """Invoices' payments, oldest first, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[Payment]]:
        found = await payments.payments_by_invoice(self.org, keys)
        return [found[key] for key in keys]
