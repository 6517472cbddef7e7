"""Idempotency keys: a write retried with the same `Idempotency-Key` is answered with its first
response, and never runs twice.

The first request with a key claims it (one row per caller and key: the database's unique
constraint decides between requests racing, in one process or several) and holds it for a
lease while it runs. Every `changes.writing()` transaction of that request marks the claim
committed inside the transaction itself, so whether its write happened is known exactly,
whatever happens to the process afterwards. Once answered, the response (status, headers,
body) is kept with the claim for `TTL`.

A later request with the key and the same fingerprint (method, path, query and body) replays
that response; with another fingerprint it is refused (`REUSED`); while the first is still
running it waits or is refused (`IN_USE`). A first request that failed on the server's side
(5xx) before any write committed releases its claim, so a retry runs it. One whose lease
lapsed with nothing committed (its process died) is taken over by the next; one that
committed but whose answer was never stored (the process died in between) is never run
again: it answers `IN_USE` until the key expires, and the caller reads what was written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Final

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from models import IdempotencyKey

#: How long a key and its response are kept.
TTL: Final = timedelta(hours=24)
#: How long a request holds its key while it runs, before another may take it over.
LEASE: Final = timedelta(seconds=60)
MAX_KEY_LENGTH: Final = 255

# The claim of the request this task serves, if it came with a key.
_claim: ContextVar[str | None] = ContextVar("idempotency_claim", default=None)


class Verdict(StrEnum):
    """What to do with a request that came with a key."""

    RUN = "RUN"  # the key is this request's: run it
    REPLAY = "REPLAY"  # answer the stored response
    REUSED = "REUSED"  # the key was used for another request
    IN_USE = "IN_USE"  # the first request with it has not been answered


@dataclass(frozen=True, slots=True)
class Answer:
    """A stored response."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True, slots=True)
class Claim:
    """The verdict on a request with a key: the claim to run under, or the answer to replay,
    or (IN_USE) whether the first request's answer is lost for good (its write committed,
    its lease lapsed)."""

    verdict: Verdict
    claim_id: str | None = None
    answer: Answer | None = None
    lost: bool = False


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """What makes two requests the same one (SHA-256, hex)."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def valid_key(key: str) -> bool:
    """Whether `key` may be used: 1 to 255 printable ASCII characters."""
    return 0 < len(key) <= MAX_KEY_LENGTH and all(" " <= char <= "~" for char in key)


async def claim(caller: str, key: str, print_: str, now: datetime | None = None) -> Claim:
    """The verdict on a request of `caller` with `key` and fingerprint `print_`."""
    now = now or datetime.now(UTC)
    await IdempotencyKey.filter(caller=caller, key=key, expires_at__lte=now).delete()
    try:
        row = await IdempotencyKey.create(
            caller=caller,
            key=key,
            fingerprint=print_,
            lease_until=now + LEASE,
            expires_at=now + TTL,
        )
    except IntegrityError:
        pass
    else:
        return Claim(Verdict.RUN, row.id)
    found = await IdempotencyKey.get_or_none(caller=caller, key=key)
    if found is None:  # expired and deleted by another request just now: it runs
        return Claim(Verdict.IN_USE)
    if found.fingerprint != print_:
        return Claim(Verdict.REUSED)
    if found.answered:
        headers = [(name, value) for name, value in found.headers]
        return Claim(Verdict.REPLAY, answer=Answer(found.status or 200, headers, found.body or b""))
    if found.committed_at is None and found.lease_until <= now:
        # Its request stopped (its process died) before any write committed: take it over,
        # unless another request took it over first.
        taken = await IdempotencyKey.filter(
            id=found.id, lease_until=found.lease_until, committed_at__isnull=True
        ).update(lease_until=now + LEASE)
        if taken:
            return Claim(Verdict.RUN, found.id)
    # Committed and its lease lapsed: its answer is lost (the process died after the write).
    lost = found.committed_at is not None and found.lease_until <= now
    return Claim(Verdict.IN_USE, lost=lost)


async def answered(claim_id: str, answer: Answer) -> None:
    """Store the response of the request that held `claim_id`. A server error (5xx) with no
    write committed releases the key instead, so that a retry runs the request."""
    if answer.status >= 500:
        released = await IdempotencyKey.filter(id=claim_id, committed_at__isnull=True).delete()
        if released:
            return
    await IdempotencyKey.filter(id=claim_id).update(
        answered=True,
        status=answer.status,
        headers=[[name, value] for name, value in answer.headers],
        body=answer.body,
    )


async def abandoned(claim_id: str) -> None:
    """The request of `claim_id` ended without a response: release the key unless a write of
    it committed (then it stays, unanswered, and is never run again)."""
    await IdempotencyKey.filter(id=claim_id, committed_at__isnull=True).delete()


@contextmanager
def claimed(claim_id: str) -> Iterator[None]:
    """Run the block as the request holding `claim_id`: its writes mark it committed."""
    token = _claim.set(claim_id)
    try:
        yield
    finally:
        _claim.reset(token)


async def mark_committed(conn: BaseDBAsyncClient, at: datetime) -> None:
    """In a write's transaction: the request this task serves, if it holds a key, committed a
    write (called by `changes.writing()` before it commits)."""
    claim_id = _claim.get()
    if claim_id is not None:
        await IdempotencyKey.filter(id=claim_id).using_db(conn).update(committed_at=at)
