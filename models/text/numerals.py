"""Chinese numerals both ways: 十二 ↔ 12, 一百零五 ↔ 105, and digit by digit 二〇二四 ↔ 2024."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
# Characters a Chinese number is written with (counting form and digit-by-digit form).
NUMERAL_CHARS = "一二三四五六七八九十百零〇两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# One value per character, both zeros (〇 of years, 零 of 一百零五) and the look-alikes
# that typed years contain (○ white circle, Ｏ full-width letter O).
DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "○": 0, "Ｏ": 0, "两": 2}
_DIGIT_CHARS = frozenset(DIGIT_VALUE) - {"两"}


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105, 两 → 2, 二〇二四 → 2024; else None."""
    if not text:
        return None
    if len(text) > 1 and all(c in _DIGIT_CHARS for c in text):
        return int("".join(str(DIGIT_VALUE[c]) for c in text))  # written digit by digit
    total, current = 0, 0
    for c in text:
        if c in DIGIT_VALUE:
            current = DIGIT_VALUE[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (n ≥ 1)."""
    if n <= 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    head = DIGITS[hundreds] + "百" if hundreds < 10 else cn_numeral(hundreds) + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + DIGITS[rest]
    if rest < 20:
        return head + "一十" + (DIGITS[rest % 10] if rest % 10 else "")
    return head + cn_numeral(rest)


def cn_digits(n: int, zero: str = "〇") -> str:
    """2025 → 二〇二五: each digit on its own, the way years are written."""
    return "".join(zero if d == "0" else DIGITS[int(d)] for d in str(n))
