"""GraphQL types of the event log."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from billing.access import ActorKind as ActorKindModel
from models import Event as EventModel


@strawberry.enum(description="Who made a change.")
class ActorKind(Enum):
    API_KEY = strawberry.enum_value(ActorKindModel.API_KEY.value, description="An API key.")
    USER = strawberry.enum_value(ActorKindModel.USER.value, description="A signed-in member.")
    SYSTEM = strawberry.enum_value(
        ActorKindModel.SYSTEM.value,
        description="The server itself: the command line or its own background work.",
    )


@strawberry.type(description="Who made a change: an API key or a user by id, or the system.")
class Actor:
    kind: ActorKind = strawberry.field(description="What kind of actor.")
    id: str | None = strawberry.field(description="The key's or user's id; null for SYSTEM.")


@strawberry.type(
    description="One change of one object, recorded in the same transaction as the change: "
    "it exists exactly when the change committed."
)
class Event:
    id: strawberry.ID = strawberry.field(description="Its id (`evt_`); ids order events.")
    type: str = strawberry.field(
        description="What happened: `invoice.paid`, `payment.created`, `client.updated`, ..."
    )
    occurred_at: datetime = strawberry.field(description="When the change was written.")
    object_type: str = strawberry.field(
        description="What it is about: invoice, estimate, payment, client, credit_note or "
        "webhook_endpoint."
    )
    object_id: strawberry.ID = strawberry.field(description="The id of that object.")
    actor: Actor = strawberry.field(description="Who made the change.")
    data: JSON = strawberry.field(
        description="The object as it was at the end of the change, with the fields and "
        "formatting GraphQL gives it (a deleted one as it was last seen)."
    )

    @classmethod
    def from_model(cls, row: EventModel) -> Event:
        data: Any = row.data
        return cls(
            id=strawberry.ID(row.id),
            type=row.type,
            occurred_at=row.occurred_at,
            object_type=row.object_type,
            object_id=strawberry.ID(row.object_id),
            actor=Actor(kind=ActorKind(row.actor_kind), id=row.actor_id or None),
            data=data,
        )
