"""The README's one request per Gauzy route works as written, in order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from gauzy.app import OPERATIONS, PREFIX
from tests.billing.factories import a_client
from tests.conftest import Tenant

README = Path(__file__).resolve().parents[2] / "README.md"


def _requests() -> list[tuple[str, str, str]]:
    section = README.read_text().split("## Ever Gauzy's endpoints", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```http\n(.*?)```", section, flags=re.DOTALL)
    requests = []
    for block in blocks:
        line, _, body = block.partition("\n")
        method, path = line.split(" ")
        requests.append((method, path, body.strip()))
    return requests


async def test_every_route_of_the_readme_runs_as_written(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    requests = _requests()
    shown = {
        (method, re.sub(r"(inv|est)_\.\.\.", "{id}", path.split("?")[0]))
        for method, path, _ in requests
    }
    # Every route of the door, but the alias of Gauzy's own /payments.
    assert shown == {
        (op.method, PREFIX + op.path) for op in OPERATIONS if not op.path.startswith("/payments")
    }
    client = await a_client(tenant.org, email="ap@globex.example")
    ids = {"cli_...": client.id}
    for method, path, body in requests:
        if method == "DELETE":
            ids["inv_..."] = ids["converted"]
        for placeholder, value in ids.items():
            path, body = path.replace(placeholder, value), body.replace(placeholder, value)
        headers = {**tenant.headers, "Content-Type": "application/json"}
        response = await http.request(method, path, content=body.encode(), headers=headers)
        assert response.status_code in (200, 201, 202), (method, path, response.text)
        answer = response.json()
        if method == "POST" and path == "/api/invoices":
            key = "est_..." if answer["isEstimate"] else "inv_..."
            ids.setdefault(key, answer["id"])
            if key == "inv_...":
                assert json.loads(body)["totalValue"] == 4837.5
                assert answer["totalValue"] == 4837.5
        if path.endswith("/convert"):
            ids["converted"] = answer["id"]
