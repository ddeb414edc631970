"""Control characters cleaned from text at the door.

NUL and the other C0/C1 control characters cannot be written into .docx/.xlsx (XML 1.0
forbids them; lxml and openpyxl raise), and nobody types them on purpose: they come from
damaged files or copy and paste. Tab and line breaks stay; CRLF and CR become LF.
"""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 forbids C0 except tab/LF/CR, lone surrogates and U+FFFE/U+FFFF; C1 is invisible
# closing punctuation and spaces a text drops to be embedded in a sentence
_END_PUNCT = "。；;，,、：: \u3000"
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newlines kept, CRLF/CR → LF)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD.sub("", text) if _BAD.search(text) else text


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` with every string cleaned."""
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}


def strip_end(text: str | None) -> str:
    """Text without trailing punctuation and spaces (so it can be embedded in a sentence)."""
    return (text or "").strip().rstrip(_END_PUNCT)
