"""The one clock of PlanDesk: every "today" in tracking comes from :func:`today`."""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "PLANDESK_TODAY"

# Tests (or a demo) may pin the date: ``clock.set_today(date(2024, 6, 1))``.
_override: dt.date | None = None


def today() -> dt.date:
    """Today: the override if set, else $PLANDESK_TODAY (YYYY-MM-DD), else the system date."""
    if _override is not None:
        return _override
    text = os.environ.get(ENV_TODAY, "").strip()
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # a broken variable must not stop the program; fall back to the real date
    return dt.date.today()


def set_today(value: dt.date | str | None) -> None:
    """Pin (or with None release) the date that :func:`today` returns."""
    global _override
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    _override = value
