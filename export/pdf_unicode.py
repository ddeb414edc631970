"""Repair the text layer of the PDFs Qt writes (no Qt here; export/pdf.py calls it).

Qt's PDF engine builds each font's ToUnicode map by asking, for every glyph, the *first*
code point the font maps to it. CJK fonts share one glyph between a Kangxi radical and
its ideograph (⼯ U+2F2F and 工 U+5DE5, ⼀ and 一 …), and the radicals come first, so
copying from or searching the PDF finds the radicals. The map is written uncompressed as
four-digit hex codes; replacing each radical by its NFKC ideograph keeps every byte
offset, so the file's cross-reference table stays valid.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement forms and the ideographs they stand for (the equivalences of
# Unicode's EquivalentUnifiedIdeograph.txt; NFKC maps only the Kangxi radicals). These
# are the pairs CJK fonts draw with one glyph.
_SUPPLEMENT = (
    "⺂乛 ⺃乚 ⺅亻 ⺉刂 ⺋㔾 ⺎兀 ⺏尣 ⺐尢 ⺒巳 ⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺘扌 "
    "⺙攵 ⺛旡 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺣灬 ⺤爫 ⺦丬 ⺨犭 ⺫罒 ⺭礻 ⺯糹 ⺰纟 "
    "⺱罓 ⺲罒 ⺳㓁 ⺹耂 ⺺肀 ⺾艹 ⻁虎 ⻂衤 ⻃覀 ⻅见 ⻆角 ⻈讠 ⻉贝 ⻋车 "
    "⻌辶 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻖阝 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻟飠 "
    "⻠饣 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻮齿 ⻯竜 "
    "⻰龙 ⻱龜 ⻲亀 ⻳龟"
)
_EQUIVALENT = {pair[0]: pair[1] for pair in _SUPPLEMENT.split()}

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_RANGE_BLOCK = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_CHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
_ARRAY = re.compile(rb"\[([^\]]*)\]")


def ideograph(ch: str) -> str:
    """The ideograph a compatibility form stands for (⼯ → 工), else ``ch`` itself."""
    if ch in _EQUIVALENT:
        return _EQUIVALENT[ch]
    if "\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff":
        norm = unicodedata.normalize("NFKC", ch)
        if len(norm) == 1:
            return norm
    return ch


def _fix_hex(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16)
    fixed = ord(ideograph(chr(code)))
    return b"<%04X>" % fixed if fixed != code else match.group(0)


def _fix_ranges(block: re.Match[bytes]) -> bytes:
    body = block.group(1)
    # Destinations only: the arrays of "<lo> <hi> [<u> …]" and the third code of "<lo> <hi> <u>".
    body = _ARRAY.sub(lambda m: b"[" + _HEX4.sub(_fix_hex, m.group(1)) + b"]", body)
    lines = []
    for line in body.split(b"\n"):
        codes = _HEX4.findall(line)
        if len(codes) == 3 and b"[" not in line:
            head, _, tail = line.rpartition(b"<")
            line = head + _HEX4.sub(_fix_hex, b"<" + tail)
        lines.append(line)
    return b"beginbfrange" + b"\n".join(lines) + b"endbfrange"


def _fix_chars(block: re.Match[bytes]) -> bytes:
    lines = []
    for line in block.group(1).split(b"\n"):
        head, sep, tail = line.rpartition(b"<")
        lines.append(head + _HEX4.sub(_fix_hex, sep + tail) if sep else line)
    return b"beginbfchar" + b"\n".join(lines) + b"endbfchar"


def _fix_cmap(cmap: re.Match[bytes]) -> bytes:
    text = _RANGE_BLOCK.sub(_fix_ranges, cmap.group(0))
    return _CHAR_BLOCK.sub(_fix_chars, text)


def fix_to_unicode(pdf: bytes) -> bytes:
    """``pdf`` with radicals in its ToUnicode maps replaced by ideographs (same length)."""
    fixed = _CMAP.sub(_fix_cmap, pdf)
    assert len(fixed) == len(pdf)  # the xref offsets must not move
    return fixed
