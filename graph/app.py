"""The /graphql endpoint: GraphiQL for browsers, the API (authenticated) for everything else."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema import BaseSchema

from billing.errors import DomainError, ErrorCode
from billing.plans import Feature, require_feature
from gateway.auth import AuthFailure, Principal, principal_of
from graph.context import Context

PATH = "/graphql"


def graphql_error(
    status: int,
    message: str,
    code: str,
    *,
    extensions: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A response in the GraphQL shape for a request refused before execution."""
    error = {"message": message, "extensions": {"code": code, **(extensions or {})}}
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse({"data": None, "errors": [error]}, status_code=status, headers=headers)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI app, refusing unauthenticated operations with `UNAUTHENTICATED`.

    `max_cost` bounds what one operation may ask for (see graph/cost.py); links to documents
    start with `public_base_url`."""

    def __init__(self, schema: BaseSchema, *, max_cost: int, public_base_url: str) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.max_cost = max_cost
        self.public_base_url = public_base_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocket(scope, receive, send).close(code=1003)
            return
        request = Request(scope, receive)
        if self._is_ide_page(request):
            page = await self.render_graphql_ide(request)
            await page(scope, receive, send)
            return
        refusal = self._refusal(principal_of(scope))
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def _is_ide_page(self, request: Request) -> bool:
        adapter: BaseRequestProtocol = self.request_adapter_class(request)
        return request.method == "GET" and self.should_render_graphql_ide(adapter)

    @staticmethod
    def _refusal(principal: Principal | AuthFailure) -> Response | None:
        if isinstance(principal, AuthFailure):
            return graphql_error(401, principal.message, ErrorCode.UNAUTHENTICATED)
        try:
            require_feature(principal.organization, Feature.API)
        except DomainError as exc:
            return graphql_error(403, exc.message, exc.code)
        return None

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        principal = principal_of(request.scope)
        assert isinstance(principal, Principal), "refused before execution"
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response if isinstance(response, Response) else None,
            organization=principal.organization,
            api_key=principal.api_key,
            max_cost=self.max_cost,
            public_base_url=self.public_base_url,
            mailer=request.app.state.mailer,
            pdfs=getattr(request.app.state, "pdfs", None),
        )
