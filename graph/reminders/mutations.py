"""Mutations of reminder rules, and of whether an invoice is reminded of."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import UNSET

from billing import reminders
from graph.context import Info
from graph.documents.mutations import DocumentId, InvoicePayload, invoice_payload
from graph.errors import Error, attempt
from graph.inputs import values_of
from graph.payloads import DeletePayload
from graph.reminders.types import LateFeeType, ReminderRule
from models import ReminderRule as ReminderRuleModel

RuleId = Annotated[strawberry.ID, strawberry.argument(description="The reminder rule's id.")]


@strawberry.input(description="A new reminder rule.")
class ReminderRuleCreateInput:
    offset_days: int = strawberry.field(
        description=f"Days from the due date, -{reminders.MAX_OFFSET} to "
        f"{reminders.MAX_OFFSET}: negative before it, 0 on it, positive after; one rule each."
    )
    name: str = strawberry.field(default="", description="A label; e-mails do not show it.")
    subject: str | None = strawberry.field(
        default=UNSET,
        description=f"The subject, with placeholders; left out: `{reminders.DEFAULT_SUBJECT}`.",
    )
    message: str | None = strawberry.field(
        default=UNSET,
        description="The message, with placeholders; left out, one saying the invoice is "
        "due soon, today, or overdue.",
    )
    enabled: bool = strawberry.field(default=True, description="Whether it sends reminders.")
    late_fee_type: LateFeeType | None = strawberry.field(
        default=None, description="A late fee to charge (rules after the due date only)."
    )
    late_fee_value: Decimal | None = strawberry.field(
        default=None, description="The fee: in percent for PERCENT, an amount for FLAT."
    )
    late_fee_currency: str | None = strawberry.field(
        default=None, description="A FLAT fee's currency; the organization's if left out."
    )


@strawberry.input(description="Changes to a reminder rule; reminders sent keep what they said.")
class ReminderRuleUpdateInput:
    offset_days: int | None = strawberry.field(default=UNSET, description="Days from due.")
    name: str | None = strawberry.field(default=UNSET, description="A label.")
    subject: str | None = strawberry.field(default=UNSET, description="The subject.")
    message: str | None = strawberry.field(default=UNSET, description="The message.")
    enabled: bool | None = strawberry.field(default=UNSET, description="Whether it sends.")
    late_fee_type: LateFeeType | None = strawberry.field(
        default=UNSET, description="Its late fee's kind; null for no late fee."
    )
    late_fee_value: Decimal | None = strawberry.field(default=UNSET, description="The fee.")
    late_fee_currency: str | None = strawberry.field(
        default=UNSET, description="A FLAT fee's currency."
    )


@strawberry.type(description="The reminder rule a mutation produced, or why it did not.")
class ReminderRulePayload:
    reminder_rule: ReminderRule | None = strawberry.field(description="The rule, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


async def _payload(
    info: Info, action: Callable[[], Awaitable[ReminderRuleModel]]
) -> ReminderRulePayload:
    row, errors = await attempt(info, action)
    rule = None if row is None else ReminderRule.from_model(row)
    return ReminderRulePayload(reminder_rule=rule, errors=errors)


@strawberry.type
class ReminderMutations:
    @strawberry.mutation(
        description=f"Add a reminder rule (at most {reminders.MAX_RULES}, one per offset)."
    )
    async def reminder_rule_create(
        self,
        info: Info,
        input: Annotated[ReminderRuleCreateInput, strawberry.argument(description="The new rule.")],
    ) -> ReminderRulePayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: reminders.create_rule(org, values))

    @strawberry.mutation(description="Change a reminder rule.")
    async def reminder_rule_update(
        self,
        info: Info,
        id: RuleId,
        input: Annotated[ReminderRuleUpdateInput, strawberry.argument(description="The changes.")],
    ) -> ReminderRulePayload:
        org, values = info.context.organization, values_of(input)
        return await _payload(info, lambda: reminders.update_rule(org, id, values))

    @strawberry.mutation(
        description="Delete a reminder rule; the reminders it sent stay on their invoices."
    )
    async def reminder_rule_delete(self, info: Info, id: RuleId) -> DeletePayload:
        org = info.context.organization
        _, errors = await attempt(info, lambda: reminders.delete_rule(org, id))
        return DeletePayload(deleted_id=None if errors else id, errors=errors)

    @strawberry.mutation(
        description="Let the reminder rules remind the client of an invoice, or not "
        "(whatever its status)."
    )
    async def invoice_reminders_set(
        self,
        info: Info,
        id: DocumentId,
        enabled: Annotated[bool, strawberry.argument(description="Whether to remind of it.")],
    ) -> InvoicePayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: reminders.set_reminders(org, id, enabled=enabled))
        return invoice_payload(info, row, errors)
