"""Traditional script (繁體) and pinyin glosses of mirrored government pages.

The importer keeps the text as written; patterns match on a simplified *view* of each line
that has the same length, so offsets found in the view are offsets in the text. OpenCC
(the maintained converter with wheels for Windows and Linux) does the conversion; without
it the view is the text itself and Traditional pages are read less well, never wrongly.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# 鄉(xiāng): a toned syllable in brackets right after a Han character
GLOSS_RE = re.compile(
    rf"(?<=[\u3400-\u9fff])[（(][{_PINYIN}]{{0,6}}[{_TONED}][{_PINYIN}]{{0,6}}[)）]"
)
# a gloss cut by the end of the text: 基礎(c
CUT_GLOSS_RE = re.compile(rf"(?<=[\u3400-\u9fff])[（(][{_PINYIN}]{{1,7}}$")

_converter = None
_loaded = False


def _t2s():  # noqa: ANN202
    global _converter, _loaded
    if not _loaded:
        _loaded = True
        try:
            import opencc

            _converter = opencc.OpenCC("t2s")
        except (ImportError, OSError, RuntimeError):
            _converter = None
    return _converter


@cache
def _simple_char(ch: str) -> str:
    return to_simplified(ch)


def available() -> bool:
    """True when Traditional text can be converted (OpenCC is installed)."""
    return _t2s() is not None


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """The text in simplified script, same length (character by character where needed)."""
    conv = _t2s()
    if conv is None or not text:
        return text
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    chars = [conv.convert(c) for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text, strict=True))


def traditional_share(text: str) -> float:
    """Share of Han characters that change under t2s (0 for simplified text)."""
    sample = "".join(ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff")
    if not sample or _t2s() is None:
        return 0.0
    simple = to_simplified(sample)
    return sum(1 for a, b in zip(sample, simple, strict=True) if a != b) / len(sample)


def is_traditional(text: str) -> bool:
    """A page in Traditional script: many characters change, far more than names would."""
    return traditional_share(text) >= 0.08


def gloss_spans(text: str, *, at_end: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the pinyin glosses in a line (and a cut one at the end of the text)."""
    spans = [(m.start(), m.end()) for m in GLOSS_RE.finditer(text)]
    if at_end:
        m = CUT_GLOSS_RE.search(text)
        if m:
            spans.append((m.start(), m.end()))
    return spans


class Restorer:
    """Maps simplified output back to the characters as written, in source order.

    The output pieces of a plan follow the source in order (the conservation rule), so
    each Han character of a piece is the next kept source character with that simplified
    form. Derived values (owner fields copied out of a tail) use the commonest form.
    """

    def __init__(self, written: str, kept: bytearray, view: str = "") -> None:
        self.written = written
        self.kept = kept  # 1 where the source character was not removed
        # the simplified view the parse read (phrases converted: 計畫 → 计划, not 计画)
        self.view = view if len(view) == len(written) else "".join(map(_simple_char, written))
        self.pos = 0
        self.common: dict[str, str] = {}
        counts: dict[tuple[str, str], int] = {}
        for s, ch in zip(self.view, written, strict=True):
            if s != ch:
                counts[(s, ch)] = counts.get((s, ch), 0) + 1
        best: dict[str, int] = {}
        for (s, ch), n in counts.items():
            if n > best.get(s, 0):
                best[s], self.common[s] = n, ch

    def piece(self, text: str) -> str:
        """A piece of output in source order, in the written script."""
        if not text:
            return text
        out = []
        src, view, kept, n = self.written, self.view, self.kept, len(self.written)
        for ch in text:
            if not ("\u4e00" <= ch <= "\u9fff"):
                out.append(ch)
                continue
            p = self.pos
            while p < n and not (kept[p] and view[p] == ch):
                p += 1
            if p < n and p - self.pos < 200:
                out.append(src[p])
                self.pos = p + 1
            else:
                out.append(self.common.get(ch, ch))
        return "".join(out)

    def derived(self, text: str | None) -> str | None:
        """A value copied out of the text (not in source order)."""
        if not text:
            return text
        return "".join(self.common.get(ch, ch) for ch in text)
