"""Structure recognition, stage 1: the lines of one plan read in order into a tree of
drafts (numbered headings, their text, tails and table rows)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from models.importing import patterns as P
from models.importing import tails as T
from models.importing.model import Line, LineHint, Removal

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- drafts
@dataclass(slots=True, eq=False)
class _Draft:
    """A section while the document is being read."""

    kind: tuple | None
    rest: Line | None  # heading line without its number
    forced: bool = False  # a Word heading style: never a task
    entries: list[tuple[str, Line]] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    bullet: bool = False


class _Builder:
    """Reads the lines of one plan in order and builds the draft tree."""

    def __init__(self, removed: list[Removal], strict_wrap: int | None) -> None:
        self.removed = removed
        self.root = _Draft(None, None)
        self.kinds: list[tuple] = []
        self.drafts: list[_Draft] = []
        self.counters: dict[tuple, int] = {}
        self.wrap = strict_wrap
        self.prev_ended = True
        # a "二、" heading exists further down: a first line "一坚定不移…" lost its 、
        self.second_dun = False

    # -- numbering state
    def expected(self, kind: tuple) -> int:
        return self.counters.get(kind, 0) + 1 if kind in self.kinds else 1

    def plausible(self, nm: P.NumberMatch, *, inline: bool) -> bool:
        exp = self.expected(nm.kind)
        if nm.kind[0] == "ar_space" and (inline or not self.prev_ended):
            return False  # "4 加强…" only as a line of its own after a finished sentence
        if inline:
            if nm.kind in self.kinds:
                return nm.value == exp
            return nm.value == 1 and nm.kind[0] in (
                "cn_dun",
                "cn_paren",
                "part",
                "chapter",
                "ar_dot",
                "ar_dun",
                "ar_paren",
            )
        if not self.prev_ended:
            return nm.value == exp
        if nm.kind in self.kinds:
            return exp - 1 <= nm.value <= exp + 1 and nm.value >= 1
        return nm.value == 1 or (not self.kinds and nm.value <= 2)

    def current(self) -> _Draft:
        return self.drafts[-1] if self.drafts else self.root

    def open_heading(
        self,
        kind: tuple,
        value: int,
        line: Line,
        length: int,
        *,
        forced: bool = False,
        bullet: bool = False,
    ) -> _Draft:
        if length:
            num = line.slice(0, length)
            self.removed.append(Removal("numbering", num.text, num.pos))
        if kind in self.kinds:
            idx = self.kinds.index(kind)
            for k in self.kinds[idx + 1 :]:
                self.counters.pop(k, None)
            del self.kinds[idx:]
            del self.drafts[idx:]
        parent = self.current()
        draft = _Draft(kind, line.slice(length).strip(), forced=forced, bullet=bullet)
        parent.children.append(draft)
        self.kinds.append(kind)
        self.drafts.append(draft)
        self.counters[kind] = value
        return draft

    # -- one line (or the remainder of a split line)
    def feed(self, line: Line, *, inline: bool = False) -> None:
        hint = line.hint
        if hint is not None and hint.row is not None:
            self.current().entries.append(("row", line))
            self.prev_ended = True
            return
        text = line.text
        if T.is_tail_line(text):
            self.current().entries.append(("tail", line))
            self.prev_ended = True
            return
        if hint is not None and (hint.list_kind is not None or hint.style_level):
            self._feed_word_heading(line, hint)
            return
        nm = self._numbering(text, inline=inline)
        if nm is None:
            # a paragraph; it may still hold inline headings (a plan pasted on one line)
            cut = self._inline_heading(text, 0)
            if cut is not None:
                self._add_para(line.slice(0, cut))
                self.feed(line.slice(cut).strip(), inline=True)
                return
            self._add_para(line)
            return
        draft = self.open_heading(nm.kind, nm.value, line, nm.length)
        self.prev_ended = True
        self._split_rest(draft)

    def _feed_word_heading(self, line: Line, hint: LineHint) -> None:
        """A paragraph Word numbers automatically or styles as a heading: always a heading."""
        nm = P.match_number(line.text) if hint.list_kind is None else None
        if hint.list_kind is not None:
            kind = ("list", *hint.list_kind)
            value = self.expected(kind)
            length = hint.label_len
            bullet = hint.label_len == 0
        elif nm is not None:
            kind, value, length, bullet = nm.kind, nm.value, nm.length, False
        else:
            kind, value, length, bullet = ("style", hint.style_level), 1, 0, False
        draft = self.open_heading(
            kind, value, line, length, forced=bool(hint.style_level), bullet=bullet
        )
        self.prev_ended = True
        self._split_rest(draft)

    def _numbering(self, text: str, *, inline: bool) -> P.NumberMatch | None:
        """The heading number the text starts with, if plausible here; also a 一 that lost
        its 、 ("一坚定不移…") where the 一、二、 series is expected."""
        nm = P.match_number(text)
        if nm is not None and not self.plausible(nm, inline=inline):
            nm = None
        if (
            nm is None
            and self.prev_ended
            and (("cn_dun",) in self.kinds or (self.second_dun and not self.kinds))
        ):
            exp = self.expected(("cn_dun",))
            lost = P.match_lost_dun(text, exp) if exp > 1 or self.second_dun else None
            if lost is not None and self._heading_shaped(text[lost.length :]):
                nm = lost
        return nm

    def _split_rest(self, draft: _Draft) -> None:
        rest = draft.rest
        if rest is None or not rest.text:
            return
        cut = self._inline_heading(rest.text, 0)
        if cut is not None:
            draft.rest = rest.slice(0, cut).strip()
            self.feed(rest.slice(cut).strip(), inline=True)

    def _heading_shaped(self, text: str) -> bool:
        t = text.strip()
        if len(t) <= 30 and not P.ends_sentence(t):
            return True
        k = _first_mark(t)
        return k is not None and k <= 40

    def _inline_heading(self, text: str, start: int) -> int | None:
        """Where the next inline heading starts (after a sentence end or a space), or None."""
        for i in range(max(start, 1), len(text)):
            prev = text[i - 1]
            if not (
                prev in P.TERMINAL
                or prev.isspace()
                or (prev in P.CLOSERS and i >= 2 and text[i - 2] in P.TERMINAL)
            ):
                continue
            ch = text[i]
            if ch not in "一二三四五六七八九十（(第123456789①②③④⑤⑥⑦⑧⑨⑩":
                continue
            nm = P.match_number(text, i)
            if nm is None:
                continue
            if nm.kind[0] == "ar_half":
                continue
            if self._plausible_after_split(nm):
                return i
        return None

    def _plausible_after_split(self, nm: P.NumberMatch) -> bool:
        return self.plausible(nm, inline=True)

    def _add_para(self, line: Line) -> None:
        line = line.strip()
        if not line.text:
            return
        self.current().entries.append(("para", line))
        self.prev_ended = P.ends_sentence(line.text) or line.text.endswith("：")


RUN_IN_MAX = 30  # longest first sentence still read as a run-in heading of a numbered item


def _first_mark(text: str) -> int | None:
    """Index of the first 。：！？； outside brackets and quotes (the end of a run-in heading)."""
    depth = 0
    quote = False
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch in P.RUN_IN_MARKS and depth == 0 and not quote:
            return i
    return None
