"""What surrounds a plan in real files: cover notices, page metadata, the 总结 part.

A cover notice (关于印发…的通知: 文号, addressees, a few sentences, signature, date) puts
the plan in its attachment; the plan starts at its own title line after the date. Page
metadata rows (标题：…, 发布机构：…) name the title and issuer when the text does not.
A 总结+计划 document has retrospective sections first (一、2024年工作回顾 …); they are
kept apart from the plan's tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from models.importing import patterns as P
from models.importing.model import Line, Removal

NOTICE_TITLE_RE = re.compile(r"^(.{0,40}?)关于.{2,160}的(?:通知|通报|批复|函)$")
ADDRESSEE_RE = re.compile(r"^各(?!位).{1,160}[：:]$")
_ADDRESSEE_WORDS = re.compile(
    r"人民政府|政府|单位|部门|委员会|办事处|管委会|机构|局|乡镇|街道|镇|乡|委|厅|公司|学校"
)
DATE_LINE_RE = re.compile(
    r"^(?:(?:19|20)\d{2}|[二][〇零○][〇零○一二三四五六七八九]{2})\s*年\s*"
    r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$"
)
PUBLIC_NOTE_RE = re.compile(r"^[（(]此件[^）)]{0,12}[）)]$")
ATTACH_LABEL_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?\s*$")
DOC_NUMBER_LINE_RE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号$"
)
ORG_LINE_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:人民政府|政府|办公室|办公厅|委员会|局|委|办|厅|镇|乡|"
    r"街道办事处|街道|管委会|中心|党委)$"
)
META_TITLE_RE = re.compile(
    r"(?:标\s*题|名\s*称)\s*[:：|]\s*\|?\s*([^|]+?)\s*"
    r"(?:\||\s+[\u4e00-\u9fff]{2,6}\s*[:：]|\s文\s*号|$)"
)
META_ISSUER_RE = re.compile(r"(?:发布机构|发文机关|发文单位)\s*[:：|]\s*\|?\s*([^|\s]{2,30})")

RETRO_RE = re.compile(
    r"工作回顾|工作总结|总结|(?:开展|完成|推进|进展|落实|执行|工作)情况|主要成效|取得的成效|"
    r"工作成效|成绩|"
    r"存在的问题|存在问题|问题和不足|困难和问题|主要做法|工作亮点"
)
PLAN_RE = re.compile(
    r"计划|打算|思路|谋划|安排|要点|目标任务|主要任务|重点任务|下一步|下步|下半年|明年|今后|"
    r"工作重点|重点工作|措施|建议"
)


@dataclass(slots=True)
class Notice:
    """Where a cover notice is in a plan's lines."""

    title: str | None  # the notice title, lines joined
    title_at: tuple[int, int] | None  # its lines
    issuer: str | None
    doc_number: str | None
    plan_start: int | None  # the plan's title line, None: the notice only


def page_metadata(removed: list[Removal]) -> tuple[str | None, str | None]:
    """(title, issuer) named by the page's metadata rows that noise removal dropped."""
    title = issuer = None
    for r in removed:
        if r.kind != "meta":
            continue
        if title is None:
            m = META_TITLE_RE.search(r.text)
            if m and len(m.group(1).strip()) >= 4:
                title = P.collapse_spaces(m.group(1))
        if issuer is None:
            m = META_ISSUER_RE.search(r.text)
            if m:
                issuer = m.group(1).strip()
    return title, issuer


def _joined(lines: list[Line], i: int, k: int) -> str:
    return "".join(P.collapse_spaces(line.text) for line in lines[i : i + k])


def _notice_title(lines: list[Line], i: int) -> tuple[int, str, str | None] | None:
    """(line count, title, issuer) of a notice title starting at line i (up to 3 lines)."""
    for k in (1, 2, 3):
        if i + k > len(lines):
            break
        text = _joined(lines, i, k)
        if len(text) > 200 or any(c in text for c in "。；"):
            break
        m = NOTICE_TITLE_RE.match(text)
        if m:
            issuer = m.group(1).strip() or None
            return k, text, issuer
    return None


def _table_or_heading(line: Line) -> bool:
    hint = line.hint
    return hint is not None and (hint.row is not None or bool(hint.style_level))


def find_notice(lines: list[Line], is_title_like) -> Notice | None:  # noqa: ANN001
    """The cover notice at the top of ``lines``, or None when the text starts with the plan."""
    title, addressee = _title_and_addressee(lines)
    if addressee is None:
        return None
    doc_number = next(
        (
            P.collapse_spaces(line.text)
            for line in lines[: addressee + 1]
            if DOC_NUMBER_LINE_RE.match(P.collapse_spaces(line.text))
        ),
        None,
    )
    issuer = title[3] if title else None
    plan_start, issuer = _plan_after_date(lines, addressee, issuer, is_title_like)
    if plan_start is None and title is not None:
        plan_start = _plan_named_by_title(lines, addressee, title[2])
    if plan_start is None:
        # a table or a styled heading after the notice is the plan, title or not
        plan_start = next(
            (k for k in range(addressee + 1, len(lines)) if _table_or_heading(lines[k])),
            None,
        )
    return Notice(
        title=title[2] if title else None,
        title_at=(title[0], title[1]) if title else None,
        issuer=issuer,
        doc_number=doc_number,
        plan_start=plan_start,
    )


def _title_and_addressee(
    lines: list[Line],
) -> tuple[tuple[int, int, str, str | None] | None, int | None]:
    """The notice title (first line, end line, text, issuer) and the addressee line
    ("各村（社区）：") among the first lines; the addressee is None when there is none."""
    title = None
    for i, line in enumerate(lines[:25]):
        text = P.collapse_spaces(line.text)
        if title is None:
            found = _notice_title(lines, i)
            if found:
                title = (i, i + found[0], found[1], found[2])
                continue
        if ADDRESSEE_RE.match(text) and _ADDRESSEE_WORDS.search(text) and len(text) <= 160:
            return title, i
        if P.match_number(text) is not None and not text.startswith(("各", "关于")):
            break  # the plan's own outline began: no notice
    return title, None


def _plan_after_date(
    lines: list[Line], addressee: int, issuer: str | None, is_title_like: Callable[[str], bool]
) -> tuple[int | None, str | None]:
    """The plan's title line after the notice's date (or 附件 label), and the issuer signed
    above that date when the title named none."""
    j = addressee + 1
    while j < len(lines):
        text = P.collapse_spaces(lines[j].text)
        if DATE_LINE_RE.match(text) or ATTACH_LABEL_RE.match(text):
            if DATE_LINE_RE.match(text) and issuer is None and j - 1 > addressee:
                sign = P.collapse_spaces(lines[j - 1].text)
                if ORG_LINE_RE.match(sign):
                    issuer = sign
            k = j + 1
            while k < len(lines) and (
                PUBLIC_NOTE_RE.match(P.collapse_spaces(lines[k].text))
                or ATTACH_LABEL_RE.match(P.collapse_spaces(lines[k].text))
            ):
                k += 1
            if k < len(lines):
                nxt = P.collapse_spaces(lines[k].text)
                two = nxt + (P.collapse_spaces(lines[k + 1].text) if k + 1 < len(lines) else "")
                if is_title_like(nxt) or (ORG_LINE_RE.match(nxt) and is_title_like(two)):
                    return k, issuer
        j += 1
    return None, issuer


def _plan_named_by_title(lines: list[Line], addressee: int, title: str) -> int | None:
    """The plan's own title line as named in 《》 by the notice title, date or not."""
    named = re.search(r"《(.+?)》", title)
    key = P.fold(named.group(1)) if named else None
    return next(
        (k for k in range(addressee + 1, len(lines)) if key and P.fold(lines[k].text) == key),
        None,
    )


def title_lines(lines: list[Line], is_title_like) -> int:  # noqa: ANN001
    """How many lines at the top form the title (0: none): one, or one broken over 2–3."""
    if not lines:
        return 0
    first = P.collapse_spaces(lines[0].text)
    if len(lines) > 1:
        second = P.collapse_spaces(lines[1].text)
        # 重庆市某镇人民政府 / 2024年政府工作报告: the issuer above the title
        if ORG_LINE_RE.match(first) and is_title_like(second) and len(first + second) <= 60:
            return 2
        if NOTICE_TITLE_RE.match(first + second) and not NOTICE_TITLE_RE.match(first):
            return 2
        # a title broken before its last words (PDF copies): 某县2025年重点 / 工作计划
        if (
            not is_title_like(first)
            and len(first) <= 40
            and P.match_number(first) is None
            and not any(c in first for c in "。；：，")
            and is_title_like(first + second)
            and len(second) <= 20
            and is_title_like(second[-6:] if len(second) > 6 else second)
        ):
            return 2
    return 1 if is_title_like(first) else 0


def is_retrospective(heading: str) -> bool:
    """A section heading of the 总结 part (工作回顾, 工作开展情况, 存在的问题 …)."""
    return bool(RETRO_RE.search(heading)) and not PLAN_RE.search(heading)
