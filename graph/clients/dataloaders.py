"""Per-request loaders of clients and what is computed over them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from billing import clients
from billing.lifecycle import OVERDUE_CAPABLE
from graph.context import OrgLoader
from models import Client, Document


class ClientByIdLoader(OrgLoader[str, Client | None]):
    """Clients by id, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[Client | None]:
        found = await clients.clients_by_id(self.org, keys)
        return [found.get(key) for key in keys]


class OutstandingByClientLoader(OrgLoader[str, dict[str, Decimal]]):
    """What clients still owe on their issued invoices, per currency, in one query."""

    async def load_batch(self, keys: list[str]) -> Sequence[dict[str, Decimal]]:
        rows = await Document.filter(
            organization_id=self.org.id,
            client_id__in=keys,
            is_estimate=False,
            status__in=list(OVERDUE_CAPABLE),
        ).values_list(
            "client_id", "currency", "total", "amount_paid", "amount_credited", "amount_refunded"
        )
        # Summed here, not by the database: SQLite keeps decimals as text. What each invoice
        # is owed is its amount due (billing.lifecycle.amount_due): credit notes count.
        owed: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for client_id, currency, total, paid, credited, refunded in rows:
            due = Decimal(total) - Decimal(paid) - Decimal(credited) + Decimal(refunded)
            owed[client_id][currency] += due
        return [dict(owed.get(key, {})) for key in keys]
