"""Mutations of the tax catalogue."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import tax_rates
from graph.context import Info
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payloads import DeletePayload
from graph.tax_rates.types import TaxCategory, TaxRate
from models import TaxRate as TaxRateModel

TaxRateId = Annotated[strawberry.ID, strawberry.argument(description="The tax rate's id.")]


@strawberry.input(description="A new tax rate of the catalogue.")
class TaxRateCreateInput:
    name: str = strawberry.field(description="Its name, unique in the organization.")
    rate: Decimal = strawberry.field(
        description="In percent, 0 to 100: above 0 for S, 0 for Z, E, AE, K, G and O."
    )
    category: TaxCategory = strawberry.field(
        default=TaxCategory.S, description="Its EN 16931 VAT category; S when left out."
    )
    compound: bool = strawberry.field(
        default=False, description="Whether it applies to the net plus the taxes before it."
    )
    exemption_reason: str = strawberry.field(
        default="", description="Why no tax is charged: needed (or its code) for E, AE, K, G, O."
    )
    exemption_reason_code: str = strawberry.field(
        default="", description="That reason as a code (VATEX list, e.g. `VATEX-EU-IC`)."
    )


@strawberry.input(description="Changes to a tax rate; documents already written keep theirs.")
class TaxRateUpdateInput:
    name: str | None = strawberry.field(default=UNSET, description="Its name.")
    rate: Decimal | None = strawberry.field(default=UNSET, description="In percent.")
    category: TaxCategory | None = strawberry.field(default=UNSET, description="Its category.")
    compound: bool | None = strawberry.field(default=UNSET, description="Whether compound.")
    exemption_reason: str | None = strawberry.field(default=UNSET, description="The reason.")
    exemption_reason_code: str | None = strawberry.field(
        default=UNSET, description="The reason's code."
    )


@strawberry.type(description="The tax rate a mutation produced, or why it did not.")
class TaxRatePayload:
    tax_rate: TaxRate | None = strawberry.field(description="The tax rate, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


async def _payload(info: Info, action: Callable[[], Awaitable[TaxRateModel]]) -> TaxRatePayload:
    row, errors = await attempt(info, action)
    return TaxRatePayload(tax_rate=None if row is None else TaxRate.from_model(row), errors=errors)


@strawberry.type
class TaxRateMutations:
    @strawberry.mutation(description="Add a tax rate to the catalogue (at most 200).")
    async def tax_rate_create(
        self,
        info: Info,
        input: Annotated[TaxRateCreateInput, strawberry.argument(description="The new rate.")],
    ) -> TaxRatePayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: tax_rates.create_tax_rate(org, values))

    @strawberry.mutation(
        description="Change a tax rate: lines written with it keep the copy they have, new "
        "ones get the rate as it is."
    )
    async def tax_rate_update(
        self,
        info: Info,
        id: TaxRateId,
        input: Annotated[TaxRateUpdateInput, strawberry.argument(description="The changes.")],
    ) -> TaxRatePayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: tax_rates.update_tax_rate(org, id, values))

    @strawberry.mutation(
        description="Take a tax rate out of the catalogue: documents written with it keep it."
    )
    async def tax_rate_delete(self, info: Info, id: TaxRateId) -> DeletePayload:
        org = info.context.organization
        _, errors = await attempt(info, lambda: tax_rates.delete_tax_rate(org, id))
        return DeletePayload(deleted_id=None if errors else id, errors=errors)
