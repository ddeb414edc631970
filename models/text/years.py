"""Years in Chinese text: the one pattern of a year, reading it, and shifting it.

A year is written 2024, ２０２４ or 二〇二四 (also 二零二四, 二○二四); it is a year when 年
follows it or when it opens a range ending in 年 (2021—2025年). Every module that looks for
years uses :data:`YEAR`; rollover moves them with :func:`shift_years_in_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.text.numerals import DIGIT_VALUE, cn_digits
from models.text.widths import full_width

_CN_CHARS = "".join(c for c in DIGIT_VALUE if c != "两")
_ARABIC_YEAR = r"(?<![0-9０-９])(?:(?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2})(?![0-9０-９])"
_CN_YEAR = rf"(?<![{_CN_CHARS}十百千])[一二][{_CN_CHARS}]{{3}}(?![{_CN_CHARS}十百千])"
# One year (no group): ASCII or full-width digits 19xx/20xx, or four Chinese digits.
YEAR = rf"(?:{_ARABIC_YEAR}|{_CN_YEAR})"
_RANGE_CHARS = "-—–－~～至到"
_RANGE_SEP = rf"\s*[{_RANGE_CHARS}]+\s*"
# A year is a year when 年 follows it, or when it opens a range that ends in 年 (2021—2025年).
_YEAR_MENTION = re.compile(
    rf"(?P<year>{YEAR})"
    rf"(?P<tail>\s*年|(?={_RANGE_SEP}{YEAR}\s*年))"
)
_RANGE_BEFORE = re.compile(rf"{YEAR}\s*年?{_RANGE_SEP}$")
_RANGE_AFTER = re.compile(rf"^\s*年?{_RANGE_SEP}{YEAR}")
# After these, a mention of the plan year looks back ("2024年以来") and is not the plan year.
_LOOKING_BACK = ("以来",)


@dataclass(slots=True)
class YearMention:
    """One year named in a text: where, which year, and whether it is part of a range."""

    start: int
    end: int
    year: int
    chinese: bool
    in_range: bool
    range_end: int | None = None  # for the first year of a range: the last year of it
    span_end: int = 0  # end of the whole mention, with its 年 and the rest of a range


def year_value(digits: str) -> int:
    """The year a match of :data:`YEAR` names: 2024, ２０２４ and 二〇二四 are all 2024."""
    if digits.isdigit():  # ASCII or full-width digits: int() reads both
        return int(digits)
    return int("".join(str(DIGIT_VALUE[c]) for c in digits))


def year_text(year: int, like: str) -> str:
    """``year`` written the way ``like`` was: 2025, ２０２５ or 二〇二五 (same zero)."""
    if like.isascii():
        return str(year)
    if like.isdigit():
        return full_width(str(year))
    zero = next((c for c in like if DIGIT_VALUE[c] == 0), "〇")
    return cn_digits(year, zero)


def first_year(text: str, after: str = "") -> int | None:
    """The first year followed by 年 and then by the pattern ``after`` (e.g. the words of
    a plan's title); None when the text names no such year."""
    m = re.search(rf"({YEAR})\s*年{after}", text or "")
    return year_value(m.group(1)) if m else None


def year_mentions(text: str) -> list[YearMention]:
    """Every year named in ``text`` (2024年, 二〇二四年, 2021—2025年), in order."""
    out: list[YearMention] = []
    for m in _YEAR_MENTION.finditer(text or ""):
        start, end = m.span("year")
        before = text[max(0, start - 12) : start]
        after = text[end : end + 12]
        in_range = bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after))
        out.append(
            YearMention(
                start,
                end,
                year_value(m["year"]),
                not m["year"].isascii(),
                in_range,
                span_end=m.end(),
            )
        )
    # The first year of a range carries the range: its last year decides whether it is stale.
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _RANGE_AFTER.match(text[out[j].end : out[j + 1].end]):
            j += 1
        if j > i:
            out[i].range_end = out[j].year
            out[i].span_end = out[j].span_end
        i = j + 1
    return out


def shift_years_in_text(text: str, old_year: int, new_year: int) -> tuple[str, list[YearMention]]:
    """Replace the plan year ``old_year`` by ``new_year`` where the text names the plan year.

    A standalone 2024年 / 2024年度 / 二〇二四年 is the plan year; a year inside a range
    (2022—2024年) or looking back (2024年以来) is not, and other years are never touched.
    Returns the new text and the mentions that were left as they were (positions in the
    new text).
    """
    if not text:
        return text, []
    pieces: list[str] = []
    kept: list[YearMention] = []
    last = 0
    shift = 0
    for mention in year_mentions(text):
        tail = text[mention.end : mention.end + 6].lstrip()
        looks_back = tail.startswith("年") and tail[1:].startswith(_LOOKING_BACK)
        pieces.append(text[last : mention.start])
        original = text[mention.start : mention.end]
        if mention.year == old_year and not mention.in_range and not looks_back:
            replacement = year_text(new_year, original)
        else:
            replacement = original
            kept.append(
                YearMention(
                    mention.start + shift,
                    mention.start + shift + len(original),
                    mention.year,
                    mention.chinese,
                    mention.in_range,
                    mention.range_end,
                    mention.span_end + shift,
                )
            )
        shift += len(replacement) - len(original)
        pieces.append(replacement)
        last = mention.end
    pieces.append(text[last:])
    return "".join(pieces), kept


def shift_all_years_in_text(text: str | None, years: int) -> str | None:
    """Move every year named in ``text`` by ``years`` (for deadlines such as 2024年10月前)."""
    if not text or not years:
        return text
    out: list[str] = []
    last = 0
    for mention in year_mentions(text):
        original = text[mention.start : mention.end]
        out.append(text[last : mention.start])
        out.append(year_text(mention.year + years, original))
        last = mention.end
    out.append(text[last:])
    return "".join(out)


def span_start_year(text: str) -> int | None:
    """The first year of the first range of years in ``text`` (2021—2025年 → 2021): the
    year of a plan that spans several years; None when the text names no range."""
    for mention in year_mentions(text):
        if mention.range_end is not None:
            return mention.year
    return None


# A year the text speaks of: followed by 年, but not inside brackets (（2023年）, a document
# number 〔2024〕), not the year of a date (2025年3月5日; any digit right after 年) …
_SPOKEN_YEAR = re.compile(
    rf"(?<![〔\[（(［【])(?P<year>{YEAR})\s*年"
    r"(?!\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日)(?![0-9０-９])"
)
# … and not a target year (到2030年, 2021—2025年).
_TARGET_BEFORE = re.compile(rf"[{_RANGE_CHARS}]\s*$")


def text_year(text: str) -> int | None:
    """The year a text without a dated title is about: the latest of the years it names
    near its first one ("2024年取得…，2025年是…" → 2025), never a target (到2030年)."""
    years = [
        year_value(m["year"])
        for m in _SPOKEN_YEAR.finditer(text or "")
        if not _TARGET_BEFORE.search(text[max(0, m.start() - 2) : m.start()])
    ]
    if not years:
        return None
    return max(y for y in years if y <= years[0] + 1)
