"""Root query fields of the tax catalogue."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import tax_rates
from billing.errors import NotFound
from graph.context import Info
from graph.pagination import After, Before, Connection, First, Last, window
from graph.tax_rates.types import TaxRate


@strawberry.type
class TaxRateQueries:
    @strawberry.field(description="A tax rate of the catalogue by id; null when there is none.")
    async def tax_rate(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> TaxRate | None:
        try:
            return TaxRate.from_model(await tax_rates.get_tax_rate(info.context.organization, id))
        except NotFound:
            return None

    @strawberry.field(description="The organization's catalogue of tax rates, by name.")
    async def tax_rates(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[TaxRate]:
        page = await tax_rates.window_tax_rates(
            info.context.organization, window=window(first, after, last, before)
        )
        return Connection.of(page, TaxRate.from_model)
