"""What every resolver receives: the caller's organization and per-request loaders."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, Generic, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from billing.lifecycle import today_in
from billing.plans import Plan, Plans
from einvoice.store import EInvoices
from gateway.auth import Principal
from graph.live import Feed
from graph.people.settings import People
from mail.sending import Mailer
from models import ApiKey, Organization

K = TypeVar("K")
V = TypeVar("V")
L = TypeVar("L", bound="OrgLoader[Any, Any]")


class OrgLoader(DataLoader[K, V], Generic[K, V]):
    """A dataloader whose every query is scoped to one organization; one per request."""

    def __init__(self, org: Organization) -> None:
        super().__init__(load_fn=self.load_batch)
        self.org = org

    async def load_batch(self, keys: list[K]) -> Sequence[V]:
        """The values of `keys`, in their order, in as few queries as possible."""
        raise NotImplementedError


@dataclass
class Context:
    """The request context. `organization` scopes every query; there is no unscoped path.

    Only the operations that sign a person in run without a caller (`caller` None: see
    graph/people/); every other resolver has one."""

    request: Request
    response: Response | None
    caller: Principal | None
    max_cost: int  # the most one operation may cost (graph/cost.py)
    public_base_url: str  # where links to documents and their PDFs point
    mailer: Mailer  # e-mails documents (mail/sending.py)
    einvoices: EInvoices  # the stored e-invoices (einvoice/store.py)
    plans: Plans  # the plans, which the organization's limits and features are checked against
    people: People  # sessions, invitations and sign-in limits (graph/people/)
    webhooks_allow_private: bool = False  # endpoints may be on private addresses (tests)
    feed: Feed | None = None  # the live events subscriptions read (graph/live.py)
    # What a WebSocket's connection_init carried (graphql-transport-ws): its credentials.
    connection_params: dict[str, object] | None = None
    e_invoices: int = 0  # how many this request has generated (graph/einvoices/types.py)
    _loaders: dict[tuple[type[Any], tuple[Hashable, ...]], Any] = field(default_factory=dict)

    @property
    def principal(self) -> Principal:
        """The caller: a key, or a signed-in member."""
        assert self.caller is not None, "only the sign-in operations run without a caller"
        return self.caller

    @property
    def organization(self) -> Organization:
        return self.principal.organization

    @organization.setter
    def organization(self, changed: Organization) -> None:
        # What a mutation changed, for the fields resolved after it in the same request.
        self.caller = replace(self.principal, organization=changed)

    @property
    def api_key(self) -> ApiKey | None:
        return self.principal.api_key

    @cached_property
    def plan(self) -> Plan:
        """The organization's plan, which its limits and features are checked against."""
        return self.plans.of(self.organization)

    def loader(self, kind: type[L], *args: Hashable) -> L:
        """This request's loader of `kind` (for `args`, passed to it after the
        organization), made on first use."""
        key = (kind, args)
        made = self._loaders.get(key)
        if made is None:
            made = self._loaders[key] = kind(self.organization, *args)
        return made

    def forget_loaded(self) -> None:
        """Drop every loader and what it cached: after a change, reads go to the database."""
        self._loaders.clear()

    @cached_property
    def today(self) -> date:
        """Today in the organization's time zone, fixed for the request (OVERDUE uses it)."""
        return today_in(self.organization)


Info = StrawberryInfo[Context, None]
