"""The app's own routes: health, readiness, unknown routes."""

from __future__ import annotations

import httpx

from tests.conftest import Tenant


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
