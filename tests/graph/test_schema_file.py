"""schema.graphql is always the schema the code builds."""

from __future__ import annotations

from pathlib import Path

from graph.schema import sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == sdl(), (
        "schema.graphql is stale: run `invoicegraph export-schema` and commit it"
    )


def _undocumented() -> list[str]:
    from graphql import (
        GraphQLEnumType,
        GraphQLInputObjectType,
        GraphQLInterfaceType,
        GraphQLObjectType,
    )

    from graph.schema import schema

    missing = []
    for name, kind in schema._schema.type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Boolean", "ID", "Float"):
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in kind.values.items() if not value.description]
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
    return missing


def test_every_type_field_argument_and_enum_value_is_described() -> None:
    assert _undocumented() == []
