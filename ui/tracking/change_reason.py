"""Asks for the reason of a deadline or target change once a plan is final.

The rule itself lives in ``models.tracking.update_task_fields`` (every edit path goes
through it and refuses a blank reason); this only asks the user before the edit is pushed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models import outline, tracking
from models.store.db import Database
from ui import messages, strings


def _changes_logged_field(db: Database, changes: dict[int, dict[str, Any]]) -> bool:
    for node_id, values in changes.items():
        fields = [f for f in values if f in tracking.LOGGED_FIELDS]
        if not fields or not tracking.needs_change_reason(db, node_id, fields):
            continue
        node = outline.get_node(db, node_id)
        if any((getattr(node, f) or None) != (values[f] or None) for f in fields):
            return True
    return False


def ask(parent: QWidget | None, db: Database, changes: dict[int, dict[str, Any]]) -> str | None:
    """The reason for ``changes`` (node id → {field: value}): "" when none is needed,
    the text typed, or None when the user cancelled."""
    if not _changes_logged_field(db, changes):
        return ""
    return messages.ask_text(parent, strings.CHANGE_REASON_TITLE, strings.CHANGE_REASON_PROMPT)
