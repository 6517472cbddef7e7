"""PDF test fixtures: one Chromium for the whole session, a loopback HTTP server that counts
every connection it is offered, text extraction with pypdf, and a count of the document views
the PDF store builds."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socket import socket
from typing import Any

import pytest
from pypdf import PdfReader

from models import Document
from pdf import store
from pdf.view import DocumentView, build_view


def pdf_text(pdf: bytes) -> str:
    """The text of every page of `pdf`, pages separated by newlines."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_count(pdf: bytes) -> int:
    """How many pages `pdf` has."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<p>fetched from the network</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads the server's record instead."""


class Listener(ThreadingHTTPServer):
    """A real HTTP server on a loopback port that records every connection it accepts."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Answer)
        self.connections: list[tuple[str, int]] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def verify_request(self, request: socket | tuple[bytes, socket], client_address: Any) -> bool:
        self.connections.append(client_address)
        return True


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback HTTP server for the duration of one test."""
    server = Listener()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Views:
    """Counts the document views the store builds (each built by pdf.view's build_view)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0

        def counted(document: Document, **parts: Any) -> DocumentView:
            self.count += 1
            return build_view(document, **parts)

        monkeypatch.setattr(store, "build_view", counted)


@pytest.fixture
def views(monkeypatch: pytest.MonkeyPatch) -> Views:
    return Views(monkeypatch)
