"""Dates as documents write them: the 成文日期 line (2024年1月5日, 二〇二四年一月五日), and
the 落款 (署名 over that date) that ends a plan."""

from __future__ import annotations

import datetime as dt
import re

from models.text.numerals import cn_to_int
from models.text.widths import half_width

_PART = r"[0-9〇零一二三四五六七八九○Ｏ十两]"
WRITTEN_DATE_RE = re.compile(rf"^({_PART}{{4}})年({_PART}{{1,3}})月({_PART}{{1,3}})日$")
# a 署名 is a name: short, no sentence punctuation, not an attachment line
_SIGNATURE_RE = re.compile(r"^[^。，；：:;,.!?！？、（）()《》“”]{2,30}$")


def cn_date(day: dt.date) -> str:
    """``2025年3月5日`` (Arabic numerals, no zero padding, as GB/T 9704 writes dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def written_date(text: str) -> dt.date | None:
    """The date of a line that is only a date (2024年1月5日, 二〇二四年一月五日), else None."""
    m = WRITTEN_DATE_RE.match(half_width("".join(text.split())))
    if m is None:
        return None
    parts = [_number(g) for g in m.groups()]
    if None in parts:
        return None
    try:
        return dt.date(*parts)  # type: ignore[arg-type]
    except ValueError:  # 2月30日
        return None


def split_signing(closing: str) -> tuple[str, str | None, dt.date | None]:
    """A plan's closing without its 落款: (the rest, 署名 or None, 成文日期 or None).

    The 落款 is a date line at the very end, with the line just above it as the 署名 when
    that line reads as a name. Without a date line the closing is returned whole.
    """
    lines = closing.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return closing, None, None
    day = written_date(lines[-1])
    if day is None:
        return closing, None, None
    lines.pop()
    signer = None
    if lines and _SIGNATURE_RE.match(lines[-1].strip()) and not lines[-1].startswith("附件"):
        signer = lines.pop().strip()
    return "\n".join(lines).strip("\n"), signer, day
