"""What every model shares: an opaque primary key and timestamps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from tortoise import fields
from tortoise.models import Model

from models.ids import ID_LENGTH, new_id


def money_field(**kwargs: Any) -> fields.DecimalField[Decimal]:
    """An exact decimal column for amounts, quantities and prices (4 places covers every
    currency's minor unit and sub-unit unit prices)."""
    return fields.DecimalField(max_digits=20, decimal_places=4, **kwargs)


def rate_field(**kwargs: Any) -> fields.DecimalField[Decimal]:
    """An exact decimal column for a percentage from 0 to 100."""
    return fields.DecimalField(max_digits=9, decimal_places=4, **kwargs)


class Entity(Model):
    """A model with an opaque prefixed id and creation/update timestamps."""

    id_prefix: ClassVar[str] = ""

    id = fields.CharField(primary_key=True, max_length=ID_LENGTH)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        if not self.id:
            self.id = new_id(self.id_prefix)
