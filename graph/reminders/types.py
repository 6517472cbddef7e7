"""GraphQL types of reminder rules and the reminders they sent."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from billing import display, reminders
from billing.money import minor_units
from graph.context import Info
from graph.documents.dataloaders import DocumentByIdLoader
from graph.node import Node
from graph.reminders.dataloaders import RuleByIdLoader
from models import Reminder as ReminderModel
from models import ReminderRule as ReminderRuleModel

if TYPE_CHECKING:
    from graph.documents.types import Invoice


@strawberry.enum(description="How a reminder rule's late fee is reckoned.")
class LateFeeType(Enum):
    PERCENT = strawberry.enum_value(
        reminders.LateFeeType.PERCENT.value,
        description="A percentage of the amount due when the reminder goes out.",
    )
    FLAT = strawberry.enum_value(
        reminders.LateFeeType.FLAT.value,
        description="An amount in lateFeeCurrency; invoices in other currencies are charged none.",
    )


@strawberry.enum(description="What came of a reminder.")
class ReminderState(Enum):
    SENDING = strawberry.enum_value(
        reminders.ReminderState.SENDING.value, description="Being e-mailed."
    )
    RETRYING = strawberry.enum_value(
        reminders.ReminderState.RETRYING.value,
        description="The SMTP server could not take it just now (`error` says why): tried "
        f"again at nextAttemptAt, {reminders.MAX_ATTEMPTS} times in all at most.",
    )
    SENT = strawberry.enum_value(reminders.ReminderState.SENT.value, description="E-mailed.")
    FAILED = strawberry.enum_value(
        reminders.ReminderState.FAILED.value,
        description="Not e-mailed, or its worker stopped while e-mailing it (`error` says "
        "which); not sent again by itself.",
    )
    SKIPPED = strawberry.enum_value(
        reminders.ReminderState.SKIPPED.value,
        description="Not sent: a later rule's reminder went out instead, or its day passed "
        "while no worker ran.",
    )


@strawberry.type(
    description="When the organization reminds its clients of an open invoice: a number of "
    "days from the due date, in its time zone, with a subject and a message. Placeholders "
    "filled in the organization's locale: "
    + ", ".join(f"`{{{name}}}`" for name in reminders.PLACEHOLDERS)
    + "."
)
class ReminderRule(Node):
    name: str = strawberry.field(description="A label; e-mails do not show it.")
    offset_days: int = strawberry.field(
        description="Days from the due date: negative before it, 0 on it, positive after."
    )
    subject: str = strawberry.field(description="The e-mail's subject, with placeholders.")
    message: str = strawberry.field(description="The e-mail's message, with placeholders.")
    enabled: bool = strawberry.field(description="Whether it sends reminders.")
    late_fee_type: LateFeeType | None = strawberry.field(
        description="How its late fee is reckoned; null for none."
    )
    late_fee_value: Decimal | None = strawberry.field(
        description="The fee: in percent (PERCENT), or an amount (FLAT); null for none."
    )
    late_fee_currency: str | None = strawberry.field(
        description="The currency of a FLAT fee; null otherwise."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_model(cls, row: ReminderRuleModel) -> ReminderRule:
        value = row.late_fee_value
        if value is not None:
            value = (
                display.plain(value)
                if row.late_fee_currency is None
                else display.money(value, minor_units(row.late_fee_currency))
            )
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            offset_days=row.offset_days,
            subject=row.subject,
            message=row.message,
            enabled=row.enabled,
            late_fee_type=None if row.late_fee_type is None else LateFeeType(row.late_fee_type),
            late_fee_value=value,
            late_fee_currency=row.late_fee_currency,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="One rule's reminder of an invoice, sent once at most.")
class Reminder(Node):
    offset_days: int = strawberry.field(
        description="Its rule's days from the due date when it was sent."
    )
    state: ReminderState = strawberry.field(description="What came of it.")
    sent_to: list[str] = strawberry.field(description="The addresses it was e-mailed to.")
    sent_at: datetime | None = strawberry.field(description="When it was e-mailed, if it was.")
    error: str | None = strawberry.field(
        description="Why it was not sent (yet), or what became of its late fee; null otherwise."
    )
    attempts: int = strawberry.field(description="How many times its e-mail was tried.")
    next_attempt_at: datetime | None = strawberry.field(
        description="When it is tried again, while RETRYING; null otherwise."
    )
    created_at: datetime = strawberry.field(description="When it was recorded.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    row: strawberry.Private[ReminderModel]

    @classmethod
    def from_model(cls, row: ReminderModel) -> Reminder:
        return cls(
            id=strawberry.ID(row.id),
            offset_days=row.offset_days,
            state=ReminderState(row.state),
            sent_to=list(row.sent_to),
            sent_at=row.sent_at,
            error=row.error or None,
            attempts=row.attempts,
            next_attempt_at=row.sending_until
            if row.state == reminders.ReminderState.RETRYING
            else None,
            created_at=row.created_at,
            updated_at=row.updated_at,
            row=row,
        )

    @strawberry.field(description="The rule that sent it; null once the rule is deleted.")
    async def rule(self, info: Info) -> ReminderRule | None:
        if self.row.rule_id is None:
            return None
        found = await info.context.loader(RuleByIdLoader).load(self.row.rule_id)
        return None if found is None else ReminderRule.from_model(found)

    @strawberry.field(description="The late fee invoice it issued, if it charged one.")
    async def late_fee_invoice(
        self, info: Info
    ) -> Annotated[Invoice, strawberry.lazy("graph.documents.types")] | None:
        from graph.documents.types import Invoice

        if self.row.late_fee_document_id is None:
            return None
        found = await info.context.loader(DocumentByIdLoader).load(self.row.late_fee_document_id)
        return None if found is None else Invoice.from_model(found, info.context.today)
