"""Structure recognition: what a plan's title looks like, and what it names (year, 单位)."""

from __future__ import annotations

import re

from models.importing import patterns as P
from models.text import years as Y

YEAR_RE = re.compile(rf"({Y.YEAR})\s*年")
TITLE_WORDS_RE = re.compile(
    r"工作计划|工作要点|工作安排|工作思路|工作打算|实施方案|工作方案|"
    r"计划|要点|工作任务|通知|"
    r"安排|方案|打算|总结|意见|任务分解|任务清单|分解表|责任清单|报告"
)
ORG_SUFFIX_RE = re.compile(
    r"(镇|乡|街道|街道办事处|办事处|村|社区|县|区|市|州|旗|局|委|办|"
    r"政府|委员会|"
    r"办公室|中心|站|所|院|队|部|处|科|厅|署|会|党委|党组|支部|公司|集团|学校)$"
)
PLAN_WORDS = r"\s*度?\s*(?:工作)?\s*(?:计划|要点|安排|方案|打算|思路|谋划|任务)"


def _year(text: str) -> int | None:
    # "2019年工作总结和2020年工作计划": the year of the plan, not of the summary
    return Y.first_year(text, PLAN_WORDS) or Y.first_year(text)


def organization_of(title: str) -> str | None:
    """The 单位 in a title: 'XX镇2024年工作计划' → 'XX镇'; None when the title names none."""
    t = re.sub(r"^关于(?:印发)?", "", title.strip())
    m = YEAR_RE.search(t)
    prefix = t[: m.start()] if m else ""
    if not m:
        w = TITLE_WORDS_RE.search(t)
        prefix = t[: w.start()] if w else ""
    prefix = re.sub(r"(关于印发|关于|《)$", "", prefix.strip()).strip(' 《“"')
    prefix = re.sub(r"(?:年度|全年)?(?:工作)?$", "", prefix)
    if not prefix or len(prefix) < 2 or len(prefix) > 40 or not ORG_SUFFIX_RE.search(prefix):
        return None
    return prefix


def is_title_like(text: str) -> bool:
    """A short line that names a plan (…2024年工作计划, …工作要点)."""
    t = text.strip()
    if not t or len(t) > 60 or P.ends_sentence(t) or t.endswith(("，", "：", "、")):
        return False
    if P.match_number(t) is not None:
        return False
    return bool(TITLE_WORDS_RE.search(t)) and (bool(YEAR_RE.search(t)) or len(t) <= 40)


# the 附件 line of a plan's closing ("附件：1.…"); after it no new plan begins
ATTACHMENT_RE = re.compile(r"^附\s*件\s*[:：\d]")
