"""Documents by their public link: the token in the link is the only credential, so these
functions take no organization. Reading, recording the client's first view and accepting
an estimate (a new token is `documents.rotate_public_token`, which the organization does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Final

from tortoise.queryset import QuerySet

from billing import documents, lifecycle
from billing.changes import ChangeKind, writing
from billing.errors import NotFound
from models import Document
from models.enums import DocumentStatus as S

# What `documents.new_public_token` makes (URL-safe base64), from the 128 bits the links
# promise at least up to the column's 64 characters. Anything else names no document and is
# kept from the database, as `models.ids.is_id` keeps ids of no shape.
_TOKEN: Final = re.compile(r"[A-Za-z0-9_-]{22,64}")


def is_public_token(value: object) -> bool:
    """True when `value` has the shape of a public token."""
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


def _not_found() -> NotFound:
    # The same words whatever the reason: a caller learns nothing about other tokens.
    return NotFound("No document at this link", field="token")


async def _found(token: str, query: Callable[[QuerySet[Document]], QuerySet[Document]]) -> Document:
    """The one document at `token`, read through `query`."""
    if not is_public_token(token):
        raise _not_found()
    document = await query(Document.filter(public_token=token)).first()
    if document is None:
        raise _not_found()
    return document


async def document_by_token(token: str) -> Document:
    """The document whose public link carries `token`, with its organization, client and
    lines, read in one snapshot."""
    document = await documents.document_by_token(token) if is_public_token(token) else None
    if document is None:
        raise _not_found()
    return document


async def record_view(token: str, now: datetime | None = None) -> Document:
    """The document at `token`, marked VIEWED (with `viewed_at`) if it was SENT.

    Only the first view of a sent document changes anything: a draft, or a document viewed,
    accepted, paid or voided already, stays as it is (and is only read)."""
    document = await document_by_token(token)
    if document.status is not S.SENT:
        return document
    async with writing(now) as write:
        # Locked, so that two first views at once stamp one time, and so that a view cannot
        # undo a payment or a void committed between reading the status and writing it.
        document = await _found(token, lambda query: query.select_for_update().using_db(write.conn))
        if document.status is S.SENT:
            changed = lifecycle.transition(document, S.VIEWED, write.at)
            await document.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
            write.announce(ChangeKind.VIEWED, document)
        return await documents.load_written(document.id, write.conn)


async def accept_by_token(token: str, now: datetime | None = None) -> Document:
    """The client's acceptance of the estimate at `token`; refused (INVALID_TRANSITION) by
    the lifecycle's rules, e.g. for an invoice, a void estimate or one accepted already."""
    async with writing(now) as write:
        document = await _found(token, lambda query: query.select_for_update().using_db(write.conn))
        changed = lifecycle.perform(document, S.ACCEPTED, write.at)
        await document.save(using_db=write.conn, update_fields=[*changed, "updated_at"])
        write.announce(ChangeKind.ACCEPTED, document)
        return await documents.load_written(document.id, write.conn)
