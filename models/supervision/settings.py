"""The office's supervision rules, kept in the settings table."""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import InvalidOperationError
from models.store import settings as stored
from models.store.db import Database

SETTING_PACE_RULE = "supervision.pace_rule"
SETTING_PACE_THRESHOLD = "supervision.pace_threshold"
SETTING_NORMAL_DAYS = "supervision.normal_days"
SETTING_OFFICE = "supervision.office"

# 序时进度 rules: "elapsed" compares progress with the elapsed share of the task's time
# (behind when more than the threshold below it); "months" is the rule of cities that
# count whole months (by November a task owes 11/12 = 91.7 % of its target).
PACE_RULES = ("elapsed", "months")
DEFAULT_THRESHOLD = {"elapsed": 10, "months": 0}
DEFAULT_NORMAL_DAYS = 10  # 一般件: working days, set per office


@dataclass(slots=True)
class SupervisionSettings:
    """Pace rule and threshold (percentage points), 一般件 working days, office name."""

    pace_rule: str = "elapsed"
    pace_threshold: int = DEFAULT_THRESHOLD["elapsed"]
    normal_days: int = DEFAULT_NORMAL_DAYS
    office: str = ""


def _int(db: Database, key: str, default: int) -> int:
    return stored.get_int(db, key, default)


def supervision_settings(db: Database) -> SupervisionSettings:
    """The stored rules (defaults when absent or broken)."""
    rule = stored.get_text(db, SETTING_PACE_RULE, "elapsed") or "elapsed"
    if rule not in PACE_RULES:
        rule = "elapsed"
    threshold = min(max(_int(db, SETTING_PACE_THRESHOLD, DEFAULT_THRESHOLD[rule]), 0), 100)
    days = min(max(_int(db, SETTING_NORMAL_DAYS, DEFAULT_NORMAL_DAYS), 1), 60)
    return SupervisionSettings(rule, threshold, days, stored.get_text(db, SETTING_OFFICE, "") or "")


def save_supervision_settings(db: Database, new: SupervisionSettings) -> SupervisionSettings:
    """Store the rules in one transaction; returns the previous ones."""
    if new.pace_rule not in PACE_RULES:
        raise InvalidOperationError("序时进度规则无效。", detail=str(new.pace_rule))
    if not 0 <= new.pace_threshold <= 100:
        raise InvalidOperationError("欠进度阈值应在 0 到 100 之间。")
    if not 1 <= new.normal_days <= 60:
        raise InvalidOperationError("一般件办理时限应在 1 到 60 个工作日之间。")
    old = supervision_settings(db)
    with db.transaction():
        stored.set_value(db, SETTING_PACE_RULE, new.pace_rule)
        stored.set_value(db, SETTING_PACE_THRESHOLD, new.pace_threshold)
        stored.set_value(db, SETTING_NORMAL_DAYS, new.normal_days)
        stored.set_value(db, SETTING_OFFICE, new.office.strip() or None)
    return old
