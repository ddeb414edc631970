"""Full-width forms: ASCII letters, digits and marks and their full-width twins (Ａ１！)."""

from __future__ import annotations

# U+FF01…U+FF5E are U+0021…U+007E shifted by 0xFEE0; the ideographic space is apart.
_SHIFT = 0xFEE0
_TO_FULL = {c: c + _SHIFT for c in range(0x21, 0x7F)} | {0x20: 0x3000}


def full_width(text: str) -> str:
    """``2025`` → ``２０２５``; characters without a full-width twin stay as they are."""
    return text.translate(_TO_FULL)


_TO_HALF = {v: k for k, v in _TO_FULL.items()}


def half_width(text: str) -> str:
    """``２０２５`` → ``2025``: the full-width twins back to ASCII (the reverse of full_width)."""
    return text.translate(_TO_HALF)
