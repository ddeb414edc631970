"""Responsibility tails (（牵头领导：…；责任单位：…；完成时限：…）) and task hints."""

from __future__ import annotations

import re

from models.text.years import YEAR
from models.vocab import Recurrence

FIELD_KEYS: dict[str, str] = {
    "牵头领导": "lead_leader",
    "分管领导": "lead_leader",
    "责任领导": "lead_leader",
    "包抓领导": "lead_leader",
    "联系领导": "lead_leader",
    "县级领导": "lead_leader",
    "牵头单位": "owner_unit",
    "责任单位": "owner_unit",
    "主责单位": "owner_unit",
    "主办单位": "owner_unit",
    "承办单位": "owner_unit",
    "责任部门": "owner_unit",
    "牵头部门": "owner_unit",
    "责任科室": "owner_unit",
    "牵头科室": "owner_unit",
    "责任股室": "owner_unit",
    "配合科室": "co_units",
    "配合单位": "co_units",
    "协办单位": "co_units",
    "参与单位": "co_units",
    "配合部门": "co_units",
    "协同单位": "co_units",
    "具体责任人": "owner_person",
    "责任人": "owner_person",
    "联系人": "owner_person",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "时限要求": "deadline",
    "完成期限": "deadline",
    "时限": "deadline",
    "量化目标": "target",
    "量化指标": "target",
}
_KEYS = "|".join(sorted(FIELD_KEYS, key=len, reverse=True))
KEY_RE = re.compile(rf"({_KEYS})\s*[：:]")
# （牵头领导：张三；责任单位：…） anywhere; the bracket holds nothing but key：value pairs
BRACKET_TAIL_RE = re.compile(rf"[（(]\s*(?:{_KEYS})\s*[：:][^（）()]*[）)]")
# ——牵头领导：…  or  "  责任单位：…" to the end of the line
DASH_TAIL_RE = re.compile(rf"(?:——|—|--|－－|\s+)\s*(?:{_KEYS})\s*[：:].*$")
LINE_TAIL_RE = re.compile(rf"^\s*(?:{_KEYS})\s*[：:]")


# （县发改局牵头，县财政局、各乡镇负责） / （区卫生健康委负责）: one bracket level inside
_UNIT = r"(?:[^（）()\[\]【】。；;]|[（(][^（）()]{1,20}[）)])"
DUTY_TAIL_RE = re.compile(
    rf"[（(\[【]\s*({_UNIT}{{2,80}}?(?:牵头负责|负责|牵头|配合|按职责分工负责|分别负责))\s*[）)\]】]"
)
_DUTY_SPLIT_RE = re.compile(r"牵头[，,、；;]?")


def parse_duty(inner: str) -> dict[str, str]:
    """Fields of a （…负责） tail: the unit before 牵头 leads, the others are co_units."""
    inner = inner.strip()
    m = _DUTY_SPLIT_RE.search(inner)
    out: dict[str, str] = {}
    if m:
        owner = inner[: m.start()].strip("，,、 ")
        rest = inner[m.end() :].strip("，,、 ")
        rest = re.sub(r"(?:按职责分工)?(?:分别|共同|配合|参与)?负责$|配合$|参与$", "", rest)
        if owner:
            out["owner_unit"] = owner
        if rest.strip("，,、 "):
            out["co_units"] = rest.strip("，,、 ")
        return out
    owner = re.sub(r"(?:按职责分工)?(?:分别|共同)?负责$|配合$", "", inner).strip("，,、 ")
    if owner:
        out["owner_unit"] = owner
    return out


def tail_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every responsibility tail in ``text``."""
    spans = [(m.start(), m.end()) for m in BRACKET_TAIL_RE.finditer(text)]
    for m in DUTY_TAIL_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            spans.append((m.start(), m.end()))
    spans.sort()
    covered = spans[-1][1] if spans else 0
    dash = DASH_TAIL_RE.search(text, covered)
    if dash and text[: dash.start()].strip():
        spans.append((dash.start(), dash.end()))
    return spans


def is_tail_line(text: str) -> bool:
    """A line that is only a responsibility tail (written under its task)."""
    t = text.strip()
    if LINE_TAIL_RE.match(t):
        return True
    m = DUTY_TAIL_RE.fullmatch(t) or BRACKET_TAIL_RE.fullmatch(t)
    return m is not None


def parse_tail(tail: str) -> dict[str, str]:
    """Field values of a tail: {'lead_leader': '张三', 'owner_unit': '镇农业办、镇财政所', …}."""
    out: dict[str, str] = {}
    keys = list(KEY_RE.finditer(tail))
    if not keys:
        m = DUTY_TAIL_RE.search(tail)
        return parse_duty(m.group(1)) if m else out
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(tail)
        value = tail[m.end() : end].strip().strip("；;，,。）)").strip()
        field = FIELD_KEYS[m.group(1)]
        if field == "owner_unit" and field in out:
            field = "co_units"  # 牵头单位：…；责任单位：… — the lead, then the others
        if value and field not in out:
            out[field] = value
    return out


# ---------------------------------------------------------------- hints
_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
DEADLINE_RE = re.compile(
    rf"(?:{YEAR}年)?(?:{_CN_MONTH}月(?:份)?(?:\d{{1,2}}日)?"
    rf"(?:底|末|中旬|上旬|下旬|初)?(?:前|以前|之前)|{_CN_MONTH}月(?:底|末)"
    r"|年底前|年底|年末前|年内|年度内|上半年|下半年|第[一二三四1-4]季度(?:末|前)?)"
)
_UNIT_WORDS = (
    "万只|万头|万亩|千亩|百亩|亩|万元|亿元|千元|元|万人|人次|人|户|个|项|家|所|座|"
    "条|场|次|"
    "公里|千米|米|平方米|立方米|吨|只|头|台|辆|套|件|批|处|间|名|篇|期|类|%|％"
)
TARGET_RE = re.compile(
    rf"(?:\d+(?:\.\d+)?\s*(?:万|亿|千|百)?\s*(?:{_UNIT_WORDS})"
    rf"|[一二三四五六七八九十两]*[百千万亿]+(?:{_UNIT_WORDS}))(?:以上|以内|左右|及以上|以下)?"
)
FREQUENCY_WORDS: list[tuple[str, str]] = [
    ("每月", Recurrence.MONTHLY),
    ("按月", Recurrence.MONTHLY),
    ("月度", Recurrence.MONTHLY),
    ("每季度", Recurrence.QUARTERLY),
    ("每季", Recurrence.QUARTERLY),
    ("按季度", Recurrence.QUARTERLY),
    ("季度", Recurrence.QUARTERLY),
    ("每半年", Recurrence.HALFYEAR),
    ("半年一次", Recurrence.HALFYEAR),
    ("常态化", "regular"),
    ("定期", "regular"),
    ("每周", "regular"),
    ("长效", "regular"),
    ("经常性", "regular"),
]


def deadline_hint(text: str) -> str | None:
    """The first deadline written in words (6月底前, 年底前, 2024年10月前, 第一季度)."""
    m = DEADLINE_RE.search(text)
    return m.group(0) if m else None


def target_hints(text: str) -> str | None:
    """Quantified targets (5万只, 98%以上, 千亩), joined with 、."""
    found: list[str] = []
    for m in TARGET_RE.finditer(text):
        value = m.group(0)
        # a year (2025年) or a date is no target
        if re.fullmatch(r"\d{4}", value.rstrip("年")) or value in found:
            continue
        found.append(value)
        if len(found) == 3:
            break
    return "、".join(found) if found else None


def frequency_hint(text: str) -> str | None:
    """monthly / quarterly / halfyear / regular when the text asks for recurring work."""
    for word, code in FREQUENCY_WORDS:
        if word in text:
            if word == "季度" and re.search(r"第[一二三四1-4]季度", text):
                continue
            return code
    return None
