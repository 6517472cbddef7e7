"""bench.scale at a tiny size on SQLite: it seeds, measures and prints every query."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench import scale

ROOT = Path(__file__).resolve().parents[1]


def test_seeds_measures_and_prints_every_query() -> None:
    # A process of its own: the bench initializes and closes Tortoise, which the suite's
    # session-wide connection must not see.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    result = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--sizes", "40,80", "--repeat", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    names = [*scale.FIRST_DEFAULT, *scale.SEARCHES, scale.TOTAL_COUNT, "status OVERDUE (window)"]
    for size in ("40", "80"):
        table = out.split(f"sqlite, {size} invoices")[1].split(f"plans at {size}:")[0]
        for name in names:
            assert name in table
        assert "deep window, due date asc" in table and "offset page" in table
        assert len(table.strip().splitlines()) == 2 + 13  # the title, the header, the queries
    # Each query's plan, from the statements captured at the connection.
    assert re.search(r"SEARCH \w+ USING (COVERING )?INDEX", out)
    assert "none: the goals compare 1k with 100k" in out
