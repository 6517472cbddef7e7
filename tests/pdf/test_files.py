"""PDF file names in Content-Disposition: plain when they can be, exact when they cannot."""

from __future__ import annotations

import pytest

from pdf.files import content_disposition


@pytest.mark.parametrize(
    ("number", "header"),
    [
        ("INV-0001", 'attachment; filename="INV-0001.pdf"'),
        ("2026/03 #7", 'attachment; filename="2026/03 #7.pdf"'),
        (
            'Q"1\\',
            "attachment; filename=\"Q_1_.pdf\"; filename*=UTF-8''Q%221%5C.pdf",
        ),
        (
            "Rechnung-Ä1",
            "attachment; filename=\"Rechnung-_1.pdf\"; filename*=UTF-8''Rechnung-%C3%841.pdf",
        ),
    ],
)
def test_the_file_is_named_by_the_number(number: str, header: str) -> None:
    assert content_disposition(number) == header
