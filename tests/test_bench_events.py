"""bench.events briefly on SQLite: it seeds, checks that its floor writes no event and the
server as shipped does, measures each variant beside the floor and prints the ratios."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_measures_the_event_log_against_a_floor_without_it() -> None:
    # A process of its own, as bench.scale's test: the bench sets Tortoise up and down.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    result = subprocess.run(
        [sys.executable, "-m", "bench.events", "--rounds", "1", "--seconds", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for name in ("events", "events + webhook"):
        row = next(line for line in out.splitlines() if line.startswith(f"{name} "))
        ratios = re.findall(r"\d+\.\d\d", row)[-2:]
        assert len(ratios) == 2 and all(float(ratio) > 0 for ratio in ratios), row
    assert "wrk's CPU was at most" in out
