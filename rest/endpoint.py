"""v1 operations: a handler's signature is its route's contract.

A handler is a plain async function of the caller's organization and, as it needs them,
the `{id}` path parameter, the query parameters (`query`, a shape of rest.shapes), the
request body (`body: Body[shape]`, or `Body[shape] | None` where it may be left out), the
app's stored PDFs (`pdfs: DocumentPdfs`) and e-invoices (`einvoices: EInvoices`), its document
mailer (`mailer: Mailer`) and the organization's plan (`plan: Plan`), from the Services the
routes are made with. It
returns a response shape, a Download (a Pdf, an Xml), or None for 204. A handler taking a file
rather than JSON takes `upload: <an Upload kind>`. The wrapper does the rest:
authentication, the plan's API feature, parsing and checking the input by those
annotations, domain errors as envelopes. The OpenAPI document reads the same annotations,
so what is served and what is documented cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from types import UnionType
from typing import Any, Final, Generic, TypeVar, Union, get_args, get_origin, get_type_hints

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from billing.errors import DomainError
from billing.plans import Feature, Plan, Plans, require_feature
from einvoice.store import EInvoices
from gateway.auth import AuthFailure, principal_of
from gateway.idempotency import WRITES
from mail.sending import Mailer
from models.ids import ID_LENGTH
from pdf.store import DocumentPdfs
from rest.door import Door
from rest.errors import Unavailable, UnsupportedMediaType, status_of
from rest.jsonio import JSONResponse, read_json, storable
from rest.pdfs import Download, Upload, is_download, is_upload, upload_of
from rest.schema import body_values, is_shape, query_values, resolve, shape_fields

T = TypeVar("T")
Handler = Callable[..., Awaitable[Any]]
Endpoint = Callable[[Request], Awaitable[Response]]


def could_be_id(value: str) -> bool:
    """Whether `value` could be one of our ids; the document states the same of path ids."""
    return len(value) <= ID_LENGTH and storable(value)


class Body(Generic[T]):
    """A request body of shape `T`, checked, as billing's snake_case values."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values


def _parameter_type(hint: Any) -> bool:
    """Whether a query string can say a value of this type: int, str, or a list of str."""
    base = resolve(hint).base
    if get_origin(base) is list:
        return bool(resolve(get_args(base)[0]).base is str)
    return base in (int, str)


@dataclass(frozen=True, slots=True)
class Services:
    """What the app gives the handlers that take them."""

    pdfs: DocumentPdfs
    einvoices: EInvoices
    mailer: Mailer
    plans: Plans


# What a handler may take of the Services, by parameter name, and its type.
_SERVICES: Final[dict[str, type]] = {
    "pdfs": DocumentPdfs,
    "einvoices": EInvoices,
    "mailer": Mailer,
}


@dataclass(frozen=True, slots=True)
class Signature:
    """What a handler takes and answers, read from its annotations."""

    takes_id: bool
    services: tuple[str, ...]  # the Services it takes, by name
    takes_plan: bool
    upload: type[Upload] | None
    query: Any | None
    body: Any | None
    body_required: bool
    response: Any | None

    @classmethod
    def of(cls, handler: Handler) -> Signature:
        """Read `handler`'s annotations; refuse (TypeError) any the wrapper could not serve."""
        hints = get_type_hints(handler, include_extras=True)
        unknown = set(hints) - {
            "org",
            "id",
            "query",
            "body",
            "upload",
            "plan",
            "return",
            *_SERVICES,
        }
        if unknown:
            raise TypeError(f"{handler.__name__}: unknown parameters {sorted(unknown)}")
        query = hints.get("query")
        body = hints.get("body")
        body_required = True
        if get_origin(body) in (Union, UnionType) and type(None) in get_args(body):
            body_required = False
            body = next(arg for arg in get_args(body) if arg is not type(None))
        if query is not None and not (
            is_shape(query) and all(_parameter_type(h) for _, h, _ in shape_fields(query))
        ):
            raise TypeError(
                f"{handler.__name__}: query must be a shape of int, str and list[str] fields"
            )
        if body is not None:
            if get_origin(body) is not Body or not is_shape(get_args(body)[0]):
                raise TypeError(f"{handler.__name__}: body must be Body[shape]")
            body = get_args(body)[0]
        for name, kind in _SERVICES.items():
            if hints.get(name, kind) is not kind:
                raise TypeError(f"{handler.__name__}: {name} must be {kind.__name__}")
        if hints.get("plan", Plan) is not Plan:
            raise TypeError(f"{handler.__name__}: plan must be Plan")
        upload = hints.get("upload")
        if upload is not None and (not is_upload(upload) or body is not None):
            raise TypeError(f"{handler.__name__}: upload must be an Upload kind, without a body")
        response = hints["return"]
        response = None if response is type(None) else response
        if response is not None and not is_download(response) and not is_shape(response):
            raise TypeError(f"{handler.__name__}: must return a shape, a Download or None")
        return cls(
            "id" in hints,
            tuple(name for name in _SERVICES if name in hints),
            "plan" in hints,
            upload,
            query,
            body,
            body_required,
            response,
        )


@dataclass(frozen=True, slots=True)
class Operation:
    """One route of a door: method, path (under the door's prefix), handler and what it
    answers.

    `errors` lists the statuses the handler's domain calls can answer beyond those the
    wrapper itself does (see `error_statuses`); `creates` is the collection of the resource
    a 201 creates, so the document can link it to the operations on that resource.
    """

    method: str
    path: str
    handler: Handler
    status: int = 200
    errors: tuple[int, ...] = ()
    creates: str | None = None
    signature: Signature = field(init=False)

    def __post_init__(self) -> None:
        signature = Signature.of(self.handler)
        if (signature.response is None) != (self.status == 204):
            raise TypeError(f"{self.handler.__name__}: 204 if and only if it returns None")
        object.__setattr__(self, "signature", signature)

    @property
    def error_statuses(self) -> list[int]:
        """Every error status this operation can answer."""
        # 400 for a bad or unknown query parameter, which any route can be sent; 429 from the
        # rate limiter in front of every route.
        statuses = {400, 401, 403, 429, *self.errors}
        if self.signature.takes_id:
            statuses.add(404)
        if self.signature.body is not None or self.signature.upload is not None:
            statuses.update((413, 415))
        if self.method in WRITES:
            statuses.add(409)  # an Idempotency-Key reused or in use
        return sorted(statuses)


def endpoint(operation: Operation, services: Services, door: Door) -> Endpoint:
    """The Starlette endpoint that runs `operation` for the caller's organization, answering
    errors as `door` spells them."""
    signature = operation.signature
    error = door.error

    async def run(request: Request) -> Response:
        principal = principal_of(request.scope)
        if isinstance(principal, AuthFailure):
            challenge = {"WWW-Authenticate": "Bearer"} if principal.status == 401 else None
            return error(principal.status, principal.message, challenge)
        kwargs: dict[str, Any] = {"org": principal.organization}
        plan = services.plans.of(principal.organization)
        try:
            require_feature(plan, Feature.API)
            if signature.takes_id:
                resource_id = request.path_params["id"]
                if not could_be_id(resource_id):
                    # The database must not even be asked: no id is like this one.
                    return error(404, f"Not found: {request.method} {request.url.path}", None)
                kwargs["id"] = resource_id
            # Parsed even where none are taken, so that any parameter sent is refused.
            query = query_values(signature.query, door.query(request.query_params))
            if signature.query is not None:
                kwargs["query"] = query
            if signature.body is not None:
                # An optional body left out is None; one sent is read like any other.
                sent = signature.body_required or (await request.body()).strip()
                kwargs["body"] = (
                    Body(body_values(signature.body, await read_json(request))) if sent else None
                )
            if signature.upload is not None:
                content_type = request.headers.get("content-type")
                kwargs["upload"] = upload_of(signature.upload, content_type, await request.body())
            for name in signature.services:
                kwargs[name] = getattr(services, name)
            if signature.takes_plan:
                kwargs["plan"] = plan
            result = await operation.handler(**kwargs)
        except DomainError as exc:
            return error(status_of(exc.code), door.spell(exc.message), None)
        except UnsupportedMediaType as exc:
            return error(415, exc.message, None)
        except Unavailable as exc:
            return error(503, exc.message, None)
        if result is None:
            return Response(status_code=204)
        if isinstance(result, Download):
            return Response(result.content, media_type=result.media_type, headers=result.headers)
        return JSONResponse(result, status_code=operation.status)

    run.__name__ = operation.handler.__name__
    run.__doc__ = operation.handler.__doc__
    return run


def routes_of(operations: Sequence[Operation], services: Services, door: Door) -> list[Route]:
    """One route per path serving each of its operations, so that a 405 lists them all."""
    by_path: dict[str, dict[str, Endpoint]] = {}
    for operation in operations:
        by_path.setdefault(operation.path, {})[operation.method] = endpoint(
            operation, services, door
        )

    def dispatch(endpoints: dict[str, Endpoint]) -> Endpoint:
        async def by_method(request: Request) -> Response:
            # Starlette answers HEAD wherever GET is allowed, with GET's headers.
            method = "GET" if request.method == "HEAD" else request.method
            return await endpoints[method](request)

        return by_method

    return [
        Route(path, dispatch(endpoints), methods=list(endpoints))
        for path, endpoints in by_path.items()
    ]
