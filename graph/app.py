"""The /graphql endpoint: GraphiQL for browsers, the API (authenticated) for everything else."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, cast

from cross_web import HTTPException
from graphql import FieldNode, GraphQLError, OperationType, get_operation_ast, parse
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from billing.errors import DomainError
from billing.plans import Feature, Plans, require_feature
from einvoice.store import EInvoices
from gateway import jsonbody
from gateway.auth import AuthFailure, Principal, principal_of, resolve
from gateway.codes import RefusalCode
from gateway.refusal import Refusal
from graph import media
from graph.context import Context
from graph.ide import playground
from graph.live import MAX_PER_CALLER, Feed
from graph.people.settings import People
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


def malformed_post(content_type: str | None, body: bytes) -> Refusal | None:
    """Why a POST to /graphql cannot be run (None if it can), before Strawberry reads it: a
    body not declared as JSON (415), or not a JSON object holding a query (400)."""
    if not jsonbody.is_json(content_type):
        message = "Content-Type must be application/json, with a JSON object as the body"
        return Refusal(415, message, RefusalCode.UNSUPPORTED_MEDIA_TYPE)
    try:
        request = jsonbody.parse(body, parse_float=float)
    except jsonbody.MalformedJson as exc:
        return Refusal(400, exc.message, RefusalCode.BAD_REQUEST)
    if not isinstance(request, dict):
        message = 'The body must be a JSON object: {"query": "...", "variables": {...}}'
        return Refusal(400, message, RefusalCode.BAD_REQUEST)
    problem = _shape_problem(request)
    return None if problem is None else Refusal(400, problem, RefusalCode.BAD_REQUEST)


#: The operations that run without a caller: they are how a person gets a session.
PUBLIC_MUTATIONS: Final = frozenset({"userSignIn", "invitationAccept"})


def signs_in(body: bytes) -> bool:
    """Whether a well-formed request body asks only for PUBLIC_MUTATIONS."""
    request = cast("dict[str, Any]", jsonbody.parse(body, parse_float=float))
    try:
        operation = get_operation_ast(parse(request["query"]), request.get("operationName"))
    except GraphQLError:
        return False
    if operation is None or operation.operation is not OperationType.MUTATION:
        return False
    fields = operation.selection_set.selections
    return all(isinstance(f, FieldNode) and f.name.value in PUBLIC_MUTATIONS for f in fields)


def _changes_state(query: str, operation_name: str | None) -> bool:
    """Whether the operation of `query` to run is a mutation (or a subscription); a query
    that does not parse is Strawberry's to refuse."""
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation is not OperationType.QUERY


def malformed_get(params: Mapping[str, str]) -> Refusal | None:
    """Why a GET of /graphql cannot be run (None if it can): its `variables` and
    `extensions` parameters must be JSON objects."""
    request: dict[str, object] = dict(params)
    for member in ("variables", "extensions"):
        if member in params:
            try:
                request[member] = jsonbody.parse(params[member].encode(), parse_float=float)
            except jsonbody.MalformedJson as exc:
                return Refusal(400, f"`{member}`: {exc.message}", RefusalCode.BAD_REQUEST)
    problem = _shape_problem(request)
    if problem is not None:
        return Refusal(400, problem, RefusalCode.BAD_REQUEST)
    if _changes_state(params["query"], params.get("operationName")):
        message = "GET runs queries only: send mutations with POST"
        return Refusal(405, message, RefusalCode.METHOD_NOT_ALLOWED, headers={"Allow": "POST"})
    return None


def graphql_error(
    status: int,
    message: str,
    code: str,
    *,
    media_type: str = media.JSON,
    extensions: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """A response in the GraphQL shape for a request refused before execution: in the legacy
    `application/json` with `data: null`, in `application/graphql-response+json` without
    `data` (nothing ran)."""
    error = {"message": message, "extensions": {"code": code, **(extensions or {})}}
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    body: dict[str, object] = {"errors": [error]}
    if media_type == media.JSON:
        body = {"data": None, **body}
    return JSONResponse(body, status_code=status, headers=headers, media_type=media_type)


def refusal_response(scope: Scope, refusal: Refusal) -> JSONResponse:
    """`refusal` of a request to /graphql, in the media type the request accepts."""
    media_type = media.response_type(Headers(scope=scope).get("accept")) or media.JSON
    return graphql_error(
        refusal.status,
        refusal.message,
        refusal.code,
        media_type=media_type,
        extensions=refusal.extensions,
        headers=refusal.headers,
    )


# The code of each refusal Strawberry makes of a request it cannot run.
_STRAWBERRY_REFUSALS: Mapping[int, RefusalCode] = {
    400: RefusalCode.BAD_REQUEST,
    405: RefusalCode.METHOD_NOT_ALLOWED,
}


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
        einvoices: EInvoices,
        plans: Plans,
        people: People,
        webhooks_allow_private: bool = False,
        feed: Feed | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=MAX_PER_CALLER,
        )
        self.max_cost = max_cost
        self.public_base_url = public_base_url
        self.mailer = mailer
        self.einvoices = einvoices
        self.plans = plans
        self.people = people
        self.webhooks_allow_private = webhooks_allow_private
        self.feed = feed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # Subscriptions: the caller authenticates in connection_init (on_ws_connect).
            await self.run(WebSocket(scope, receive, send))
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        if self._is_ide_page(request):
            await playground.page()(scope, receive, send)
            return
        media_type = media.response_type(request.headers.get("accept"))
        if media_type is None:
            message = f"The response can only be {media.GRAPHQL_RESPONSE} or {media.JSON}"
            await graphql_error(406, message, RefusalCode.NOT_ACCEPTABLE)(scope, receive, send)
            return
        request.state.media_type = media_type
        refusal = self._refusal(principal_of(scope))
        if request.method == "POST":
            # Read here, kept by the request for Strawberry to read again.
            body = await request.body()
            malformed = malformed_post(request.headers.get("content-type"), body)
            if refusal is not None and refusal.status == 401 and malformed is None:
                # Signing in is the one thing done without credentials (or with stale ones).
                refusal = None if signs_in(body) else refusal
            refusal = refusal or malformed
        elif refusal is None:
            refusal = malformed_get(request.query_params)
        if refusal is not None:
            await refusal_response(scope, refusal)(scope, receive, send)
            return
        try:
            response = await self.run(request)
        except HTTPException as exc:
            code = _STRAWBERRY_REFUSALS.get(exc.status_code, RefusalCode.BAD_REQUEST)
            headers = {"Allow": "POST"} if exc.status_code == 405 else None
            response = graphql_error(
                exc.status_code, exc.reason, code, media_type=media_type, headers=headers
            )
        else:
            if media_type == media.GRAPHQL_RESPONSE:
                response.headers["content-type"] = media_type
                if getattr(request.state, "request_error", False):
                    response.status_code = 400
        await response(scope, receive, send)

    def _is_ide_page(self, request: Request) -> bool:
        adapter: BaseRequestProtocol = self.request_adapter_class(request)
        return request.method == "GET" and self.should_render_graphql_ide(adapter)

    def _refusal(self, principal: Principal | AuthFailure) -> Refusal | None:
        if isinstance(principal, AuthFailure):
            return Refusal(principal.status, principal.message, principal.code)
        try:
            require_feature(self.plans.of(principal.organization), Feature.API)
        except DomainError as exc:
            return Refusal(403, exc.message, exc.code)
        return None

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """The result as Strawberry writes it, but a request error in the new media type has
        no `data` (and is answered with 400, see __call__)."""
        processed = await super().process_result(request, result)
        if media.is_request_error(result):
            request.state.request_error = True
            if request.state.media_type == media.GRAPHQL_RESPONSE:
                processed.pop("data", None)
        return processed

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        principal = principal_of(request.scope)
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response if isinstance(response, Response) else None,
            # None only for the sign-in operations (the others were refused before).
            caller=principal if isinstance(principal, Principal) else None,
            max_cost=self.max_cost,
            public_base_url=self.public_base_url,
            mailer=self.mailer,
            einvoices=self.einvoices,
            plans=self.plans,
            people=self.people,
            webhooks_allow_private=self.webhooks_allow_private,
            feed=self.feed,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a WebSocket by its connection_init payload: `Authorization` (an API
        key or a session token, as the header takes it) and optionally `X-Organization-Id`;
        refused (closed with 4403) without valid ones."""
        params = context.connection_params or {}
        authorization = params.get("Authorization", params.get("authorization"))
        organization_id = params.get("X-Organization-Id", params.get("x-organization-id"))
        principal = await resolve(
            authorization if isinstance(authorization, str) else None,
            organization_id=organization_id if isinstance(organization_id, str) else None,
            session_ttl=self.people.session_ttl,
        )
        refusal = self._refusal(principal)
        if refusal is not None or not isinstance(principal, Principal):
            message = refusal.message if refusal is not None else "Not authenticated"
            code = refusal.code.value if refusal is not None else "UNAUTHENTICATED"
            raise ConnectionRejectionError({"code": code, "message": message})
        context.caller = principal
        unset: UnsetType = UNSET
        return unset
