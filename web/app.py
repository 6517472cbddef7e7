"""The routes under /d: a document's page, its PDF and (estimates) its Accept, by token.

They are a Starlette app of their own, mounted at PREFIX, so that whatever goes wrong under it
(an unknown link, a wrong method) answers as an HTML page with the security headers rather
than in the APIs' JSON.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from billing import credit_notes, documents, lifecycle, public_links
from billing.errors import DomainError, ErrorCode
from billing.links import PUBLIC_PREFIX
from models import Document
from models.enums import DocumentStatus
from pdf.renderer import RendererError
from pdf.store import DocumentPdfs
from pdf.view import build_credit_note_view, build_view, render_html
from web.origin import is_cross_site, origin_of
from web.responses import SECURITY_HEADERS, error_page, html_page, pdf_download, redirect

log = logging.getLogger("invoicegraph.web")

PREFIX = PUBLIC_PREFIX

NOT_FOUND = (
    "There is no document at this link. It may have been mistyped, or replaced by a newer "
    "link: ask the sender for the current one."
)


@dataclass(frozen=True, slots=True)
class PageActions:
    """What the page shows above the document: a notice of its state, and its links."""

    pdf_url: str
    accept_url: str | None
    notice: str
    tone: str


def _actions(request: Request, document: Document) -> PageActions:
    token = document.public_token
    notice, tone = "", ""
    if document.status is DocumentStatus.VOID:
        notice, tone = f"This {lifecycle.kind(document)} has been voided.", "void"
    elif document.status is DocumentStatus.ACCEPTED:
        notice, tone = "This estimate has been accepted. Thank you!", "done"
    elif document.status is DocumentStatus.PAID:
        notice, tone = "This invoice has been paid in full. Thank you!", "done"
    can_accept = lifecycle.can_transition(document, DocumentStatus.ACCEPTED)
    return PageActions(
        pdf_url=request.url_for("public_pdf", token=token).path,
        accept_url=request.url_for("public_accept", token=token).path if can_accept else None,
        notice=notice,
        tone=tone,
    )


def _is_view(request: Request) -> bool:
    """Whether a GET of the page counts as the client viewing it: not a HEAD (link checkers),
    nor a browser's speculative prefetch of a link it has not opened."""
    purpose = request.headers.get("sec-purpose", "") + request.headers.get("purpose", "")
    return request.method == "GET" and "prefetch" not in purpose.lower()


class PublicPages:
    """The handlers, holding the app's stored PDFs and the public base URL."""

    def __init__(self, pdfs: DocumentPdfs, public_base_url: str) -> None:
        self.pdfs = pdfs
        self.public_origin = origin_of(public_base_url)

    async def page(self, request: Request) -> Response:
        """The document as a web page; the first view of a sent one marks it VIEWED."""
        token = request.path_params["token"]
        if _is_view(request):
            document = await public_links.record_view(token)
        else:
            document = await public_links.document_by_token(token)
        view = build_view(
            document,
            organization=document.organization,
            client=document.client,
            lines=documents.lines_of(document),
        )
        return html_page(render_html(view, "public_page.html", page=_actions(request, document)))

    async def pdf(self, request: Request) -> Response:
        """The document's PDF, as an attachment named by its number."""
        document = await public_links.document_by_token(request.path_params["token"])
        return pdf_download(await self.pdfs.get(document), document.number)

    async def credit_note_page(self, request: Request) -> Response:
        """A credit note as a web page, with its PDF's link."""
        shown = await credit_notes.credit_note_by_token(request.path_params["token"])
        pdf_url = request.url_for("credit_note_pdf", token=shown.note.public_token).path
        page = PageActions(pdf_url=pdf_url, accept_url=None, notice="", tone="")
        view = build_credit_note_view(shown)
        return html_page(render_html(view, "public_page.html", page=page))

    async def credit_note_pdf(self, request: Request) -> Response:
        """A credit note's PDF, as an attachment named by its number."""
        shown = await credit_notes.credit_note_by_token(request.path_params["token"])
        return pdf_download(await self.pdfs.credit_note(shown), shown.note.number)

    async def accept(self, request: Request) -> Response:
        """The Accept form's POST: the estimate becomes ACCEPTED, and the page is shown again."""
        own = origin_of(f"{request.url.scheme}://{request.url.netloc}")
        if is_cross_site(request.headers, (own, self.public_origin)):
            return error_page(403, "This request came from another site, so nothing was accepted.")
        token = request.path_params["token"]
        await public_links.accept_by_token(token)
        return redirect(str(request.url_for("public_page", token=token)))


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    if exc.code is ErrorCode.NOT_FOUND:
        return error_page(404, NOT_FOUND)
    # The only other error a public request can cause: an action the status does not allow.
    return error_page(409, exc.message)


async def _renderer_error(request: Request, exc: Exception) -> Response:
    log.error("Rendering a PDF for a public link failed", exc_info=exc)
    return error_page(503, "The PDF could not be made just now. Please try again in a moment.")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_page(404, NOT_FOUND)
    return error_page(exc.status_code, exc.detail, exc.headers)


class SecurityHeaders:
    """Sets the security headers on every answer of the app it wraps, whatever produced it
    (a page, an error handler, or the router's own redirect of `/d/<token>/`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, secured)


def create(pdfs: DocumentPdfs, public_base_url: str) -> Starlette:
    """The public routes as an app to mount at PREFIX; PDFs come from `pdfs`."""
    pages = PublicPages(pdfs, public_base_url)
    return Starlette(
        routes=[
            # Before the documents' routes, which a credit note's path would also match.
            Route("/cn/{token}", pages.credit_note_page, methods=["GET"], name="credit_note"),
            Route(
                "/cn/{token}/pdf", pages.credit_note_pdf, methods=["GET"], name="credit_note_pdf"
            ),
            Route("/{token}", pages.page, methods=["GET"], name="public_page"),
            Route("/{token}/pdf", pages.pdf, methods=["GET"], name="public_pdf"),
            Route("/{token}/accept", pages.accept, methods=["POST"], name="public_accept"),
        ],
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            DomainError: _domain_error,
            RendererError: _renderer_error,
            HTTPException: _http_error,
        },
    )
