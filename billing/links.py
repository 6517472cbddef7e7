"""The public link of a document: the one URL its client opens, in e-mails and in the API."""

from __future__ import annotations

from models import Document

#: Where the public pages of documents are served, under the server's PUBLIC_BASE_URL.
PUBLIC_PREFIX = "/d"
PUBLIC_PATH = PUBLIC_PREFIX + "/{token}"


def public_url(base_url: str, document: Document) -> str:
    """The absolute URL of `document`'s public page (its token is URL-safe base64)."""
    return base_url.rstrip("/") + PUBLIC_PATH.format(token=document.public_token)
