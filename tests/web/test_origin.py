"""Origins as the cross-site rule compares them: normalized, and None for anything else."""

from __future__ import annotations

import pytest

from web.origin import origin_of


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://invoicegraph.test", "http://invoicegraph.test"),
        ("HTTP://Invoices.Example.COM:80", "http://invoices.example.com"),
        ("https://invoices.example.com:443/d/token?x=1", "https://invoices.example.com"),
        ("https://invoices.example.com:8443", "https://invoices.example.com:8443"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        (" http://invoicegraph.test ", "http://invoicegraph.test"),
        ("null", None),
        ("", None),
        ("invoicegraph.test", None),
        ("ftp://invoicegraph.test", None),
        ("http://", None),
        ("http://invoicegraph.test:99999", None),
        ("http://[::1", None),
    ],
)
def test_origins_are_normalized(url: str, origin: str | None) -> None:
    assert origin_of(url) == origin
