"""The `invoicegraph` command, run as a user runs it: a separate process on the same database."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from app import create_app
from billing import apikeys, organizations, people
from billing.errors import Unauthenticated
from models import ApiKey, Client, Organization, User
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Backend, Tenant, serve
from tests.processes import free_port, serving, wait_until_up

INVOICEGRAPH = str(Path(sys.executable).with_name("invoicegraph"))


async def run_cli(
    database_url: str,
    *args: str,
    expect: int = 0,
    env: dict[str, str] | None = None,
    stdin: bytes = b"",
) -> str:
    """Run the command line against `database_url`, `stdin` its standard input; return its
    standard output."""
    env = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    process = await asyncio.create_subprocess_exec(
        INVOICEGRAPH,
        *args,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), timeout=60)
    assert process.returncode == expect, (out.decode(), err.decode())
    return out.decode() + err.decode()


async def test_org_and_apikey_lifecycle(db: Backend) -> None:
    out = await run_cli(db.url, "org", "create", "Cli Org", "--currency", "eur")
    org_id = re.search(r"organization (org_\w+)", out).group(1)  # type: ignore[union-attr]
    org = await Organization.get(id=org_id)
    assert (org.name, org.currency) == ("Cli Org", "EUR")
    assert org_id in await run_cli(db.url, "org", "list")

    out = await run_cli(db.url, "apikey", "create", "--org", org_id, "--name", "ci")
    secret = re.search(r"(cinv_\w{40})", out).group(1)  # type: ignore[union-attr]
    key_id = re.search(r"api key (key_\w+)", out).group(1)  # type: ignore[union-attr]
    found_org, _ = await apikeys.authenticate(secret)
    assert found_org.id == org_id

    listing = await run_cli(db.url, "apikey", "list", "--org", org_id)
    assert key_id in listing and secret[:13] in listing and "active" in listing
    assert secret not in listing

    await run_cli(db.url, "apikey", "revoke", "--org", org_id, key_id)
    with pytest.raises(Unauthenticated, match="revoked"):
        await apikeys.authenticate(secret)
    assert "revoked" in await run_cli(db.url, "apikey", "list", "--org", org_id)


async def test_keys_are_made_scoped_or_read_only(db: Backend) -> None:
    org = await organizations.create_organization("Scoped Co")
    scoped = await run_cli(
        db.url,
        "apikey",
        "create",
        "--org",
        org.id,
        "--scope",
        "documents:write",
        "--scope",
        "payments:write",
    )
    assert "documents:read documents:write payments:read payments:write" in scoped
    reader = await run_cli(db.url, "apikey", "create", "--org", org.id, "--read-only")
    assert "clients:read documents:read organization:read payments:read" in reader
    listing = await run_cli(db.url, "apikey", "list", "--org", org.id)
    assert "documents:read documents:write" in listing
    wrong = await run_cli(
        db.url, "apikey", "create", "--org", org.id, "--scope", "everything", expect=2
    )
    assert "Unknown scope 'everything'" in wrong and "Traceback" not in wrong
    assert await ApiKey.filter(organization_id=org.id).count() == 2


async def test_the_first_owner_is_made_with_a_password_from_standard_input(db: Backend) -> None:
    org = await organizations.create_organization("People Co")
    args = ("user", "create", "--org", org.id, "--email", "Owner@Example.com", "--role", "owner")
    out = await run_cli(db.url, *args, stdin=b"a long enough secret\n")
    assert "owner@example.com is OWNER of People Co" in out
    assert "a long enough secret" not in out
    _, _, token = await people.sign_in(
        "owner@example.com", "a long enough secret", ttl=timedelta(minutes=5)
    )
    assert token.startswith("cses_")
    # Again for another organization: the account exists, no password is asked.
    other = await organizations.create_organization("Other Co")
    args = ("user", "create", "--org", other.id, "--email", "owner@example.com", "--role", "viewer")
    assert "is VIEWER of Other Co" in await run_cli(db.url, *args)
    short = await run_cli(
        db.url,
        "user",
        "create",
        "--org",
        org.id,
        "--email",
        "b@example.com",
        "--role",
        "ADMIN",
        stdin=b"short\n",
        expect=2,
    )
    assert "10 to 1024 characters" in short and "Traceback" not in short
    assert await User.all().count() == 1


async def test_a_key_revoked_by_another_process_stops_working_within_the_cache_time(
    tenant: Tenant, settings: Settings, renderer: Renderer
) -> None:
    settings = replace(settings, api_key_cache_ms=500)
    async with serve(create_app(settings, renderer=renderer)) as http:
        assert (await http.get("/api/v1/clients", headers=tenant.headers)).status_code == 200
        await run_cli(
            settings.database_url, "apikey", "revoke", "--org", tenant.org.id, tenant.key.id
        )
        revoked_at = time.monotonic()
        # Bounded: refused within the cache's half second (plus a margin for a busy machine).
        status = 200
        while status == 200 and time.monotonic() - revoked_at < 5:
            status = (await http.get("/api/v1/clients", headers=tenant.headers)).status_code
            await asyncio.sleep(0.05)
        assert status == 401
        assert time.monotonic() - revoked_at < 0.5 + 1.0


async def test_bad_input_is_a_clear_error_not_a_traceback(db: Backend) -> None:
    out = await run_cli(db.url, "org", "create", "X", "--currency", "ABC", expect=2)
    assert "Unknown currency" in out and "Traceback" not in out
    out = await run_cli(db.url, "apikey", "create", "--org", "org_nope", expect=2)
    assert "No organization" in out
    assert await Organization.all().count() == 0


async def test_organizations_go_on_the_plans_of_the_plans_file(db: Backend, tmp_path: Path) -> None:
    plans_file = tmp_path / "plans.json"
    plans_file.write_text('{"starter": {"clientLimit": 10}}')
    env = {"PLANS_FILE": str(plans_file)}
    out = await run_cli(db.url, "org", "create", "Small", "--plan", "starter", env=env)
    org_id = re.search(r"organization (org_\w+)", out).group(1)  # type: ignore[union-attr]
    assert (await Organization.get(id=org_id)).plan == "starter"

    out = await run_cli(db.url, "org", "set-plan", org_id, "platinum", env=env, expect=2)
    assert "Unknown plan 'platinum': one of starter, unlimited" in out and "Traceback" not in out
    out = await run_cli(db.url, "org", "create", "Big", "--plan", "platinum", env=env, expect=2)
    assert "Unknown plan 'platinum'" in out
    assert await run_cli(db.url, "org", "set-plan", org_id, "unlimited", env=env)
    assert [(o.name, o.plan) for o in await Organization.all()] == [("Small", "unlimited")]

    plans_file.write_text("{")
    out = await run_cli(db.url, "org", "create", "Bad", env=env, expect=2)
    assert f"PLANS_FILE {plans_file}" in out and "Traceback" not in out
    assert await Organization.all().count() == 1


async def test_demo_creates_data_and_prints_a_key_once(db: Backend) -> None:
    out = await run_cli(db.url, "demo")
    secret = re.search(r"(cinv_\w{40})", out).group(1)  # type: ignore[union-attr]
    org, _ = await apikeys.authenticate(secret)
    assert await Client.filter(organization_id=org.id).count() >= 3


async def test_serve_on_a_fresh_sqlite_database_end_to_end(tmp_path: Path) -> None:
    """The README's path: serve on the embedded default, make a demo key, query both APIs."""
    database_url = f"sqlite://{tmp_path / 'data' / 'fresh.sqlite3'}"
    port = free_port()
    # The port as a flag, not PORT: the links the server writes must follow it all the same.
    outbox = tmp_path / "outbox"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "OUTBOX_DIR": str(outbox),
    }
    env.pop("PORT", None)
    env.pop("PUBLIC_BASE_URL", None)
    base = f"http://127.0.0.1:{port}"
    command = [INVOICEGRAPH, "serve", "--port", str(port)]
    with serving(command, cwd=tmp_path, env=env, log=tmp_path / "log") as server:
        await asyncio.to_thread(wait_until_up, base, server, path="/readyz")
        async with httpx.AsyncClient(base_url=base, timeout=5) as http:
            out = await run_cli(database_url, "demo")
            secret = re.search(r"(cinv_\w{40})", out).group(1)  # type: ignore[union-attr]
            headers = {"Authorization": f"Bearer {secret}"}
            graphql = await http.post(
                "/graphql",
                json={"query": "{ viewer { organization { id name } } }"},
                headers=headers,
            )
            assert graphql.json()["data"]["viewer"]["organization"]["name"] == "Demo Design Co."
            rest = await http.get("/api/v1/clients?limit=2", headers=headers)
            assert rest.status_code == 200
            assert rest.json()["total"] == 3 and len(rest.json()["data"]) == 2
            links = await http.post(
                "/graphql",
                json={"query": "{ invoices(first: 1) { edges { node { pdfUrl publicUrl } } } }"},
                headers=headers,
            )
            invoice = links.json()["data"]["invoices"]["edges"][0]["node"]
            assert invoice["pdfUrl"].startswith(f"{base}/api/v1/invoices/")
            assert invoice["publicUrl"].startswith(f"{base}/")
            assert (await http.get(invoice["publicUrl"])).status_code == 200
            # Without SMTP_HOST an e-mail goes to the outbox, and the log says where.
            sent = await http.post(
                "/graphql",
                json={
                    "query": "mutation($id: ID!) { invoiceSend(id: $id) { errors { code } } }",
                    "variables": {"id": invoice["pdfUrl"].split("/")[-2]},
                },
                headers=headers,
                timeout=60,
            )
            assert sent.json()["data"]["invoiceSend"]["errors"] == [], sent.json()
    written = [path.name for path in outbox.glob("*.eml")]
    assert len(written) == 1
    log = server.output()
    assert f"written to {outbox / written[0]}" in log, log


async def test_migrate_applies_once_then_says_up_to_date(tmp_path: Path) -> None:
    database_url = f"sqlite://{tmp_path / 'data' / 'm.sqlite3'}"
    assert "applied migration 0_" in await run_cli(database_url, "migrate")
    assert "up to date" in await run_cli(database_url, "migrate")


async def test_a_bad_setting_stops_with_its_name(tmp_path: Path) -> None:
    out = await run_cli("mysql://nope", "migrate", expect=2)
    assert "DATABASE_URL" in out and "Traceback" not in out


async def test_serve_without_chromium_stops_naming_the_setting(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'db.sqlite3'}"
    out = await run_cli(url, "serve", expect=2, env={"CHROMIUM_PATH": "/nowhere/chromium"})
    assert "CHROMIUM_PATH='/nowhere/chromium'" in out and "Traceback" not in out


async def test_serve_on_postgres_refuses_an_unmigrated_database() -> None:
    from tests.conftest import POSTGRES_ENV, _drop_postgres_schema, _postgres_schema, require_server

    base = require_server(POSTGRES_ENV, "PostgreSQL")
    schema, url = await _postgres_schema(base)
    try:
        out = await run_cli(url, "serve", expect=2)
        assert "invoicegraph migrate" in out and "0_" in out
        assert "applied migration 0_" in await run_cli(url, "migrate")
    finally:
        await _drop_postgres_schema(base, schema)
