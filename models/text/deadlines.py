"""Deadlines written in words (6月底前, 年底前, 第一季度) and their calendar dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from models.text.numerals import cn_to_int
from models.text.years import YEAR, year_value


def parse_iso(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` → date, anything else → None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def _month(text: str) -> int | None:
    value = int(text) if text.isdigit() else cn_to_int(text) or 0
    return value if 1 <= value <= 12 else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# Every pattern starts with an optional year in any written form (2024年, 二〇二四年, ２０２４年).
_Y = rf"(?:({YEAR})年)?"
_FULL_DATE = re.compile(rf"{_Y}(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(\d{{1,2}})日")
_MONTH = re.compile(
    rf"{_Y}(\d{{1,2}}|十[一二]?|[一二三四五六七八九])月(?:份)?(底|末|中旬|上旬|下旬|初)?"
)
_QUARTER = re.compile(rf"{_Y}(?:第)?([一二三四1-4])季度")
_HALF = re.compile(rf"{_Y}(上|下)半年")
_YEAR_END = re.compile(rf"(?:({YEAR})年?)?(?:年底|年末|年内|全年|年度内|年终)")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def due_date_from_text(text: str | None, plan_year: int | None) -> str | None:
    """The last day a deadline in words allows, as ISO text; None when it names no date.

    ``6月底前`` in a 2024 plan → 2024-06-30; ``2024年10月前`` → 2024-10-31 (前 is read
    as "by the end of"; a secretary's 10月前 means during October at the latest);
    ``第一季度`` → 03-31; ``上半年`` → 06-30; ``年底前`` → 12-31.
    ``长期`` or ``持续推进`` → None.
    """
    if not text:
        return None
    text = text.strip()
    # the first reader that recognises the text decides (a bad date in it: None)
    for read in (_iso_date, _full_date, _quarter_end, _half_end, _month_date, _year_end):
        found, iso = read(text, plan_year)
        if found:
            return iso
    return None


_Read = tuple[bool, str | None]  # (the reader recognised the text, its date or None)
_NOT_MINE: _Read = (False, None)


def _year_of(group: str | None, plan_year: int | None) -> int | None:
    return year_value(group) if group else plan_year


def _iso_date(text: str, plan_year: int | None) -> _Read:
    m = _ISO.search(text)
    if not m:
        return _NOT_MINE
    try:
        return True, dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return True, None


def _full_date(text: str, plan_year: int | None) -> _Read:
    m = _FULL_DATE.search(text)
    year = _year_of(m[1], plan_year) if m else None
    month = _month(m[2]) if m and year else None
    if not m or not year or not month:
        return _NOT_MINE
    try:
        return True, dt.date(year, month, int(m[3])).isoformat()
    except ValueError:
        return True, None


def _quarter_end(text: str, plan_year: int | None) -> _Read:
    m = _QUARTER.search(text)
    year = _year_of(m[1], plan_year) if m else None
    if not m or not year:
        return _NOT_MINE
    q = int(m[2]) if m[2].isdigit() else cn_to_int(m[2]) or 0
    return True, _month_end(year, q * 3).isoformat()


def _half_end(text: str, plan_year: int | None) -> _Read:
    m = _HALF.search(text)
    year = _year_of(m[1], plan_year) if m else None
    if not m or not year:
        return _NOT_MINE
    return True, _month_end(year, 6 if m[2] == "上" else 12).isoformat()


def _month_date(text: str, plan_year: int | None) -> _Read:
    m = _MONTH.search(text)
    year = _year_of(m[1], plan_year) if m else None
    month = _month(m[2]) if m and year else None
    if not m or not year or not month:
        return _NOT_MINE
    if m[3] in ("上旬", "初"):
        return True, dt.date(year, month, 10).isoformat()
    if m[3] == "中旬":
        return True, dt.date(year, month, 20).isoformat()
    return True, _month_end(year, month).isoformat()


def _year_end(text: str, plan_year: int | None) -> _Read:
    m = _YEAR_END.search(text)
    year = _year_of(m[1], plan_year) if m else None
    if not m or not year:
        return _NOT_MINE
    return True, dt.date(year, 12, 31).isoformat()
