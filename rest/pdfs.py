"""Files on the v1 routes: the downloads (documents' PDFs, e-invoices) and the uploads.

A handler that takes `pdfs` (see rest.endpoint) is given the app's DocumentPdfs; the download
routes answer `download`'s Pdf. Refreshing a PDF after a write is none of the routes' business:
the app does it for every committed change (see app.py and billing.changes).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from billing.errors import ValidationError
from models import Document
from pdf.files import content_disposition
from pdf.renderer import RendererError, RenderTimeout
from pdf.store import DocumentPdfs
from rest.errors import Unavailable, UnsupportedMediaType

log = logging.getLogger("invoicegraph.rest")


@dataclass(frozen=True, slots=True)
class Download:
    """A file answered as an attachment named `<name><suffix>`: a route returning one of its
    kinds (Pdf, Xml) answers its bytes with its media type."""

    media_type: ClassVar[str] = "application/octet-stream"
    suffix: ClassVar[str] = ""
    what: ClassVar[str] = "The file"

    content: bytes
    name: str

    @property
    def headers(self) -> dict[str, str]:
        """The headers besides Content-Type."""
        return {"Content-Disposition": content_disposition(self.name, self.suffix)}


@dataclass(frozen=True, slots=True)
class Pdf(Download):
    """A PDF answered as an attachment named `<name>.pdf`."""

    media_type: ClassVar[str] = "application/pdf"
    suffix: ClassVar[str] = ".pdf"
    what: ClassVar[str] = "The PDF"


@dataclass(frozen=True, slots=True)
class Xml(Download):
    """An XML document (an e-invoice) answered as an attachment named `<name>.xml`."""

    media_type: ClassVar[str] = "application/xml"
    suffix: ClassVar[str] = ".xml"
    what: ClassVar[str] = "The XML document"


@dataclass(frozen=True, slots=True)
class Upload:
    """A request body taken as a file, of one of its kind's `media_types`: a handler taking
    `upload: <kind>` is given its bytes (not empty), and the wrapper refuses (415) a body of
    another type."""

    media_types: ClassVar[tuple[str, ...]] = ()
    what: ClassVar[str] = "The file"

    content: bytes
    media_type: str


@dataclass(frozen=True, slots=True)
class ReceivedEInvoice(Upload):
    """An e-invoice received from a supplier: its XML, or a Factur-X / ZUGFeRD PDF."""

    media_types: ClassVar[tuple[str, ...]] = ("application/xml", "text/xml", "application/pdf")
    what: ClassVar[str] = "The e-invoice: UBL 2.1 or CII XML, or a Factur-X / ZUGFeRD PDF"


def upload_of(kind: type[Upload], content_type: str | None, content: bytes) -> Upload:
    """The upload of `kind` a request with `content_type` and `content` sends; 415 for a type
    it does not take, VALIDATION for an empty body."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in kind.media_types:
        raise UnsupportedMediaType(
            f"Content-Type must be one of {', '.join(kind.media_types)}; send the file itself"
        )
    if not content:
        raise ValidationError("The request body is empty: send the file itself")
    return kind(content, media_type)


def is_upload(annotation: object) -> bool:
    """Whether a handler's `upload` annotation is a kind of Upload."""
    return isinstance(annotation, type) and issubclass(annotation, Upload)


async def download(
    pdfs: DocumentPdfs, document_id: str, read: Callable[[], Awaitable[Document]]
) -> Pdf:
    """The PDF of the document `read` finds (`document_id` of the caller's organization, read
    without its lines: a stored PDF needs none), named by its number, both of one snapshot.

    A render that fails or times out is a 503 the caller may retry, not a 500: the document
    is fine, the renderer is not, for now. The cause goes to the log, not to the caller.
    """
    with rendering(document_id):
        document, content = await pdfs.serve(read)
    return Pdf(content, document.number)


@contextmanager
def rendering(document_id: str) -> Iterator[None]:
    """A render in the block that fails or times out becomes a 503 the caller may retry."""
    try:
        yield
    except RenderTimeout as exc:
        log.warning("Rendering the PDF of %s timed out: %s", document_id, exc)
        raise Unavailable("The PDF took too long to render; try again in a moment") from exc
    except RendererError as exc:
        log.exception("Rendering the PDF of %s failed", document_id)
        raise Unavailable("The PDF could not be rendered just now; try again later") from exc


def is_download(annotation: object) -> bool:
    """Whether a handler's return annotation is a kind of Download."""
    return isinstance(annotation, type) and issubclass(annotation, Download)
