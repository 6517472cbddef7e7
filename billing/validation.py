"""Small validators for text input shared by every domain function."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from billing.errors import ValidationError

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Control characters: C0 but tab and line breaks, DEL and C1. A single-line field refuses
# tab and line breaks too (they would break e-mail headers and file names). Lone UTF-16
# surrogates (JSON's "\ud800") are refused with them: no database stores them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\t\n\r\u2028\u2029]")


def text(
    value: object, *, field: str, max_length: int, required: bool = False, multiline: bool = False
) -> str:
    """A stripped string of at most `max_length` characters without control characters
    (line breaks only where `multiline`)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a string", field=field)
    value = value.strip()
    if required and not value:
        raise ValidationError(f"{field} is required", field=field)
    if len(value) > max_length:
        raise ValidationError(f"{field} must be at most {max_length} characters", field=field)
    if _CONTROL.search(value) or (not multiline and _LINE_BREAK.search(value)):
        raise ValidationError(f"{field} must not contain control characters", field=field)
    return value


def flag(value: object, *, field: str) -> bool:
    """A boolean, given as one."""
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be true or false", field=field)
    return value


def is_storable(value: str) -> bool:
    """True when `value` holds no control characters or lone surrogates."""
    return _CONTROL.search(value) is None


def email(value: object, *, field: str = "email", required: bool = False) -> str:
    """A plausible e-mail address (or "" when not required and empty)."""
    address = text(value, field=field, max_length=254, required=required)
    if address and not _EMAIL.fullmatch(address):
        raise ValidationError(f"{field} is not a valid e-mail address", field=field)
    return address


def timezone(value: object, *, field: str = "timezone") -> str:
    """An IANA time zone name such as Europe/Paris."""
    name = text(value, field=field, max_length=64, required=True)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"Unknown time zone {name!r}: use an IANA name such as Europe/Paris", field=field
        ) from None
    return name


def locale(value: object, *, field: str = "locale") -> str:
    """A locale identifier Babel knows, normalized (`fr-FR` becomes `fr_FR`)."""
    name = text(value, field=field, max_length=35, required=True)
    try:
        return str(Locale.parse(name.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise ValidationError(
            f"Unknown locale {name!r}: use a code such as en_US or fr_FR", field=field
        ) from None


def camel(name: str) -> str:
    """A snake_case name as the APIs write it: line_index -> lineIndex."""
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def known_fields(values: Mapping[str, object], known: Collection[str], path: str = "") -> None:
    """Refuse a field of `values` that is not among `known` (snake_case names), naming each
    unknown one as the APIs write it, under `path` (`lines[0].`) when given."""
    unknown = sorted(set(values) - set(known))
    if unknown:
        where = f"{path}." if path else ""
        names = [where + camel(name) for name in unknown]
        raise ValidationError(f"Unknown field: {', '.join(names)}", field=names[0])


def iso_date(value: object, *, field: str) -> date:
    """A calendar date from a `date` or a `YYYY-MM-DD` string."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"{field} must be a date in YYYY-MM-DD form", field=field)


E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], value: object, *, field: str) -> E:
    """One of `enum`'s values, or a refusal naming them all."""
    try:
        return enum(str(value))
    except ValueError:
        raise ValidationError(f"{field} must be one of {', '.join(enum)}", field=field) from None
