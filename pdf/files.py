"""How a document's PDF is named when downloaded, the same on every route that serves it."""

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

#: Every Content-Disposition `content_disposition` writes (an ECMA-262 pattern, for OpenAPI).
DISPOSITION_PATTERN: Final = (
    rf'^attachment; filename="[{_QUOTABLE}]+\.pdf"'
    r"(; filename\*=UTF-8''[-A-Za-z0-9!#$&+.^_`|~%]+\.pdf)?$"
)


def content_disposition(name: str) -> str:
    """`attachment` with the file name `<name>.pdf` (RFC 6266).

    The quoted `filename` has what it cannot carry replaced by "_"; when that changed the name,
    `filename*` carries it exactly, UTF-8 and percent-encoded, for the clients that read it.
    """
    fallback = _UNQUOTABLE.sub("_", name)
    value = f'attachment; filename="{fallback}.pdf"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe=_ATTR_PUNCTUATION)}.pdf"
    return value
