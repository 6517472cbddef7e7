"""Every answer shows one moment: while writers keep replacing a draft's lines with one of two
line sets whose totals differ, every read on every surface (REST, GraphQL, the PDF, the public
page, the e-mail) and every mutation's response shows totals that belong to its own lines.

Each test runs on both backends, with at least READS answers checked, and is bounded in count
and in time. It also checks that both line sets were seen, so that it cannot pass by reading
while nothing was being written.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from app import create_app
from billing import documents
from billing.plans import UNLIMITED
from mail.message import Outgoing
from models import Document
from models.enums import Series
from pdf.renderer import Renderer
from settings import Settings
from tests.billing.factories import a_client
from tests.conftest import Tenant, serve
from tests.graph.helpers import data
from tests.mail.helpers import Recorder
from tests.pdf.conftest import pdf_text
from tests.rest.conftest import data_of, send

READS = 200  # answers checked per surface and backend
WRITERS = 3
READERS = 4
MAX_WRITES = 5000  # per test: the writers stop at this count whatever happens
MAX_EXTRA_READS = 2000  # per test: reads past READS while no write has shown yet
SECONDS = 90  # per test: past this the test fails rather than hangs

# Two line sets whose totals differ: 1000.00 in one line, 25.00 in two.
ONE_LINE = [{"description": "Alpha", "quantity": 1, "unitPrice": 1000.00, "taxRate": 0}]
TWO_LINES = [
    {"description": "Beta", "quantity": 1, "unitPrice": 12.50, "taxRate": 0},
    {"description": "Gamma", "quantity": 2, "unitPrice": 6.25, "taxRate": 0},
]
LINE_SETS = (ONE_LINE, TWO_LINES)


def total_of(lines: list[dict[str, Any]]) -> Decimal:
    """What a line set adds up to (no tax, no discount)."""
    amounts = [Decimal(str(line["quantity"])) * Decimal(str(line["unitPrice"])) for line in lines]
    return sum(amounts, Decimal(0))


@dataclass
class Tally:
    """The answers checked and the ones that mixed two moments."""

    checked: int = 0
    seen: set[Decimal] = field(default_factory=set)
    mixed: list[str] = field(default_factory=list)

    def check(self, subtotal: Decimal, total: Decimal, line_amounts: list[Decimal]) -> None:
        """One answer: its totals must be those of its lines."""
        self.checked += 1
        self.seen.add(total)
        if not (subtotal == total == sum(line_amounts, Decimal(0))):
            self.mixed.append(f"subtotal {subtotal}, total {total}, lines {line_amounts}")

    def verdict(self) -> None:
        assert self.checked >= READS, f"only {self.checked} answers were checked"
        assert not self.mixed, (
            f"{len(self.mixed)} of {self.checked} answers mixed two moments, e.g. {self.mixed[:3]}"
        )
        assert self.seen == {total_of(ONE_LINE), total_of(TWO_LINES)}, (
            f"the readers saw only {self.seen}: nothing was written while they read"
        )


@pytest.fixture
async def client(settings: Settings, renderer: Renderer) -> AsyncIterator[httpx.AsyncClient]:
    """The app without rate limits: the readers send far more than a key's budget a minute."""
    app = create_app(replace(settings, rate_limit_enabled=False), renderer=renderer)
    async with serve(app) as http:
        yield http
        await app.state.pdfs.drain()


@pytest.fixture
async def draft(tenant: Tenant) -> Document:
    """A draft invoice with the one-line set."""
    buyer = await a_client(tenant.org, email="ap@globex.example")
    return await documents.create_document(
        tenant.org,
        {
            "client_id": buyer.id,
            "line_items": [
                {"description": "Alpha", "quantity": "1", "unit_price": "1000.00"},
            ],
        },
        series=Series.INVOICE,
        plan=UNLIMITED,
    )


async def contest(
    write: Callable[[int], Awaitable[None]],
    read: Callable[[], Awaitable[None]],
    *,
    reads: int = READS,
    tally: Tally | None = None,
) -> None:
    """Run `read` `reads` times over READERS tasks while WRITERS tasks call `write(n)` with
    n = 0, 1, 2, ... until the reads are done; bounded by MAX_WRITES and SECONDS. With a
    `tally`, the readers read on (at most MAX_EXTRA_READS more) until it has seen both line
    sets: on a busy machine the first writes may commit only after the planned reads."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    done = asyncio.Event()
    writes = iter(range(MAX_WRITES))

    async def writer() -> None:
        for n in writes:
            if done.is_set() or loop.time() > deadline:
                return
            await write(n)

    def both_seen() -> bool:
        return tally is None or len(tally.seen) >= len(LINE_SETS)

    async def reader(count: int) -> None:
        for _ in range(count):
            assert loop.time() < deadline, f"the reads took more than {SECONDS} s"
            await read()
        for _ in range(MAX_EXTRA_READS // READERS):
            if both_seen() or loop.time() > deadline:
                return
            await read()

    writing = [asyncio.create_task(writer()) for _ in range(WRITERS)]
    try:
        share, extra = divmod(reads, READERS)
        await asyncio.gather(*(reader(share + (i < extra)) for i in range(READERS)))
    finally:
        done.set()
        await asyncio.gather(*writing)


def rest_writer(http: httpx.AsyncClient, tenant: Tenant, draft: Document) -> Callable[[int], Any]:
    async def write(n: int) -> None:
        body = {"lineItems": LINE_SETS[n % 2]}
        data_of(await send(http, "PUT", f"/api/v1/invoices/{draft.id}", tenant, body))

    return write


def amounts(lines: list[dict[str, Any]], key: str = "amount") -> list[Decimal]:
    return [Decimal(str(line[key])) for line in lines]


async def test_rest_get(client: httpx.AsyncClient, tenant: Tenant, draft: Document) -> None:
    tally = Tally()

    async def read() -> None:
        invoice = data_of(await send(client, "GET", f"/api/v1/invoices/{draft.id}", tenant))
        tally.check(
            Decimal(str(invoice["subtotal"])),
            Decimal(str(invoice["total"])),
            amounts(invoice["lineItems"]),
        )

    await contest(rest_writer(client, tenant, draft), read, tally=tally)
    tally.verdict()


async def test_rest_list(client: httpx.AsyncClient, tenant: Tenant, draft: Document) -> None:
    """A list's count and its rows come from one moment too: while invoices come and go, a
    page that holds them all holds as many as it says there are."""
    edit = rest_writer(client, tenant, draft)
    buyer = draft.client_id
    miscounted: list[str] = []

    async def write(n: int) -> None:
        if n % 3:
            await edit(n)
            return
        created = data_of(
            await send(
                client, "POST", "/api/v1/invoices", tenant, {"clientId": buyer, "lineItems": []}
            ),
            201,
        )
        response = await send(client, "DELETE", f"/api/v1/invoices/{created['id']}", tenant)
        assert response.status_code == 204, response.text

    tally = Tally()

    async def read() -> None:
        page = (await send(client, "GET", "/api/v1/invoices?limit=100", tenant)).json()
        if page["total"] != len(page["data"]):
            miscounted.append(f"total {page['total']} beside {len(page['data'])} rows")
        edited = next(item for item in page["data"] if item["id"] == draft.id)
        subtotal = Decimal(str(edited["subtotal"]))
        tally.check(subtotal, Decimal(str(edited["total"])), [subtotal])

    await contest(write, read)
    assert not miscounted, f"{len(miscounted)} of {READS} pages miscounted, e.g. {miscounted[:3]}"
    assert tally.checked >= READS


GRAPHQL_UPDATE = """
mutation ($id: ID!, $input: InvoiceUpdateInput!) {
  invoiceUpdate(id: $id, input: $input) {
    invoice { subtotal total amountDue lineItems { description amount } }
    errors { code message }
  }
}"""


def graphql_writer(
    http: httpx.AsyncClient, tenant: Tenant, draft: Document
) -> Callable[[int], Any]:
    async def write(n: int) -> None:
        lines = [
            {
                "description": line["description"],
                "quantity": str(line["quantity"]),
                "unitPrice": str(line["unitPrice"]),
            }
            for line in LINE_SETS[n % 2]
        ]
        payload = (
            await data(
                http, tenant, GRAPHQL_UPDATE, {"id": draft.id, "input": {"lineItems": lines}}
            )
        )["invoiceUpdate"]
        assert payload["errors"] == [], payload

    return write


def check_node(tally: Tally, invoice: dict[str, Any]) -> None:
    tally.check(
        Decimal(invoice["subtotal"]), Decimal(invoice["total"]), amounts(invoice["lineItems"])
    )
    assert Decimal(invoice["amountDue"]) == Decimal(invoice["total"])


FIELDS = "subtotal total amountDue lineItems { amount }"


@pytest.mark.parametrize(
    "query",
    [
        f"query ($id: ID!) {{ invoice(id: $id) {{ {FIELDS} }} }}",
        f"query ($id: ID!) {{ node(id: $id) {{ ... on Invoice {{ {FIELDS} }} }} }}",
    ],
    ids=["invoice", "node"],
)
async def test_graphql_object(
    client: httpx.AsyncClient, tenant: Tenant, draft: Document, query: str
) -> None:
    tally = Tally()

    async def read() -> None:
        answer = await data(client, tenant, query, {"id": draft.id})
        check_node(tally, next(iter(answer.values())))

    await contest(graphql_writer(client, tenant, draft), read, tally=tally)
    tally.verdict()


async def test_graphql_connection(
    client: httpx.AsyncClient, tenant: Tenant, draft: Document
) -> None:
    """The page, its nodes' lines and its totalCount, while invoices come and go."""
    edit = graphql_writer(client, tenant, draft)
    miscounted: list[str] = []

    async def write(n: int) -> None:
        if n % 3:
            await edit(n)
            return
        created = await documents.create_document(
            tenant.org, {"client_id": draft.client_id}, series=Series.INVOICE, plan=UNLIMITED
        )
        await documents.delete_document(tenant.org, created.id, series=Series.INVOICE)

    tally = Tally()

    async def read() -> None:
        answer = await data(
            client,
            tenant,
            f"{{ invoices(first: 100) {{ totalCount edges {{ node {{ id {FIELDS} }} }} }} }}",
        )
        connection = answer["invoices"]
        if connection["totalCount"] != len(connection["edges"]):
            miscounted.append(
                f"totalCount {connection['totalCount']}, {len(connection['edges'])} edges"
            )
        for edge in connection["edges"]:
            if edge["node"]["id"] == draft.id:
                check_node(tally, edge["node"])

    await contest(write, read, tally=tally)
    assert not miscounted, f"{len(miscounted)} of {READS} pages miscounted, e.g. {miscounted[:3]}"
    tally.verdict()


async def test_mutation_responses(
    client: httpx.AsyncClient, tenant: Tenant, draft: Document
) -> None:
    """A mutation answers with what its own transaction wrote, never another writer's lines:
    GraphQL's invoiceUpdate and REST's PUT, each racing the others."""
    checked = 0
    wrong: list[str] = []

    async def write(n: int) -> None:
        nonlocal checked
        lines = LINE_SETS[n % 2]
        expected = total_of(lines)
        if n % 2:
            body = {"lineItems": lines}
            answer = data_of(
                await send(client, "PUT", f"/api/v1/invoices/{draft.id}", tenant, body)
            )
            got = Decimal(str(answer["total"]))
            if got != expected:
                wrong.append(f"REST PUT of {expected} answered total {got}")
        else:
            wire = [
                {
                    "description": line["description"],
                    "quantity": str(line["quantity"]),
                    "unitPrice": str(line["unitPrice"]),
                }
                for line in lines
            ]
            payload = (
                await data(
                    client, tenant, GRAPHQL_UPDATE, {"id": draft.id, "input": {"lineItems": wire}}
                )
            )["invoiceUpdate"]
            invoice = payload["invoice"]
            descriptions = [line["description"] for line in invoice["lineItems"]]
            if (
                descriptions != [line["description"] for line in lines]
                or Decimal(invoice["total"]) != expected
                or sum(amounts(invoice["lineItems"]), Decimal(0)) != expected
            ):
                wrong.append(f"invoiceUpdate of {expected} answered {invoice}")
        checked += 1

    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    writes = iter(range(READS))

    async def writer() -> None:
        for n in writes:
            assert loop.time() < deadline, f"the writes took more than {SECONDS} s"
            await write(n)

    await asyncio.gather(*(writer() for _ in range(READERS)))
    assert checked == READS
    assert not wrong, f"{len(wrong)} of {checked} responses showed another write, e.g. {wrong[:3]}"


MONEY = re.compile(r"\$([\d,]+\.\d\d)")


SET_LINES = {("Alpha",): [Decimal("1000.00")], ("Beta", "Gamma"): [Decimal("12.50")] * 2}


def _money(label: str, text: str) -> Decimal:
    found = re.search(rf"(?<![A-Za-z]){label}\s*\$([\d,]+\.\d\d)", text)
    assert found, f"no {label} in {text!r}"
    return Decimal(found.group(1).replace(",", ""))


def check_text(tally: Tally, text: str) -> None:
    """A rendering of the draft (the PDF's or the page's text): the names of its lines tell
    the set it shows, and its Subtotal, Total and Amount due must be that set's."""
    names = tuple(name for name in ("Alpha", "Beta", "Gamma") if name in text)
    line_amounts = SET_LINES.get(names, [])
    total = _money("Total", text)
    assert _money("Amount due", text) == total
    tally.check(_money("Subtotal", text), total, line_amounts)


async def test_pdf(client: httpx.AsyncClient, tenant: Tenant, draft: Document) -> None:
    """Every PDF downloaded during the edits is the rendering of one state."""
    tally = Tally()

    async def read() -> None:
        response = await send(client, "GET", f"/api/v1/invoices/{draft.id}/pdf", tenant)
        assert response.status_code == 200, response.text
        check_text(tally, pdf_text(response.content))

    await contest(rest_writer(client, tenant, draft), read, tally=tally)
    tally.verdict()


async def test_public_page(client: httpx.AsyncClient, tenant: Tenant, draft: Document) -> None:
    """The client's page of the document, and its PDF, show one state each."""
    tally = Tally()
    tag = re.compile(r"<[^>]+>")

    async def read() -> None:
        response = await client.get(f"/d/{draft.public_token}")
        assert response.status_code == 200, response.text
        text = re.sub(r"\s+", " ", tag.sub(" ", response.text)).replace("&nbsp;", " ")
        check_text(tally, text)

    await contest(rest_writer(client, tenant, draft), read, tally=tally)
    tally.verdict()


class HeldTransport(Recorder):
    """A transport that holds each e-mail until `release` is set, as a slow SMTP server does,
    then keeps it (or refuses it with `failure`)."""

    def __init__(self, failure: str | None = None) -> None:
        super().__init__(failure)
        self.delivering = asyncio.Event()
        self.release = asyncio.Event()

    async def deliver(self, outgoing: Outgoing) -> str:
        self.delivering.set()
        await asyncio.wait_for(self.release.wait(), SECONDS)
        return await super().deliver(outgoing)


def pdf_of(message: EmailMessage) -> bytes:
    (attachment,) = message.iter_attachments()
    content = attachment.get_content()
    assert isinstance(content, bytes)
    return content


@pytest.mark.parametrize("failure", [None, "550 mailbox unavailable"], ids=["sent", "refused"])
async def test_an_email_carries_the_state_that_is_recorded_as_sent(
    settings: Settings,
    renderer: Renderer,
    tenant: Tenant,
    draft: Document,
    failure: str | None,
) -> None:
    """While a draft's e-mail is being delivered, writers keep trying to change it: each is
    refused, so the PDF the e-mail carries is the document recorded as SENT. A refused e-mail
    changes nothing and frees the draft at once."""
    transport = HeldTransport(failure)
    app = create_app(
        replace(settings, rate_limit_enabled=False), renderer=renderer, transport=transport
    )
    async with serve(app) as http:
        url = f"/api/v1/invoices/{draft.id}"
        sending = asyncio.create_task(send(http, "POST", f"{url}/send", tenant))
        await asyncio.wait_for(transport.delivering.wait(), SECONDS)
        for n in range(READS // 4):
            response = await send(http, "PUT", url, tenant, {"lineItems": LINE_SETS[(n + 1) % 2]})
            assert response.status_code == 400, response.text
            assert "being e-mailed" in response.json()["error"]
        assert (await send(http, "DELETE", url, tenant)).status_code == 400
        again = await send(http, "POST", f"{url}/send", tenant)
        assert again.status_code == 409 and "being e-mailed" in again.text
        payload = (
            await data(http, tenant, GRAPHQL_UPDATE, {"id": draft.id, "input": {"lineItems": []}})
        )["invoiceUpdate"]
        assert [error["code"] for error in payload["errors"]] == ["NOT_EDITABLE"]
        transport.release.set()
        response = await sending
        stored = data_of(await send(http, "GET", url, tenant))
        if failure is not None:
            assert response.status_code == 502, response.text
            assert stored["status"] == "DRAFT" and transport.sent == []
            edited = await send(http, "PUT", url, tenant, {"lineItems": TWO_LINES})
            assert edited.status_code == 200, edited.text
            return
        assert data_of(response)["status"] == "SENT"
        (outgoing,) = transport.sent
        tally = Tally()
        check_text(tally, pdf_text(pdf_of(outgoing.message)))
        assert not tally.mixed and tally.seen == {Decimal(str(stored["total"]))}
        assert [line["description"] for line in stored["lineItems"]] == ["Alpha"]
        await app.state.pdfs.drain()
