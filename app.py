"""create_app(): the Starlette app, its lifespan and what is mounted where."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise import Tortoise

from billing import changes
from billing.apikeys import RecentKeys
from billing.plans import Plans
from einvoice import reading
from einvoice.store import EInvoices
from gateway.auth import ApiKeyMiddleware
from gateway.bodysize import BodySizeLimitMiddleware
from gateway.cors import CorsMiddleware
from gateway.idempotency import IdempotencyMiddleware
from gateway.ratelimit import RateLimiter, RateLimitMiddleware
from gateway.refusal import Refusal
from gauzy import app as gauzy
from gauzy.errors import error_body
from graph import app as graphql
from graph.ide import playground
from graph.live import Feed
from graph.people.settings import People
from graph.schema import schema
from mail.sending import Mailer
from mail.transport import Transport
from models.config import tortoise_config
from pdf.renderer import Renderer
from pdf.store import DocumentPdfs
from rest import app as rest
from rest.door import ErrorBody
from rest.endpoint import Services
from rest.errors import error_response
from settings import Settings, get_settings
from web import app as web
from web.responses import error_page
from worker import runner

log = logging.getLogger("invoicegraph")


async def healthz(request: Request) -> Response:
    """The process is up."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """The database answers."""
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception as exc:  # any failure to reach the database means "not ready"
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
    return JSONResponse({"status": "ok", "database": "ok"})


def _error_body(path: str) -> ErrorBody:
    """The error body of what `path` is for: Gauzy's door answers as NestJS does, the rest
    in the v1 envelope."""
    gauzy_door = path.startswith(gauzy.PREFIX + "/") and not path.startswith(rest.PREFIX + "/")
    return error_body if gauzy_door else error_response


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes and methods answer in the error envelope."""
    assert isinstance(exc, HTTPException)
    error = _error_body(request.url.path)
    if exc.status_code == 404:
        return error(404, f"Not found: {request.method} {request.url.path}", None)
    if exc.status_code == 405:
        return error(405, f"Method {request.method} not allowed on {request.url.path}", exc.headers)
    return error(exc.status_code, exc.detail, exc.headers)


def refuse(scope: Scope, refusal: Refusal) -> Response:
    """How the middleware refuses, in the shape of what the request is for: a GraphQL error
    with the code (and extensions) for /graphql, an HTML page for the public pages (a person
    reads it), `{"error": message}` for everything else."""
    status, message, headers = refusal.status, refusal.message, refusal.headers
    if scope["path"] == graphql.PATH:
        return graphql.refusal_response(scope, refusal)
    if scope["path"].startswith(web.PREFIX + "/"):
        return error_page(status, message, headers)
    return _error_body(scope["path"])(status, message, headers)


class Listening:
    """Has what billing commits while a request is served delivered to `listeners`."""

    def __init__(self, app: ASGIApp, listeners: tuple[changes.Listener, ...]) -> None:
        self.app = app
        self.listeners = listeners

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with changes.listening(*self.listeners):
            await self.app(scope, receive, send)


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[None]:
    """Tortoise for the app's lifetime, unless the caller (a test) has set it up already."""
    if Tortoise.is_inited():
        yield
        return
    # Requests run in other tasks than the lifespan: the context must be the global fallback.
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        yield
    finally:
        await Tortoise.close_connections()


def create_app(
    settings: Settings | None = None,
    *,
    renderer: Renderer | None = None,
    transport: Transport | None = None,
) -> Starlette:
    """The whole server as one ASGI app. A `renderer` given is shared, not owned: the app
    neither starts nor closes it (tests share one Chromium across many apps). E-mail goes
    through `transport` when given, else the one the SMTP settings describe.

    Its rate limiter is made here rather than in the lifespan, which not every ASGI host runs
    (in-process test clients do not): a server without one would have no limits at all. Its
    connections open on first use and close with the lifespan."""
    settings = settings or get_settings()
    plans = Plans.load(settings.plans_file)
    # Chromium launches on the first render, so starting the app stays cheap; the lifespan
    # only checks that it is there, so that a missing one stops the start naming CHROMIUM_PATH.
    owns_renderer = renderer is None
    renderer = renderer or Renderer.from_settings(settings)
    pdfs = DocumentPdfs(renderer)
    einvoices = EInvoices(pdfs)
    mailer = Mailer.from_settings(settings, einvoices, transport)
    services = Services(pdfs, einvoices, mailer, plans)
    # Both REST doors are under /api/ (v1 at /api/v1/, Gauzy's beside it).
    protected = (gauzy.PREFIX + "/", graphql.PATH)
    # Outermost first: the limiter needs the caller, and counts even bodies refused as too
    # large (whose refusals then carry its headers too).
    recent = RecentKeys(settings.api_key_cache_ms / 1000)
    people = People(
        session_ttl=timedelta(minutes=settings.session_ttl_minutes),
        invitation_ttl=timedelta(hours=settings.invitation_ttl_hours),
        invitation_url=settings.invitation_url,
        trusted_proxies=settings.trusted_proxies,
        fail_open=settings.rate_limit_on_storage_error == "open",
    )
    middleware = [
        # Before the key and the limits: a browser's preflight carries neither, and refusals
        # (401, 429) must carry CORS headers for the app on another origin to read them.
        Middleware(
            CorsMiddleware,
            origins=settings.cors_allowed_origins,
            prefixes=protected,
            on_refusal=refuse,
        ),
        Middleware(
            ApiKeyMiddleware,
            protected_prefixes=protected,
            recent=recent,
            session_ttl=people.session_ttl,
        ),
    ]
    limiter = RateLimiter(settings) if settings.rate_limit_enabled else None
    people = replace(people, limiter=limiter)
    if limiter is not None:
        middleware.append(
            Middleware(
                RateLimitMiddleware,
                limiter=limiter,
                # Public links carry no key: they spend their address's budget, which keeps
                # anyone from trying tokens (or loading pages) faster than a person reads.
                protected_prefixes=(*protected, web.PREFIX + "/"),
                on_refusal=refuse,
                trusted_proxies=settings.trusted_proxies,
                fail_open=settings.rate_limit_on_storage_error == "open",
            )
        )
    middleware.append(
        Middleware(
            BodySizeLimitMiddleware,
            max_bytes=settings.max_body_bytes,
            on_refusal=refuse,
            # A received e-invoice (a Factur-X PDF, often) is checked up to its own limit.
            larger={
                f"{rest.PREFIX}/einvoices/check": max(reading.MAX_SIZE, settings.max_body_bytes)
            },
        )
    )
    # After the caller and its limits are known (a refused request claims no key), with the
    # body read: a write retried with its Idempotency-Key answers its first response.
    middleware.append(Middleware(IdempotencyMiddleware, prefixes=protected, on_refusal=refuse))
    # Every change billing commits has its document's PDF rendered anew in the background, and
    # the e-invoices it has stored written anew: the one place those refreshes are asked for.
    middleware.append(Middleware(Listening, listeners=(pdfs.changed, einvoices.changed)))

    # What GraphQL subscriptions read: the events committed in any process.
    feed = Feed(settings.database_url)
    # Webhook deliveries and the scheduled passes, unless `invoicegraph worker` does them.
    worker = (
        runner.from_settings(settings, mailer=mailer, plans=plans)
        if settings.worker_in_process
        else None
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if owns_renderer:
            renderer.executable()
        async with database(settings), feed.running(), runner.working(worker):
            try:
                yield
            finally:
                await einvoices.close()
                await pdfs.close()
                if owns_renderer:
                    await renderer.close()
                if limiter is not None:
                    await limiter.close()

    graphql_app = graphql.GraphQLApp(
        schema,
        max_cost=settings.graphql_max_cost,
        public_base_url=settings.public_base_url,
        mailer=mailer,
        einvoices=einvoices,
        plans=plans,
        people=people,
        webhooks_allow_private=settings.webhooks_allow_private,
        feed=feed,
    )
    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route(graphql.PATH, graphql_app, methods=["GET", "POST"]),
            # Subscriptions, over graphql-transport-ws.
            WebSocketRoute(graphql.PATH, graphql_app),
            *playground.routes(),
            # v1 first: Gauzy's door is mounted at its parent, /api.
            Mount(rest.PREFIX, routes=rest.routes(services)),
            Mount(gauzy.PREFIX, routes=gauzy.routes(services)),
            Mount(web.PREFIX, app=web.create(pdfs, settings.public_base_url)),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.pdfs = pdfs
    app.state.einvoices = einvoices
    app.state.mailer = mailer
    app.state.rate_limiter = limiter
    app.state.worker = worker
    return app
