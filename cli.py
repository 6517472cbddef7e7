"""The `invoicegraph` command: serve, worker, migrate, makemigrations, org, apikey, user, demo."""

from __future__ import annotations

import argparse
import asyncio
import copy
import getpass
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise

from billing import apikeys, organizations, people
from billing.errors import DomainError, ValidationError
from billing.pagination import MAX_PAGE_SIZE, Window
from billing.plans import Plans
from models import ApiKey, User
from models.config import MigrationsMissing, tortoise_config
from models.enums import MemberRole
from settings import Settings, SettingsError, get_settings


@asynccontextmanager
async def orm(settings: Settings) -> AsyncIterator[None]:
    """The ORM for one command."""
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        yield
    finally:
        await Tortoise.close_connections()


def _migrate(settings: Settings) -> list[str]:
    from models.migrate import upgrade

    return asyncio.run(upgrade(settings.database_url))


def _plans(settings: Settings) -> Plans:
    """The installation's plans; a PLANS_FILE the server cannot use is a bad setting."""
    try:
        return Plans.load(settings.plans_file)
    except ValueError as exc:
        raise SettingsError(str(exc)) from exc


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging, with the app's own logger (`invoicegraph`: where an outbox e-mail
    went, a render or a delivery that failed) printed beside uvicorn's at LOG_LEVEL."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["invoicegraph"] = {
        "handlers": ["default"],
        "level": level.upper(),
        "propagate": False,
    }
    return config


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from pdf.renderer import ChromiumNotFound, Renderer

    try:
        Renderer.from_settings(settings).executable()
    except ChromiumNotFound as exc:
        print(exc, file=sys.stderr)
        return 2
    _plans(settings)  # a bad plans file stops the start here, naming PLANS_FILE
    if settings.is_sqlite:
        for version in _migrate(settings):
            print(f"applied migration {version}")
        if args.workers > 1:
            print("SQLite serves one process; use PostgreSQL for several workers", file=sys.stderr)
            return 2
    else:
        # Several processes share a server database: migrating is a deploy step of its own,
        # and serving a schema behind the code would fail request by request.
        from models.migrate import unapplied

        pending = asyncio.run(unapplied(settings.database_url))
        if pending:
            print(
                f"the database lacks {len(pending)} migration(s) ({', '.join(pending)}): "
                "run `invoicegraph migrate` first",
                file=sys.stderr,
            )
            return 2
    host, port = args.host or settings.host, args.port or settings.port
    # The app's processes read their settings from the environment: --host and --port are
    # HOST and PORT there too, so that links default to where the server listens.
    os.environ["HOST"], os.environ["PORT"] = host, str(port)
    get_settings.cache_clear()  # read again by the app, in this process as in workers
    uvicorn.run(
        "app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_level=settings.log_level,
        log_config=_log_config(settings.log_level),
        proxy_headers=False,
    )
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    import logging.config
    import signal

    from worker import runner

    if settings.is_sqlite:
        _migrate(settings)
    logging.config.dictConfig(_log_config(settings.log_level))

    async def main() -> None:
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
        async with orm(settings), runner.working(runner.from_settings(settings)):
            print("worker running: webhook deliveries and scheduled passes", flush=True)
            await stopped.wait()

    asyncio.run(main())
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    applied = _migrate(settings)
    for version in applied:
        print(f"applied migration {version}")
    if not applied:
        print("the database is up to date")
    return 0


def cmd_makemigrations(args: argparse.Namespace, settings: Settings) -> int:
    from models.migrate import make_migrations, pending_changes

    if args.check:
        pending = asyncio.run(pending_changes())
        for dialect in pending:
            print(f"{dialect}: the models have changes no migration holds", file=sys.stderr)
        return 1 if pending else 0
    for dialect, written in asyncio.run(make_migrations(args.name)).items():
        print(f"{dialect}: {written or 'no changes'}")
    return 0


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from graph.schema import sdl

    if args.check:
        if args.path.read_text() != sdl():
            print(f"{args.path} differs from the schema the code builds", file=sys.stderr)
            return 1
        return 0
    args.path.write_text(sdl())
    print(f"wrote {args.path}")
    return 0


async def _org_create(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.create_organization(
        args.name,
        plan=_plans(settings).named(args.plan),
        currency=args.currency,
        timezone=args.timezone,
        locale=args.locale,
        email=args.email,
    )
    print(f"organization {org.id} {org.name}")


async def _org_list(args: argparse.Namespace, settings: Settings) -> None:
    from models import Organization

    for org in await Organization.all().order_by("created_at", "id"):
        print(f"{org.id}\t{org.name}\t{org.plan}")


async def _org_set_plan(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.get_organization(args.org)
    await organizations.set_plan(org, _plans(settings).named(args.plan))
    print(f"organization {org.id} is on the {org.plan} plan")


async def _apikey_create(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.get_organization(args.org)
    record, secret = await apikeys.create_api_key(
        org, args.name, scopes=args.scopes, read_only=args.read_only
    )
    print(f"api key {record.id} for {org.name} ({org.id}): {_scopes(record)}")
    print(f"secret (shown once, store it now): {secret}")


async def _apikey_list(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.get_organization(args.org)
    after = None
    while True:
        page = await apikeys.window_api_keys(org, Window(first=MAX_PAGE_SIZE, after=after))
        for _, key in page.edges:
            _print_key(key)
        if not page.has_next_page:
            return
        after = page.end_cursor


def _scopes(key: ApiKey) -> str:
    return "full access" if key.scopes is None else key.scopes


def _print_key(key: ApiKey) -> None:
    state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
    used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
    name = key.name or "-"
    print(f"{key.id}\t{key.prefix}...\t{name}\t{state}\tlast used {used}\t{_scopes(key)}")


async def _apikey_revoke(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.get_organization(args.org)
    key = await apikeys.revoke_api_key(org, args.key_id)
    print(f"api key {key.id} revoked")


def _read_password() -> str:
    """The new password: asked twice at a terminal, else the first line of standard input
    (never an argument, which other users of the machine could read)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise ValidationError("The two passwords differ", field="password")
        return first
    return sys.stdin.readline().rstrip("\r\n")


async def _user_create(args: argparse.Namespace, settings: Settings) -> None:
    org = await organizations.get_organization(args.org)
    address = people.clean_email(args.email)
    user = await User.get_or_none(email=address)
    if user is None:
        password = await asyncio.to_thread(_read_password)
        user = await people.create_user(address, password, args.name)
        print(f"user {user.id} <{user.email}> created")
    membership = await people.add_member(org, user, MemberRole(args.role))
    print(f"{user.email} is {membership.role} of {org.name} ({org.id}): sign in with userSignIn")


async def _demo(args: argparse.Namespace, settings: Settings) -> None:
    from billing.demo import create_demo

    org, secret = await create_demo()
    print(f"demo organization {org.id} {org.name}")
    print(f"api key (shown once, store it now): {secret}")


def _db_command(
    fn: Callable[[argparse.Namespace, Settings], Awaitable[None]],
) -> Callable[..., int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        if settings.is_sqlite:
            _migrate(settings)

        async def main() -> None:
            async with orm(settings):
                await fn(args, settings)

        asyncio.run(main())
        return 0

    return run


def parser() -> argparse.ArgumentParser:
    """The command line."""
    root = argparse.ArgumentParser(prog="invoicegraph", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API (migrating the embedded SQLite first)")
    serve.add_argument("--host", help="interface to bind (HOST)")
    serve.add_argument("--port", type=int, help="port to bind (PORT)")
    serve.add_argument("--workers", type=int, default=None, help="processes (WORKERS)")
    serve.set_defaults(run=cmd_serve)

    sub.add_parser(
        "worker",
        help="deliver webhooks and run the scheduled passes, apart from the server (which "
        "does both itself unless WORKER_IN_PROCESS=false)",
    ).set_defaults(run=cmd_worker)

    sub.add_parser("migrate", help="apply pending database migrations").set_defaults(
        run=cmd_migrate
    )
    make = sub.add_parser("makemigrations", help="write a migration for model changes")
    make.add_argument("name", nargs="?", default="update")
    make.add_argument("--check", action="store_true", help="fail if a migration is missing")
    make.set_defaults(run=cmd_makemigrations)

    export = sub.add_parser("export-schema", help="write the GraphQL SDL to schema.graphql")
    export.add_argument("path", nargs="?", type=Path, default=Path("schema.graphql"))
    export.add_argument("--check", action="store_true", help="fail if the file differs")
    export.set_defaults(run=cmd_export_schema)

    org = sub.add_parser("org", help="organizations").add_subparsers(dest="action", required=True)
    create = org.add_parser("create", help="create an organization")
    create.add_argument("name")
    create.add_argument("--currency", default="USD")
    create.add_argument("--timezone", default="UTC")
    create.add_argument("--locale", default="en_US")
    create.add_argument("--email", default="")
    create.add_argument("--plan", default="unlimited")
    create.set_defaults(run=_db_command(_org_create))
    org.add_parser("list", help="list organizations").set_defaults(run=_db_command(_org_list))
    set_plan = org.add_parser("set-plan", help="move an organization to a plan")
    set_plan.add_argument("org")
    set_plan.add_argument("plan")
    set_plan.set_defaults(run=_db_command(_org_set_plan))

    key = sub.add_parser("apikey", help="API keys").add_subparsers(dest="action", required=True)
    key_create = key.add_parser("create", help="create a key (its secret is shown once)")
    key_create.add_argument("--org", required=True, help="organization id")
    key_create.add_argument("--name", default="")
    scoping = key_create.add_mutually_exclusive_group()
    scoping.add_argument(
        "--scope",
        dest="scopes",
        action="append",
        metavar="SCOPE",
        help="what the key may do, repeatable (documents:read, documents:write, payments:write, "
        "clients:write, ...); full access without --scope or --read-only",
    )
    scoping.add_argument("--read-only", action="store_true", help="read everything, change nothing")
    key_create.set_defaults(run=_db_command(_apikey_create))
    key_list = key.add_parser("list", help="list an organization's keys")
    key_list.add_argument("--org", required=True, help="organization id")
    key_list.set_defaults(run=_db_command(_apikey_list))
    key_revoke = key.add_parser("revoke", help="revoke a key")
    key_revoke.add_argument("--org", required=True, help="organization id")
    key_revoke.add_argument("key_id")
    key_revoke.set_defaults(run=_db_command(_apikey_revoke))

    user = sub.add_parser("user", help="people who sign in").add_subparsers(
        dest="action", required=True
    )
    user_create = user.add_parser(
        "create",
        help="make a user a member of an organization (creating the account, its password read "
        "from a prompt or standard input)",
    )
    user_create.add_argument("--org", required=True, help="organization id")
    user_create.add_argument("--email", required=True)
    user_create.add_argument("--name", default="")
    user_create.add_argument(
        "--role", required=True, choices=[role.value for role in MemberRole], type=str.upper
    )
    user_create.set_defaults(run=_db_command(_user_create))

    sub.add_parser("demo", help="create a demo organization with data and a key").set_defaults(
        run=_db_command(_demo)
    )
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `invoicegraph` script."""
    args = parser().parse_args(argv)
    try:
        settings = get_settings()
        if getattr(args, "workers", None) is None and args.command == "serve":
            args.workers = settings.workers
        result: Any = args.run(args, settings)
    except (SettingsError, DomainError, MigrationsMissing) as exc:
        print(f"invoicegraph: {exc}", file=sys.stderr)
        return 2
    return int(result)


if __name__ == "__main__":
    raise SystemExit(main())
