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
from datetime import UTC, datetime, timedelta

from billing import validation
from billing.errors import NotFound, Unauthenticated, shown_id
from billing.pagination import Joined, Listing, Ordering, Slice, Window, compare, keyset
from models import ApiKey, Organization
from models.ids import is_id
from models.rows import table
from models.snapshot import one_statement

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


async def create_api_key(org: Organization, name: str = "") -> tuple[ApiKey, str]:
    """Create a key for `org`; return it with its secret, which is never shown again."""
    name = validation.text(name, field="name", max_length=100)
    key = generate_key()
    record = await ApiKey.create(
        organization=org, name=name, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
    )
    return record, key


NEWEST_FIRST = Ordering("NEWEST_FIRST", descending=True)
KEYS = table(ApiKey, "k")
WITH_ORGANIZATION = (Joined(table(Organization, "o"), "organization"),)


async def window_api_keys(org: Organization, window: Window | None = None) -> Slice[ApiKey]:
    """A keyset window of the organization's keys, newest first, revoked ones included."""
    listing = Listing(KEYS, (compare(KEYS, "organization_id", "=", org.id),))
    return await keyset(listing, NEWEST_FIRST, window or Window())


async def get_api_key(org: Organization, key_id: str) -> ApiKey:
    """One of the organization's keys, revoked or not."""
    record = await ApiKey.get_or_none(id=key_id, organization_id=org.id) if is_id(key_id) else None
    if record is None:
        raise NotFound(f"No API key with id {shown_id(key_id)}", field="id")
    return record


async def revoke_api_key(org: Organization, key_id: str) -> ApiKey:
    """Revoke one of the organization's keys; revoking twice keeps the first time."""
    record = await get_api_key(org, key_id)
    if record.revoked_at is None:
        record.revoked_at = datetime.now(UTC)
        await record.save(update_fields=["revoked_at", "updated_at"])
    return record


async def authenticate(key: str, *, now: datetime | None = None) -> tuple[Organization, ApiKey]:
    """The organization and key that `key` stands for, or `Unauthenticated` saying why not."""
    if not is_well_formed(key):
        raise Unauthenticated(
            f"Malformed API key: expected {KEY_PREFIX} followed by {SECRET_LENGTH} letters "
            "and digits"
        )
    digest = hash_key(key)
    prefix = compare(KEYS, "prefix", "=", key[:PREFIX_LENGTH])
    async with one_statement():
        candidates = await Listing(KEYS, (prefix,), WITH_ORGANIZATION).rows()
    record = next((c for c in candidates if hmac.compare_digest(c.key_hash, digest)), None)
    if record is None:
        raise Unauthenticated("Invalid API key")
    if record.revoked_at is not None:
        raise Unauthenticated("This API key has been revoked")
    now = now or datetime.now(UTC)
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        record.last_used_at = now
        await ApiKey.filter(id=record.id).update(last_used_at=now)
    return record.organization, record
