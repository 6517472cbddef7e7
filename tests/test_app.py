"""The app's own routes: health, readiness, unknown routes; and what making it imports."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import httpx

from tests.conftest import Tenant, in_a_fresh_process

ROOT = Path(__file__).resolve().parents[1]


async def test_healthz(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_the_database(http: httpx.AsyncClient) -> None:
    response = await http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_unknown_routes_answer_in_the_error_envelope(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    for path in ("/nope", "/api/v1/nope"):
        response = await http.get(path, headers=tenant.headers)
        assert response.status_code == 404, path
        assert response.json() == {"error": f"Not found: GET {path}"}
    # The rest of /api/ is Gauzy's door, which answers as NestJS does.
    for path in ("/api/v2/clients", "/api/nope"):
        response = await http.get(path, headers=tenant.headers)
        assert response.status_code == 404, path
        assert response.json() == {
            "statusCode": 404,
            "message": f"Not found: GET {path}",
            "error": "Not Found",
        }


async def test_wrong_method_answers_405_in_the_envelope(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await http.patch("/api/v1/clients", headers=tenant.headers)
    assert response.status_code == 405
    assert "not allowed" in response.json()["error"]


def test_making_the_app_imports_only_what_its_settings_need() -> None:
    """On SQLite and memory:// limits, neither asyncpg nor redis is imported (redis is, for a
    redis:// RATE_LIMIT_STORAGE), jinja2 waits for the first rendering and the test tools are
    never imported: each import is start-up time. A fresh process, so that nothing else has
    imported them first."""
    script = textwrap.dedent(
        """
        import json, sys
        from dataclasses import replace
        from app import create_app
        from settings import Settings

        def loaded():
            unwanted = {"asyncpg", "redis", "jinja2", "hypothesis", "schemathesis", "pytest"}
            return sorted(unwanted & {name.partition(".")[0] for name in sys.modules})

        embedded = Settings(database_url="sqlite://:memory:", rate_limit_storage="memory://")
        create_app(embedded)
        on_memory = loaded()
        # Redis is connected to on first use: no server is needed to make the app.
        create_app(replace(embedded, rate_limit_storage="redis://127.0.0.1:6379/0"))
        print(json.dumps([on_memory, loaded()]))
        """
    )
    last_line = in_a_fresh_process(script)
    on_memory, on_redis = json.loads(last_line)
    assert on_memory == []
    # The same check sees redis once the configuration asks for it.
    assert on_redis == ["redis"]
