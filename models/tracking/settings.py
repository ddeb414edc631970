"""The due-list rules stored in the database: yellow window, behind margin, holiday shifting."""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import InvalidOperationError
from models.store import settings
from models.store.db import Database

SETTING_WITHIN = "tracking.due_within_days"
SETTING_MARGIN = "tracking.behind_margin"
SETTING_SHIFT = "tracking.shift_holidays"
DEFAULT_WITHIN = 7
DEFAULT_MARGIN = 20  # percentage points behind the elapsed share of the task's time


@dataclass(slots=True)
class TrackingSettings:
    """The due-list rules: yellow window in days, behind-schedule margin, holiday shifting."""

    within_days: int = DEFAULT_WITHIN
    behind_margin: int = DEFAULT_MARGIN
    shift_holidays: bool = False


def tracking_settings(db: Database) -> TrackingSettings:
    """The tracking settings stored in the database (defaults when absent or broken)."""
    return TrackingSettings(
        within_days=settings.get_int(db, SETTING_WITHIN, DEFAULT_WITHIN, low=0, high=365),
        behind_margin=settings.get_int(db, SETTING_MARGIN, DEFAULT_MARGIN, low=0, high=100),
        shift_holidays=settings.get_text(db, SETTING_SHIFT, "0") == "1",
    )


def save_tracking_settings(db: Database, values: TrackingSettings) -> TrackingSettings:
    """Store the tracking settings in one transaction; returns the previous ones."""
    if not 0 <= values.within_days <= 365:
        raise InvalidOperationError("临期天数应在 0 到 365 之间。")
    if not 0 <= values.behind_margin <= 100:
        raise InvalidOperationError("滞后幅度应在 0 到 100 之间。")
    old = tracking_settings(db)
    with db.transaction():
        settings.set_value(db, SETTING_WITHIN, values.within_days)
        settings.set_value(db, SETTING_MARGIN, values.behind_margin)
        settings.set_value(db, SETTING_SHIFT, "1" if values.shift_holidays else "0")
    return old
