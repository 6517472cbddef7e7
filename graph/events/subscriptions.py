"""Live subscriptions (graphql-transport-ws): the organization's events as they commit, in
any server process (graph.live), to a caller authenticated when its connection opened."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from billing import documents, events
from billing.access import Permission, acting, require
from graph.context import Info
from graph.events.types import Event
from graph.live import Feed
from models.enums import Series

_SERIES = {"inv": Series.INVOICE, "est": Series.ESTIMATE}


def _feed(info: Info) -> Feed:
    feed = info.context.feed
    assert feed is not None, "subscriptions are served with the app's feed"
    return feed


@strawberry.type(description="What a caller can follow live, over graphql-transport-ws.")
class Subscription:
    @strawberry.subscription(
        description="The organization's events as they commit, in commit order, of the "
        "objects the caller may read (as `events` lists them). A subscriber that falls far "
        "behind is ended with SUBSCRIPTION_BEHIND: read what it missed from `events`."
    )
    async def events(
        self,
        info: Info,
        types: Annotated[
            list[str] | None,
            strawberry.argument(description="Only these types; every type if left out."),
        ] = None,
    ) -> AsyncGenerator[Event, None]:
        principal = info.context.principal
        with acting(principal.access):
            events.check_types(types)
            visible = events.visible_object_types()
        feed = _feed(info)
        org_id = principal.organization.id
        async with feed.subscribe(principal.subject, org_id, visible, types=types) as live:
            async for row in live.events():
                yield Event.from_model(row)

    @strawberry.subscription(
        description="Every change of one invoice or estimate as it commits: its event, whose "
        "`data` is the document at the end of the change."
    )
    async def document_changed(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The document's id.")],
    ) -> AsyncGenerator[Event, None]:
        principal = info.context.principal
        org = principal.organization
        with acting(principal.access):
            require(Permission.DOCUMENTS_READ)
            series = _SERIES.get(str(id).partition("_")[0], Series.INVOICE)
            document = await documents.get_document(org, str(id), series=series)
        object_type = "estimate" if document.is_estimate else "invoice"
        feed = _feed(info)
        async with feed.subscribe(
            principal.subject, org.id, [object_type], object_id=document.id
        ) as live:
            async for row in live.events():
                yield Event.from_model(row)
