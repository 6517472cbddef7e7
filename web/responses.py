"""What every public response carries, and the HTML pages the public links answer with.

Every response under the public prefix is built here, so every one of them carries the
security headers: the token in the URL is a credential, so nothing may leak it (no referrer,
no caching, no framing), and the page may load nothing but its inline styles and data: URLs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import quote

from starlette.responses import HTMLResponse, RedirectResponse, Response

from pdf.view import CSP, render_template

SECURITY_HEADERS: Final[Mapping[str, str]] = {
    # The documents' own CSP (pdf/view.py), plus what only a header can say: forms post back
    # to this origin only, and no other site may frame the page (clickjacking the Accept).
    "Content-Security-Policy": f"{CSP}; form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    # A link that leaked anyway (pasted somewhere public) is still kept out of search results.
    "X-Robots-Tag": "noindex, nofollow",
}

_TITLES: Final = {
    403: "Request refused",
    404: "Document not found",
    405: "Method not allowed",
    409: "Not possible",
    413: "Request too large",
    429: "Too many requests",
    503: "Try again in a moment",
}

# What a quoted-string file name keeps: printable ASCII but the quote and the backslash, which
# would need escapes that not every client reads.
_UNQUOTABLE: Final = re.compile(r"[^ !#-\[\]-~]")
# RFC 5987's attr-char beyond letters, digits and the "_.-~" that quote() always keeps.
_ATTR_PUNCTUATION: Final = "!#$&+^`|"


def _secured(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {**(headers or {}), **SECURITY_HEADERS}


def html_page(html: str, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """An HTML page with the security headers."""
    return HTMLResponse(html, status_code=status, headers=_secured(headers))


def error_page(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """A small HTML page saying why there is no document to show."""
    title = _TITLES.get(status, "Something went wrong")
    html = render_template("public_error.html", title=title, message=message)
    return html_page(html, status, headers)


def redirect(url: str) -> Response:
    """303 See Other to `url`: after a form's POST, the browser GETs the page again."""
    return RedirectResponse(url, status_code=303, headers=_secured(None))


def content_disposition(name: str) -> str:
    """`attachment` with the file name `<name>.pdf` (RFC 6266), as REST's downloads name it.

    The quoted `filename` has what it cannot carry replaced by "_"; when that changed the name,
    `filename*` carries it exactly, UTF-8 and percent-encoded, for the clients that read it.
    """
    fallback = _UNQUOTABLE.sub("_", name)
    value = f'attachment; filename="{fallback}.pdf"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe=_ATTR_PUNCTUATION)}.pdf"
    return value


def pdf_download(content: bytes, name: str) -> Response:
    """A PDF as an attachment named `<name>.pdf`, with the security headers."""
    headers = _secured({"Content-Disposition": content_disposition(name)})
    return Response(content, media_type="application/pdf", headers=headers)
