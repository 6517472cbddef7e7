"""The package as a user installs it: built, installed into a fresh virtualenv, run from there.

`uv build` makes the wheel from the sdist, so both must carry every module, template and
migration. The virtualenv never sees this checkout (the commands run in another directory,
without PYTHONPATH), so they run only what the wheel installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.ide import assets
from tests.conftest import IN_CI
from tests.processes import free_port, serving, wait_until_up

REPO = Path(__file__).resolve().parent.parent
NOT_SHIPPED = {"tests", "bench"}


@dataclass(frozen=True)
class Dists:
    """What `uv build` made, and the uv that made it."""

    uv: str
    sdist: Path
    wheel: Path


def find_uv() -> str:
    """The project's uv (`./dev` keeps it in .tools), else one on PATH; skip without one."""
    pinned = REPO / ".tools" / "bin" / "uv"
    found = str(pinned) if os.access(pinned, os.X_OK) else shutil.which("uv")
    if found is None:
        message = "packaging tests need uv: run ./dev setup (or put uv on PATH)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def tool_env() -> dict[str, str]:
    """This process's environment for uv, without what points at the active virtualenv."""
    dropped = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return {**env, "UV_PYTHON_DOWNLOADS": "never"}


def server_env(**settings: str) -> dict[str, str]:
    """Only `settings` and what a process needs to run: neither the checkout nor a setting
    of the developer's own reaches the installed commands."""
    kept = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "CHROMIUM_PATH")
    env = {k: v for k, v in os.environ.items() if k in kept}
    return {**env, "PYTHONNOUSERSITE": "1", **settings}


def run(
    args: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 60, expect: int = 0
) -> str:
    """Run a command to completion; return its output, failing with it on another exit."""
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == expect, f"{args} exited {result.returncode}:\n{output}"
    return output


def shipped_files() -> set[str]:
    """What the distributions must hold: the top-level modules, every package but the tests
    and benchmarks, and the migrations, each with its templates and other data."""
    roots = [
        *REPO.glob("*.py"),
        *(p for p in REPO.iterdir() if (p / "__init__.py").exists() and p.name not in NOT_SHIPPED),
        REPO / "migrations",
    ]
    files = set()
    for root in roots:
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add(path.relative_to(REPO).as_posix())
    return files


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """The sdist, and the wheel built from it, of this checkout."""
    uv = find_uv()
    out = tmp_path_factory.mktemp("dist")
    run([uv, "build", "-q", "--out-dir", str(out), str(REPO)], cwd=out, env=tool_env())
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(uv, sdist, wheel)


def install(dists: Dists, venv: Path) -> None:
    """A fresh virtualenv with the wheel and its dependencies, at the locked versions (the
    tested set, which uv's cache holds)."""
    constraints = venv.with_name("constraints.txt")
    export = ["export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-project", "-q"]
    run(
        [dists.uv, *export, "--project", str(REPO), "-o", str(constraints)],
        cwd=venv.parent,
        env=tool_env(),
    )
    run(
        [dists.uv, "venv", "-q", "--python", sys.executable, str(venv)],
        cwd=venv.parent,
        env=tool_env(),
    )
    python = str(venv / "bin" / "python")
    run(
        [
            dists.uv,
            "pip",
            "install",
            "-q",
            "--python",
            python,
            "-c",
            str(constraints),
            str(dists.wheel),
        ],
        cwd=venv.parent,
        env=tool_env(),
        timeout=300,
    )


def graphql(http: httpx.Client, key: str, query: str, **variables: Any) -> Any:
    """The data of a GraphQL operation that must succeed."""
    response = http.post(
        "/graphql",
        headers={"Authorization": f"Bearer {key}"},
        json={"query": query, "variables": variables},
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def test_the_sdist_and_the_wheel_carry_every_module_template_and_migration(
    dists: Dists,
) -> None:
    expected = shipped_files()
    folders = {name.rsplit("/", 1)[0] for name in expected}
    assert {"migrations/sqlite/models", "migrations/postgres/models"} <= folders
    assert {"pdf/templates", "mail/templates"} <= folders
    # GraphiQL's files are not committed but fetched by set-up: they ship all the same.
    assert {p.directory.relative_to(REPO).as_posix() for p in assets.PACKAGES} <= folders
    with zipfile.ZipFile(dists.wheel) as wheel:
        assert expected - set(wheel.namelist()) == set()
    with tarfile.open(dists.sdist) as sdist:
        assert expected - {name.partition("/")[2] for name in sdist.getnames()} == set()


def test_the_installed_wheel_migrates_and_serves_on_its_own(dists: Dists, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    install(dists, venv)
    python = str(venv / "bin" / "python")
    port = free_port()
    env = server_env(
        DATABASE_URL=f"sqlite://{tmp_path / 'data' / 'packaged.sqlite3'}",
        HOST="127.0.0.1",
        PORT=str(port),
        OUTBOX_DIR=str(tmp_path / "outbox"),
    )

    # The code and the migrations it applies are the installed ones, not this checkout's.
    where = run(
        [python, "-c", "import app, models.config as c; print(app.__file__, c.MIGRATIONS_ROOT)"],
        cwd=tmp_path,
        env=env,
    )
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    assert where.split() == [str(site_packages / "app.py"), str(site_packages / "migrations")]

    invoicegraph = str(venv / "bin" / "invoicegraph")
    chain = sorted(
        (p.name for p in (REPO / "migrations" / "sqlite" / "models").glob("*_*.py")),
        key=lambda name: int(name.split("_")[0]),
    )
    migrated = run([invoicegraph, "migrate"], cwd=tmp_path, env=env)
    assert re.findall(r"applied migration (\S+)", migrated) == chain, migrated
    assert "up to date" in run([invoicegraph, "migrate"], cwd=tmp_path, env=env)

    out = run(
        [invoicegraph, "org", "create", "Packaged Co", "--currency", "EUR"], cwd=tmp_path, env=env
    )
    org_id = re.search(r"organization (org_\w+)", out).group(1)  # type: ignore[union-attr]
    out = run([invoicegraph, "apikey", "create", "--org", org_id], cwd=tmp_path, env=env)
    key = re.search(r"secret .*: (cinv_\w{40})$", out, re.M).group(1)  # type: ignore[union-attr]

    with (
        serving(
            [invoicegraph, "serve"], cwd=tmp_path, env=env, log=tmp_path / "serve.log"
        ) as server,
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http,
    ):
        wait_until_up(f"http://127.0.0.1:{port}", server)
        viewer = graphql(http, key, "{ viewer { organization { id name currency } } }")
        assert viewer["viewer"]["organization"] == {
            "id": org_id,
            "name": "Packaged Co",
            "currency": "EUR",
        }

        client = graphql(
            http, key, 'mutation { clientCreate(input: {name: "Globex"}) { client { id } } }'
        )["clientCreate"]["client"]
        invoice = graphql(
            http,
            key,
            "mutation ($client: ID!) { invoiceCreate(input: {clientId: $client, lineItems: "
            '[{description: "Work", quantity: "2", unitPrice: "10.00"}]}) '
            "{ invoice { number total publicUrl } } }",
            client=client["id"],
        )["invoiceCreate"]["invoice"]
        assert invoice["total"] == "20.00"

        clients = http.get("/api/v1/clients", headers={"Authorization": f"Bearer {key}"})
        assert clients.status_code == 200, clients.text
        assert [c["id"] for c in clients.json()["data"]] == [client["id"]]

        # The public page is the installed pdf/templates at work.
        page = http.get(invoice["publicUrl"])
        assert page.status_code == 200 and invoice["number"] in page.text, server.output()

        # GraphiQL's files, fetched at set-up time, shipped in the wheel and served from it.
        playground = http.get("/graphql", headers={"Accept": "text/html"})
        assert playground.status_code == 200, playground.text
        script = re.search(r'src="(/graphiql/assets/graphiql/[^"]+)"', playground.text)
        assert script is not None and http.get(script[1]).status_code == 200

    # An installation that lost its migrations says so, rather than "up to date".
    shutil.rmtree(site_packages / "migrations")
    env["DATABASE_URL"] = f"sqlite://{tmp_path / 'data' / 'other.sqlite3'}"
    out = run([invoicegraph, "migrate"], cwd=tmp_path, env=env, expect=2)
    assert "no migrations in" in out and "Traceback" not in out, out
