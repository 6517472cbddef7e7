"""API keys: `cinv_` + a random secret, shown once, stored only as a SHA-256 hash.

The secret carries about 238 bits of entropy, so a fast hash is the right tool (a slow
password hash would only slow every request). Keys are found by their short non-secret
prefix and the hashes compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import string
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from tortoise.signals import post_delete, post_save

from billing import access, validation
from billing.access import (
    KEY_SCOPES,
    READ,
    Access,
    Permission,
    parse_scopes,
    with_implied,
)
from billing.errors import Forbidden, NotFound, Unauthenticated, ValidationError, shown_id
from billing.pagination import Joined, Listing, Ordering, Slice, Window, compare, keyset
from models import ApiKey, Organization
from models.ids import is_id
from models.rows import attach, table
from models.snapshot import one_statement

M = TypeVar("M", ApiKey, Organization)

KEY_PREFIX = "cinv_"
SECRET_LENGTH = 40
PREFIX_LENGTH = len(KEY_PREFIX) + 8
_ALPHABET = string.ascii_letters + string.digits
_KEY_RE = re.compile(rf"{KEY_PREFIX}[A-Za-z0-9]{{{SECRET_LENGTH}}}")
# `last_used_at` is a hint for humans; writing it on every request would turn each read into
# a write, so it moves at most once per this interval.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def generate_key() -> str:
    """A new random API key."""
    return KEY_PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(SECRET_LENGTH))


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def is_well_formed(key: str) -> bool:
    """True when `key` has the shape of an API key (says nothing of whether it exists)."""
    return _KEY_RE.fullmatch(key) is not None


async def create_api_key(
    org: Organization,
    name: str = "",
    *,
    scopes: Iterable[str] | None = None,
    read_only: bool = False,
) -> tuple[ApiKey, str]:
    """Create a key for `org`; return it with its secret, which is never shown again.

    The key holds `scopes` (billing/access.py's permissions), or every read if `read_only`,
    or full access with neither. A caller grants only what it may do itself: a key with
    `keys:manage` cannot make a key that may do more than it."""
    access.require(Permission.KEYS_MANAGE)
    name = validation.text(name, field="name", max_length=100)
    granted = _granted(scopes, read_only)
    beyond = (granted or KEY_SCOPES) - access.current().permissions
    if beyond:
        raise Forbidden(
            f"{access.current().caller} may not make a key that may do more than it may: "
            f"it lacks {', '.join(sorted(beyond))}"
        )
    key = generate_key()
    record = await ApiKey.create(
        organization=org,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        scopes=None if granted is None else " ".join(sorted(granted)),
    )
    return record, key


def _granted(scopes: Iterable[str] | None, read_only: bool) -> frozenset[Permission] | None:
    if scopes is not None and read_only:
        raise ValidationError("Give scopes or readOnly, not both", field="readOnly")
    if read_only:
        return READ
    return None if scopes is None else with_implied(parse_scopes(scopes))


def scopes_of(key: ApiKey) -> frozenset[Permission] | None:
    """What `key` may do: its scopes, or None for full access."""
    return None if key.scopes is None else frozenset(Permission(s) for s in key.scopes.split())


def access_of(key: ApiKey) -> Access:
    """The access a request authenticated by `key` acts with."""
    return Access.of_key(scopes_of(key), key.id)


NEWEST_FIRST = Ordering("NEWEST_FIRST", descending=True)
KEYS = table(ApiKey, "k")
WITH_ORGANIZATION = (Joined(table(Organization, "o"), "organization"),)


async def window_api_keys(org: Organization, window: Window | None = None) -> Slice[ApiKey]:
    """A keyset window of the organization's keys, newest first, revoked ones included."""
    access.require(Permission.KEYS_MANAGE)
    listing = Listing(KEYS, (compare(KEYS, "organization_id", "=", org.id),))
    return await keyset(listing, NEWEST_FIRST, window or Window())


async def get_api_key(org: Organization, key_id: str) -> ApiKey:
    """One of the organization's keys, revoked or not."""
    access.require(Permission.KEYS_MANAGE)
    record = await ApiKey.get_or_none(id=key_id, organization_id=org.id) if is_id(key_id) else None
    if record is None:
        raise NotFound(f"No API key with id {shown_id(key_id)}", field="id")
    return record


async def revoke_api_key(org: Organization, key_id: str) -> ApiKey:
    """Revoke one of the organization's keys; revoking twice keeps the first time."""
    access.require(Permission.KEYS_MANAGE)
    record = await get_api_key(org, key_id)
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        await record.save(update_fields=["revoked_at", "updated_at"])
    return record


class RecentKeys:
    """The keys a server process authenticated in the last `seconds`, by their hash, so that
    a caller's requests after the first skip the look-up.

    The price is how soon a change made elsewhere is seen: a key revoked, or its
    organization changed, by another process is seen here within `seconds`. What this
    process changes through the models (a revocation, an organization's settings or plan) is
    forgotten at once, by every cache of the process. Only keys that authenticated are kept
    (at most `size`, the least recently used going first), and every caller gets its own
    copies of the organization and key, so that nothing one request does to them reaches
    another."""

    def __init__(
        self, seconds: float, *, size: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, ApiKey]] = OrderedDict()
        # Moves with every `forget`: a look-up begun before one is not kept after it.
        self.generation = 0
        _CACHES.add(self)

    def get(self, digest: str) -> ApiKey | None:
        """A copy of the key of `digest` with its organization, if authenticated recently."""
        entry = self._entries.get(digest)
        if entry is None:
            return None
        if self.clock() >= entry[0]:
            del self._entries[digest]
            return None
        self._entries.move_to_end(digest)
        return _copy_key(entry[1])

    def put(self, digest: str, record: ApiKey, generation: int) -> None:
        """Keep a copy of `record` (with its organization) for `seconds`, unless something was
        forgotten since `generation` (when its look-up began): it may be what changed."""
        if self.seconds <= 0 or generation != self.generation:
            return
        self._entries[digest] = (self.clock() + self.seconds, _copy_key(record))
        self._entries.move_to_end(digest)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def stamp(self, digest: str, last_used_at: datetime) -> None:
        """Note when the key of `digest` was last used, keeping the time it is trusted until."""
        entry = self._entries.get(digest)
        if entry is not None:
            entry[1].last_used_at = last_used_at

    def forget(self, *, organization_id: str | None = None, key_id: str | None = None) -> None:
        """Drop the keys of the organization, or the key, with that id."""
        self.generation += 1
        for digest, (_, record) in list(self._entries.items()):
            if record.organization_id == organization_id or record.id == key_id:
                del self._entries[digest]

    def __len__(self) -> int:
        return len(self._entries)


# Every cache of the process, so that a change made here is forgotten by all of them.
_CACHES: weakref.WeakSet[RecentKeys] = weakref.WeakSet()


def forget_recent(*, organization_id: str | None = None, key_id: str | None = None) -> None:
    """Have every cache of the process drop the keys of an organization, or one key, that
    has just changed."""
    for cache in list(_CACHES):
        cache.forget(organization_id=organization_id, key_id=key_id)


def _copy(instance: M) -> M:
    copied = instance.__class__.__new__(instance.__class__)
    copied.__dict__.update(instance.__dict__, _await_when_save={})
    return copied


def _copy_key(record: ApiKey) -> ApiKey:
    copied = _copy(record)
    attach(copied, "organization", _copy(record.organization))
    return copied


async def authenticate(
    key: str, *, now: datetime | None = None, recent: RecentKeys | None = None
) -> tuple[Organization, ApiKey]:
    """The organization and key that `key` stands for, or `Unauthenticated` saying why not;
    from `recent` when it authenticated there lately."""
    if not is_well_formed(key):
        raise Unauthenticated(
            f"Malformed API key: expected {KEY_PREFIX} followed by {SECRET_LENGTH} letters "
            "and digits"
        )
    digest = hash_key(key)
    record = recent.get(digest) if recent is not None else None
    if record is None:
        generation = recent.generation if recent is not None else 0
        record = await _look_up(key, digest)
        if recent is not None:
            recent.put(digest, record, generation)
    now = now or datetime.now(UTC)
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        # The stamp checks the key again: a cached key revoked meanwhile stamps nothing.
        stamped = await ApiKey.filter(id=record.id, revoked_at__isnull=True).update(
            last_used_at=now
        )
        if not stamped:
            if recent is not None:
                recent.forget(key_id=record.id)
            record = await _look_up(key, digest)  # raises, saying why
        record.last_used_at = now
        if recent is not None:
            recent.stamp(digest, now)
    return record.organization, record


async def _look_up(key: str, digest: str) -> ApiKey:
    prefix = compare(KEYS, "prefix", "=", key[:PREFIX_LENGTH])
    async with one_statement():
        candidates = await Listing(KEYS, (prefix,), WITH_ORGANIZATION).rows()
    record: ApiKey | None = next(
        (c for c in candidates if hmac.compare_digest(c.key_hash, digest)), None
    )
    if record is None:
        raise Unauthenticated("Invalid API key")
    if record.revoked_at is not None:
        raise Unauthenticated("This API key has been revoked")
    return record


async def _forget_saved(sender: Any, instance: Organization | ApiKey, *_: Any) -> None:
    if isinstance(instance, Organization):
        forget_recent(organization_id=instance.id)
    else:
        forget_recent(key_id=instance.id)


for _model in (Organization, ApiKey):
    post_save(_model)(_forget_saved)
    post_delete(_model)(_forget_saved)
