"""The rules judged on laid-out pages (export/rendering.py): 落款 not alone, no heading at a
page's foot, title lines as planned, 22 × 28, 版头 geometry, 落款 and page-number places."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from export.gbt9704_check.docx_model import DocxModel
from export.gbt9704_check.file_rules import CHARS, LINES, _portrait, _title_lines
from export.gbt9704_check.findings import FAIL, PASS, RENDER, SKIP, Finding
from export.gbt9704_check.roles import Roles, compact
from export.rendering import MM, Line, Page

CHAR_PT = 16.0  # one 字 of 3号 text
PAGENUM_CHAR_PT = 14.0
PAGENUM_RE = re.compile(r"^[—－-]+\s*(\d+)\s*[—－-]+$")


@dataclass(frozen=True, slots=True)
class Block:
    """The 版心 in page points (origin top left)."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _block(model: DocxModel) -> Block | None:
    sec = _portrait(model)
    if sec is None or None in (sec.width, sec.height, sec.top, sec.bottom, sec.left, sec.right):
        return None
    return Block(
        (sec.left + sec.gutter) / 20,
        (sec.width - sec.right) / 20,
        abs(sec.top) / 20,
        (sec.height - abs(sec.bottom)) / 20,
    )


def _f(rule: str, clause: str, title: str, problems: list[str], ok: str) -> Finding:
    if problems:
        return Finding(rule, clause, title, FAIL, "；".join(problems[:4]), RENDER)
    return Finding(rule, clause, title, PASS, ok, RENDER)


def _skip(rule: str, clause: str, title: str, why: str) -> Finding:
    return Finding(rule, clause, title, SKIP, why, RENDER)


class _Pages:
    """The rendered pages split into text-block lines and footer lines."""

    def __init__(self, pages: list[Page], block: Block) -> None:
        self.pages = pages
        self.block = block
        self.body: list[list[Line]] = []
        self.footer: list[list[Line]] = []
        for page in pages:
            inside = [ln for ln in page.lines if ln.top < block.bottom - 4]
            self.body.append(sorted(inside, key=lambda ln: (round(ln.top), ln.x0)))
            self.footer.append([ln for ln in page.lines if ln.top >= block.bottom - 4])

    def find(self, text: str, *, last: bool = False) -> tuple[int, int] | None:
        """(page index, line index) of the first (or last) block line equal to text."""
        want = compact(text)
        spots = [
            (pi, li)
            for pi, lines in enumerate(self.body)
            for li, ln in enumerate(lines)
            if ln.compact == want
        ]
        if not spots:
            return None
        return spots[-1] if last else spots[0]


def luokuan_page(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "落款不单独成页，署名与成文日期不分开"
    clause = "7.3.5.5"
    if roles.date is None:
        return _skip("LUOKUAN-PAGE", clause, title, "没有成文日期")
    date = pages.find(roles.date.text, last=True)
    if date is None:
        return _skip("LUOKUAN-PAGE", clause, title, "排版结果中找不到成文日期")
    problems = []
    keep = {compact(roles.date.text)}
    if roles.signature is not None:
        sign = pages.find(roles.signature.text, last=True)
        keep.add(compact(roles.signature.text))
        if sign is not None and sign[0] != date[0]:
            problems.append(f"署名在第{sign[0] + 1}页，成文日期在第{date[0] + 1}页")
    before = [ln for ln in pages.body[date[0]][: date[1]] if ln.compact not in keep]
    if not before:
        problems.append(f"第{date[0] + 1}页只有落款，没有正文")
    return _f("LUOKUAN-PAGE", clause, title, problems, f"落款在第{date[0] + 1}页，与正文同页")


def heading_at_page_end(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "标题不排在页末（标题与其正文同页）"
    clause = "7.3.3"
    heads = {compact(h.para.text) for h in roles.headings if h.introduces}
    if not heads:
        return _skip("HEADING-PAGE-END", clause, title, "没有单独成段的标题")
    problems = []
    for pi, lines in enumerate(pages.body[:-1]):
        if not lines or not any(pages.body[pi + 1 :]):
            continue
        for k in (1, 2, 3):
            tail = "".join(ln.compact for ln in lines[-k:])
            if tail in heads:
                problems.append(f"第{pi + 1}页以标题“{tail[:16]}”结尾")
                break
    return _f("HEADING-PAGE-END", clause, title, problems, "没有页面以标题结尾")


def title_wrap(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "标题按计划回行，不自动折行、不留单字"
    clause = "7.3.1"
    planned = _title_lines(roles)
    if not planned or not pages.body:
        return _skip("TITLE-WRAP", clause, title, "未找到标题")
    head = {compact(p.text) for p in (roles.issuer, roles.doc_number) if p is not None}
    lines = [ln for ln in pages.body[0] if ln.compact not in head]
    start = next((i for i, ln in enumerate(lines) if planned[0].startswith(ln.compact)), None)
    if start is None:
        return _f("TITLE-WRAP", clause, title, ["第1页找不到标题"], "")
    size = lines[start].size
    shown: list[str] = []
    for ln in lines[start:]:
        if abs(ln.size - size) > 0.5 or len("".join(shown) + ln.compact) > len("".join(planned)):
            break
        shown.append(ln.compact)
    problems = []
    if shown != planned:
        problems.append("标题排成" + " / ".join(shown) + "，计划为" + " / ".join(planned))
    if any(len(s) == 1 for s in shown) and len(shown) > 1:
        problems.append("标题有一行只有一个字")
    return _f("TITLE-WRAP", clause, title, problems, " / ".join(shown))


def _body_lines(pages: _Pages) -> list[list[Line]]:
    """Lines of 3号 text that start at the margin or 2 字 in (body text, not table cells)."""
    left = pages.block.left

    def body(ln: Line) -> bool:
        inset = ln.x0 - left
        return 15.0 <= ln.size <= 17.0 and (abs(inset) <= 2 or abs(inset - 2 * ln.size) <= 2)

    return [[ln for ln in lines if body(ln)] for lines in pages.body]


def lines_rendered(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "排版后每页22行"
    clause = "5.2.3"
    gaps: list[float] = []
    for lines in _body_lines(pages):
        tops = sorted({round(ln.top, 1) for ln in lines})
        gaps.extend(b - a for a, b in zip(tops, tops[1:], strict=False) if 20 < b - a < 40)
    if not gaps:
        return _skip("LINES-RENDERED", clause, title, "排版结果中没有连续的正文行")
    median = statistics.median(gaps)
    # LibreOffice rounds line positions (28.9/29.0 pt for a 28.95 pt grid): average them
    pitch = statistics.fmean(g for g in gaps if abs(g - median) <= 0.5)
    per_page = int(pages.block.height / pitch + 0.02)
    problems = []
    if per_page != LINES:
        problems.append(f"行距{pitch:.2f}磅，每页排{per_page}行")
    for pi, lines in enumerate(pages.body):
        low = [ln for ln in lines if ln.bottom > pages.block.bottom + 3]
        if low:
            problems.append(f"第{pi + 1}页文字超出版心下边")
    return _f("LINES-RENDERED", clause, title, problems, f"行距{pitch:.2f}磅，每页22行")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def chars_rendered(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "排版后每行28字"
    clause = "5.2.3"
    # The pitch from one ideograph to the next (punctuation may be compressed, so counting
    # characters per line would not do).
    # Only lines that end short of the right edge: justified full lines are stretched.
    advances: list[float] = []
    for lines in _body_lines(pages):
        for ln in lines:
            if ln.x1 >= pages.block.right - ln.size:
                continue
            pairs = zip(ln.text, ln.text[1:], ln.xs, ln.xs[1:], strict=False)
            advances.extend(b - a for c, d, a, b in pairs if _is_han(c) and _is_han(d))
    if len(advances) < 28:
        return _skip("CHARS-RENDERED", clause, title, "排版结果中正文太少，无法量出字距")
    pitch = statistics.median(advances)
    per_line = int((pages.block.right - pages.block.left) / pitch + 0.05)
    if per_line != CHARS:
        return _f("CHARS-RENDERED", clause, title, [f"字距{pitch:.2f}磅，每行排{per_line}字"], "")
    return _f("CHARS-RENDERED", clause, title, [], f"字距{pitch:.2f}磅，每行28字")


def _red(color: tuple[float, ...] | None) -> bool:
    if not color:
        return False
    if len(color) == 3:
        r, g, b = color
        return r > 0.7 and g < 0.3 and b < 0.3
    if len(color) == 4:
        c, m, y, k = color
        return c < 0.3 and m > 0.7 and y > 0.7 and k < 0.3
    return False


def bantou_geometry(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "版头位置：标志上边缘距版心35 mm，字号下空二行，其下4 mm红线，标题在红线下空二行"
    clause = "7.2.4、7.2.5、7.2.7、7.3.1"
    if roles.issuer is None:
        return _skip("BANTOU-GEOMETRY", clause, title, "文件没有版头")
    first = pages.body[0] if pages.body else []
    issuer = next((ln for ln in first if ln.compact == compact(roles.issuer.text)), None)
    if issuer is None:
        return _f("BANTOU-GEOMETRY", clause, title, ["第1页找不到发文机关标志"], "")
    problems = []
    gap = (issuer.top - pages.block.top) / MM
    if abs(gap - 35) > 2.5:
        problems.append(f"发文机关标志上边缘距版心上边缘{gap:.1f} mm，应为35 mm")
    docnum = None
    if roles.doc_number is not None:
        docnum = next((ln for ln in first if ln.compact == compact(roles.doc_number.text)), None)
    if docnum is not None:
        lines_between = (docnum.top - issuer.bottom) / _PITCH
        if not 1.5 <= lines_between <= 2.9:
            problems.append(f"发文字号与标志间隔约{lines_between:.1f}行，应空二行")
    problems += _red_rule_problems(roles, pages, first, docnum)
    return _f("BANTOU-GEOMETRY", clause, title, problems, "版头各要素位置符合要求")


_PITCH = 28.95  # one line of the 版心, pt


def _red_rule_problems(
    roles: Roles, pages: _Pages, first: list[Line], docnum: Line | None
) -> list[str]:
    """The red rule under the 版头: drawn, as wide as the 版心, 4 mm under the 发文字号, the
    title two lines below it."""
    red = [s for s in pages.pages[0].strokes if _red(s.color) and s.x1 - s.x0 > 100]
    if not red:
        return ["第1页没有画出红色分隔线"]
    problems = []
    rule = min(red, key=lambda s: s.top)
    width = (rule.x1 - rule.x0) / MM
    if abs(width - (pages.block.right - pages.block.left) / MM) > 3:
        problems.append(f"红色分隔线宽{width:.0f} mm，应与版心等宽（156 mm）")
    if docnum is not None:
        below = (rule.top - docnum.bottom) / MM
        if abs(below - 4) > 1.5:
            problems.append(f"红色分隔线在发文字号下{below:.1f} mm，应为4 mm")
    planned = _title_lines(roles)
    head = next((ln for ln in first if planned and planned[0].startswith(ln.compact)), None)
    if head is not None:
        lines_after = (head.top - rule.bottom) / _PITCH
        if not 1.5 <= lines_after <= 2.9:
            problems.append(f"标题在红线下约{lines_after:.1f}行，应空二行")
    return problems


def sign_layout(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = (
        "署名与成文日期的位置（不加盖印章：署名右空二字，日期首字右移二字；"
        "加盖印章：日期右空四字，署名居中其上）"
    )
    clause = "7.3.5.1、7.3.5.2"
    if roles.date is None or roles.signature is None:
        return _skip("SIGN-LAYOUT", clause, title, "没有署名和成文日期")
    d = pages.find(roles.date.text, last=True)
    s = pages.find(roles.signature.text, last=True)
    if d is None or s is None or d[0] != s[0]:
        return _skip("SIGN-LAYOUT", clause, title, "排版结果中找不到同页的署名和日期")
    date, sign = pages.body[d[0]][d[1]], pages.body[s[0]][s[1]]
    right, char = pages.block.right, CHAR_PT
    offset = (date.x0 - sign.x0) / char
    unsealed_edge = (right - max(sign.x1, date.x1)) / char
    sealed_edge = (right - date.x1) / char
    centred = abs((sign.x0 + sign.x1) / 2 - (date.x0 + date.x1) / 2) / char
    if abs(offset - 2) <= 0.5 and abs(unsealed_edge - 2) <= 0.5:
        layout = "不加盖印章的排法"
    elif abs(sealed_edge - 4) <= 0.5 and centred <= 0.5:
        layout = "加盖印章的排法"
    else:
        found = f"日期首字比署名首字右移{offset:.1f}字，右空{unsealed_edge:.1f}字"
        if centred <= 0.5:
            found = f"署名居中于日期之上，日期右空{sealed_edge:.1f}字"
        return _f("SIGN-LAYOUT", clause, title, [found + "，两种排法都不符合"], "")
    problems = []
    if s[1] > 0:
        prev = pages.body[s[0]][s[1] - 1]
        blank = (sign.top - prev.top) / 28.95 - 1
        if not 0.6 <= blank <= 1.6:
            problems.append(f"署名与正文之间空{max(blank, 0):.1f}行，应空一行")
    if abs((date.top - sign.top) / 28.95 - 1) > 0.4:
        problems.append("成文日期不在署名的下一行")
    return _f("SIGN-LAYOUT", clause, title, problems, layout)


def pagenum_rendered(model: DocxModel, roles: Roles, pages: _Pages) -> Finding:
    title = "排版后每页有页码“— N —”，单页居右空一字、双页居左空一字，一字线距版心下边缘7 mm"
    clause = "7.5"
    problems = []
    block = pages.block
    for pi, foot in enumerate(pages.footer):
        n = pi + 1
        nums = [(ln, m) for ln in foot if (m := PAGENUM_RE.match(ln.compact))]
        if not nums:
            problems.append(f"第{n}页没有页码")
            continue
        ln, m = nums[0]
        if int(m.group(1)) != n:
            problems.append(f"第{n}页的页码为{m.group(1)}")
        inset = (block.right - ln.x1) if n % 2 else (ln.x0 - block.left)
        if not 0.5 * PAGENUM_CHAR_PT <= inset <= 1.5 * PAGENUM_CHAR_PT:
            side = "右" if n % 2 else "左"
            problems.append(f"第{n}页页码距版心{side}边{inset / PAGENUM_CHAR_PT:.1f}字，应为一字")
        below = ((ln.top + ln.bottom) / 2 - block.bottom) / MM
        if not 4 <= below <= 10:
            problems.append(f"第{n}页页码在版心下{below:.1f} mm，应约7 mm")
    return _f("PAGENUM-RENDERED", clause, title, problems, f"{len(pages.pages)}页页码位置正确")


PAGE_RULES = (
    lines_rendered,
    chars_rendered,
    title_wrap,
    heading_at_page_end,
    bantou_geometry,
    sign_layout,
    luokuan_page,
    pagenum_rendered,
)
RULE_IDS = (
    "LINES-RENDERED",
    "CHARS-RENDERED",
    "TITLE-WRAP",
    "HEADING-PAGE-END",
    "BANTOU-GEOMETRY",
    "SIGN-LAYOUT",
    "LUOKUAN-PAGE",
    "PAGENUM-RENDERED",
)


def page_findings(model: DocxModel, roles: Roles, pages: list[Page]) -> list[Finding]:
    """Every rule judged on the rendered pages."""
    block = _block(model)
    if block is None or not pages:
        return [Finding(rid, "", rid, SKIP, "无法确定版心或没有页面", RENDER) for rid in RULE_IDS]
    split = _Pages(pages, block)
    return [rule(model, roles, split) for rule in PAGE_RULES]


def skipped_page_findings(why: str) -> list[Finding]:
    """The page rules, all skipped (no LibreOffice, or the caller asked for no rendering)."""
    return [Finding(rid, "", rid, SKIP, why, RENDER) for rid in RULE_IDS]
