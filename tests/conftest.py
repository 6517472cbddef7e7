"""Test fixtures: the database backends, the app over HTTP, organizations and keys.

Every test that asks for `db` runs once per backend: SQLite always, PostgreSQL when
TEST_POSTGRES_URL is set (CI sets it; `.ci/run` shows how). Tests are grouped by backend,
so each backend is migrated once per session and emptied before every test.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg
import httpx
import pytest
from argon2 import PasswordHasher
from playwright.async_api import Browser
from starlette.applications import Starlette
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app import create_app
from billing import apikeys, organizations, people
from billing.plans import UNLIMITED, Plans
from models import ApiKey, Organization
from models.config import tortoise_config
from models.migrate import upgrade
from pdf.renderer import Renderer
from settings import Settings
from tests.live import chromium, free_socket, listening, url_of

POSTGRES_ENV = "TEST_POSTGRES_URL"
REDIS_ENV = "TEST_REDIS_URL"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Children first, so that emptying respects the foreign keys.
TABLES = (
    "reminder",
    "recurring_run",
    "webhook_attempt",
    "webhook_delivery",
    "webhook_endpoint",
    "idempotency_key",
    "event",
    "refund",
    "credit_note_line",
    "credit_note_pdf",
    "credit_note_einvoice",
    "credit_note",
    "payment",
    "document_pdf",
    "document_einvoice",
    "line_item",
    "document",
    "recurring_invoice",
    "reminder_rule",
    "tax_rate",
    "client",
    "number_counter",
    "number_sequence",
    "api_key",
    "session",
    "membership",
    "invitation",
    "user_account",
    "organization",
)


def require_server(env_var: str, what: str) -> str:
    """The URL of a test server from `env_var`; skip (fail in CI) when it is not set."""
    url = os.environ.get(env_var, "").strip()
    if not url:
        message = f"{what} tests need a server: set {env_var} (see .ci/run) to run them"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return url


@dataclass(frozen=True)
class Backend:
    """A migrated test database."""

    name: str
    url: str

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgres"


async def _postgres_schema(base_url: str) -> tuple[str, str]:
    schema = f"ig_test_{os.getpid()}_{secrets.token_hex(3)}"
    conn = await asyncpg.connect(base_url.split("?", 1)[0])
    try:
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    separator = "&" if "?" in base_url else "?"
    return schema, f"{base_url}{separator}schema={schema}"


async def _drop_postgres_schema(base_url: str, schema: str) -> None:
    conn = await asyncpg.connect(base_url.split("?", 1)[0])
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
async def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Backend]:
    """A freshly migrated database of each kind, with the ORM connected to it."""
    schema = None
    if request.param == "postgres":
        base = require_server(POSTGRES_ENV, "PostgreSQL")
        schema, url = await _postgres_schema(base)
    else:
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    # Tortoise caches each model's INSERT/UPDATE SQL by connection name, which outlives a
    # switch of dialect under the same name; a server process never switches, the suite does.
    EXECUTOR_CACHE.clear()
    await upgrade(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        yield Backend(request.param, url)
    finally:
        await Tortoise.close_connections()
        if schema is not None:
            await _drop_postgres_schema(base, schema)


@pytest.fixture
async def db(backend: Backend) -> Backend:
    """An empty database for one test."""
    conn = Tortoise.get_connection("default")
    if backend.is_postgres:
        await conn.execute_script(f"TRUNCATE {', '.join(TABLES)} CASCADE")
    else:
        await conn.execute_script("".join(f"DELETE FROM {table};" for table in TABLES))
    return backend


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its lowest cost: the production parameters take most of a second a hash,
    and the suite hashes hundreds of passwords. What is checked (a hash is made and checked,
    a wrong password refused) does not depend on the cost."""
    monkeypatch.setattr(
        people, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def settings(backend: Backend, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings pointing at the test database and temporary folders. A test marked
    `@pytest.mark.plans({...})` has those plans in its PLANS_FILE (see `on_plan`)."""
    plans_file = None
    marker = request.node.get_closest_marker("plans")
    if marker is not None:
        plans_file = tmp_path / "plans.json"
        plans_file.write_text(json.dumps(marker.args[0]))
    # The tests that need the worker run it themselves, with a clock they move (tests/webhooks).
    return Settings(
        database_url=backend.url,
        outbox_dir=tmp_path / "outbox",
        plans_file=plans_file,
        worker_in_process=False,
    )


def in_a_fresh_process(script: str) -> str:
    """The last line `script` prints, run by a new Python process with the repository first
    on its path (what a server process imports, unaffected by the suite's)."""
    root = Path(__file__).resolve().parents[1]
    path = os.pathsep.join(filter(None, (str(root), os.environ.get("PYTHONPATH"))))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


async def on_plan(org: Organization, settings: Settings, name: str) -> Organization:
    """Move `org` to the plan called `name` of the settings' PLANS_FILE."""
    return await organizations.set_plan(org, Plans.load(settings.plans_file).named(name))


@asynccontextmanager
async def serve(app: Starlette, address: str = "127.0.0.1") -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to `app` in-process from `address`, within the app's lifespan."""
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://invoicegraph.test") as client,
    ):
        yield client


@pytest.fixture(scope="session")
async def renderer() -> AsyncIterator[Renderer]:
    """The session's renderer, shared by every app: Chromium takes about a second to start, so
    it starts once, on the first render."""
    shared = Renderer(Settings().chromium_path, concurrency=2, timeout=30)
    try:
        yield shared
    finally:
        await shared.close()


@pytest.fixture
def app(db: Backend, settings: Settings, renderer: Renderer) -> Starlette:
    """The app the `http` client talks to, for tests that reach into its state."""
    return create_app(settings, renderer=renderer)


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to `app` in-process, within its lifespan. PDF refreshes still
    pending at the end are cancelled with it; tests that need them wait (`pdfs.drain()`)."""
    async with serve(app) as client:
        yield client


@pytest.fixture
async def site(db: Backend, settings: Settings, renderer: Renderer) -> AsyncIterator[str]:
    """The app listening on a free loopback port, its public base URL set to it; yields that
    URL. The PDF refreshes its requests scheduled finish within the test."""
    sock = free_socket()
    app = create_app(replace(settings, public_base_url=url_of(sock)), renderer=renderer)
    try:
        async with listening(app, sock) as url:
            yield url
    finally:
        await app.state.einvoices.drain()
        await app.state.pdfs.drain()


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    """One Chromium for the module: the system's, never a downloaded one."""
    async with chromium() as launched:
        yield launched


@dataclass(frozen=True)
class Tenant:
    """An organization with a working API key."""

    org: Organization
    key: ApiKey
    secret: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}


async def make_tenant(name: str = "Acme Studio", **settings: str) -> Tenant:
    """A new organization and key."""
    org = await organizations.create_organization(name, plan=UNLIMITED, **settings)
    key, secret = await apikeys.create_api_key(org, "tests")
    return Tenant(org, key, secret)


@pytest.fixture
async def tenant(db: Backend) -> Tenant:
    """An organization with a key."""
    return await make_tenant()


@pytest.fixture
async def other_tenant(db: Backend) -> Tenant:
    """A second, unrelated organization with its own key."""
    return await make_tenant("Other Org")
