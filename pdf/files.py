"""How a document's files (its PDF, its e-invoice) are named when downloaded, the same on every
route that serves them."""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote

# What a quoted-string filename keeps: printable ASCII but the quote and the backslash, which
# would need escapes that not every client reads.
_QUOTABLE: Final = r" !#-\[\]-~"
_UNQUOTABLE: Final = re.compile(f"[^{_QUOTABLE}]")
# RFC 5987's attr-char beyond letters, digits and the "_.-~" that quote() always keeps.
_ATTR_PUNCTUATION: Final = "!#$&+^`|"


def disposition_pattern(suffix: str = ".pdf") -> str:
    """Every Content-Disposition `content_disposition` writes for files ending in `suffix`
    (an ECMA-262 pattern, for OpenAPI)."""
    end = re.escape(suffix)
    return (
        rf'^attachment; filename="[{_QUOTABLE}]+{end}"'
        rf"(; filename\*=UTF-8''[-A-Za-z0-9!#$&+.^_`|~%]+{end})?$"
    )


#: Every Content-Disposition of a PDF.
DISPOSITION_PATTERN: Final = disposition_pattern()


def content_disposition(name: str, suffix: str = ".pdf") -> str:
    """`attachment` with the file name `<name><suffix>` (`INV-0001.pdf`, RFC 6266).

    The quoted `filename` has what it cannot carry replaced by "_"; when that changed the name,
    `filename*` carries it exactly, UTF-8 and percent-encoded, for the clients that read it.
    """
    fallback = _UNQUOTABLE.sub("_", name)
    value = f'attachment; filename="{fallback}{suffix}"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe=_ATTR_PUNCTUATION)}{suffix}"
    return value
