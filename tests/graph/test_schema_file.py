"""schema.graphql is always the schema the code builds."""

from __future__ import annotations

from pathlib import Path

from graph.schema import sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == sdl(), (
        "schema.graphql is stale: run `invoicegraph export-schema` and commit it"
    )
