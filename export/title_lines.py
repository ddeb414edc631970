"""Breaking a 公文 title into lines: whole words, balanced, symmetrical (GB/T 9704 7.3.1).

No general segmenter: a title is built from a small closed vocabulary (关于, 印发, 年度,
工作计划, 落实情况, 督查通报 …), dates and numbers, and the names of the organization,
which the plan itself holds. So the title is cut into the plan's own names, number
tokens and the words below (longest match first); only what none of them covers is
left in two-character pieces, and a break inside such a piece costs more than a break
between words. (jieba would bring a 20 MB dictionary and a second's start-up to the
old PCs for one line per document; its last release is from 2020.)
"""

from __future__ import annotations

import math
import re

TITLE_MAX_WIDTH = 19.5  # 22 pt glyphs in 156 mm hold 20; half a character left for safety

# Words of 公文 titles (never broken inside). Longer words first is not needed: the
# longest match at each position wins.
TITLE_WORDS = frozenset(
    """
    关于 印发 转发 通知 通报 报告 请示 批复 意见 决定 方案 办法 细则 规定 要点 计划 总结
    工作 工作计划 工作要点 工作总结 实施方案 实施意见 工作方案 任务分解表 任务 分解 清单
    年度 上半年 下半年 全年 季度 月度 进展 进展情况 落实 落实情况 完成情况 情况 督查 督办
    督查通报 督办通知 逾期 临期 事项 重点 重点工作 主要 目标 责任 考核 推进 开展 加强 深化
    全面 进一步 农村 人居 环境 人居环境 整治 提升 乡村 振兴 乡村振兴 治理 基层 社会 经济
    发展 产业 建设 安全 生产 安全生产 生态 环保 保护 文明 创建 党建 党风 廉政 党风廉政
    法治 政府 依法 行政 依法行政 普法 司法 公共 法律 服务 公共法律服务 数据 共享 营商
    优化 改革 民生 社会事业 项目 招商 引资 招商引资 防汛 抗旱 森林 防火 疫情 防控 应急
    管理 教育 卫生 健康 文化 旅游 交通 水利 农业 林业 统计 财政 审计 信访 维稳 稳定
    人民政府 人民 委员会 办公室 党委 政府 街道 社区 村委会 的 和 与 及 暨 等 有关 相关
    """.split()
)
# Characters that end a name: no break before them (测试|镇 stays 测试镇).
_SUFFIXES = set("镇乡县市区村局委办所站院厅处科队组部省州盟旗")
_NO_BREAK_BEFORE = set("，。、；：）》”’")
_NO_BREAK_AFTER = set("（《“‘")
_NUMBER = re.compile(
    r"\d{4}[-—至]\d{4}年度?|\d{4}年度?|\d{1,2}月份?|\d{1,2}日|第[一二三四]季度|[上下]半年"
    r"|〔\d{4}〕\d+号|《[^》]{1,14}》|（[^）]{1,8}）|[A-Za-z0-9]+"
)


def title_width(text: str) -> float:
    """Printed width in 22 pt characters; half-width glyphs counted generously."""
    width = 0.0
    for ch in text:
        if ch.isascii():
            width += 0.7 if ch.isupper() else 0.6
        else:
            width += 1.0
    return width


def title_tokens(title: str, names: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """The title as (token, known) pieces: names, numbers, words; unknown text in pairs."""
    names = tuple(sorted({n for n in names if len(n) >= 2}, key=len, reverse=True))
    out: list[tuple[str, bool]] = []
    unknown = ""

    def flush() -> None:
        nonlocal unknown
        for i in range(0, len(unknown), 2):
            out.append((unknown[i : i + 2], False))
        unknown = ""

    i = 0
    while i < len(title):
        match = next((n for n in names if title.startswith(n, i)), None)
        if match is None:
            number = _NUMBER.match(title, i)
            match = number.group(0) if number else None
        if match is None:
            match = next(
                (title[i : i + k] for k in range(6, 0, -1) if title[i : i + k] in TITLE_WORDS),
                None,
            )
        if match is None:
            unknown += title[i]
            i += 1
            continue
        flush()
        out.append((match, True))
        i += len(match)
    flush()
    return out


def _breaks(title: str, names: tuple[str, ...]) -> dict[int, float]:
    """Allowed break offsets -> cost (0 between known words, more inside unknown text)."""
    tokens = title_tokens(title, names)
    cuts: dict[int, float] = {}
    pos = 0
    for n, (text, known) in enumerate(tokens[:-1]):
        pos += len(text)
        nxt, nxt_known = tokens[n + 1]
        before, after = title[pos - 1], title[pos]
        if after in _NO_BREAK_BEFORE or before in _NO_BREAK_AFTER:
            continue
        if after in _SUFFIXES and not nxt_known:
            continue
        if nxt[0] in _SUFFIXES and len(nxt) == 1:
            continue
        cuts[pos] = 0.0 if known and nxt_known else 2.5
    return cuts


def split_title(
    title: str, max_width: float = TITLE_MAX_WIDTH, names: tuple[str, ...] = ()
) -> list[str]:
    """The title's lines: whole words, each at most ``max_width``, balanced, no line of one
    character, and never an hourglass (a middle line shorter than both neighbours)."""
    title = " ".join(title.split())
    total = title_width(title)
    if total <= max_width:
        return [title]
    cuts = _breaks(title, names)
    for n_lines in range(math.ceil(total / max_width), 5):
        best = _best_split(title, n_lines, max_width, cuts)
        if best is not None:
            return best
    # no word boundary fits (a title of one 40-character name): cut evenly
    step = math.ceil(len(title) / math.ceil(total / max_width))
    return [title[i : i + step] for i in range(0, len(title), step)]


def _best_split(title: str, n: int, max_width: float, cuts: dict[int, float]) -> list[str] | None:
    positions = sorted(cuts)
    best: tuple[float, list[str]] | None = None

    def rec(start: int, left: int, acc: list[str], cost: float) -> None:
        nonlocal best
        if left == 1:
            lines = [*acc, title[start:]]
            widths = [title_width(x) for x in lines]
            if max(widths) > max_width or min(len(x) for x in lines) < 2:
                return
            if any(
                widths[k] < max(widths[:k]) and widths[k] < max(widths[k + 1 :])
                for k in range(1, len(widths) - 1)
            ):
                return
            score = cost + (max(widths) - min(widths))
            if n == 2 and widths[0] > widths[1]:
                score += 0.5  # 正梯形 (short line on top) reads best
            if best is None or score < best[0]:
                best = (score, lines)
            return
        for c in positions:
            if c <= start:
                continue
            if title_width(title[start:c]) > max_width:
                break
            rec(c, left - 1, [*acc, title[start:c]], cost + cuts[c])

    if len(positions) <= 60:
        rec(0, n, [], 0.0)
    return best[1] if best else None
