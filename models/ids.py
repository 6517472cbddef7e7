"""Opaque, time-ordered identifiers: a type prefix and 26 Crockford base-32 characters.

The first ten characters encode the creation time in milliseconds, so ids sort in creation
order (a stable tie-breaker for pagination and friendly to B-tree indexes); the other
sixteen are 80 random bits.
"""

from __future__ import annotations

import re
import secrets
import time

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def base32(value: int, length: int) -> str:
    """`value` in `length` Crockford base-32 characters (lower case), most significant first."""
    chars = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def new_id(prefix: str) -> str:
    """A fresh id such as `inv_01jd8x...`."""
    millis = time.time_ns() // 1_000_000
    return f"{prefix}_{base32(millis, 10)}{base32(secrets.randbits(80), 16)}"


ID_LENGTH = 32
_SHAPE = re.compile(rf"[a-z]{{2,4}}_[{ALPHABET}]{{1,{ID_LENGTH - 3}}}")


def is_id(value: object) -> bool:
    """True when `value` has the shape of one of our ids. Anything else names nothing, and is
    kept from the database (where an overlong or NUL-bearing value is an error, not a miss)."""
    return (
        isinstance(value, str) and len(value) <= ID_LENGTH and _SHAPE.fullmatch(value) is not None
    )
