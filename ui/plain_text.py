"""Tooltips that show user text as it is.

Qt renders a tooltip that merely *looks* like HTML (Qt::mightBeRichText) as rich text: task
text "<img src='file:///…'>" would load a file, "<b>" would vanish. Escaped inside <qt>,
every character is shown literally.
"""

from __future__ import annotations

import html


def plain_tip(text: str | None) -> str | None:
    """``text`` as a tooltip Qt never interprets (None/empty stays empty)."""
    if not text:
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
