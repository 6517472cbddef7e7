"""What every model shares: an opaque primary key and timestamps."""

from __future__ import annotations

from typing import ClassVar

from tortoise import fields
from tortoise.models import Model

from models.ids import ID_LENGTH, new_id

MONEY = {"max_digits": 20, "decimal_places": 4}
RATE = {"max_digits": 9, "decimal_places": 4}


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
