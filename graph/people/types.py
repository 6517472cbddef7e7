"""GraphQL types of people: users, memberships and invitations."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from billing import people
from graph.context import Info
from graph.organizations.types import Organization
from models import Invitation as InvitationModel
from models import Membership as MembershipModel
from models import User as UserModel
from models.enums import MemberRole as StoredRole


@strawberry.enum(description="What a member may do in an organization.")
class MemberRole(Enum):
    OWNER = strawberry.enum_value(StoredRole.OWNER.value, description="Everything.")
    ADMIN = strawberry.enum_value(
        StoredRole.ADMIN.value, description="Everything but making or unmaking owners."
    )
    ACCOUNTANT = strawberry.enum_value(
        StoredRole.ACCOUNTANT.value,
        description="Clients, documents, sending and payments; no members, keys or settings.",
    )
    VIEWER = strawberry.enum_value(StoredRole.VIEWER.value, description="Reads everything.")


def stored(role: MemberRole) -> StoredRole:
    return StoredRole(str(role.value))


@strawberry.type(description="A person who signs in.")
class User:
    id: strawberry.ID = strawberry.field(description="Opaque id (`usr_...`).")
    email: str = strawberry.field(description="The address the person signs in with.")
    name: str = strawberry.field(description="The person's name.")
    created_at: datetime = strawberry.field(description="When the account was made.")

    @classmethod
    def from_model(cls, row: UserModel) -> User:
        """The GraphQL view of a user (never its password hash)."""
        return cls(
            id=strawberry.ID(row.id), email=row.email, name=row.name, created_at=row.created_at
        )


@strawberry.type(description="A user's place in an organization.")
class Membership:
    id: strawberry.ID = strawberry.field(description="Opaque id (`mem_...`).")
    role: MemberRole = strawberry.field(description="What the member may do.")
    user: User = strawberry.field(description="The member.")
    organization: Organization = strawberry.field(description="The organization.")
    created_at: datetime = strawberry.field(description="When the person became a member.")

    @classmethod
    def from_model(cls, row: MembershipModel) -> Membership:
        """The GraphQL view of a membership whose user and organization are loaded."""
        return cls(
            id=strawberry.ID(row.id),
            role=MemberRole(row.role.value),
            user=User.from_model(row.user),
            organization=Organization.from_model(row.organization),
            created_at=row.created_at,
        )


@strawberry.type(description="An invitation to join the organization, sent by e-mail.")
class Invitation:
    id: strawberry.ID = strawberry.field(description="Opaque id (`ivt_...`).")
    email: str = strawberry.field(description="Who it was sent to.")
    role: MemberRole = strawberry.field(description="The role it gives.")
    expires_at: datetime = strawberry.field(description="Until when it can be accepted.")

    @classmethod
    def from_model(cls, row: InvitationModel) -> Invitation:
        return cls(
            id=strawberry.ID(row.id),
            email=row.email,
            role=MemberRole(row.role.value),
            expires_at=row.expires_at,
        )


@strawberry.type(
    description="The caller: the organization it acts for, and its API key or signed-in user."
)
class Viewer:
    organization: Organization = strawberry.field(description="The organization acted for.")
    api_key_id: strawberry.ID | None = strawberry.field(
        description="The id of the key in use (none for a signed-in person)."
    )
    user: User | None = strawberry.field(description="The signed-in person (none for a key).")
    role: MemberRole | None = strawberry.field(
        description="The signed-in person's role in the organization (none for a key)."
    )

    @strawberry.field(
        description="The organizations the signed-in person may act for (the first 100; none "
        "for a key)."
    )
    async def memberships(self, info: Info) -> list[Membership]:
        caller = info.context.principal
        if caller.membership is None:
            return []
        return [
            Membership.from_model(m) for m in await people.memberships_of(caller.membership.user)
        ]
