"""Whether a state-changing request (the Accept form's POST) comes from another site.

The page's form posts to its own origin, so a browser sends either `Sec-Fetch-Site:
same-origin` or, older ones, an `Origin` equal to the page's. Anything else is another site
posting on the client's behalf (cross-site request forgery) and is refused. A request with
neither header does not come from a browser's form on another site (browsers send at least
one with every cross-site POST), so it is let through: it proves no more than the token.
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
    """True when the request says it comes from another site: a `Sec-Fetch-Site` other than
    same-origin or none, or an `Origin` that is none of `own_origins` (the request's own,
    and the public base URL's, which differ behind a proxy that terminates TLS)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.strip().lower() not in _OWN:
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    sender = origin_of(origin)
    return sender is None or sender not in own_origins
