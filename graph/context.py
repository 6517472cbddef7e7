"""What every resolver receives: the caller's organization and per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from models import ApiKey, Organization


@dataclass(slots=True)
class Context:
    """The request context. `organization` scopes every query; there is no unscoped path."""

    request: Request
    response: Response | None
    organization: Organization
    api_key: ApiKey


Info = StrawberryInfo[Context, None]
