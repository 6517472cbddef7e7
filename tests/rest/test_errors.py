"""Every domain error code has its REST status."""

from __future__ import annotations

import pytest

from billing.errors import ErrorCode
from rest.errors import status_of


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_code_has_a_status_of_the_callers_or_a_passing_one(code: ErrorCode) -> None:
    # 500 is for bugs: a code a caller can cause answers 4xx, or 502 for a server on the way.
    assert 400 <= status_of(code) < 500 or status_of(code) == 502, code
