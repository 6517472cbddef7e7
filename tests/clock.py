"""A clock for the worker that a test moves (worker.runner.Clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """The real time moved on by however much the test has advanced it (or set it to)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, by: timedelta) -> None:
        self.offset += by

    def set(self, moment: datetime) -> None:
        self.offset = moment - datetime.now(UTC)
