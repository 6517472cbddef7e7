"""Mutations of API keys."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import apikeys
from billing.access import Permission
from graph.apikeys.types import ApiKey, ApiKeyScope
from graph.context import Info
from graph.errors import Error, attempt


@strawberry.input(description="A new API key.")
class ApiKeyCreateInput:
    name: str = strawberry.field(default="", description="A label (at most 100 characters).")
    scopes: list[Permission] | None = strawberry.field(
        default=None,
        description="What the key may do; full access when left out (and readOnly is false). "
        "A caller grants only scopes it holds itself.",
        graphql_type=list[ApiKeyScope] | None,  # type: ignore[valid-type]
    )
    read_only: bool = strawberry.field(
        default=False, description="A key that may read everything and change nothing."
    )


def _values(scopes: list[Permission] | None) -> list[str] | None:
    # Strawberry hands over the members of its ApiKeyScope enum; their values are the scopes.
    return None if scopes is None else [str(getattr(scope, "value", scope)) for scope in scopes]


@strawberry.type(description="A new key and its secret, shown this once.")
class ApiKeyCreatePayload:
    api_key: ApiKey | None = strawberry.field(description="The key.")
    secret: str | None = strawberry.field(
        description="The secret to send as `Authorization: Bearer <secret>`. Store it now: "
        "only a hash is kept."
    )
    errors: list[Error] = strawberry.field(description="Why no key was made, if so.")


@strawberry.type(description="A revoked key, or why it was not revoked.")
class ApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key, as it is now.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.type
class ApiKeyMutations:
    @strawberry.mutation(description="Create an API key for the organization.")
    async def api_key_create(
        self,
        info: Info,
        input: Annotated[
            ApiKeyCreateInput | None,
            strawberry.argument(description="Its label; none when left out."),
        ] = None,
    ) -> ApiKeyCreatePayload:
        org, given = info.context.organization, input or ApiKeyCreateInput()
        made, errors = await attempt(
            info,
            lambda: apikeys.create_api_key(
                org, given.name, scopes=_values(given.scopes), read_only=given.read_only
            ),
        )
        if made is None:
            return ApiKeyCreatePayload(api_key=None, secret=None, errors=errors)
        row, secret = made
        return ApiKeyCreatePayload(api_key=ApiKey.from_model(row), secret=secret, errors=[])

    @strawberry.mutation(
        description=(
            "Revoke an API key: it stops working at once in the server process that revoked it, "
            "and in every other within API_KEY_CACHE_MS (1 s by default). Revoking twice is "
            "harmless."
        )
    )
    async def api_key_revoke(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The key's id.")],
    ) -> ApiKeyPayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: apikeys.revoke_api_key(org, id))
        return ApiKeyPayload(api_key=None if row is None else ApiKey.from_model(row), errors=errors)
