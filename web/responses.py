"""What every public response carries, and the HTML pages the public links answer with.

Every response under the public prefix is built here, so every one of them carries the
security headers: the token in the URL is a credential, so nothing may leak it (no referrer,
no caching, no framing), and the page may load nothing but its inline styles and data: URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from starlette.responses import HTMLResponse, RedirectResponse, Response

from pdf.files import content_disposition
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


def pdf_download(content: bytes, name: str) -> Response:
    """A PDF as an attachment named `<name>.pdf`, with the security headers."""
    headers = _secured({"Content-Disposition": content_disposition(name)})
    return Response(content, media_type="application/pdf", headers=headers)
