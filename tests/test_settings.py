"""Settings come from the environment in one place, with defaults and clear errors."""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import pytest

from settings import Settings, SettingsError


def test_defaults_are_the_embedded_ones() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite://data/invoicegraph.sqlite3" and settings.is_sqlite
    assert settings.rate_limit_storage == "memory://"
    assert settings.chromium_path == "/usr/bin/chromium"
    assert (settings.pdf_concurrency, settings.pdf_timeout_seconds) == (4, 30)
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.public_base_url == "http://127.0.0.1:8000"
    assert settings.smtp_host == "" and settings.outbox_dir == Path("data/outbox")


def test_limits_default_to_the_contract_and_one_process() -> None:
    settings = Settings.from_env({})
    assert settings.rate_limit_enabled
    assert settings.rate_limit_per_minute == 120
    assert settings.rate_limit_unauthenticated_per_minute == 30
    assert settings.rate_limit_on_storage_error == "open"
    assert settings.rate_limit_key_prefix == "invoicegraph"
    assert settings.trusted_proxies == ()
    assert settings.max_body_bytes == 1024 * 1024
    assert settings.graphql_max_cost == 10_000


def test_values_are_read_and_normalized() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgres://u@db:5432/x",
            "PORT": "9000",
            "SMTP_SECURITY": "TLS",
            "PUBLIC_BASE_URL": "https://billing.example/",
            "CHROMIUM_PATH": "/opt/chrome/chrome",
            "PDF_CONCURRENCY": "8",
            "PDF_TIMEOUT_SECONDS": "90",
            "PLANS_FILE": "plans.json",
            "RATE_LIMIT_ENABLED": "false",
            "RATE_LIMIT_STORAGE": "redis://cache:6379/1",
            "RATE_LIMIT_KEY_PREFIX": "staging",
            "RATE_LIMIT_PER_MINUTE": "600",
            "RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE": "5",
            "RATE_LIMIT_ON_STORAGE_ERROR": "Closed",
            "TRUSTED_PROXIES": " 10.0.0.0/8, 192.168.1.7 ,::1,",
            "MAX_BODY_BYTES": "65536",
            "GRAPHQL_MAX_COST": "500",
            "SMTP_FROM": "billing@acme.example",
            "SMTP_TIMEOUT_SECONDS": "5",
        }
    )
    assert not settings.is_sqlite and settings.port == 9000
    assert settings.smtp_security == "tls"
    assert settings.public_base_url == "https://billing.example"
    assert settings.chromium_path == "/opt/chrome/chrome"
    assert (settings.pdf_concurrency, settings.pdf_timeout_seconds) == (8, 90)
    assert settings.plans_file == Path("plans.json")
    assert not settings.rate_limit_enabled
    assert settings.rate_limit_storage == "redis://cache:6379/1"
    assert settings.rate_limit_key_prefix == "staging"
    assert settings.rate_limit_per_minute == 600
    assert settings.rate_limit_unauthenticated_per_minute == 5
    assert settings.rate_limit_on_storage_error == "closed"
    assert settings.trusted_proxies == (
        ip_network("10.0.0.0/8"),
        ip_network("192.168.1.7/32"),
        ip_network("::1/128"),
    )
    assert settings.max_body_bytes == 65536
    assert settings.graphql_max_cost == 500
    assert (settings.smtp_from, settings.smtp_timeout_seconds) == ("billing@acme.example", 5)


def test_the_password_is_not_in_the_repr() -> None:
    assert "hunter2" not in repr(Settings.from_env({"SMTP_PASSWORD": "hunter2"}))


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"PORT": "http"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"WORKERS": "0"}, "WORKERS"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"RATE_LIMIT_STORAGE": "memcached://x"}, "RATE_LIMIT_STORAGE"),
        ({"SMTP_SECURITY": "ssl3"}, "SMTP_SECURITY"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
        ({"PDF_CONCURRENCY": "0"}, "PDF_CONCURRENCY"),
        ({"PDF_TIMEOUT_SECONDS": "soon"}, "PDF_TIMEOUT_SECONDS"),
        ({"RATE_LIMIT_ENABLED": "maybe"}, "RATE_LIMIT_ENABLED"),
        ({"RATE_LIMIT_PER_MINUTE": "0"}, "RATE_LIMIT_PER_MINUTE"),
        ({"RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE": "-1"}, "RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE"),
        ({"RATE_LIMIT_ON_STORAGE_ERROR": "ignore"}, "RATE_LIMIT_ON_STORAGE_ERROR"),
        ({"TRUSTED_PROXIES": "10.0.0.0/8,proxy.internal"}, "TRUSTED_PROXIES"),
        ({"MAX_BODY_BYTES": "100"}, "MAX_BODY_BYTES"),
        ({"GRAPHQL_MAX_COST": "lots"}, "GRAPHQL_MAX_COST"),
        ({"SMTP_FROM": "Acme <billing@acme.example>"}, "SMTP_FROM"),
        ({"SMTP_FROM": "billing"}, "SMTP_FROM"),
        ({"SMTP_TIMEOUT_SECONDS": "0"}, "SMTP_TIMEOUT_SECONDS"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(env)


def test_cors_origins_are_listed_normalized_and_checked() -> None:
    assert Settings.from_env({}).cors_allowed_origins == ()
    listed = "HTTPS://App.Example.com, http://127.0.0.1:5173,*,https://app.example.com"
    assert Settings.from_env({"CORS_ALLOWED_ORIGINS": listed}).cors_allowed_origins == (
        "https://app.example.com",
        "http://127.0.0.1:5173",
        "*",
    )
    for wrong in ("app.example.com", "https://app.example.com/", "ftp://x", "http://h:99999"):
        with pytest.raises(SettingsError, match="CORS_ALLOWED_ORIGINS"):
            Settings.from_env({"CORS_ALLOWED_ORIGINS": wrong})


def test_people_settings_have_defaults_and_checked_values() -> None:
    settings = Settings.from_env({})
    assert (settings.session_ttl_minutes, settings.invitation_ttl_hours) == (720, 168)
    assert (settings.sign_in_per_minute, settings.invitation_url) == (10, "")
    url = "https://app.example.com/join?token={token}"
    assert Settings.from_env({"INVITATION_URL": url}).invitation_url == url
    for wrong in ("https://app.example.com/join", "app.example.com/{token}"):
        with pytest.raises(SettingsError, match="INVITATION_URL"):
            Settings.from_env({"INVITATION_URL": wrong})
    with pytest.raises(SettingsError, match="SESSION_TTL_MINUTES"):
        Settings.from_env({"SESSION_TTL_MINUTES": "1"})


def test_worker_settings_have_defaults_and_checked_values() -> None:
    defaults = Settings.from_env({})
    assert defaults.worker_in_process is True
    assert (defaults.worker_lease_seconds, defaults.webhook_timeout_seconds) == (60, 10)
    assert defaults.webhooks_allow_private is False
    assert defaults.event_retention_days == 90
    read = Settings.from_env(
        {
            "WORKER_IN_PROCESS": "false",
            "WORKER_POLL_MS": "250",
            "WORKER_LEASE_SECONDS": "5",
            "WEBHOOK_TIMEOUT_SECONDS": "2",
            "WEBHOOKS_ALLOW_PRIVATE": "yes",
            "EVENT_RETENTION_DAYS": "30",
        }
    )
    assert (read.worker_in_process, read.worker_poll_ms, read.worker_lease_seconds) == (
        False,
        250,
        5,
    )
    assert (read.webhook_timeout_seconds, read.webhooks_allow_private) == (2, True)
    assert read.event_retention_days == 30
    # An attempt must end before its lease: else a second worker could start another.
    with pytest.raises(SettingsError, match="WEBHOOK_TIMEOUT_SECONDS must be below"):
        Settings.from_env({"WORKER_LEASE_SECONDS": "10", "WEBHOOK_TIMEOUT_SECONDS": "10"})
    with pytest.raises(SettingsError, match="EVENT_RETENTION_DAYS"):
        Settings.from_env({"EVENT_RETENTION_DAYS": "3"})  # shorter than a delivery's retries
