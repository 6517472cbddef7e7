"""Whether a state-changing request (the Accept form's POST) comes from another site.

Browsers say where a request comes from in `Sec-Fetch-Site`, which no page can forge or
suppress: when it is there, it decides, and only same-origin (or "none", the user's own
doing) passes. It has to decide alone, because `Origin` cannot: the page's
`Referrer-Policy: no-referrer` makes browsers send `Origin: null` with its own form's POST.
Browsers too old to send `Sec-Fetch-Site` are judged by `Origin`, which must then be this
site's (so, there, "null" is refused). A request with neither header comes from no browser's
cross-site form (browsers send at least one with each), and proves no more than its token.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers

# Sec-Fetch-Site values of requests this site made itself: "none" is the user's own doing
# (typed, bookmarked); "same-site" is a sibling subdomain, which is another origin.
_OWN = frozenset({"same-origin", "none"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str | None:
    """The origin (scheme://host[:port], lower case, default port left out) of an absolute URL;
    None for anything else, the "null" origin included."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # an IPv6 literal goes back into its brackets
        host = f"[{host}]"
    return (
        f"{scheme}://{host}"
        if port in (None, _DEFAULT_PORTS[scheme])
        else f"{scheme}://{host}:{port}"
    )


def is_cross_site(headers: Headers, own_origins: tuple[str | None, ...]) -> bool:
    """True when the request comes from another site: by `Sec-Fetch-Site` when present
    (anything but same-origin or none), else by an `Origin` that is none of `own_origins`
    (the request's own, and the public base URL's, which differ behind a proxy that
    terminates TLS)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in _OWN
    origin = headers.get("origin")
    if origin is None:
        return False
    sender = origin_of(origin)
    return sender is None or sender not in own_origins
