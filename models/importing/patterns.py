"""The Chinese text patterns of the importer: outline numbers, punctuation, numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.text.numerals import CIRCLED, NUMERAL_CHARS, cn_to_int

# Sentence ends that close a task; closers that stay attached to the sentence before them.
TERMINAL = "。；！？"
CLOSERS = "”’」』）》】\"'"
RUN_IN_MARKS = "。：！？；"
PREVIEW_ELLIPSIS = "…. 。."  # characters a truncated preview paragraph ends with (a set)
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_cjk(ch: str) -> bool:
    """A Han character or a full-width punctuation mark."""
    return bool(ch) and (
        "\u3000" <= ch <= "\u303f"
        or "\u3400" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—"
    )


# ---------------------------------------------------------------- outline numbers
@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number at the start of a line: its pattern kind, value and length."""

    kind: tuple
    value: int
    length: int


_NUMBER_PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    ("part", re.compile(r"第([一二三四五六七八九十]{1,3})部分[、，：:\s]*"), "cn"),
    ("chapter", re.compile(r"第([一二三四五六七八九十]{1,3})章[、，：:\s]*"), "cn"),
    ("jie", re.compile(r"第([一二三四五六七八九十]{1,3})节[、，：:\s]*"), "cn"),
    ("cn_dun", re.compile(r"([一二三四五六七八九十]{1,3})\s*[、．.]\s*"), "cn"),
    ("cn_paren", re.compile(r"[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*[、．.]?\s*"), "cn"),
    (
        "cn_bracket",
        re.compile(r"[〔【［\[]\s*([一二三四五六七八九十]{1,3})\s*[〕】］\]]\s*[、．.]?\s*"),
        "cn",
    ),
    ("ar_paren", re.compile(r"[（(]\s*(\d{1,3})\s*[）)]\s*[、．.]?\s*"), "ar"),
    ("ar_half", re.compile(r"(\d{1,3})[）)]\s*"), "ar"),
    ("ar_dot", re.compile(r"(\d{1,3})\s*[.．](?![\d])\s*"), "ar"),
    ("ar_dun", re.compile(r"(\d{1,3})\s*、\s*"), "ar"),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、．.]?\s*"), "circ"),
    # "4 加强监管" (PDF copies lose the dot): only before four Han characters
    (
        "ar_space",
        re.compile(
            r"(\d{1,2})[ \u3000]+(?=[\u4e00-\u9fff]{4})(?![年月日号时个项万亿元亩人户次名家])"
        ),
        "ar",
    ),
]

# "一、二期工程", "二、三季度": an enumeration of consecutive numbers, not a heading
_ENUMERATION = re.compile(
    r"([一二三四五六七八九十]{1,3})、([一二三四五六七八九十]{1,3})"
    r"(?:、[一二三四五六七八九十]{1,3})*[期号级类批产等季年次个条届轮线座标段]"
)


def match_number(text: str, pos: int = 0) -> NumberMatch | None:
    """The outline number starting at ``text[pos]``, if there is one."""
    for kind, pattern, numeral in _NUMBER_PATTERNS:
        m = pattern.match(text, pos)
        if not m:
            continue
        raw = m.group(1)
        if numeral == "cn":
            value = cn_to_int(raw)
        elif numeral == "ar":
            value = int(raw)
        else:
            value = CIRCLED.index(raw) + 1
        if not value:
            continue
        if kind == "cn_dun":
            e = _ENUMERATION.match(text, pos)
            if e and (cn_to_int(e.group(2)) or 0) > value:
                return None
            # a full stop after a Chinese numeral is ambiguous; require text after it
            if text[m.end(1) : m.end(1) + 1] in ".．" and m.end() >= len(text):
                return None
        if m.end() >= len(text):
            # a bare number with nothing after it is not a heading
            return None
        return NumberMatch((kind,), value, m.end() - pos)
    return None


_LOST_DUN = re.compile(r"([一二三四五六七八九十]{1,2})(?![是、．.，,：:）)\s])")
# characters after a numeral that make an ordinary word (一批, 三农, 一系列…), not a heading
_LOST_DUN_STOP = set(
    "是批系些直定般切起体方个项次年月日大中线农期号级类等届轮样道心条万千百亿股把张"
)


# words that begin with 一 in ordinary sentences (一步, 一流, 一带一路, 一网通办 …)
_LOST_ONE_STOP = set("步流户律致带村网站件季半同手样些旦度向举览审揽")


def match_lost_dun(text: str, expected: int) -> NumberMatch | None:
    """A 一、-level heading that lost its 、 (一坚定不移…), only when it is the expected number.

    For 一 the caller must also know that a 二、 heading follows later in the document.
    """
    m = _LOST_DUN.match(text)
    if not m or cn_to_int(m.group(1)) != expected:
        return None
    nxt = text[m.end() : m.end() + 1]
    if not nxt or nxt in _LOST_DUN_STOP or not CJK_RE.match(nxt):
        return None
    if expected == 1 and nxt in _LOST_ONE_STOP:
        return None
    return NumberMatch(("cn_dun",), expected, m.end())


# 一是 / 二是 … labels of clause tasks
YISHI_RE = re.compile(r"(?:(?<=^)|(?<=[。；！？，：;,:\s”）]))(第?)([一二三四五六七八九十]{1,3})是")


def yishi_labels(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of 一是, 二是 … found in sequence (at least 一是 and 二是)."""
    found: list[tuple[int, int, int]] = []
    expected = 1
    for m in YISHI_RE.finditer(text):
        value = cn_to_int(m.group(2))
        if value == expected:
            found.append((m.start(), m.end(), value))
            expected += 1
    return found if len(found) >= 2 else []


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the pieces of ``text`` that end with 。；！？ (plus closing quotes).

    Commas never split; a mark inside （…） does not split either.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "（":
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
        elif ch in TERMINAL and depth == 0:
            j = i + 1
            while j < n and (text[j] in CLOSERS or text[j] in TERMINAL):
                if text[j] == "）":
                    break
                j += 1
            if text[start:j].strip():
                spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, n))
    if depth and len(spans) <= 1 and any(c in TERMINAL for c in text[:-1]):
        # an unbalanced bracket must not glue a whole paragraph together
        return _split_flat(text)
    return spans


def _split_flat(text: str) -> list[tuple[int, int]]:
    spans, start, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] in TERMINAL:
            j = i + 1
            while j < n and text[j] in CLOSERS + TERMINAL:
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, n))
    return spans


def ends_sentence(text: str) -> bool:
    """True when the text ends with 。；！？ (closing quotes allowed after it)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL


# ---------------------------------------------------------------- ASCII punctuation
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def normalise_punctuation(text: str) -> str:
    """ASCII , ; : ? ! ( ) . next to Chinese text become full-width (same length)."""
    if not any(c in text for c in ",;:?!().") or not CJK_RE.search(text):
        return text
    chars = list(text)
    _pair_parentheses(text, chars)
    for i, c in enumerate(chars):
        if c in ",;:?!":
            before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
            if c in ",:" and before.isdigit() and after.isdigit():
                continue
            if is_cjk(before) or is_cjk(after):
                chars[i] = _ASCII_TO_FULL[c]
        elif c == "." and i > 0 and _full_stop(chars[i - 1], _neighbour(chars, i, 1)):
            chars[i] = "。"
    return "".join(chars)


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """The next character before (step -1) or after (+1) position i, spaces skipped."""
    j = i + step
    while 0 <= j < len(chars) and chars[j] in " \t":
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _pair_parentheses(text: str, chars: list[str]) -> None:
    """Parentheses in pairs, so "(一)" and "（1)" become （一） and （1）."""
    stack: list[int] = []
    for i, c in enumerate(chars):
        if c in "(（":
            stack.append(i)
        elif c in ")）" and stack:
            a = stack.pop()
            inner = text[a + 1 : i]
            if (
                CJK_RE.search(inner)
                or is_cjk(_neighbour(chars, a, -1))
                or is_cjk(_neighbour(chars, i, 1))
                or chars[a] == "（"
                or c == "）"
            ):
                chars[a], chars[i] = "（", "）"


def _full_stop(before: str, after: str) -> bool:
    """A . after a Chinese character (no numeral: 一.) and before Chinese or the end."""
    if not CJK_RE.match(before) or before in NUMERAL_CHARS:
        return False
    return not after or is_cjk(after)


def fold(text: str) -> str:
    """Compare form used by the conservation check: NFKC, 。→., no whitespace."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("。", ".").replace("．", ".")
    return "".join(text.split())


def collapse_spaces(text: str) -> str:
    """Drop whitespace between Chinese characters; one space between Latin words."""
    text = text.strip()
    if not text:
        return text
    out: list[str] = []
    pending = False
    for ch in text:
        if ch.isspace():
            if ch == "\n":
                pending = "\n"  # type: ignore[assignment]
            elif not pending:
                pending = True
            continue
        if pending:
            prev = out[-1] if out else ""
            if pending == "\n":
                out.append("\n")
            elif prev and prev.isascii() and prev.isalnum() and ch.isascii() and ch.isalnum():
                out.append(" ")
            pending = False
        out.append(ch)
    return "".join(out)
