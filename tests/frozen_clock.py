"""One fixture for "today is this day" (models/clock.py is the one clock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from models import clock


def frozen_today(day: dt.date) -> Callable[[], Iterator[None]]:
    """An autouse fixture that sets the clock's today to ``day`` for every test of a module:
    ``_today = frozen_today(dt.date(2024, 6, 10))`` at module level."""

    @pytest.fixture(autouse=True)
    def _today() -> Iterator[None]:
        clock.set_today(day)
        yield
        clock.set_today(None)

    return _today
