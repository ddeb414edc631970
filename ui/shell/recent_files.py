"""The databases opened last, newest first (listed in the File menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_RECENT = "recent_databases"
MAX_RECENT = 8


def recent() -> list[Path]:
    """The remembered database paths, newest first."""
    value = QSettings().value(SETTINGS_RECENT, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a str
        value = [value]
    return [Path(p) for p in value or [] if p]


def remember(path: str | Path) -> list[Path]:
    """Put a database at the top of the list; returns the new list."""
    resolved = Path(path).resolve()
    paths = [resolved] + [p for p in recent() if p != resolved]
    paths = paths[:MAX_RECENT]
    QSettings().setValue(SETTINGS_RECENT, [str(p) for p in paths])
    return paths


def forget(path: str | Path) -> None:
    """Drop a database from the list (its file is gone)."""
    resolved = Path(path).resolve()
    QSettings().setValue(SETTINGS_RECENT, [str(p) for p in recent() if p != resolved])
