"""invoiceSend and estimateSend: a document e-mailed with its PDF and public link."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing.sending import SendRequest
from graph.context import Info
from graph.documents.mutations import (
    DocumentId,
    EstimatePayload,
    InvoicePayload,
    estimate_payload,
    invoice_payload,
)
from graph.errors import Error, attempt
from models import Document
from models.enums import Series


@strawberry.input(description="Whom to e-mail a document to and what to say; all optional.")
class DocumentSendInput:
    to: list[str] | None = strawberry.field(
        default=None, description="Recipients; the client's e-mail address when left out."
    )
    cc: list[str] | None = strawberry.field(
        default=None, description="Copied recipients (at most 10 addresses with `to`)."
    )
    subject: str | None = strawberry.field(
        default=None,
        description='The subject; "Invoice INV-0001 from <organization>" (or "Credit note '
        'CN-0001 from ...") if left out.',
    )
    message: str | None = strawberry.field(
        default=None, description="A note shown above the document's summary (multi-line)."
    )


SendInput = Annotated[
    DocumentSendInput | None,
    strawberry.argument(description="Recipients, subject and message; all optional."),
]


async def _send(
    info: Info, document_id: str, input: DocumentSendInput | None, *, series: Series
) -> tuple[Document | None, list[Error]]:
    given = input or DocumentSendInput()
    org = info.context.organization
    row, errors = await attempt(
        info,
        lambda: info.context.mailer.send_document(
            org,
            document_id,
            series=series,
            plan=info.context.plan,
            request=SendRequest(given.to, given.cc, given.subject, given.message),
        ),
    )
    return row, errors


@strawberry.type
class DocumentSendMutations:
    @strawberry.mutation(
        description="E-mail an invoice with its PDF and public link (to its client unless "
        "`to` is given). Only once the e-mail is accepted does a DRAFT become SENT and "
        "sentViaEmail, sentTo and sentAt get set; a SENT, VIEWED or PARTIALLY_PAID one may be "
        "sent again (its status and first sentAt stay). Needs the plan's email feature."
    )
    async def invoice_send(
        self, info: Info, id: DocumentId, input: SendInput = None
    ) -> InvoicePayload:
        row, errors = await _send(info, id, input, series=Series.INVOICE)
        return invoice_payload(info, row, errors)

    @strawberry.mutation(
        description="E-mail an estimate with its PDF and public link, as invoiceSend does; a "
        "DRAFT becomes SENT, a SENT or VIEWED one may be sent again."
    )
    async def estimate_send(
        self, info: Info, id: DocumentId, input: SendInput = None
    ) -> EstimatePayload:
        row, errors = await _send(info, id, input, series=Series.ESTIMATE)
        return estimate_payload(info, row, errors)
