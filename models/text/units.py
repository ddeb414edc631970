"""One cell often names several units or people: 党政办、财政所 → two names."""

from __future__ import annotations

import re

# The separators secretaries use between names in one cell.
_SEPARATORS = re.compile(r"[、，,；;/]+")


def split_names(text: str | None) -> list[str]:
    """``党政办、财政所`` → [党政办, 财政所]; blanks and empty parts are dropped."""
    return [p.strip() for p in _SEPARATORS.split(text or "") if p.strip()]
