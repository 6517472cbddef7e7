"""The shim's JSON shapes as Python types, read three ways from one declaration.

A shape is a TypedDict keyed by the wire's camelCase names. Its fields are `str`, `bool`,
`int`, `Decimal` (a JSON number), `list[...]`, another shape, or `X | None`, optionally
`Annotated` with a `Field` for what the type cannot say. From that one declaration:

- `json_schema` writes the JSON Schema the OpenAPI document shows;
- `body_values` checks a request body against it and hands billing its snake_case values;
- `query_values` parses query parameters by it;
- mypy checks that serializers build exactly the documented response shapes.

The checks here are about form only (types, required and unknown fields, allowed values,
lengths and bounds the document states); what a value means is billing's to judge.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any, NotRequired, Required, TypeVar, get_args, get_origin, get_type_hints

from billing.errors import ValidationError
from rest.jsonio import storable


@dataclass(frozen=True, slots=True)
class Field:
    """What a field's type cannot say: documentation, allowed values, bounds, billing's name."""

    description: str | None = None
    format: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    default: int | None = None
    #: billing's key when it is not the snake_case of the wire name (invoiceNumber: number)
    key: str | None = None
    #: accepted, type-checked and dropped: a value the server computes itself
    ignored: bool = False
    #: a text that may also be sent as a JSON integer, read as its digits (a number: 1001)
    integer_text: bool = False

    def merged(self, other: Field) -> Field:
        """This field with `other`'s explicitly set attributes on top."""
        changes = {
            f.name: getattr(other, f.name)
            for f in fields(other)
            if getattr(other, f.name) != f.default
        }
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A field's annotation taken apart: its base type, whether null is allowed, its Field."""

    base: Any
    nullable: bool
    field: Field


@functools.cache
def resolve(annotation: Any) -> Resolved:
    """Unwrap Required/NotRequired, Annotated and `| None` down to the base type."""
    nullable = False
    field = Field()
    while True:
        origin = get_origin(annotation)
        if origin in (Required, NotRequired):
            annotation = get_args(annotation)[0]
        elif origin is typing.Annotated:
            for meta in annotation.__metadata__:
                if isinstance(meta, Field):
                    field = field.merged(meta)
            annotation = annotation.__origin__
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                raise TypeError(f"Only `X | None` unions are supported, not {annotation}")
            nullable = True
            annotation = members[0]
        else:
            return Resolved(annotation, nullable, field)


def is_shape(annotation: Any) -> bool:
    """Whether `annotation` is a shape (a TypedDict, possibly a generic one's instance)."""
    return typing.is_typeddict(get_origin(annotation) or annotation)


def _substitute(annotation: Any, mapping: Mapping[Any, Any]) -> Any:
    if isinstance(annotation, TypeVar):
        return mapping[annotation]
    if get_origin(annotation) is list:
        return list[_substitute(get_args(annotation)[0], mapping)]  # type: ignore[misc]
    return annotation


@functools.cache  # shapes are fixed at import; a body of 500 lines asks 500 times
def shape_fields(shape: Any) -> tuple[tuple[str, Any, bool], ...]:
    """A shape's fields in declaration order: (wire name, annotation, required)."""
    origin = get_origin(shape) or shape
    hints = get_type_hints(origin, include_extras=True)
    mapping = dict(zip(getattr(origin, "__parameters__", ()), get_args(shape), strict=False))
    return tuple(
        (name, _substitute(hint, mapping), name in origin.__required_keys__)
        for name, hint in hints.items()
    )


def shape_name(shape: Any) -> str:
    """The name of a shape in the document's components."""
    return str(shape.__name__)


# --- JSON Schema --------------------------------------------------------------------------


def _base_schema(base: Any, components: dict[str, Any]) -> dict[str, Any]:
    if base is str:
        return {"type": "string"}
    if base is bool:
        return {"type": "boolean"}
    if base is int:
        return {"type": "integer"}
    if base is Decimal:
        return {"type": "number"}
    if get_origin(base) is list:
        return {"type": "array", "items": json_schema(get_args(base)[0], components)}
    if is_shape(base):
        if get_origin(base) is not None:  # a generic envelope: inline
            return object_schema(base, components)
        name = shape_name(base)
        if name not in components:
            components[name] = {}  # reserve the name first: shapes may refer to each other
            components[name] = object_schema(base, components)
        return {"$ref": f"#/components/schemas/{name}"}
    raise TypeError(f"No JSON Schema for {base!r}")


def json_schema(annotation: Any, components: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a field's annotation; shapes go to `components`, referred by $ref."""
    resolved = resolve(annotation)
    schema = _base_schema(resolved.base, components)
    field = resolved.field
    keywords = {
        "description": field.description,
        "format": field.format,
        "enum": list(field.enum) if field.enum is not None else None,
        "minimum": field.minimum,
        "maximum": field.maximum,
        "minLength": field.min_length,
        "maxLength": field.max_length,
        "default": field.default,
    }
    schema.update({k: v for k, v in keywords.items() if v is not None})
    if field.integer_text:
        schema["type"] = ["string", "integer"]
    if field.ignored:
        schema["description"] = "Computed by the server: a value sent is ignored."
    if resolved.nullable:
        if "$ref" in schema:
            return {"anyOf": [schema, {"type": "null"}]}
        types_ = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types_, "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def object_schema(shape: Any, components: dict[str, Any]) -> dict[str, Any]:
    """A shape as a closed JSON Schema object."""
    members = shape_fields(shape)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: json_schema(hint, components) for name, hint, _ in members},
        "additionalProperties": False,
    }
    required = [name for name, _, is_required in members if is_required]
    if required:
        schema["required"] = required
    description = (getattr(get_origin(shape) or shape, "__doc__", None) or "").strip()
    if description and get_origin(shape) is None:
        schema["description"] = description
    return schema


# --- Request bodies -------------------------------------------------------------------------


def snake_case(name: str) -> str:
    """billing's spelling of a wire name: taxId -> tax_id."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _expected(resolved: Resolved) -> str:
    base = resolved.base
    if resolved.field.enum is not None:
        words = "one of " + ", ".join(resolved.field.enum)
    elif resolved.field.format == "date":
        words = "a date in YYYY-MM-DD form"
    elif is_shape(base):
        words = "an object"
    elif get_origin(base) is list:
        words = "a list"
    else:
        words = {str: "a string", bool: "true or false", int: "an integer", Decimal: "a number"}[
            base
        ]
        if resolved.field.integer_text:
            words = "a string or an integer"
    return words + (" or null" if resolved.nullable else "")


def _matches(base: Any, value: object) -> bool:
    if base is str:
        return isinstance(value, str)
    if base is bool:
        return isinstance(value, bool)
    if base is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if base is Decimal:
        return isinstance(value, int | Decimal) and not isinstance(value, bool)
    if get_origin(base) is list:
        return isinstance(value, list)
    return isinstance(value, dict)


def _length_problem(field: Field, text: str) -> str | None:
    if field.min_length is not None and len(text) < field.min_length:
        n = field.min_length
        return "must not be empty" if n == 1 else f"must be at least {n} characters"
    if field.max_length is not None and len(text) > field.max_length:
        return f"must be at most {field.max_length} characters"
    return None


def _convert(annotation: Any, value: object, path: str) -> Any:
    resolved = resolve(annotation)
    if value is None and resolved.nullable:
        return None
    if resolved.field.integer_text and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not _matches(resolved.base, value):
        raise ValidationError(f"{path} must be {_expected(resolved)}", field=path)
    enum = resolved.field.enum
    if enum is not None and value not in enum:
        raise ValidationError(f"{path} must be {_expected(resolved)}", field=path)
    if isinstance(value, str):
        problem = _length_problem(resolved.field, value)
        if problem is not None:
            raise ValidationError(f"{path} {problem}", field=path)
    if get_origin(resolved.base) is list:
        assert isinstance(value, list)
        item = get_args(resolved.base)[0]
        return [_convert(item, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if is_shape(resolved.base):
        assert isinstance(value, dict)
        return _convert_object(resolved.base, value, path)
    return value


def _convert_object(shape: Any, value: dict[str, object], path: str) -> dict[str, Any]:
    members = shape_fields(shape)
    prefix = f"{path}." if path else ""
    unknown = sorted(set(value) - {name for name, _, _ in members})
    if unknown:
        accepted = ", ".join(name for name, hint, _ in members if not resolve(hint).field.ignored)
        raise ValidationError(
            f"Unknown field: {', '.join(prefix + name for name in unknown)} (accepted: {accepted})",
            field=prefix + unknown[0],
        )
    for name, _, required in members:
        if required and name not in value:
            raise ValidationError(f"Missing required field: {prefix}{name}", field=prefix + name)
    values: dict[str, Any] = {}
    for name, hint, _ in members:
        if name not in value:
            continue
        converted = _convert(hint, value[name], prefix + name)
        field = resolve(hint).field
        if not field.ignored:
            values[field.key or snake_case(name)] = converted
    return values


def body_values(shape: Any, body: object) -> dict[str, Any]:
    """Check a parsed JSON body against `shape`; return it with billing's snake_case keys."""
    if not isinstance(body, dict):
        raise ValidationError("The request body must be a JSON object")
    return _convert_object(shape, body, "")


# --- Query parameters -----------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?[0-9]{1,12}")


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"must be between {low} and {high}"
    return f"must be at least {low}" if low is not None else f"must be at most {high}"


def _parameter(name: str, annotation: Any, raw: str) -> object:
    resolved = resolve(annotation)
    field = resolved.field

    def refuse(problem: str) -> ValidationError:
        return ValidationError(f"Invalid parameter {name}: {problem}", field=name)

    if resolved.base is int:
        text = raw.strip()
        if not _INTEGER.fullmatch(text):
            raise refuse("must be an integer")
        number = int(text)
        low, high = field.minimum, field.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise refuse(_bounds(low, high))
        return number
    if not storable(raw):
        raise refuse("must not contain NUL characters")
    if field.enum is not None and raw not in field.enum:
        raise refuse(f"must be one of {', '.join(field.enum)}")
    problem = _length_problem(field, raw)
    if problem is not None:
        raise refuse(problem)
    return raw


def query_values(shape: Any | None, params: Mapping[str, str | list[str]]) -> dict[str, Any]:
    """Parse the query parameters `shape` declares (None: takes none); defaults fill in. A
    `list[...]` field takes every value given for its name, any other field one value.

    An undeclared parameter is refused rather than ignored: a misspelt filter would
    otherwise silently widen what a request reads.
    """
    members = shape_fields(shape) if shape is not None else ()
    names = [name for name, _, _ in members]
    unknown = sorted(set(params) - set(names))
    if unknown:
        accepted = f"accepted: {', '.join(names)}" if names else "this route takes none"
        raise ValidationError(
            f"Unknown parameter: {', '.join(unknown)} ({accepted})", field=unknown[0]
        )
    values: dict[str, Any] = {}
    for name, hint, _ in members:
        raw = params.get(name)
        base = resolve(hint).base
        if raw is None:
            if resolve(hint).field.default is not None:
                values[name] = resolve(hint).field.default
        elif get_origin(base) is list:
            item = get_args(base)[0]
            values[name] = [_parameter(name, item, one) for one in _listed(raw)]
        elif isinstance(raw, list):
            raise ValidationError(f"Invalid parameter {name}: give it once", field=name)
        else:
            values[name] = _parameter(name, hint, raw)
    return values


def _listed(raw: str | list[str]) -> list[str]:
    return raw if isinstance(raw, list) else [raw]
