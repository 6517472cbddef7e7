"""Every JSON shape of the Gauzy door: resources, request bodies, query parameters.

Keys are Gauzy's wire names (camelCase; query parameters in its bracket notation, hence the
functional TypedDicts). Serializers build the response shapes, `rest.schema` checks the
request ones, and the door's OpenAPI document is written from all of them.
"""

# No `from __future__ import annotations` here: on Python 3.11 TypedDict cannot see
# NotRequired[...] in a string annotation and would take every field for required.
from decimal import Decimal
from typing import Annotated, NotRequired, TypedDict

from billing.numbering import MAX_NUMBER_LENGTH
from billing.pagination import MAX_PAGE_SIZE, MAX_SKIP
from models.enums import DiscountType
from rest.schema import Field
from rest.shapes import Currency, EmailAddress, Id, Method, Money, Percent, Text, Timestamp

# Gauzy's statuses, as this server derives them (OVERDUE is read, never stored).
STATUSES = ("DRAFT", "SENT", "VIEWED", "ACCEPTED", "PAID", "PARTIALLY_PAID", "OVERDUE", "VOID")
RELATIONS = ("toContact", "fromOrganization", "invoiceItems", "payments")
DIRECTIONS = ("ASC", "DESC", "asc", "desc")

Status = Annotated[str, Field(enum=STATUSES)]
DiscountKind = Annotated[str, Field(enum=tuple(t.value for t in DiscountType))]
# A date as Gauzy sends it: `2024-01-15`, or a moment (`2024-01-15T00:00:00.000Z`), which
# counts as its calendar date in the organization's time zone.
DateOrMoment = Annotated[
    str,
    Field(
        description="YYYY-MM-DD, or an ISO-8601 moment read in the organization's time zone",
        max_length=40,
    ),
]
Computed = Annotated[
    Decimal, Field(ignored=True, description="Computed by the server: a value sent is ignored")
]
OrganizationId = Annotated[
    str,
    Field(description="The caller's organization; any other is answered 404", max_length=64),
]


class Error(TypedDict):
    """NestJS's error body: the status, what went wrong, and the status's name."""

    statusCode: int
    message: str
    error: str


# --- Resources ------------------------------------------------------------------------------


class Contact(TypedDict):
    """The client invoiced (Gauzy's organization contact)."""

    id: Id
    name: str
    primaryEmail: str | None
    primaryPhone: str | None
    notes: str
    isActive: bool
    organizationId: Id
    createdAt: Timestamp
    updatedAt: Timestamp


class Organization(TypedDict):
    """The organization invoicing."""

    id: Id
    name: str
    currency: Currency
    createdAt: Timestamp
    updatedAt: Timestamp


class InvoiceItem(TypedDict):
    """A line; `totalValue` is quantity times price, rounded to the currency."""

    id: Id
    description: str
    quantity: Decimal
    price: Decimal
    totalValue: Money
    applyTax: bool
    applyDiscount: bool
    invoiceId: Id


class Payment(TypedDict):
    """A payment recorded on an invoice."""

    id: Id
    invoiceId: Id
    paymentDate: Timestamp
    amount: Money
    currency: Currency
    paymentMethod: Method
    note: str
    organizationId: Id
    createdAt: Timestamp
    updatedAt: Timestamp


class Invoice(TypedDict):
    """An invoice or an estimate (`isEstimate`), with the relations asked for."""

    id: Id
    invoiceNumber: str
    invoiceDate: Timestamp
    dueDate: Timestamp | None
    currency: Currency
    discountValue: Decimal
    discountType: DiscountKind | None
    tax: Percent
    tax2: Percent
    totalValue: Money
    alreadyPaid: Money
    amountDue: Money
    paid: bool
    status: Status
    sentTo: str | None
    isEstimate: bool
    isAccepted: bool
    terms: str
    organizationId: Id
    toContactId: Id
    createdAt: Timestamp
    updatedAt: Timestamp
    toContact: NotRequired[Contact]
    fromOrganization: NotRequired[Organization]
    invoiceItems: NotRequired[list[InvoiceItem]]
    payments: NotRequired[list[Payment]]


class InvoiceList(TypedDict):
    """A page of invoices and the count of all that match."""

    items: list[Invoice]
    total: int


class PaymentList(TypedDict):
    """A page of payments and the count of all that match."""

    items: list[Payment]
    total: int


class Deleted(TypedDict):
    """What TypeORM's delete answers: no rows returned, one affected."""

    raw: list[str]
    affected: int


# --- Request bodies -------------------------------------------------------------------------

InvoiceNumber = Annotated[
    str,
    Field(
        key="number",
        integer_text=True,
        description="Taken as given (a number or a text); the series' next one when absent",
        min_length=1,
        max_length=MAX_NUMBER_LENGTH,
    ),
]


class InvoiceItemInput(TypedDict):
    """A line as sent; the server computes its total."""

    description: str
    quantity: Decimal
    price: Annotated[Decimal, Field(key="unit_price")]
    applyTax: NotRequired[bool]
    applyDiscount: NotRequired[bool]
    totalValue: NotRequired[Computed]


class InvoiceCreate(TypedDict):
    """A new DRAFT invoice, or estimate with `isEstimate`."""

    toContactId: Annotated[Id, Field(key="client_id", description="The client invoiced")]
    invoiceNumber: NotRequired[InvoiceNumber]
    invoiceDate: NotRequired[Annotated[DateOrMoment, Field(key="issue_date")]]
    dueDate: NotRequired[DateOrMoment | None]
    currency: NotRequired[Currency]
    discountValue: NotRequired[Decimal]
    discountType: NotRequired[DiscountKind | None]
    tax: NotRequired[Percent]
    tax2: NotRequired[Percent]
    taxType: NotRequired[Annotated[str, Field(enum=("PERCENT",), ignored=True)]]
    tax2Type: NotRequired[Annotated[str, Field(enum=("PERCENT",), ignored=True)]]
    terms: NotRequired[Text]
    status: NotRequired[Annotated[str, Field(enum=("DRAFT",), ignored=True)]]
    isEstimate: NotRequired[Annotated[bool, Field(description="An estimate when true")]]
    totalValue: NotRequired[Computed]
    organizationId: NotRequired[OrganizationId]
    fromOrganizationId: NotRequired[OrganizationId]
    invoiceItems: NotRequired[Annotated[list[InvoiceItemInput], Field(key="line_items")]]


class InvoiceUpdate(TypedDict, total=False):
    """Changes to a DRAFT; `invoiceItems`, when sent, replace every line."""

    toContactId: Annotated[Id, Field(key="client_id")]
    invoiceNumber: InvoiceNumber
    invoiceDate: Annotated[DateOrMoment, Field(key="issue_date")]
    dueDate: DateOrMoment | None
    currency: Currency
    discountValue: Decimal
    discountType: DiscountKind | None
    tax: Percent
    tax2: Percent
    taxType: Annotated[str, Field(enum=("PERCENT",), ignored=True)]
    tax2Type: Annotated[str, Field(enum=("PERCENT",), ignored=True)]
    terms: Text
    totalValue: Computed
    organizationId: OrganizationId
    invoiceItems: Annotated[list[InvoiceItemInput], Field(key="line_items")]


class InvoiceEmail(TypedDict):
    """Where to send the document; the client's address when left out."""

    email: NotRequired[EmailAddress]


class PaymentCreate(TypedDict):
    """A payment: the invoice becomes PARTIALLY_PAID or PAID."""

    invoiceId: Id
    amount: Annotated[Decimal, Field(description="More than 0, at most the amount due")]
    paymentMethod: Method
    paymentDate: NotRequired[DateOrMoment | None]
    currency: NotRequired[Currency | None]
    note: NotRequired[Text]
    organizationId: NotRequired[OrganizationId]


# --- Query parameters -----------------------------------------------------------------------

Take = Annotated[
    int,
    Field(
        description=f"How many to answer, at most {MAX_PAGE_SIZE}",
        minimum=1,
        maximum=MAX_PAGE_SIZE,
        default=MAX_PAGE_SIZE,
    ),
]
Skip = Annotated[
    int, Field(description="How many to pass over first", minimum=0, maximum=MAX_SKIP, default=0)
]
Direction = Annotated[str, Field(enum=DIRECTIONS)]
Relations = Annotated[
    list[Annotated[str, Field(enum=RELATIONS)]],
    Field(description="Relations to nest in each item: relations[]=toContact&relations[]=..."),
]
Flag = Annotated[str, Field(enum=("true", "false"))]
FilterId = Annotated[Id, Field(min_length=1)]

InvoiceQuery = TypedDict(
    "InvoiceQuery",
    {
        "take": Take,
        "skip": Skip,
        "relations[]": Relations,
        "where[isEstimate]": Annotated[Flag, Field(description="Only estimates, or invoices")],
        "where[status]": Annotated[Status, Field(description="Only those that read as this")],
        "where[toContactId]": Annotated[FilterId, Field(description="Only this client's")],
        "where[organizationId]": Annotated[OrganizationId, Field(min_length=1)],
        "order[createdAt]": Direction,
        "order[invoiceDate]": Direction,
        "order[dueDate]": Direction,
        "order[invoiceNumber]": Direction,
        "order[totalValue]": Direction,
    },
    total=False,
)
InvoiceQuery.__doc__ = "Which invoices and estimates to list, in what order."

OneInvoiceQuery = TypedDict("OneInvoiceQuery", {"relations[]": Relations}, total=False)
OneInvoiceQuery.__doc__ = "Which relations to nest."

PaymentQuery = TypedDict(
    "PaymentQuery",
    {
        "take": Take,
        "skip": Skip,
        "where[invoiceId]": Annotated[FilterId, Field(description="Only this invoice's")],
        "where[organizationId]": Annotated[OrganizationId, Field(min_length=1)],
        "order[paymentDate]": Direction,
    },
    total=False,
)
PaymentQuery.__doc__ = "Which payments to list, in what order (the latest payment date first)."
