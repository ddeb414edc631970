"""Web-scrape and PDF noise: watermarks, paid markers, ads, breadcrumbs, page numbers."""

from __future__ import annotations

import re
from collections.abc import Callable

from models.importing.model import Line, Removal
from models.importing.script import gloss_spans

# 【更多素^材搜索哒%哒%*文库】 with junk symbols inside and in front
_JUNK = r"@~#%^&*$!！+=|\\/_\-"
WATERMARK_RE = re.compile(rf"[{_JUNK}]*[【\[]([^【】\[\]\n]{{0,40}})[】\]]")
_WATERMARK_WORDS = ("文库", "素材", "更多", "搜索", "下载", "范文", "精品", "资料", "首发")
PAID_RE = re.compile(r"#{1,3}\s*paid\s*(?:begin|end)\s*#{1,3}", re.IGNORECASE)
PAGE_OF_RE = re.compile(r"第\s*\d{1,4}\s*页\s*[，,/／]?\s*共\s*\d{1,4}\s*页")
PAGE_DASH_RE = re.compile(r"(?<![\d\-—–－])[-—–－]{1,2}\s*\d{1,4}\s*[-—–－]{1,2}(?![\d\-—–－])")
# a number that a web reader or PDF dropped into the middle of a sentence: "督查 2 力度"
_UNITS = "个项万亿千百元亩户人家所座条次年月日天号%％只头吨公里米平场名位批期类件份台辆套倍余多周届"
PAGE_CHUNK_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff，、])\s+\d{{1,3}}\s+"
    rf"(?=[\u4e00-\u9fff](?<![{_UNITS}]))"
)

PAGE_LINE_RE = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|\d{1,4}\s*/\s*\d{1,4}|第\s*\d{1,4}\s*页.*|"
    r"page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
COUNT_LABEL_RE = re.compile(
    r"[（(]\s*\d{1,3}\s*篇\s*[)）]\s*(?:\.?(?:docx?|pdf|wps|txt)\s*)?"
    r"(?:VIP)?\s*$",
    re.IGNORECASE,
)
# download-page widgets: "• 约6.22千字", "• 2026-01-28 发布于四川", "• 举报", "| cwl2"
WIDGET_RE = re.compile(
    r"^(?:[•·●▪]\s*(?:\d{1,6}|约?\s*[\d.]+\s*(?:千字|万字|字|页)|"
    r".{0,20}发布于.{0,10}|"
    r"举报|收藏|分享|下载|VIP|免费|原创|付费)|\|\s*\S{1,20}|.{0,20}发布于\S{0,10})$"
)
BREADCRUMB_RE = re.compile(
    r"^[-•·\s]*(?:当前位置|您的位置|您现在的位置|您现在所在的位置|所在位置|位置)\s*[:：]|"
    r"^[-•·\s]*(?:网站)?首页\s*(?:[>»›/＞]|&gt;)|^\s*(?:[>»›＞]|&gt;)\s*\S"
)
# site widgets of government portals and document-sharing sites (whole lines)
_WIDGET_WORDS = (
    r"字体大小|字体|字号|保护视力色|视力保护色|无障碍浏览|无障碍|长辈版|关怀版|智能问答|"
    r"打印本页|打印|关闭窗口|关闭|分享到|收藏本页|收藏|计划总结|附件下载|关联稿件|相关稿件|"
    r"下载文档|下载|举报|打赏|阅读模式|返回顶部|纠错|"
    r"微信|微博|QQ空间|QQ好友|朋友圈|[¥￥]\s*\d+(?:\.\d+)?"
)
_WIDGET_SEP = r"[\s|•·【】\[\]：:大中小/]*"
WIDGET_LINE_RE = re.compile(
    rf"^{_WIDGET_SEP}(?:{_WIDGET_WORDS})(?:{_WIDGET_SEP}(?:{_WIDGET_WORDS}))*{_WIDGET_SEP}$"
)
# a citation code, a page's own title or address repeated as a label
LABEL_LINE_RE = re.compile(
    r"^[【\[]?\s*(?:法宝引证码|本文标题|文章标题|本文链接|链接地址|原文链接|原文地址|本文地址)\s*[】\]:：]"
)
# a file name standing as the first line: 某镇2025年工作计划.docx
FILE_NAME_RE = re.compile(r"^\S.{0,80}\.(?:docx?|wps|pdf|txt|xlsx?)$", re.IGNORECASE)
# a page-chunk number glued into a sentence: 建设2、工作 (the 2 is no part of the text)
GLUED_CHUNK_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第每约近超共计达])\d{1,2}(?=、[\u4e00-\u9fff])"
)

# leftover HTML markup of a scraped page
HTML_RE = re.compile(r"^\s*[•·]?\s*(?:</?[a-zA-Z][^<>]{0,80}>\s*)+$")
META_KEYS = (
    "发布时间",
    "发布日期",
    "来源",
    "作者",
    "浏览次数",
    "浏览量",
    "阅读量",
    "阅读次数",
    "点击数",
    "点击量",
    "责任编辑",
    "编辑",
    "字号",
    "发表时间",
    "访问次数",
    "访问量",
    "信息来源",
    "文章来源",
    "发文时间",
    "更新时间",
    "时间",
    "日期",
)
META_RE = re.compile(r"(?:^|\s)(" + "|".join(META_KEYS) + r")\s*[:：]")
# the disclosure block of government sites: "• 索引号:…", "发布机构: | 县政府办 |"
DISCLOSURE_RE = re.compile(
    r"^[-•·●▪|\[\s]*(?:索\s*引\s*号|发布机构|公开范围|生成日期|公开日期|公开方式|公开目录|"
    r"信息分类|组配分类|文件编号|发文日期|发文时间|发文机关|发文单位|主题词|效力状态|"
    r"废止日期|生效日期|公文生成日期|备注/文号|文\s*号|名\s*称|"
    r"主题分类|成文日期|发文字号|有\s*效\s*性|政策咨询机关|政策咨询电话|"
    r"标\s*题|所属机构|体裁分类|公文种类)\s*[\]】]?\s*[:：|]"
)
AD_RE = re.compile(
    r"点击下载|免费下载|下载文档|下载本文|下载全文|文档下载|下载后可|立即下载|下载地址|下载券|"
    r"素材下载|更多素材|素材网|精品素材|素材搜索|更多精品|范文网|文库|本文档|"
    r"上一篇|下一篇|相关推荐|热门推荐|猜你喜欢|查看更多|展开全文|阅读全文|收藏本文|"
    r"转载请|版权归|版权声明|本文由|原创文章|关注公众号|扫码|扫一扫|二维码|分享至|在手机上查看|在手机打开|打印本页|关闭窗口|"
    r"www\.|https?://|\.com\b|\.cn\b"
)
BLURB_RE = re.compile(
    r"小编|为大家整理|为您整理|精心整理|希望对您有|希望对你有|希望能帮助|欢迎阅读|欢迎借鉴|"
    r"仅供参考|一起来看看|供大家参考|欢迎大家|以下是|下面是|推荐阅读|相关文章|热门文章"
)


def is_noise_line(text: str) -> str | None:
    """Why a whole line is noise ('ad', 'page', 'meta', …) or None when it is content."""
    t = text.strip()
    if not t:
        return None
    return next((kind for kind, rule in _LINE_RULES if rule(t)), None)


def _page_line(t: str) -> bool:
    return bool(PAGE_LINE_RE.match(t)) and not re.match(r"^\d{1,4}[.．、]", t)


def _count_label(t: str) -> bool:
    return bool(COUNT_LABEL_RE.search(t)) and len(t) <= 60


def _widget(t: str) -> bool:
    if WIDGET_RE.match(t) or (len(t) <= 160 and DISCLOSURE_RE.match(t)):
        return True
    return t == "|" or bool(HTML_RE.match(t)) or (len(t) <= 80 and bool(WIDGET_LINE_RE.match(t)))


def _label_line(t: str) -> bool:
    return len(t) <= 200 and bool(LABEL_LINE_RE.match(t))


def _file_name(t: str) -> bool:
    return bool(FILE_NAME_RE.match(t)) and not any(c in t for c in "。；，")


def _breadcrumb(t: str) -> bool:
    if BREADCRUMB_RE.search(t):
        return True
    return len(t) <= 80 and len(re.findall(r"[>»›＞]|&gt;", t)) >= 2


def _meta_line(t: str) -> bool:
    """A line of page metadata: two kinds of 来源/时间/浏览 …, or one leading it, or a date."""
    if len(t) > 100:
        return False
    metas = META_RE.findall(t)
    if not metas:
        return False
    return (
        len(set(metas)) >= 2
        or (metas[0] in META_KEYS[:11] and t.startswith(metas[0]))
        or bool(re.match(r"^(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}日?", t))
    )


def _ad(t: str) -> bool:
    return len(t) <= 100 and bool(AD_RE.search(t))


def _blurb(t: str) -> bool:
    return len(t) <= 150 and bool(BLURB_RE.search(t)) and not t.startswith(("一是", "（"))


# In this order: the first rule that holds names the kind of noise.
_LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("page", _page_line),
    ("label", _count_label),
    ("meta", _widget),
    ("meta", _label_line),
    ("label", _file_name),
    ("breadcrumb", _breadcrumb),
    ("meta", _meta_line),
    ("ad", _ad),
    ("blurb", _blurb),
)


def _watermark_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in WATERMARK_RE.finditer(text):
        inner = re.sub(rf"[{_JUNK}\s]", "", m.group(1))
        if any(w in inner for w in _WATERMARK_WORDS) or (
            m.group(1) != inner and re.search(r"[更多素材搜文库]", inner)
        ):
            spans.append((m.start(), m.end()))
    return spans


def inline_noise_spans(text: str, *, at_end: bool = False) -> list[tuple[str, int, int]]:
    """(kind, start, end) of noise inside a line: watermarks, paid markers, page marks."""
    found: list[tuple[str, int, int]] = []
    found += [("watermark", a, b) for a, b in _watermark_spans(text)]
    found += [("paid", m.start(), m.end()) for m in PAID_RE.finditer(text)]
    found += [("gloss", a, b) for a, b in gloss_spans(text, at_end=at_end)]
    found += [("page", m.start(), m.end()) for m in PAGE_OF_RE.finditer(text)]
    found += [
        ("page", m.start(), m.end())
        for m in PAGE_DASH_RE.finditer(text)
        if _between_text(text, m.start(), m.end())
    ]
    found += [("page", m.start(), m.end()) for m in PAGE_CHUNK_RE.finditer(text)]
    found += [("page", m.start(), m.end()) for m in GLUED_CHUNK_RE.finditer(text) if m.start() >= 2]
    found.sort(key=lambda t: (t[1], -t[2]))
    merged: list[tuple[str, int, int]] = []
    for kind, a, b in found:
        if merged and a < merged[-1][2]:
            # overlapping matches (junk in front of a watermark eating a ## marker):
            # the later one starts where the earlier one ends, each keeps its kind
            a = merged[-1][2]
            if b <= a:
                continue
        merged.append((kind, a, b))
    return merged


def _between_text(text: str, a: int, b: int) -> bool:
    before = text[:a].strip()
    after = text[b:].strip()
    return bool(before) and bool(after) or not before and not after


def remove_noise(lines: list[Line], removed: list[Removal]) -> list[Line]:
    """Drop noise lines and inline noise; record every dropped character."""
    out: list[Line] = []
    last = max((i for i, line in enumerate(lines) if line.text.strip()), default=-1)
    for n, line in enumerate(lines):
        if line.hint is not None and line.hint.table_header:
            removed.append(Removal("table_header", line.text, line.pos))
            continue
        if line.hint is not None and line.hint.row is not None:
            out.append(line)
            continue
        spans = inline_noise_spans(line.text.rstrip(), at_end=n == last)
        if spans:
            for span_kind, a, b in spans:
                removed.append(Removal(span_kind, line.text[a:b], line.pos[a:b]))
            line = line.cut([(a, b) for _k, a, b in spans])
        kind = is_noise_line(line.text)
        if kind == "page" and _number_in_sentence(out, line, lines[n + 1 : n + 2]):
            kind = None  # PDF text: 基地 / 2 / 个 is 基地2个, not a page number
        if kind in ("ad", "blurb"):
            cut = _trailing_noise_start(line.text, AD_RE if kind == "ad" else BLURB_RE)
            if cut:
                tail = line.slice(cut).strip()
                removed.append(Removal(kind, tail.text, tail.pos))
                out.append(line.slice(0, cut))
                continue
        if kind:
            stripped = line.strip()
            removed.append(Removal(kind, stripped.text, stripped.pos))
            continue
        out.append(line)
    return out


def _number_in_sentence(before: list[Line], line: Line, after: list[Line]) -> bool:
    """A bare number between two pieces of one sentence (a count, not a page)."""
    if not re.fullmatch(r"\s*\d{1,6}(?:\.\d+)?\s*", line.text) or not before or not after:
        return False
    prev, nxt = before[-1].text.rstrip(), after[0].text.lstrip()
    return (
        bool(prev)
        and bool(nxt)
        and prev[-1] not in "。；！？：:"
        and bool(re.match(r"[\u4e00-\u9fff]", prev[-1]))
        and (nxt[0] in _UNITS or nxt.startswith(("万", "亿", "多", "余", "以上")))
    )


def _trailing_noise_start(text: str, pattern: re.Pattern[str]) -> int:
    """Where an advert glued to the end of a content sentence starts (0: the whole line)."""
    m = pattern.search(text)
    if m is None:
        return 0
    head = text[: m.start()]
    ends = [i for i, c in enumerate(head) if c in "。！？；"]
    if not ends:
        return 0
    cut = ends[-1] + 1
    while cut < len(text) and text[cut] in "”’）":
        cut += 1
    return cut if text[:cut].strip() and is_noise_line(text[cut:]) else 0
