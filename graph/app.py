"""The /graphql endpoint: GraphiQL for browsers, the API (authenticated) for everything else."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema import BaseSchema

from billing.errors import DomainError, ErrorCode
from billing.plans import Feature, Plans, require_feature
from gateway import jsonbody
from gateway.auth import AuthFailure, Principal, principal_of
from gateway.codes import RefusalCode
from graph.context import Context
from graph.ide import playground
from mail.sending import Mailer

PATH = "/graphql"

# The members of a GraphQL-over-HTTP request, and what JSON type each must be when present.
_MEMBERS: Mapping[str, tuple[type, ...]] = {
    "query": (str,),
    "operationName": (str, type(None)),
    "variables": (dict, type(None)),
    "extensions": (dict, type(None)),
}


def _shape_problem(request: Mapping[str, object]) -> str | None:
    query = request.get("query")
    if not isinstance(query, str) or not query.strip():
        return 'The request holds no GraphQL query: send {"query": "..."}'
    for member, types in _MEMBERS.items():
        if member in request and not isinstance(request[member], types):
            wanted = "a string" if str in types else "an object"
            return f"`{member}` must be {wanted} or null"
    return None


def malformed_post(content_type: str | None, body: bytes) -> str | None:
    """Why a POST to /graphql cannot be run (None if it can), before Strawberry reads it: a
    body that is not a JSON object holding a query, or not declared as JSON."""
    if not jsonbody.is_json(content_type):
        return "Content-Type must be application/json, with a JSON object as the body"
    try:
        request = jsonbody.parse(body, parse_float=float)
    except jsonbody.MalformedJson as exc:
        return exc.message
    if not isinstance(request, dict):
        return 'The body must be a JSON object: {"query": "...", "variables": {...}}'
    return _shape_problem(request)


def malformed_get(params: Mapping[str, str]) -> str | None:
    """Why a GET of /graphql cannot be run (None if it can): its `variables` and
    `extensions` parameters must be JSON objects."""
    request: dict[str, object] = dict(params)
    for member in ("variables", "extensions"):
        if member in params:
            try:
                request[member] = jsonbody.parse(params[member].encode(), parse_float=float)
            except jsonbody.MalformedJson as exc:
                return f"`{member}`: {exc.message}"
    return _shape_problem(request)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the body already read to the app behind, then the rest."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


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

    def __init__(
        self,
        schema: BaseSchema,
        *,
        max_cost: int,
        public_base_url: str,
        mailer: Mailer,
        plans: Plans,
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.max_cost = max_cost
        self.public_base_url = public_base_url
        self.mailer = mailer
        self.plans = plans

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocket(scope, receive, send).close(code=1003)
            return
        request = Request(scope, receive)
        if self._is_ide_page(request):
            await playground.page()(scope, receive, send)
            return
        refusal = self._refusal(principal_of(scope))
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if request.method == "POST":
            body = await request.body()
            problem = malformed_post(request.headers.get("content-type"), body)
            if problem is not None:
                await graphql_error(400, problem, RefusalCode.BAD_REQUEST)(scope, receive, send)
                return
            receive = _replaying(body, receive)
        else:
            problem = malformed_get(request.query_params)
            if problem is not None:
                await graphql_error(400, problem, RefusalCode.BAD_REQUEST)(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    def _is_ide_page(self, request: Request) -> bool:
        adapter: BaseRequestProtocol = self.request_adapter_class(request)
        return request.method == "GET" and self.should_render_graphql_ide(adapter)

    def _refusal(self, principal: Principal | AuthFailure) -> Response | None:
        if isinstance(principal, AuthFailure):
            return graphql_error(401, principal.message, ErrorCode.UNAUTHENTICATED)
        try:
            require_feature(self.plans.of(principal.organization), Feature.API)
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
            mailer=self.mailer,
            plan=self.plans.of(principal.organization),
        )
