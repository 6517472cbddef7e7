"""Every setting, read from the environment in one place, with the embedded defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

from addresses import is_plain_address

Network = IPv4Network | IPv6Network


class SettingsError(ValueError):
    """A setting has a value the server cannot use; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env.get(name, "").strip().lower() or default
    if value not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def _str(env: Mapping[str, str], name: str, default: str) -> str:
    return env.get(name, "").strip() or default


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, got {value!r}")


def _address(env: Mapping[str, str], name: str, default: str) -> str:
    value = _str(env, name, default)
    if not is_plain_address(value):
        raise SettingsError(f"{name} must be a plain e-mail address, got {value!r}")
    return value


def _networks(env: Mapping[str, str], name: str) -> tuple[Network, ...]:
    networks = []
    for item in env.get(name, "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(ip_network(item.strip(), strict=False))
        except ValueError:
            raise SettingsError(
                f"{name} must list IP addresses or networks (CIDR), got {item.strip()!r}"
            ) from None
    return tuple(networks)


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Web origins (`https://app.example.com`, a port if not the scheme's), or `*`."""
    origins = []
    for item in env.get(name, "").split(","):
        raw = item.strip()
        if not raw:
            continue
        if raw == "*":
            origins.append(raw)
            continue
        scheme, _, rest = raw.partition("://")
        host, _, port = rest.partition(":")
        valid_port = not port or (port.isdigit() and 0 < int(port) < 65536)
        if scheme.lower() not in ("http", "https") or not host or "/" in rest or not valid_port:
            raise SettingsError(
                f"{name} must list origins such as https://app.example.com (scheme, host and "
                f"port only), or *, got {raw!r}"
            )
        origins.append(f"{scheme.lower()}://{rest.lower()}")
    return tuple(dict.fromkeys(origins))


def _invitation_url(env: Mapping[str, str], name: str) -> str:
    value = _str(env, name, "")
    if value and (not value.startswith(("http://", "https://")) or "{token}" not in value):
        raise SettingsError(
            f"{name} must be an http(s) URL holding {{token}}, such as "
            f"https://app.example.com/join?token={{token}}, got {value!r}"
        )
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """The server's configuration. Build it with `Settings.from_env()`."""

    database_url: str = "sqlite://data/invoicegraph.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    log_level: str = "info"
    public_base_url: str = "http://127.0.0.1:8000"
    rate_limit_enabled: bool = True
    rate_limit_storage: str = "memory://"
    rate_limit_key_prefix: str = "invoicegraph"
    rate_limit_per_minute: int = 120
    rate_limit_unauthenticated_per_minute: int = 30
    rate_limit_on_storage_error: str = "open"
    trusted_proxies: tuple[Network, ...] = ()
    cors_allowed_origins: tuple[str, ...] = ()
    max_body_bytes: int = 1024 * 1024
    api_key_cache_ms: int = 1000
    session_ttl_minutes: int = 720
    invitation_ttl_hours: int = 168
    sign_in_per_minute: int = 10
    invitation_url: str = ""
    graphql_max_cost: int = 10_000
    chromium_path: str = "/usr/bin/chromium"
    pdf_concurrency: int = 4
    pdf_timeout_seconds: int = 30
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = "invoices@localhost"
    smtp_timeout_seconds: int = 30
    outbox_dir: Path = Path("data/outbox")
    plans_file: Path | None = None
    # The background worker (webhook deliveries, scheduled passes): in the server's process
    # unless `invoicegraph worker` runs it apart.
    worker_in_process: bool = True
    worker_poll_ms: int = 1000
    worker_lease_seconds: int = 60
    webhooks_allow_private: bool = False
    webhook_timeout_seconds: int = 10
    event_retention_days: int = 90

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from `env` (the process environment by default)."""
        env = os.environ if env is None else env
        defaults = cls()
        port = _int(env, "PORT", defaults.port, low=1, high=65535)
        host = _str(env, "HOST", defaults.host)
        database_url = _str(env, "DATABASE_URL", defaults.database_url)
        if not database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
            raise SettingsError(
                "DATABASE_URL must start with sqlite:// or postgres://, "
                f"got {database_url.split('://')[0]!r}"
            )
        storage = _str(env, "RATE_LIMIT_STORAGE", defaults.rate_limit_storage)
        if not storage.startswith(("memory://", "redis://", "rediss://", "async+redis://")):
            raise SettingsError("RATE_LIMIT_STORAGE must be memory:// or a redis:// URL")
        return cls(
            database_url=database_url,
            host=host,
            port=port,
            workers=_int(env, "WORKERS", defaults.workers, low=1, high=64),
            log_level=_choice(
                env, "LOG_LEVEL", defaults.log_level, ("debug", "info", "warning", "error")
            ),
            public_base_url=_str(env, "PUBLIC_BASE_URL", f"http://{host}:{port}").rstrip("/"),
            rate_limit_enabled=_bool(env, "RATE_LIMIT_ENABLED", defaults.rate_limit_enabled),
            rate_limit_storage=storage,
            rate_limit_key_prefix=_str(
                env, "RATE_LIMIT_KEY_PREFIX", defaults.rate_limit_key_prefix
            ),
            rate_limit_per_minute=_int(
                env, "RATE_LIMIT_PER_MINUTE", defaults.rate_limit_per_minute, low=1, high=10**6
            ),
            rate_limit_unauthenticated_per_minute=_int(
                env,
                "RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE",
                defaults.rate_limit_unauthenticated_per_minute,
                low=1,
                high=10**6,
            ),
            rate_limit_on_storage_error=_choice(
                env,
                "RATE_LIMIT_ON_STORAGE_ERROR",
                defaults.rate_limit_on_storage_error,
                ("open", "closed"),
            ),
            trusted_proxies=_networks(env, "TRUSTED_PROXIES"),
            cors_allowed_origins=_origins(env, "CORS_ALLOWED_ORIGINS"),
            max_body_bytes=_int(
                env, "MAX_BODY_BYTES", defaults.max_body_bytes, low=1024, high=1024**3
            ),
            api_key_cache_ms=_int(
                env, "API_KEY_CACHE_MS", defaults.api_key_cache_ms, low=0, high=60_000
            ),
            session_ttl_minutes=_int(
                env, "SESSION_TTL_MINUTES", defaults.session_ttl_minutes, low=5, high=60 * 24 * 90
            ),
            invitation_ttl_hours=_int(
                env, "INVITATION_TTL_HOURS", defaults.invitation_ttl_hours, low=1, high=24 * 30
            ),
            sign_in_per_minute=_int(
                env, "SIGN_IN_PER_MINUTE", defaults.sign_in_per_minute, low=1, high=10_000
            ),
            invitation_url=_invitation_url(env, "INVITATION_URL"),
            graphql_max_cost=_int(
                env, "GRAPHQL_MAX_COST", defaults.graphql_max_cost, low=1, high=10**9
            ),
            chromium_path=_str(env, "CHROMIUM_PATH", defaults.chromium_path),
            pdf_concurrency=_int(env, "PDF_CONCURRENCY", defaults.pdf_concurrency, low=1, high=32),
            pdf_timeout_seconds=_int(
                env, "PDF_TIMEOUT_SECONDS", defaults.pdf_timeout_seconds, low=1, high=600
            ),
            smtp_host=_str(env, "SMTP_HOST", defaults.smtp_host),
            smtp_port=_int(env, "SMTP_PORT", defaults.smtp_port, low=1, high=65535),
            smtp_security=_choice(
                env, "SMTP_SECURITY", defaults.smtp_security, ("none", "starttls", "tls")
            ),
            smtp_user=_str(env, "SMTP_USER", defaults.smtp_user),
            smtp_password=env.get("SMTP_PASSWORD", defaults.smtp_password),
            smtp_from=_address(env, "SMTP_FROM", defaults.smtp_from),
            smtp_timeout_seconds=_int(
                env, "SMTP_TIMEOUT_SECONDS", defaults.smtp_timeout_seconds, low=1, high=600
            ),
            outbox_dir=Path(_str(env, "OUTBOX_DIR", str(defaults.outbox_dir))),
            plans_file=Path(env["PLANS_FILE"]) if env.get("PLANS_FILE", "").strip() else None,
            worker_in_process=_bool(env, "WORKER_IN_PROCESS", defaults.worker_in_process),
            worker_poll_ms=_int(
                env, "WORKER_POLL_MS", defaults.worker_poll_ms, low=50, high=60_000
            ),
            worker_lease_seconds=_int(
                env, "WORKER_LEASE_SECONDS", defaults.worker_lease_seconds, low=2, high=3600
            ),
            webhooks_allow_private=_bool(
                env, "WEBHOOKS_ALLOW_PRIVATE", defaults.webhooks_allow_private
            ),
            webhook_timeout_seconds=_int(
                env, "WEBHOOK_TIMEOUT_SECONDS", defaults.webhook_timeout_seconds, low=1, high=60
            ),
            event_retention_days=_int(
                env, "EVENT_RETENTION_DAYS", defaults.event_retention_days, low=7, high=3650
            ),
        )

    def __post_init__(self) -> None:
        # An attempt must end before its lease does, or another worker could start a second.
        if self.webhook_timeout_seconds >= self.worker_lease_seconds:
            raise SettingsError(
                "WEBHOOK_TIMEOUT_SECONDS must be below WORKER_LEASE_SECONDS, got "
                f"{self.webhook_timeout_seconds} and {self.worker_lease_seconds}"
            )

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite default."""
        return self.database_url.startswith("sqlite://")


@cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings.from_env()
