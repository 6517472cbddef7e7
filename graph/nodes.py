"""`node(id)`: any object of the organization by its id, told apart by the id's prefix."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import strawberry

from billing import (
    apikeys,
    clients,
    credit_notes,
    documents,
    payments,
    recurring,
    reminders,
    tax_rates,
    webhooks,
)
from billing.errors import NotFound
from graph.apikeys.types import ApiKey
from graph.clients.types import Client
from graph.context import Info
from graph.credit_notes.types import CreditNote
from graph.documents.dataloaders import remember
from graph.documents.types import Estimate, Invoice
from graph.node import Node
from graph.organizations.types import Organization
from graph.payments.types import Payment
from graph.recurring.types import RecurringInvoice
from graph.reminders.types import ReminderRule
from graph.tax_rates.types import TaxRate
from graph.webhooks.types import WebhookDelivery, WebhookEndpoint
from models.enums import Series


async def _invoice(info: Info, node_id: str) -> Node:
    row = await documents.get_document(info.context.organization, node_id, series=Series.INVOICE)
    remember(info.context, row)
    return Invoice.from_model(row, info.context.today)


async def _estimate(info: Info, node_id: str) -> Node:
    row = await documents.get_document(info.context.organization, node_id, series=Series.ESTIMATE)
    remember(info.context, row)
    return Estimate.from_model(row, info.context.today)


async def _client(info: Info, node_id: str) -> Node:
    return Client.from_model(await clients.get_client(info.context.organization, node_id))


async def _payment(info: Info, node_id: str) -> Node:
    return Payment.from_model(await payments.get_payment(info.context.organization, node_id))


async def _credit_note(info: Info, node_id: str) -> Node:
    return CreditNote.from_model(
        await credit_notes.get_credit_note(info.context.organization, node_id)
    )


async def _tax_rate(info: Info, node_id: str) -> Node:
    return TaxRate.from_model(await tax_rates.get_tax_rate(info.context.organization, node_id))


async def _api_key(info: Info, node_id: str) -> Node:
    return ApiKey.from_model(await apikeys.get_api_key(info.context.organization, node_id))


async def _webhook_endpoint(info: Info, node_id: str) -> Node:
    return WebhookEndpoint.from_model(
        await webhooks.get_endpoint(info.context.organization, node_id)
    )


async def _webhook_delivery(info: Info, node_id: str) -> Node:
    return WebhookDelivery.from_model(
        await webhooks.get_delivery(info.context.organization, node_id)
    )


async def _recurring_invoice(info: Info, node_id: str) -> Node:
    return RecurringInvoice.from_model(
        await recurring.get_recurring(info.context.organization, node_id)
    )


async def _reminder_rule(info: Info, node_id: str) -> Node:
    return ReminderRule.from_model(await reminders.get_rule(info.context.organization, node_id))


async def _organization(info: Info, node_id: str) -> Node:
    if node_id != info.context.organization.id:
        raise NotFound(f"No organization with id {node_id!r}", field="id")
    return Organization.from_model(info.context.organization)


_BY_PREFIX: dict[str, Callable[[Info, str], Awaitable[Node]]] = {
    "inv": _invoice,
    "est": _estimate,
    "cli": _client,
    "pay": _payment,
    "cn": _credit_note,
    "tax": _tax_rate,
    "key": _api_key,
    "whe": _webhook_endpoint,
    "msg": _webhook_delivery,
    "rec": _recurring_invoice,
    "rmr": _reminder_rule,
    "org": _organization,
}


@strawberry.type
class NodeQueries:
    @strawberry.field(
        description="Any object of the organization by its id; null when there is none such."
    )
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Any object's id.")],
    ) -> Node | None:
        resolve = _BY_PREFIX.get(id.partition("_")[0])
        if resolve is None:
            return None
        try:
            return await resolve(info, id)
        except NotFound:
            return None
