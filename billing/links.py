"""The public link of a document: the one URL its client opens, in e-mails and in the API."""

from __future__ import annotations

from models import CreditNote, Document

#: Where the public pages of documents are served, under the server's PUBLIC_BASE_URL.
PUBLIC_PREFIX = "/d"
PUBLIC_PATH = PUBLIC_PREFIX + "/{token}"


CREDIT_NOTE_PATH = PUBLIC_PREFIX + "/cn/{token}"


def credit_note_url(base_url: str, note: CreditNote) -> str:
    """The absolute URL of a credit note's public page."""
    return base_url.rstrip("/") + CREDIT_NOTE_PATH.format(token=note.public_token)


def public_url(base_url: str, document: Document) -> str:
    """The absolute URL of `document`'s public page (its token is URL-safe base64)."""
    return base_url.rstrip("/") + PUBLIC_PATH.format(token=document.public_token)
