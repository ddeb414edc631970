"""The one clock of PlanDesk: every "today" and every stored timestamp comes from here."""

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


def now() -> dt.datetime:
    """The local time now, on the day :func:`today` says (a pinned day keeps the real time)."""
    real = dt.datetime.now()
    day = today()
    return real if day == real.date() else dt.datetime.combine(day, real.time())


def timestamp() -> str:
    """:func:`now` as the database stores it: ``YYYY-MM-DD HH:MM:SS`` (local time)."""
    return now().replace(microsecond=0).isoformat(sep=" ")


def set_today(value: dt.date | str | None) -> None:
    """Pin (or with None release) the date that :func:`today` returns."""
    global _override
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    _override = value
