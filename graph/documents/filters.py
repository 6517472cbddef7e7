"""Enums and inputs that filter and sort invoices and estimates."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from billing import documents
from billing.lifecycle import Status


@strawberry.enum(description="A document's status. OVERDUE is derived, never stored.")
class DocumentStatus(Enum):
    DRAFT = strawberry.enum_value(
        Status.DRAFT.value, description="Being prepared; the only editable status."
    )
    SENT = strawberry.enum_value(
        Status.SENT.value, description="Sent to the client, by e-mail or marked as sent."
    )
    VIEWED = strawberry.enum_value(
        Status.VIEWED.value, description="The client opened the document's public link."
    )
    ACCEPTED = strawberry.enum_value(
        Status.ACCEPTED.value, description="Estimates: the client accepted it."
    )
    PARTIALLY_PAID = strawberry.enum_value(
        Status.PARTIALLY_PAID.value, description="Invoices: paid in part."
    )
    PAID = strawberry.enum_value(Status.PAID.value, description="Invoices: paid in full.")
    OVERDUE = strawberry.enum_value(
        Status.OVERDUE.value,
        description="Invoices: sent, viewed or partially paid, and due before today in "
        "the organization's time zone.",
    )
    VOID = strawberry.enum_value(
        Status.VOID.value, description="Cancelled (or an estimate declined); final."
    )


@strawberry.enum(description="What a document list is ordered by; ties go by id.")
class DocumentSortField(Enum):
    CREATED_AT = strawberry.enum_value(
        documents.DocumentSort.CREATED_AT.value, description="Creation time."
    )
    ISSUE_DATE = strawberry.enum_value(
        documents.DocumentSort.ISSUE_DATE.value, description="Issue date."
    )
    DUE_DATE = strawberry.enum_value(
        documents.DocumentSort.DUE_DATE.value,
        description="Due date; documents without one come last ascending, first descending.",
    )
    NUMBER = strawberry.enum_value(documents.DocumentSort.NUMBER.value, description="Number.")
    TOTAL = strawberry.enum_value(documents.DocumentSort.TOTAL.value, description="Total.")


@strawberry.enum(description="Ascending or descending.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest, earliest or A first.")
    DESC = strawberry.enum_value("DESC", description="Largest, latest or Z first.")


@strawberry.input(description="Narrows a list of invoices or estimates; conditions combine.")
class DocumentFilterInput:
    search: str | None = strawberry.field(
        default=None,
        description="Part of the number, or of the client's name or e-mail (at most 255 "
        "characters, case-insensitive).",
    )
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this client's documents (ignored under a client)."
    )
    recurring_invoice_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only the invoices this recurring invoice made (ignored under one).",
    )
    status: DocumentStatus | None = strawberry.field(
        default=None, description="Only documents that read as this status today."
    )
    issue_date_from: date | None = strawberry.field(
        default=None, description="Issued on or after this day."
    )
    issue_date_to: date | None = strawberry.field(
        default=None, description="Issued on or before this day."
    )
    due_date_from: date | None = strawberry.field(
        default=None, description="Due on or after this day."
    )
    due_date_to: date | None = strawberry.field(
        default=None, description="Due on or before this day."
    )

    def to_billing(self, client_id: str | None = None) -> documents.DocumentFilter:
        """The billing filter; `client_id`, when given, overrides the input's."""
        return documents.DocumentFilter(
            search=self.search,
            client_id=client_id or self.client_id,
            recurring_invoice_id=self.recurring_invoice_id,
            status=None if self.status is None else Status(self.status.name),
            issue_date_from=self.issue_date_from,
            issue_date_to=self.issue_date_to,
            due_date_from=self.due_date_from,
            due_date_to=self.due_date_to,
        )


@strawberry.input(description="How a list of invoices or estimates is ordered.")
class DocumentSortInput:
    field: DocumentSortField = strawberry.field(
        default=DocumentSortField.CREATED_AT, description="What to order by."
    )
    direction: SortDirection = strawberry.field(
        default=SortDirection.DESC, description="Which way."
    )


DocumentFilter = Annotated[
    DocumentFilterInput | None,
    strawberry.argument(description="Only the documents matching this; all when left out."),
]
DocumentSort = Annotated[
    DocumentSortInput | None,
    strawberry.argument(description="The order; newest first (CREATED_AT, DESC) when left out."),
]
