"""Which GB/T 9704 fonts are installed, and which substitute printing and PDF will use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase

from export.html import FAMILIES
from ui import strings

# The roles checked before printing: body and levels 3-4, level 2, level 1, title.
CHECKED_ROLES = ("fangsong", "kaiti", "heiti", "xbs")


@dataclass(frozen=True, slots=True)
class FontChoice:
    """For one role: the official font and the installed font that will be used."""

    role: str
    official: str
    used: str | None  # None: none of the known names is installed

    @property
    def substituted(self) -> bool:
        """True when the official font is not installed."""
        return self.used != self.official


def installed_families() -> set[str]:
    """The font families Qt can use on this computer (needs a QGuiApplication)."""
    return set(QFontDatabase.families())


def choose_fonts(installed: Iterable[str] | None = None) -> list[FontChoice]:
    """The first installed name of each role's list (official name first)."""
    have = set(installed) if installed is not None else installed_families()
    lowered = {name.lower(): name for name in have}
    out = []
    for role in CHECKED_ROLES:
        names = FAMILIES[role]
        used = next((lowered[n.lower()] for n in names if n.lower() in lowered), None)
        out.append(FontChoice(role, names[0], used))
    return out


def substitution_text(choices: Iterable[FontChoice]) -> str | None:
    """The message telling which substitutes are used; None when all official fonts exist."""
    lines = []
    for choice in choices:
        if not choice.substituted:
            continue
        if choice.used is None:
            lines.append(strings.FONTS_NONE_LINE.format(official=choice.official))
        else:
            lines.append(strings.FONTS_LINE.format(official=choice.official, used=choice.used))
    if not lines:
        return None
    return strings.FONTS_SUBSTITUTED.format(lines="\n".join(lines))
