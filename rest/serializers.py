"""The contract's JSON shapes, one serializer per resource."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from models import Client


def timestamp(value: datetime | None) -> str | None:
    """ISO-8601 UTC with milliseconds and `Z`, e.g. 2024-01-15T00:00:00.000Z."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def calendar_date(value: date | None) -> str | None:
    """YYYY-MM-DD."""
    return value.isoformat() if value is not None else None


def client_json(client: Client) -> dict[str, Any]:
    """The contract's client object."""
    return {
        "id": client.id,
        "name": client.name,
        "email": client.email,
        "address": client.address,
        "taxId": client.tax_id,
        "phone": client.phone,
        "notes": client.notes,
        "isActive": client.is_active,
        "createdAt": timestamp(client.created_at),
        "updatedAt": timestamp(client.updated_at),
    }
