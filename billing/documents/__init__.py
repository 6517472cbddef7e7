"""Invoices and estimates, by job: `input` validates what a request gives, `commands`
changes documents (one transaction each, announced through billing.changes once
committed), `queries` reads one document or a page of them. Their public functions are
named here, so callers write `documents.create_document(...)`.

A document belongs to a series (`models.enums.Series`): INVOICE or ESTIMATE, numbered
separately; every function takes the series it acts on, and answers NOT_FOUND for an id of
the other one.
"""

from billing.documents.commands import (
    Conversion,
    accept_estimate,
    active_client,
    claim_sending,
    convert,
    convert_estimate,
    create_document,
    delete_document,
    mark_sent,
    new_public_token,
    record_sent,
    release_sending,
    rotate_public_token,
    update_document,
    void_document,
)
from billing.documents.queries import (
    DocumentFilter,
    DocumentSort,
    Parent,
    document_by_token,
    document_state,
    documents_by,
    get_document,
    lines_by_document,
    lines_of,
    list_documents,
    load_written,
    needs_lines,
    payments_written,
    tax_lines,
    window_documents,
    windows_by,
)

__all__ = [
    "Conversion",
    "DocumentFilter",
    "DocumentSort",
    "Parent",
    "accept_estimate",
    "active_client",
    "claim_sending",
    "convert",
    "convert_estimate",
    "create_document",
    "delete_document",
    "document_by_token",
    "document_state",
    "documents_by",
    "get_document",
    "lines_by_document",
    "lines_of",
    "list_documents",
    "load_written",
    "mark_sent",
    "needs_lines",
    "new_public_token",
    "payments_written",
    "record_sent",
    "release_sending",
    "rotate_public_token",
    "tax_lines",
    "update_document",
    "void_document",
    "window_documents",
    "windows_by",
]
