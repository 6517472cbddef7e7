"""Root query fields of payments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from billing import payments
from billing.errors import NotFound
from graph.context import Info
from graph.documents.dataloaders import DocumentByIdLoader
from graph.lookahead import preload
from graph.pagination import After, Before, Connection, First, Last, window
from graph.payments.types import Payment, PaymentMethod
from models.enums import PaymentMethod as StoredPaymentMethod


@strawberry.input(description="Narrows the payment list; conditions combine.")
class PaymentFilterInput:
    invoice_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this invoice's payments."
    )
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only payments on this client's invoices."
    )
    payment_method: PaymentMethod | None = strawberry.field(
        default=None, description="Only payments made this way."
    )
    date_from: date | None = strawberry.field(default=None, description="Paid on or after.")
    date_to: date | None = strawberry.field(default=None, description="Paid on or before.")

    def to_billing(self) -> payments.PaymentFilter:
        """The billing filter."""
        method = self.payment_method
        return payments.PaymentFilter(
            invoice_id=self.invoice_id,
            client_id=self.client_id,
            payment_method=None if method is None else StoredPaymentMethod(method.name),
            date_from=self.date_from,
            date_to=self.date_to,
        )


@strawberry.type
class PaymentQueries:
    @strawberry.field(description="A payment by id; null when there is none such.")
    async def payment(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id.")]
    ) -> Payment | None:
        try:
            return Payment.from_model(await payments.get_payment(info.context.organization, id))
        except NotFound:
            return None

    @strawberry.field(description="The organization's payments, latest payment date first.")
    async def payments(
        self,
        info: Info,
        filter: Annotated[
            PaymentFilterInput | None,
            strawberry.argument(description="Which payments; all when left out."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Payment]:
        page = await payments.window_payments(
            info.context.organization,
            where=(filter or PaymentFilterInput()).to_billing(),
            window=window(first, after, last, before),
        )
        connection = Connection.of(page, Payment.from_model)
        loader = info.context.loader(DocumentByIdLoader)
        await preload(
            info,
            [edge.node for edge in connection.edges],
            "invoice",
            lambda nodes: loader.load_many([node.invoice_id for node in nodes]),
            lambda node, row: setattr(node, "invoice_row", row),
        )
        return connection
