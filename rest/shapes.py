"""Every JSON shape of the v1 shim: envelopes, resources, request bodies, query parameters.

Keys are the wire's names. The contract's shapes (rest-v1.md) are exact: no field more, none
less. Serializers build the response shapes, `rest.schema` validates the request ones, and
the OpenAPI document is written from all of them.
"""

# No `from __future__ import annotations` here: on Python 3.11 TypedDict cannot see
# NotRequired[...] in a string annotation and would take every field for required.
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Generic, NotRequired, TypedDict, TypeVar

from billing import recurring
from billing.documents.input import MAX_TAXES_PER_LINE
from billing.lifecycle import ESTIMATE_TRANSITIONS, INVOICE_TRANSITIONS, Status
from billing.numbering import MAX_NUMBER_LENGTH
from billing.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH
from billing.parties import MAX_ADDRESS_LINES
from billing.sending import MAX_MESSAGE_LENGTH, MAX_RECIPIENTS, MAX_SUBJECT_LENGTH
from einvoice.formats import Format
from models.enums import DocumentStatus, PaymentMethod, TaxCategory, TaxRounding
from models.ids import ID_LENGTH
from rest.schema import Field

T = TypeVar("T")


def _reachable(table: Mapping[DocumentStatus, frozenset[DocumentStatus]]) -> set[str]:
    """Statuses a document can hold: DRAFT, where each starts, and every transition's target."""
    return {DocumentStatus.DRAFT.value}.union(*({t.value for t in ts} for ts in table.values()))


# Read from billing's transition tables, plus the OVERDUE billing derives for invoices only.
INVOICE_STATUSES = tuple(
    s.value for s in Status if s.value in _reachable(INVOICE_TRANSITIONS) | {Status.OVERDUE.value}
)
ESTIMATE_STATUSES = tuple(s.value for s in Status if s.value in _reachable(ESTIMATE_TRANSITIONS))

Id = Annotated[str, Field(description="An opaque identifier", max_length=ID_LENGTH)]
Money = Annotated[
    Decimal,
    Field(description="An exact amount with the currency's decimals (5000.00 USD, 5500 JPY)"),
]
Timestamp = Annotated[
    str,
    Field(
        format="date-time", description="ISO-8601 UTC with milliseconds: 2024-01-15T00:00:00.000Z"
    ),
]
CalendarDate = Annotated[str, Field(format="date", description="A calendar date: YYYY-MM-DD")]
Currency = Annotated[str, Field(description="An ISO-4217 code such as USD")]
Percent = Annotated[Decimal, Field(description="A percentage from 0 to 100")]
InvoiceStatus = Annotated[str, Field(enum=INVOICE_STATUSES)]
EstimateStatus = Annotated[str, Field(enum=ESTIMATE_STATUSES)]
Method = Annotated[str, Field(enum=tuple(m.value for m in PaymentMethod))]
Computed = Annotated[Decimal, Field(ignored=True)]
Text = str | None  # optional free text: null reads as empty
EmailAddress = Annotated[str, Field(description="An e-mail address", max_length=254)]

# --- Envelopes ----------------------------------------------------------------------------


class One(TypedDict, Generic[T]):
    """A single resource."""

    data: T


class Many(TypedDict, Generic[T]):
    """A page of a list."""

    data: list[T]
    total: int
    page: int
    limit: int
    totalPages: int


class Error(TypedDict):
    """Why a request failed, in words for a developer."""

    error: str


# --- Clients --------------------------------------------------------------------------------


class Client(TypedDict):
    """A client. `isActive` is false once deleted."""

    id: Id
    name: str
    email: str
    address: str
    taxId: str
    phone: str
    notes: str
    isActive: bool
    createdAt: Timestamp
    updatedAt: Timestamp


class PostalAddress(TypedDict):
    """Extension: a structured postal address, as e-invoices need it (docs/domain.md)."""

    lines: NotRequired[
        Annotated[list[str], Field(description=f"Street lines, at most {MAX_ADDRESS_LINES}")]
    ]
    city: NotRequired[Text]
    postalCode: NotRequired[Text]
    subdivision: NotRequired[
        Annotated[str | None, Field(description="ISO 3166-2 code of the country's subdivision")]
    ]
    country: Annotated[str, Field(description="ISO 3166-1 alpha-2 code such as DE")]


class PartyIdentifier(TypedDict):
    """Extension: an identifier and its scheme (ISO 6523 ICD for a legal registration, EAS for
    a Peppol id)."""

    scheme: Annotated[str, Field(description="The scheme's code, such as 0088 or 9930")]
    value: str


Party = Annotated[
    PostalAddress | None, Field(description="Extension: the structured address; null clears it")
]
VatId = Annotated[
    str | None, Field(description="Extension: the VAT identifier with its country prefix")
]
LegalRegistration = Annotated[
    PartyIdentifier | None, Field(description="Extension: a legal registration id (BT-47)")
]
PeppolId = Annotated[
    PartyIdentifier | None, Field(description="Extension: the Peppol participant id (BT-49)")
]
BuyerReference = Annotated[
    str | None,
    Field(
        description="Extension: the buyer reference (BT-10, e.g. a Leitweg-ID) its documents "
        "carry unless they give one"
    ),
]


class ClientParty(TypedDict):
    """Extension: what e-invoices need of a client, beside the contract's fields."""

    id: Id
    postalAddress: PostalAddress | None
    vatId: str
    legalRegistration: PartyIdentifier | None
    peppolId: PartyIdentifier | None
    buyerReference: str


class ClientCreate(TypedDict):
    """A new client; only `name` is required."""

    name: str
    email: NotRequired[Text]
    address: NotRequired[Text]
    taxId: NotRequired[Text]
    phone: NotRequired[Text]
    notes: NotRequired[Text]
    postalAddress: NotRequired[Party]
    vatId: NotRequired[VatId]
    legalRegistration: NotRequired[LegalRegistration]
    peppolId: NotRequired[PeppolId]
    buyerReference: NotRequired[BuyerReference]


class ClientUpdate(TypedDict, total=False):
    """Changes to a client; absent fields keep their value."""

    name: str
    email: Text
    address: Text
    taxId: Text
    phone: Text
    notes: Text
    postalAddress: Party
    vatId: VatId
    legalRegistration: LegalRegistration
    peppolId: PeppolId
    buyerReference: BuyerReference


# --- Invoices and estimates -----------------------------------------------------------------


class ClientSummary(TypedDict):
    """The document's client."""

    name: str
    email: str


class LineItem(TypedDict):
    """A line; `amount` is quantity times unit price, rounded to the currency."""

    description: str
    quantity: Decimal
    unitPrice: Decimal
    amount: Money
    taxRate: Percent


class LineItemInput(TypedDict):
    """A line as sent; the server computes its amount."""

    description: str
    quantity: Decimal
    unitPrice: Decimal
    taxRate: NotRequired[Annotated[Decimal | None, Field(description="Percent; 0 when absent")]]
    taxRateIds: NotRequired[
        Annotated[
            list[Id],
            Field(
                description="Extension: the organization's tax rates (managed over GraphQL) it "
                f"is taxed with, in order, after taxRate; at most {MAX_TAXES_PER_LINE}"
            ),
        ]
    ]
    unitCode: NotRequired[
        Annotated[
            str,
            Field(
                description="Extension: the unit of measure, a UN/ECE Recommendation 20 code; "
                "C62 (one) when absent"
            ),
        ]
    ]
    amount: NotRequired[Computed]


class InvoiceListItem(TypedDict):
    """An invoice as lists show it."""

    id: Id
    clientId: Id
    invoiceNumber: str
    currency: Currency
    issueDate: CalendarDate
    dueDate: CalendarDate | None
    subtotal: Money
    taxTotal: Money
    discountTotal: Money
    total: Money
    status: InvoiceStatus
    createdAt: Timestamp
    client: ClientSummary


class Invoice(InvoiceListItem):
    """An invoice with its lines."""

    lineItems: list[LineItem]
    notes: str
    terms: str
    sentViaEmail: bool
    sentAt: Timestamp | None
    paidAt: Timestamp | None


class InvoiceSummary(TypedDict):
    """What creating or changing an invoice answers."""

    id: Id
    invoiceNumber: str
    total: Money
    status: InvoiceStatus


DocumentBuyerReference = Annotated[
    str | None,
    Field(
        description="Extension: the buyer reference (BT-10); the client's when absent on creation"
    ),
]
PurchaseOrderReference = Annotated[
    str | None, Field(description="Extension: the buyer's purchase order reference (BT-13)")
]

DeliveryDate = Annotated[
    str | None,
    Field(
        format="date",
        description="Extension: when the goods or services were delivered (BT-72)",
    ),
]
DeliveryCountry = Annotated[
    str | None,
    Field(
        description="Extension: where they were delivered, ISO 3166-1 alpha-2 (BT-80); for an "
        "intra-community supply, the client's country when empty"
    ),
]

PricesIncludeTax = Annotated[
    bool,
    Field(
        description="Extension: whether unit prices include tax (the total is then the gross "
        "typed in); false when absent on creation"
    ),
]


class TaxLine(TypedDict):
    """Extension: one row of a document's tax breakdown (docs/domain.md, Taxes)."""

    rate: Percent
    name: Annotated[str, Field(description="The tax rate's name; empty for taxRate")]
    category: Annotated[
        str, Field(enum=tuple(c.value for c in TaxCategory), description="EN 16931 VAT category")
    ]
    compound: Annotated[bool, Field(description="Applied on the net plus the taxes before it")]
    exemptionReason: str
    exemptionReasonCode: str
    taxableAmount: Money
    taxAmount: Money


class Balance(TypedDict):
    """Extension: what an invoice is owed, with its payments and credit notes."""

    id: Id
    total: Money
    amountPaid: Money
    amountCredited: Money
    amountRefunded: Money
    amountDue: Annotated[
        Decimal, Field(description="total - amountPaid - amountCredited + amountRefunded")
    ]
    creditBalance: Annotated[
        Decimal, Field(description="What the client holds beyond the total: -amountDue, or 0")
    ]


class TaxBreakdown(TypedDict):
    """Extension: a document's taxes as they were computed; its rows add up to taxTotal."""

    id: Id
    pricesIncludeTax: bool
    taxRounding: Annotated[str, Field(enum=tuple(r.value for r in TaxRounding))]
    taxTotal: Money
    taxLines: list[TaxLine]


InvoiceNumber = Annotated[
    str | None,
    Field(
        key="number",
        description="Taken as given; the series' next number when absent",
        min_length=1,
        max_length=MAX_NUMBER_LENGTH,
    ),
]


class InvoiceCreate(TypedDict):
    """A new DRAFT invoice; the server computes every amount."""

    clientId: Id
    invoiceNumber: NotRequired[InvoiceNumber]
    currency: NotRequired[Annotated[str, Field(description="The organization's when absent")]]
    issueDate: NotRequired[Annotated[str, Field(format="date", description="Today when absent")]]
    dueDate: NotRequired[CalendarDate | None]
    lineItems: NotRequired[list[LineItemInput]]
    pricesIncludeTax: NotRequired[PricesIncludeTax]
    buyerReference: NotRequired[DocumentBuyerReference]
    purchaseOrderReference: NotRequired[PurchaseOrderReference]
    deliveryDate: NotRequired[DeliveryDate]
    deliveryCountry: NotRequired[DeliveryCountry]
    notes: NotRequired[Text]
    terms: NotRequired[Text]
    subtotal: NotRequired[Computed]
    taxTotal: NotRequired[Computed]
    discountTotal: NotRequired[Computed]
    total: NotRequired[Computed]


class InvoiceUpdate(TypedDict, total=False):
    """Changes to a DRAFT invoice; `lineItems`, when sent, replace all lines."""

    clientId: Id
    invoiceNumber: InvoiceNumber
    currency: Currency
    issueDate: CalendarDate
    dueDate: CalendarDate | None
    lineItems: list[LineItemInput]
    pricesIncludeTax: PricesIncludeTax
    buyerReference: DocumentBuyerReference
    purchaseOrderReference: PurchaseOrderReference
    deliveryDate: DeliveryDate
    deliveryCountry: DeliveryCountry
    notes: Text
    terms: Text
    subtotal: Computed
    taxTotal: Computed
    discountTotal: Computed
    total: Computed


class EstimateListItem(TypedDict):
    """An estimate as lists show it."""

    id: Id
    clientId: Id
    estimateNumber: str
    currency: Currency
    issueDate: CalendarDate
    dueDate: CalendarDate | None
    subtotal: Money
    taxTotal: Money
    discountTotal: Money
    total: Money
    status: EstimateStatus
    createdAt: Timestamp
    client: ClientSummary


class Estimate(EstimateListItem):
    """An estimate with its lines."""

    lineItems: list[LineItem]
    notes: str
    terms: str
    sentViaEmail: bool
    sentAt: Timestamp | None
    acceptedAt: Timestamp | None


class EstimateSummary(TypedDict):
    """What creating or changing an estimate answers."""

    id: Id
    estimateNumber: str
    total: Money
    status: EstimateStatus


EstimateNumber = Annotated[
    str | None,
    Field(
        key="number",
        description="Taken as given; the series' next number when absent",
        min_length=1,
        max_length=MAX_NUMBER_LENGTH,
    ),
]


class EstimateCreate(TypedDict):
    """A new DRAFT estimate; the server computes every amount."""

    clientId: Id
    estimateNumber: NotRequired[EstimateNumber]
    currency: NotRequired[Annotated[str, Field(description="The organization's when absent")]]
    issueDate: NotRequired[Annotated[str, Field(format="date", description="Today when absent")]]
    dueDate: NotRequired[CalendarDate | None]
    lineItems: NotRequired[list[LineItemInput]]
    pricesIncludeTax: NotRequired[PricesIncludeTax]
    buyerReference: NotRequired[DocumentBuyerReference]
    purchaseOrderReference: NotRequired[PurchaseOrderReference]
    deliveryDate: NotRequired[DeliveryDate]
    deliveryCountry: NotRequired[DeliveryCountry]
    notes: NotRequired[Text]
    terms: NotRequired[Text]
    subtotal: NotRequired[Computed]
    taxTotal: NotRequired[Computed]
    discountTotal: NotRequired[Computed]
    total: NotRequired[Computed]


class EstimateUpdate(TypedDict, total=False):
    """Changes to a DRAFT estimate; `lineItems`, when sent, replace all lines."""

    clientId: Id
    estimateNumber: EstimateNumber
    currency: Currency
    issueDate: CalendarDate
    dueDate: CalendarDate | None
    lineItems: list[LineItemInput]
    pricesIncludeTax: PricesIncludeTax
    buyerReference: DocumentBuyerReference
    purchaseOrderReference: PurchaseOrderReference
    deliveryDate: DeliveryDate
    deliveryCountry: DeliveryCountry
    notes: Text
    terms: Text
    subtotal: Computed
    taxTotal: Computed
    discountTotal: Computed
    total: Computed


class CreditNoteLine(TypedDict):
    """What a credit note credits of one line of its invoice."""

    invoiceLineIndex: Annotated[int, Field(description="The invoice line's index, from 0")]
    description: str
    quantity: Annotated[Decimal | None, Field(description="The quantity credited, if given")]
    amount: Annotated[Decimal, Field(description="What it credits, taxes included")]
    netAmount: Money
    taxAmount: Money


class RefundItem(TypedDict):
    """Money paid back to the client out of a credit note."""

    id: Id
    amount: Money
    method: Method
    refundDate: CalendarDate
    note: str
    createdAt: Timestamp


class CreditNote(TypedDict):
    """Extension: a credit note, the correction of an issued invoice (docs/domain.md)."""

    id: Id
    creditNoteNumber: str
    invoiceId: Id
    invoiceNumber: str
    clientId: Id
    currency: Currency
    issueDate: CalendarDate
    reason: str
    subtotal: Money
    taxTotal: Money
    total: Money
    amountRefunded: Money
    taxLines: list[TaxLine]
    lineItems: list[CreditNoteLine]
    refunds: list[RefundItem]
    sentTo: list[str]
    sentAt: Timestamp | None
    createdAt: Timestamp


class CreditNoteLineInput(TypedDict):
    """One line to credit: whole (what is left of it), a quantity of it, or an amount."""

    lineIndex: Annotated[int, Field(description="The invoice line's index, from 0")]
    quantity: NotRequired[Annotated[Decimal | None, Field(description="Units to credit")]]
    amount: NotRequired[
        Annotated[Decimal | None, Field(description="Amount to credit, taxes included")]
    ]


class CreditNoteCreate(TypedDict):
    """A credit note against an issued invoice: everything left of it when neither lineItems
    nor amount is given."""

    invoiceId: Id
    lineItems: NotRequired[
        Annotated[list[CreditNoteLineInput], Field(key="lines", description="Lines to credit")]
    ]
    amount: NotRequired[
        Annotated[
            Decimal | None,
            Field(description="Amount to credit, taxes included, spread over the lines"),
        ]
    ]
    reason: NotRequired[Text]
    issueDate: NotRequired[
        Annotated[str | None, Field(format="date", description="Today when absent")]
    ]


class RefundCreate(TypedDict):
    """A refund out of a credit note: at most its credit not refunded and the client's credit."""

    amount: Annotated[Decimal, Field(description="More than 0")]
    method: Method
    refundDate: NotRequired[
        Annotated[str | None, Field(format="date", description="Today when absent")]
    ]
    note: NotRequired[Text]


class DocumentSend(TypedDict, total=False):
    """Whom to e-mail the document to and what to say; everything may be left out."""

    to: Annotated[
        list[EmailAddress] | None,
        Field(description="Recipients; the client's e-mail address when absent"),
    ]
    cc: Annotated[
        list[EmailAddress] | None,
        Field(description=f"Copied recipients; at most {MAX_RECIPIENTS} with `to`"),
    ]
    subject: Annotated[
        str | None,
        Field(
            description='"Invoice INV-0001 from <organization>" when absent',
            max_length=MAX_SUBJECT_LENGTH,
        ),
    ]
    message: Annotated[
        str | None,
        Field(
            description="A note shown above the document's summary (multi-line)",
            max_length=MAX_MESSAGE_LENGTH,
        ),
    ]


# --- Recurring invoices ---------------------------------------------------------------------

RecurringStatus = Annotated[
    str,
    Field(
        enum=tuple(s.value for s in recurring.Status),
        description="ACTIVE: runs at each date of its rule; PAUSED: no run until resumed (the "
        "dates in between are not run); CANCELLED: ended for good, its invoices stay; "
        "FINISHED: its end date or count was reached (a later end makes it ACTIVE again)",
    ),
]
RunActionName = Annotated[
    str,
    Field(
        enum=tuple(a.value for a in recurring.RunAction),
        description="What each run does: DRAFT makes a DRAFT invoice to look over and send; "
        "SEND makes it and e-mails it to the client with its PDF (the documents:send scope and "
        "a plan with e-mail)",
    ),
]
MissedName = Annotated[
    str,
    Field(
        enum=tuple(m.value for m in recurring.Missed),
        description="What becomes of dates that passed while no worker ran: CATCH_UP runs each "
        "late, its invoice dated to its own date; SKIP runs only the latest and records the "
        "others as SKIPPED",
    ),
]
RunStateName = Annotated[
    str,
    Field(
        enum=tuple(r.value for r in recurring.RunState),
        description="CREATED: its DRAFT invoice was made; PENDING_SEND, SENDING: made, to be or "
        "being e-mailed; SENT: made and e-mailed; SEND_FAILED: made, its e-mail failed (the "
        "DRAFT is kept, not sent again by itself); FAILED: no invoice could be made; SKIPPED: "
        "its date passed while no worker ran, and missed dates are skipped",
    ),
]
Rule = Annotated[
    str,
    Field(
        description="An RFC 5545 recurrence rule, at most daily: FREQ=MONTHLY;BYMONTHDAY=1, "
        "FREQ=WEEKLY;INTERVAL=2, FREQ=MONTHLY;INTERVAL=3 (quarterly), FREQ=YEARLY, "
        "FREQ=MONTHLY;BYMONTHDAY=-1 (each month's last day); a monthly one started on the 29th "
        "to 31st keeps to the last day of shorter months. Its start, end and count are fields "
        "of their own",
        max_length=recurring.MAX_RULE_LENGTH,
    ),
]
RecurringName = Annotated[
    str | None, Field(description="A label; invoices do not show it", max_length=200)
]
PaymentTermsDays = Annotated[
    int | None,
    Field(
        description="Each invoice is due this many days after its date; null: no due date",
        minimum=0,
        maximum=recurring.MAX_PAYMENT_TERMS,
    ),
]
EndsOn = Annotated[
    str | None,
    Field(format="date", description="The last day it may run; null: no end date"),
]
RunCount = Annotated[
    int | None,
    Field(
        description="How many dates it runs in all (skipped ones not counted); null: no limit",
        minimum=1,
        maximum=recurring.MAX_COUNT,
    ),
]


class RecurringLineItem(TypedDict):
    """A line of the invoices a recurring invoice makes; each invoice computes its amount."""

    description: str
    quantity: Decimal
    unitPrice: Decimal
    taxRate: Percent
    taxRateIds: Annotated[
        list[Id],
        Field(description="The organization's tax rates it is taxed with, as they are at each run"),
    ]
    unitCode: Annotated[str, Field(description="The unit of measure, UN/ECE Recommendation 20")]


class RecurringInvoice(TypedDict):
    """Extension: an invoice made again at each date of an RFC 5545 recurrence rule, in the
    organization's time zone (docs/rest-v1.md, Recurring invoices)."""

    id: Id
    name: Annotated[str, Field(description="A label; invoices do not show it")]
    clientId: Id
    client: ClientSummary
    currency: Currency
    lineItems: list[RecurringLineItem]
    pricesIncludeTax: Annotated[bool, Field(description="Whether unit prices include tax")]
    buyerReference: Annotated[
        str | None, Field(description="The buyer reference its invoices quote; null: the client's")
    ]
    purchaseOrderReference: Annotated[
        str | None, Field(description="The purchase order its invoices answer, if any")
    ]
    notes: Annotated[str, Field(description="Notes its invoices show")]
    terms: Annotated[str, Field(description="Terms its invoices show")]
    paymentTermsDays: Annotated[
        int | None,
        Field(description="Each invoice is due this many days after its date; null: no due date"),
    ]
    rule: Annotated[str, Field(description="Its RFC 5545 recurrence rule, upper-cased")]
    startsOn: Annotated[str, Field(format="date", description="The first day it may run")]
    endsOn: Annotated[
        str | None, Field(format="date", description="The last day it may run, if any")
    ]
    count: Annotated[
        int | None,
        Field(description="How many dates it runs in all (skipped ones not counted), if limited"),
    ]
    action: RunActionName
    missed: MissedName
    status: RecurringStatus
    nextRunOn: Annotated[
        str | None,
        Field(format="date", description="The date of its next run; null when there is none"),
    ]
    periodsDone: Annotated[int, Field(description="How many dates it has run")]
    pausedAt: Annotated[
        str | None, Field(format="date-time", description="When it was paused, while it is")
    ]
    cancelledAt: Annotated[
        str | None, Field(format="date-time", description="When it was cancelled")
    ]
    createdAt: Timestamp
    updatedAt: Timestamp


class RecurringRun(TypedDict):
    """Extension: one date of a recurring invoice, run once: its invoice, or why none."""

    id: Id
    period: Annotated[
        str, Field(format="date", description="The date it is for; its invoice's issue date")
    ]
    state: RunStateName
    error: Annotated[
        str | None,
        Field(description="Why no invoice was made, or why it was not e-mailed; null otherwise"),
    ]
    invoiceId: Annotated[
        str | None,
        Field(
            description="The invoice it made; null if none, or deleted since",
            max_length=ID_LENGTH,
        ),
    ]
    createdAt: Annotated[Timestamp, Field(description="When it ran")]
    updatedAt: Annotated[Timestamp, Field(description="When it last changed")]


class UpcomingRuns(TypedDict):
    """Extension: the dates of a recurring invoice's next runs, from its next one; empty
    unless it is ACTIVE."""

    id: Id
    dates: list[CalendarDate]


class RecurringInvoiceCreate(TypedDict):
    """A new ACTIVE recurring invoice: its first run is the rule's first date on or after
    startsOn. Each invoice it makes counts against the plan's monthly invoice limit."""

    clientId: Annotated[Id, Field(description="The client its invoices go to")]
    name: NotRequired[RecurringName]
    currency: NotRequired[Annotated[str, Field(description="The organization's when absent")]]
    lineItems: NotRequired[
        Annotated[list[LineItemInput], Field(description="Its invoices' lines: at least one")]
    ]
    pricesIncludeTax: NotRequired[PricesIncludeTax]
    buyerReference: NotRequired[DocumentBuyerReference]
    purchaseOrderReference: NotRequired[PurchaseOrderReference]
    notes: NotRequired[Text]
    terms: NotRequired[Text]
    paymentTermsDays: NotRequired[PaymentTermsDays]
    rule: Rule
    startsOn: Annotated[
        str,
        Field(
            format="date",
            description="The first day it may run: today (the organization's) or later",
        ),
    ]
    endsOn: NotRequired[EndsOn]
    count: NotRequired[RunCount]
    action: NotRequired[
        Annotated[
            RunActionName,
            Field(
                description="What each run does: DRAFT (when absent) makes a DRAFT invoice; "
                "SEND also e-mails it to the client with its PDF"
            ),
        ]
    ]
    missed: NotRequired[
        Annotated[
            MissedName,
            Field(
                description="What becomes of dates that passed while no worker ran: CATCH_UP "
                "(when absent) runs each late, SKIP only the latest"
            ),
        ]
    ]


class RecurringInvoiceUpdate(TypedDict, total=False):
    """Changes to a recurring invoice that is not cancelled; absent fields keep their value.
    The invoices it made stay as they are."""

    clientId: Annotated[Id, Field(description="Another client of the organization")]
    name: RecurringName
    currency: Currency
    lineItems: Annotated[list[LineItemInput], Field(description="New lines, replacing all")]
    pricesIncludeTax: PricesIncludeTax
    buyerReference: DocumentBuyerReference
    purchaseOrderReference: PurchaseOrderReference
    notes: Text
    terms: Text
    paymentTermsDays: PaymentTermsDays
    rule: Annotated[Rule, Field(description="A new rule: its next run is set anew from today")]
    startsOn: Annotated[
        str,
        Field(format="date", description="A new first day (today or later), until its first run"),
    ]
    endsOn: EndsOn
    count: RunCount
    action: RunActionName
    missed: MissedName


# --- Payments -------------------------------------------------------------------------------


class Payment(TypedDict):
    """A payment recorded against an invoice."""

    id: Id
    invoiceId: Id
    amount: Money
    currency: Currency
    paymentDate: CalendarDate
    paymentMethod: Method
    note: str
    createdAt: Timestamp


class PaymentCreate(TypedDict):
    """A payment: the invoice moves to PARTIALLY_PAID or PAID."""

    invoiceId: Id
    amount: Annotated[Decimal, Field(description="More than 0, at most the amount due")]
    paymentMethod: Method
    paymentDate: NotRequired[
        Annotated[str | None, Field(format="date", description="Today when absent")]
    ]
    currency: NotRequired[
        Annotated[str | None, Field(description="Must be the invoice's; the invoice's when absent")]
    ]
    note: NotRequired[Text]


# --- Query parameters of the lists ----------------------------------------------------------

PageNumber = Annotated[int, Field(description="The page, from 1", minimum=1, default=1)]
PageSize = Annotated[
    int,
    Field(
        description="Items per page", minimum=1, maximum=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    ),
]
FilterId = Annotated[Id, Field(min_length=1)]


class Paging(TypedDict):
    """Which page of a list."""

    page: PageNumber
    limit: PageSize


class ClientQuery(Paging, total=False):
    """Which clients to list."""

    search: Annotated[
        str,
        Field(
            description="Matches the name or e-mail, ignoring case", max_length=MAX_SEARCH_LENGTH
        ),
    ]


DocumentSearch = Annotated[
    str,
    Field(
        description="Matches the number, or the client's name or e-mail, ignoring case",
        max_length=MAX_SEARCH_LENGTH,
    ),
]


class InvoiceQuery(Paging, total=False):
    """Which invoices to list."""

    search: DocumentSearch
    clientId: Annotated[FilterId, Field(description="Only this client's invoices")]
    status: Annotated[InvoiceStatus, Field(description="Only invoices that read as this status")]


class EstimateQuery(Paging, total=False):
    """Which estimates to list."""

    search: DocumentSearch
    clientId: Annotated[FilterId, Field(description="Only this client's estimates")]
    status: Annotated[EstimateStatus, Field(description="Only estimates in this status")]


class CreditNoteQuery(Paging, total=False):
    """Which credit notes to list."""

    invoiceId: Annotated[FilterId, Field(description="Only this invoice's credit notes")]


class PdfQuery(TypedDict, total=False):
    """Which PDF to download."""

    facturx: Annotated[
        str,
        Field(
            enum=("true", "false"),
            description="true for the Factur-X PDF: PDF/A-3 with the EN 16931 CII attached "
            "as factur-x.xml (an issued document with what e-invoices need)",
        ),
    ]


class EInvoiceQuery(TypedDict, total=False):
    """Which e-invoice format to download."""

    format: Annotated[
        str,
        Field(
            enum=tuple(f.value for f in Format),
            description="UBL_PEPPOL (Peppol BIS Billing 3.0, the default), XRECHNUNG_UBL, "
            "XRECHNUNG_CII or CII_EN16931 (the Factur-X EN 16931 XML)",
        ),
    ]


class PaymentQuery(Paging, total=False):
    """Which payments to list."""

    invoiceId: Annotated[FilterId, Field(description="Only this invoice's payments")]


class RecurringQuery(Paging, total=False):
    """Which recurring invoices to list."""

    status: Annotated[RecurringStatus, Field(description="Only recurring invoices in this status")]
    clientId: Annotated[FilterId, Field(description="Only this client's recurring invoices")]


class UpcomingQuery(TypedDict, total=False):
    """How many of the next run dates to show."""

    count: Annotated[
        int,
        Field(
            description=f"How many dates, 1 to {recurring.MAX_PREVIEW}",
            minimum=1,
            maximum=recurring.MAX_PREVIEW,
            default=5,
        ),
    ]


class ValidationFinding(TypedDict):
    """Extension: a rule an e-invoice fails, as the official validator reports it."""

    rule: Annotated[str, Field(description="The rule's id (BR-CO-17), or XSD for the schema")]
    flag: Annotated[str, Field(description="fatal or warning")]
    location: Annotated[str, Field(description="Where in the XML (an XPath)")]
    text: str


Read = Annotated[str | None, Field(description="As the document writes it; null when absent")]


class EInvoiceCheck(TypedDict):
    """Extension: a received e-invoice, checked: its syntax, the rules' findings and its main
    values; nothing is stored."""

    syntax: Annotated[
        str | None,
        Field(description="UBL_INVOICE, UBL_CREDIT_NOTE or CII; null when it is none of them"),
    ]
    valid: Annotated[
        bool, Field(description="It passes the schema and the EN 16931 rules, no fatal finding")
    ]
    findings: list[ValidationFinding]
    number: Read
    typeCode: Read
    issueDate: Read
    currency: Read
    sellerName: Read
    sellerVatId: Read
    buyerName: Read
    buyerVatId: Read
    total: Read
    taxTotal: Read
    due: Read
