"""The one way to find a bundled resource, from source and from a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """Folder that holds the resources: sys._MEIPASS/resources when frozen."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled, read-only resource file."""
    return resource_root().joinpath(*parts)
