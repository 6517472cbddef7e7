"""Who may do what in an organization: the permissions each role holds and each API key was
given, and the one check every billing action makes before it reads or writes.

Each surface says, once per request, on whose behalf it calls billing/ (`acting`, from the
request's key or session); each billing action then asks for the permission it needs
(`require`), and refuses with `FORBIDDEN` when the caller lacks it. What runs outside any
request (the command line, background work, the tests' own set-up) acts as the process, which
may do everything: the process is the one that holds the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from billing.errors import Forbidden, ValidationError
from models.enums import MemberRole


class Permission(StrEnum):
    """What an action needs; the values are the scopes an API key may be given."""

    action: str

    def __new__(cls, value: str, action: str = "") -> Permission:
        permission = str.__new__(cls, value)
        permission._value_ = value
        permission.action = action
        return permission

    ORGANIZATION_READ = "organization:read", "read the organization's settings"
    ORGANIZATION_WRITE = "organization:write", "change the organization's settings"
    CLIENTS_READ = "clients:read", "read clients"
    CLIENTS_WRITE = "clients:write", "create or change clients"
    DOCUMENTS_READ = "documents:read", "read invoices and estimates"
    DOCUMENTS_WRITE = "documents:write", "create or change invoices and estimates"
    DOCUMENTS_SEND = "documents:send", "send invoices and estimates by e-mail"
    PAYMENTS_READ = "payments:read", "read payments"
    PAYMENTS_WRITE = "payments:write", "record or delete payments"
    KEYS_MANAGE = "keys:manage", "create, list or revoke API keys"
    MEMBERS_MANAGE = "members:manage", "invite, change or remove members"
    WEBHOOKS_MANAGE = "webhooks:manage", "manage webhook endpoints and see their deliveries"
    # Not a key's scope: only an owner makes or unmakes owners.
    OWNERSHIP = "organization:own", "make or unmake owners"


Role = MemberRole  # a member's role, named as the models name it

READ: Final = frozenset(
    {
        Permission.ORGANIZATION_READ,
        Permission.CLIENTS_READ,
        Permission.DOCUMENTS_READ,
        Permission.PAYMENTS_READ,
    }
)
#: What each writing scope implies: a key that may change something may see what it changed.
_IMPLIED: Final = {
    Permission.ORGANIZATION_WRITE: Permission.ORGANIZATION_READ,
    Permission.CLIENTS_WRITE: Permission.CLIENTS_READ,
    Permission.DOCUMENTS_WRITE: Permission.DOCUMENTS_READ,
    Permission.DOCUMENTS_SEND: Permission.DOCUMENTS_READ,
    Permission.PAYMENTS_WRITE: Permission.PAYMENTS_READ,
}
#: The scopes a key may hold: everything but ownership.
KEY_SCOPES: Final = frozenset(Permission) - {Permission.OWNERSHIP}


ROLE_PERMISSIONS: Final[dict[Role, frozenset[Permission]]] = {
    Role.OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission) - {Permission.OWNERSHIP},
    Role.ACCOUNTANT: READ
    | {
        Permission.CLIENTS_WRITE,
        Permission.DOCUMENTS_WRITE,
        Permission.DOCUMENTS_SEND,
        Permission.PAYMENTS_WRITE,
    },
    Role.VIEWER: READ,
}


class ActorKind(StrEnum):
    """Who a change is made by, as the event log records it."""

    API_KEY = "API_KEY"
    USER = "USER"
    SYSTEM = "SYSTEM"  # the server itself: the command line, background work


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: an API key or a user (by id), or the system."""

    kind: ActorKind
    id: str = ""


SYSTEM: Final = Actor(ActorKind.SYSTEM)


@dataclass(frozen=True, slots=True)
class Access:
    """What a caller may do, how a refusal names the caller, and who it is."""

    permissions: frozenset[Permission]
    caller: str
    actor: Actor = SYSTEM

    @classmethod
    def of_role(cls, role: Role, user_id: str = "") -> Access:
        actor = Actor(ActorKind.USER, user_id) if user_id else SYSTEM
        return cls(ROLE_PERMISSIONS[role], f"A member with the role {role}", actor)

    @classmethod
    def of_key(cls, scopes: frozenset[Permission] | None, key_id: str = "") -> Access:
        """A key's access: `None` for a key made before scopes (it keeps full access)."""
        actor = Actor(ActorKind.API_KEY, key_id) if key_id else SYSTEM
        if scopes is None:
            return cls(KEY_SCOPES, "This API key", actor)
        return cls(with_implied(scopes), "This API key", actor)

    def allows(self, permission: Permission) -> bool:
        return permission in self.permissions


PROCESS: Final = Access(frozenset(Permission), "The server process")
_current: ContextVar[Access] = ContextVar("access", default=PROCESS)


def with_implied(scopes: Iterable[Permission]) -> frozenset[Permission]:
    """`scopes` and the reads their writes imply."""
    given = frozenset(scopes)
    return given | {_IMPLIED[scope] for scope in given if scope in _IMPLIED}


def parse_scopes(raw: Iterable[str], *, field: str = "scopes") -> frozenset[Permission]:
    """Scopes as a caller writes them (`documents:read`), checked; at least one."""
    scopes = set()
    for index, value in enumerate(raw):
        try:
            scope = Permission(value.strip().lower())
        except ValueError:
            scope = None
        if scope is None or scope not in KEY_SCOPES:
            known = ", ".join(sorted(KEY_SCOPES))
            raise ValidationError(
                f"Unknown scope {value!r}: scopes are {known}", field=f"{field}.{index}"
            )
        scopes.add(scope)
    if not scopes:
        raise ValidationError(
            "A key needs at least one scope (or none given: full access)", field=field
        )
    return frozenset(scopes)


@contextmanager
def acting(access: Access) -> Iterator[None]:
    """Run what is inside on behalf of a caller with `access`."""
    token = _current.set(access)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> Access:
    """The access of whoever billing is running for."""
    return _current.get()


def require(permission: Permission) -> None:
    """Refuse with FORBIDDEN unless the caller may do what `permission` covers."""
    access = _current.get()
    if permission not in access.permissions:
        raise Forbidden(
            f"{access.caller} may not {permission.action}: that needs {permission.value}"
        )
