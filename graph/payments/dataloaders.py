"""Per-request loaders of payments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from graph.context import OrgLoader
from models import Payment


class PaymentsByInvoiceLoader(OrgLoader[str, list[Payment]]):
    """Invoices' payments, oldest first, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[list[Payment]]:
        rows = await Payment.filter(organization_id=self.org.id, document_id__in=keys).order_by(
            "document_id", "payment_date", "id"
        )
        payments: dict[str, list[Payment]] = defaultdict(list)
        for row in rows:
            payments[row.document_id].append(row)
        return [payments.get(key, []) for key in keys]
