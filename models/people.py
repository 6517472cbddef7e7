"""People who sign in: users, their memberships of organizations, their sessions, and the
invitations that make new members."""

from __future__ import annotations

from tortoise import fields

from models.base import Entity
from models.enums import MemberRole
from models.organization import Organization


class User(Entity):
    """A person with a sign-in. The password is kept only as an Argon2 hash."""

    id_prefix = "usr"

    email = fields.CharField(max_length=254, unique=True)  # lower-cased
    name = fields.CharField(max_length=200, default="")
    password_hash = fields.CharField(max_length=200)

    class Meta:
        table = "user_account"  # `user` is a reserved word in PostgreSQL


class Membership(Entity):
    """A user's place in an organization, with a role."""

    id_prefix = "mem"

    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    user_id: str
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="memberships", on_delete=fields.CASCADE
    )
    organization_id: str
    role = fields.CharEnumField(MemberRole, max_length=16)

    class Meta:
        table = "membership"
        unique_together = (("organization_id", "user_id"),)
        indexes = (("user_id", "created_at"),)


class Session(Entity):
    """A signed-in browser or app: a random token, stored only as a SHA-256 hash."""

    id_prefix = "ses"

    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: str
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()  # moved forward as the session is used (sliding)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "session"
        indexes = (("user_id", "created_at"),)


class Invitation(Entity):
    """An invitation to join an organization with a role, sent by e-mail as a link holding a
    random token (stored only as a hash), good once and until it expires."""

    id_prefix = "ivt"

    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="invitations", on_delete=fields.CASCADE
    )
    organization_id: str
    email = fields.CharField(max_length=254)  # lower-cased
    role = fields.CharEnumField(MemberRole, max_length=16)
    token_hash = fields.CharField(max_length=64, unique=True)
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="invitations_sent", null=True, on_delete=fields.SET_NULL
    )
    invited_by_id: str | None
    expires_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invitation"
        indexes = (("organization_id", "created_at"),)
