"""The GraphiQL playground, served whole by this server: its page, its script and the pinned
GraphiQL and React files (graph/ide/assets.py), so that it works with no internet at all.

The page's Content-Security-Policy lets it load and call nothing but this origin, which also
proves the point: a file still asked of a CDN would be blocked, and the browser would say so.
"""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Final

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from graph.ide.assets import PACKAGES, PREFIX

STATIC: Final = Path(__file__).resolve().parent / "static"
_OWN: Final = {"ide.js": "text/javascript", "ide.css": "text/css"}
_LOADED: Final = ("react", "react-dom", "graphiql")  # in the order the page loads them

CSP: Final = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        # GraphiQL's editors position their parts with style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
_PAGE_HEADERS: Final = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _page_html() -> str:
    react, react_dom, graphiql = (next(p for p in PACKAGES if p.name == n) for n in _LOADED)
    return Template((Path(__file__).parent / "page.html").read_text()).substitute(
        react=react.url(react.files[0]),
        react_dom=react_dom.url(react_dom.files[0]),
        graphiql=graphiql.url("graphiql.min.js"),
        graphiql_css=graphiql.url("graphiql.min.css"),
        ide=f"{PREFIX}/ide.js",
        ide_css=f"{PREFIX}/ide.css",
    )


_PAGE: Final = _page_html()


def page() -> Response:
    """The playground, or why it cannot be shown: its files were never fetched."""
    missing = [f"{p.name} {p.version}" for p in PACKAGES if not p.present()]
    if missing:
        message = (
            f"GraphiQL's files are not installed on this server ({', '.join(missing)}): "
            "run ./dev setup, or python -m graph.ide.assets, where the npm registry can be reached."
        )
        return PlainTextResponse(message, status_code=503, headers={"Cache-Control": "no-store"})
    return HTMLResponse(_PAGE, headers=_PAGE_HEADERS)


async def _vendored(request: Request) -> Response:
    name, version, file = (request.path_params[k] for k in ("package", "version", "file"))
    for package in PACKAGES:
        served = {Path(f).name for f in package.files}
        if (package.name, package.version) == (name, version) and file in served:
            path = package.directory / file
            if path.is_file():
                # The version is in the path: a browser may keep the file for good.
                headers = {"Cache-Control": "public, max-age=31536000, immutable"}
                return FileResponse(path, headers=headers)
    return PlainTextResponse("Not found", status_code=404)


async def _own(request: Request) -> Response:
    file = request.path_params["file"]
    if file not in _OWN:
        return PlainTextResponse("Not found", status_code=404)
    return FileResponse(STATIC / file, media_type=_OWN[file], headers={"Cache-Control": "no-cache"})


def routes() -> list[BaseRoute]:
    """The playground's files, under PREFIX (outside /graphql: no key is needed or spent)."""
    return [
        Route(PREFIX + "/{package}/{version}/{file}", _vendored, methods=["GET", "HEAD"]),
        Route(PREFIX + "/{file}", _own, methods=["GET", "HEAD"]),
    ]
