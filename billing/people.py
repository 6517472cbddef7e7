"""People who sign in: users, their sessions, their memberships of organizations with a role,
and the invitations that make new members.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommendation),
off the event loop. A wrong e-mail address and a wrong password take the same time (a hash is
checked either way) and get the same answer. Session and invitation tokens are random secrets
shown once and stored only as SHA-256 hashes, as API keys are (a slow hash would only slow
every request: they carry about 238 bits).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import string
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from addresses import is_plain_address
from billing import access, validation
from billing.access import Permission
from billing.errors import Forbidden, NotFound, Unauthenticated, ValidationError, shown_id
from models import Invitation, Membership, Organization, Session, User
from models.enums import MemberRole
from models.ids import is_id

SESSION_PREFIX: Final = "cses_"
INVITATION_PREFIX: Final = "civt_"
_SECRET_LENGTH: Final = 40
_ALPHABET: Final = string.ascii_letters + string.digits
MIN_PASSWORD: Final = 10
MAX_PASSWORD: Final = 1024
#: How many memberships a user's list shows: a person belongs to a few organizations.
MAX_MEMBERSHIPS: Final = 100
#: A session's expiry moves forward at most this often: a request is a read, not a write.
SLIDE_RESOLUTION: Final = timedelta(minutes=1)
WRONG_CREDENTIALS: Final = "Wrong e-mail address or password"
_SESSION_OVER: Final = "The session is unknown, signed out or expired: sign in again"

_hasher: Final = PasswordHasher()


def _token(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(_SECRET_LENGTH))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_session_token(token: str) -> bool:
    """Whether `token` has the shape of a session token (says nothing of whether it exists)."""
    return re.fullmatch(rf"{SESSION_PREFIX}[A-Za-z0-9]{{{_SECRET_LENGTH}}}", token) is not None


def clean_email(value: object, *, field: str = "email") -> str:
    """An e-mail address as accounts are known by: plain, lower-cased."""
    if not isinstance(value, str) or not is_plain_address(value.strip().lower()):
        raise ValidationError("Not a plain e-mail address (local@domain)", field=field)
    return value.strip().lower()


def check_password(value: object, *, field: str = "password") -> str:
    """A new password: at least MIN_PASSWORD characters, at most MAX_PASSWORD."""
    if not isinstance(value, str) or not MIN_PASSWORD <= len(value) <= MAX_PASSWORD:
        raise ValidationError(
            f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters", field=field
        )
    return value


async def _hash(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


@cache
def _stand_in() -> str:
    # Checked when no account has the address, so that such an attempt costs what a wrong
    # password costs.
    return _hasher.hash(secrets.token_urlsafe(16))


async def _matches(password_hash: str | None, password: str) -> bool:
    def verify() -> bool:
        try:
            return _hasher.verify(password_hash or _stand_in(), password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify) and password_hash is not None


async def create_user(email: object, password: object, name: object = "") -> User:
    """A new user (the command line's first owner, or an invited person)."""
    address = clean_email(email)
    secret = check_password(password)
    cleaned = validation.text(name, field="name", max_length=200)
    if await User.exists(email=address):
        raise ValidationError("An account with this e-mail address exists", field="email")
    return await User.create(email=address, name=cleaned, password_hash=await _hash(secret))


async def _new_session(user: User, ttl: timedelta, now: datetime) -> tuple[Session, str]:
    token = _token(SESSION_PREFIX)
    session = await Session.create(user=user, token_hash=_digest(token), expires_at=now + ttl)
    return session, token


async def sign_in(
    email: object, password: object, *, ttl: timedelta, now: datetime | None = None
) -> tuple[User, Session, str]:
    """A new session for the user with `email` and `password`, and its token (shown once).

    Any mismatch is UNAUTHENTICATED with one message, in the same time."""
    now = now or datetime.now(UTC)
    given = password if isinstance(password, str) and len(password) <= MAX_PASSWORD else ""
    try:
        address: str | None = clean_email(email)
    except ValidationError:
        address = None
    user = None if address is None else await User.get_or_none(email=address)
    if not await _matches(None if user is None else user.password_hash, given) or user is None:
        raise Unauthenticated(WRONG_CREDENTIALS)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = await _hash(given)
        await user.save(update_fields=["password_hash", "updated_at"])
    session, token = await _new_session(user, ttl, now)
    return user, session, token


async def authenticate_session(
    token: str, *, ttl: timedelta, now: datetime | None = None
) -> tuple[User, Session]:
    """The user and session of a session token, its expiry moved `ttl` ahead (sliding)."""
    now = now or datetime.now(UTC)
    if not is_session_token(token):
        raise Unauthenticated(_SESSION_OVER)
    session = await Session.get_or_none(token_hash=_digest(token)).select_related("user")
    if session is None or session.revoked_at is not None or session.expires_at <= now:
        raise Unauthenticated(_SESSION_OVER)
    if now + ttl - session.expires_at >= SLIDE_RESOLUTION:
        session.expires_at = now + ttl
        # Only a session still live moves: one signed out meanwhile stays out.
        moved = await Session.filter(id=session.id, revoked_at__isnull=True).update(
            expires_at=session.expires_at
        )
        if not moved:
            raise Unauthenticated(_SESSION_OVER)
    return session.user, session


async def sign_out(session: Session, *, now: datetime | None = None) -> None:
    """End `session`: its token stops working at once."""
    await Session.filter(id=session.id, revoked_at__isnull=True).update(
        revoked_at=now or datetime.now(UTC)
    )


async def _end_sessions(user_id: str, now: datetime, *, but: str | None = None) -> None:
    query = Session.filter(user_id=user_id, revoked_at__isnull=True)
    if but is not None:
        query = query.exclude(id=but)
    await query.update(revoked_at=now)


async def change_password(
    user: User, session: Session, current: object, new: object, *, now: datetime | None = None
) -> None:
    """Set a new password after checking the current one; every other session ends."""
    secret = check_password(new, field="newPassword")
    if not await _matches(user.password_hash, current if isinstance(current, str) else ""):
        raise ValidationError("The current password is wrong", field="currentPassword")
    user.password_hash = await _hash(secret)
    await user.save(update_fields=["password_hash", "updated_at"])
    await _end_sessions(user.id, now or datetime.now(UTC), but=session.id)


async def memberships_of(user: User) -> list[Membership]:
    """The user's memberships, oldest first, with their organizations (at most
    MAX_MEMBERSHIPS)."""
    return (
        await Membership.filter(user_id=user.id)
        .select_related("organization", "user")
        .order_by("created_at", "id")
        .limit(MAX_MEMBERSHIPS)
    )


class OrganizationRequired(ValidationError):
    """A user in several organizations did not say which one a request acts for."""


async def membership_for(user: User, organization_id: str | None) -> Membership:
    """The membership a request of `user` acts through: in `organization_id`, or in the only
    organization the user belongs to."""
    query = Membership.filter(user_id=user.id).select_related("organization", "user")
    if organization_id is not None:
        found = (
            await query.filter(organization_id=organization_id).first()
            if is_id(organization_id)
            else None
        )
        if found is None:
            raise Forbidden(f"You are not a member of the organization {shown_id(organization_id)}")
        return found
    candidates = await query.order_by("created_at").limit(2)
    if not candidates:
        raise Forbidden("You are not a member of any organization")
    if len(candidates) > 1:
        raise OrganizationRequired(
            "You are a member of several organizations: name the one this request is for in "
            "the X-Organization-Id header",
            field="X-Organization-Id",
        )
    return candidates[0]


def _grantable(role: MemberRole) -> None:
    # Only an owner makes, or unmakes, owners.
    if role is MemberRole.OWNER:
        access.require(Permission.OWNERSHIP)


async def add_member(org: Organization, user: User, role: MemberRole) -> Membership:
    """Make `user` a member of `org` with `role` (the command line's first owner)."""
    access.require(Permission.MEMBERS_MANAGE)
    _grantable(role)
    if await Membership.exists(organization_id=org.id, user_id=user.id):
        raise ValidationError("This user is a member already", field="email")
    return await Membership.create(organization=org, user=user, role=role)


async def _member(org: Organization, membership_id: str) -> Membership:
    found = (
        await Membership.get_or_none(id=membership_id, organization_id=org.id).select_related(
            "user", "organization"
        )
        if is_id(membership_id)
        else None
    )
    if found is None:
        raise NotFound(f"No member with id {shown_id(membership_id)}", field="id")
    return found


async def list_members(org: Organization) -> list[Membership]:
    """The organization's members, oldest first, with their users (the first
    MAX_MEMBERSHIPS)."""
    access.require(Permission.ORGANIZATION_READ)
    return (
        await Membership.filter(organization_id=org.id)
        .select_related("user", "organization")
        .order_by("created_at", "id")
        .limit(MAX_MEMBERSHIPS)
    )


async def _keeps_an_owner(org: Organization, leaving: Membership) -> None:
    if leaving.role is not MemberRole.OWNER:
        return
    others = await Membership.filter(
        Q(organization_id=org.id) & Q(role=MemberRole.OWNER) & ~Q(id=leaving.id)
    ).exists()
    if not others:
        raise ValidationError("An organization keeps at least one owner", field="id")


async def update_role(org: Organization, membership_id: str, role: MemberRole) -> Membership:
    """Give a member another role; owners are made and unmade by owners only, and the last
    owner stays one."""
    access.require(Permission.MEMBERS_MANAGE)
    async with in_transaction():
        member = await _member(org, membership_id)
        if member.role is MemberRole.OWNER or role is MemberRole.OWNER:
            access.require(Permission.OWNERSHIP)
        if role is not MemberRole.OWNER:
            await _keeps_an_owner(org, member)
        member.role = role
        await member.save(update_fields=["role", "updated_at"])
    return member


async def remove_member(
    org: Organization, membership_id: str, *, now: datetime | None = None
) -> Membership:
    """Take a member out of the organization; at once, no session of theirs acts for it any
    more, and a user left in no organization is signed out everywhere."""
    access.require(Permission.MEMBERS_MANAGE)
    async with in_transaction():
        member = await _member(org, membership_id)
        if member.role is MemberRole.OWNER:
            access.require(Permission.OWNERSHIP)
            await _keeps_an_owner(org, member)
        await member.delete()
        if not await Membership.exists(user_id=member.user_id):
            await _end_sessions(member.user_id, now or datetime.now(UTC))
    return member


async def invite(
    org: Organization,
    email: object,
    role: MemberRole,
    *,
    invited_by: User | None,
    ttl: timedelta,
    now: datetime | None = None,
) -> tuple[Invitation, str]:
    """An invitation to `email` to join `org` as `role`, and its token (for the link)."""
    access.require(Permission.MEMBERS_MANAGE)
    _grantable(role)
    address = clean_email(email)
    if await Membership.exists(organization_id=org.id, user__email=address):
        raise ValidationError("This person is a member already", field="email")
    token = _token(INVITATION_PREFIX)
    invitation = await Invitation.create(
        organization=org,
        email=address,
        role=role,
        token_hash=_digest(token),
        invited_by=invited_by,
        expires_at=(now or datetime.now(UTC)) + ttl,
    )
    return invitation, token


_INVITATION_OVER: Final = "The invitation is unknown, used or expired: ask for a new one"


async def accept_invitation(
    token: object,
    password: object,
    name: object = "",
    *,
    session_ttl: timedelta,
    now: datetime | None = None,
) -> tuple[Membership, str]:
    """Join the organization of an invitation: as the account with its e-mail address (whose
    password is `password`), or as a new account with `password` and `name`. Returns the
    membership and a new session's token: the person is signed in."""
    now = now or datetime.now(UTC)
    digest = _digest(token) if isinstance(token, str) else ""
    async with in_transaction():
        invitation = await Invitation.select_for_update().get_or_none(token_hash=digest)
        if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= now:
            raise Unauthenticated(_INVITATION_OVER)
        user = await User.get_or_none(email=invitation.email)
        if user is None:
            user = await create_user(invitation.email, password, name)
        elif not await _matches(user.password_hash, password if isinstance(password, str) else ""):
            raise ValidationError(
                "An account has this e-mail address: give its password", field="password"
            )
        member = await Membership.get_or_none(
            organization_id=invitation.organization_id, user_id=user.id
        )
        if member is None:
            member = await Membership.create(
                organization_id=invitation.organization_id, user=user, role=invitation.role
            )
        invitation.accepted_at = now
        await invitation.save(update_fields=["accepted_at", "updated_at"])
    _, session_token = await _new_session(user, session_ttl, now)
    await member.fetch_related("organization", "user")
    return member, session_token
