"""The rules judged from the .docx itself: page, grid, fonts per level, numbering, 版头, 落款,
page numbers. Each function returns one Finding; the clause numbers are GB/T 9704-2012's."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

from export.gbt9704_check.docx_model import TWIPS_PER_MM, DocxModel, Paragraph, RunProps
from export.gbt9704_check.findings import FAIL, PASS, SKIP, Finding
from export.gbt9704_check.roles import ATTACH_LABEL_RE, DATE_RE, Roles, compact, is_red

# The standard's numbers (5.1, 5.2): paper, margins, grid, sizes (字号 in pt).
A4_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "left": 28.0, "right": 26.0, "bottom": 35.0}
MARGIN_TOL_MM = 1.0
LINES = 22
CHARS = 28
BODY_PT, TITLE_PT, PAGENUM_PT = 16.0, 22.0, 14.0
TITLE_MAX_CHARS = 20  # 22 pt glyphs in the 156 mm text block

# Accepted names per family: the official font, its 方正/GBK variants and the fonts a stock
# Windows ships in its place (仿宋, 楷体; 华文中宋/宋体 for 小标宋), as gbt9704.md §4 lists.
FAMILIES = {
    "仿宋": {"仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体"}
    | {"华文仿宋", "STFangsong"},
    "楷体": {"楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体"}
    | {"华文楷体", "STKaiti"},
    "黑体": {"黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"},
    "小标宋": {"方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun"},
    "宋体": {"宋体", "SimSun", "新宋体", "NSimSun"},
}
LEVEL_FONTS = {1: "黑体", 2: "楷体", 3: "仿宋", 4: "仿宋"}
LEVEL_NAMES = {
    1: "一级标题（一、）",
    2: "二级标题（（一））",
    3: "三级标题（1.）",
    4: "四级标题（（1））",
}


def _finding(rule: str, clause: str, title: str, problems: list[str], ok_text: str) -> Finding:
    if problems:
        return Finding(rule, clause, title, FAIL, "；".join(problems[:4]))
    return Finding(rule, clause, title, PASS, ok_text)


def _skip(rule: str, clause: str, title: str, why: str) -> Finding:
    return Finding(rule, clause, title, SKIP, why)


def _short(text: str, n: int = 14) -> str:
    text = compact(text)
    return f"“{text[:n]}…”" if len(text) > n else f"“{text}”"


def _mm(twips: int | None) -> float | None:
    return None if twips is None else twips / TWIPS_PER_MM


# ---------------------------------------------------------------- page (5.1, 5.2.1, 5.2.3)
def page_size(model: DocxModel, roles: Roles) -> Finding:
    title = "纸张为A4（210 mm × 297 mm）"
    problems = []
    for n, sec in enumerate(model.sections, 1):
        w, h = _mm(sec.width), _mm(sec.height)
        if w is None or h is None:
            problems.append(f"第{n}节未设置纸张大小")
            continue
        size = sorted((w, h))
        if abs(size[0] - A4_MM[0]) > 1 or abs(size[1] - A4_MM[1]) > 1:
            problems.append(f"第{n}节纸张为 {w:.0f} mm × {h:.0f} mm")
    return _finding("PAGE-SIZE", "5.1", title, problems, "各节均为A4")


def _portrait(model: DocxModel):
    for sec in model.sections:
        if sec.width and sec.height and sec.width < sec.height:
            return sec
    return model.sections[0] if model.sections else None


def margins(model: DocxModel, roles: Roles) -> Finding:
    title = "页边距：天头37 mm、订口28 mm、右26 mm、下35 mm（±1 mm）"
    sec = _portrait(model)
    if sec is None:
        return Finding("MARGINS", "5.2.1", title, FAIL, "文档没有节属性（sectPr），页边距未定义")
    names = {"top": "天头（上）", "left": "订口（左）", "right": "右", "bottom": "下"}
    problems = []
    for side, want in MARGINS_MM.items():
        value = getattr(sec, side)
        if side == "left" and value is not None:
            value += sec.gutter
        mm = _mm(value)
        if mm is None or abs(abs(mm) - want) > MARGIN_TOL_MM:
            got = "未设置" if mm is None else f"{abs(mm):.1f} mm"
            problems.append(f"{names[side]}边距为{got}，应为{want:.0f} mm")
    return _finding("MARGINS", "5.2.1", title, problems, "37/28/26/35 mm")


def _body_paras(roles: Roles) -> list[Paragraph]:
    return [p for p in roles.body if p.props.align not in ("center", "right", "end")]


def _size(props: RunProps) -> float:
    return props.size_pt if props.size_pt is not None else 10.0  # Word's built-in default


def _block(model: DocxModel) -> tuple[float, float] | None:
    """Text block width and height in pt, of the first portrait section."""
    sec = _portrait(model)
    if sec is None or None in (sec.width, sec.height, sec.top, sec.bottom, sec.left, sec.right):
        return None
    width = (sec.width - sec.left - sec.right - sec.gutter) / 20
    height = (sec.height - abs(sec.top) - abs(sec.bottom)) / 20
    return width, height


def _pitch(model: DocxModel, para: Paragraph) -> float | None:
    """The line pitch of a body paragraph in pt, when it is fixed; None when it depends on
    the font (auto spacing without a line grid)."""
    sec = _portrait(model)
    rule, line = para.props.line_rule, para.props.line
    if rule == "exact" and line:
        return abs(line) / 20
    grid = sec.line_pitch if sec and sec.grid_type in ("lines", "linesAndChars") else None
    if rule in (None, "auto") and grid and (line is None or line <= 240):
        return grid / 20
    if rule == "atLeast" and line:
        size = max((_size(s.props) for s in para.segments), default=BODY_PT)
        return max(abs(line) / 20, size * 1.3)
    return None


def lines_per_page(model: DocxModel, roles: Roles) -> Finding:
    title = "每页22行（行距固定，22行排满版心）"
    block = _block(model)
    paras = _body_paras(roles)
    if block is None or not paras:
        return _skip("LINE-GRID", "5.2.3", title, "没有正文段落或版心尺寸")
    pitches = Counter(_pitch(model, p) for p in paras)
    problems = []
    for pitch, count in pitches.most_common():
        if pitch is None:
            problems.append(f"{count}个正文段落的行距随字体变化（未设固定值或网格）")
            continue
        lines = math.floor(block[1] / pitch + 1e-6)
        if lines != LINES:
            problems.append(f"{count}个正文段落行距{pitch:.2f}磅，版心只排{lines}行")
    main = pitches.most_common(1)[0][0]
    return _finding("LINE-GRID", "5.2.3", title, problems, f"行距{main:.2f}磅，每页22行")


def chars_per_line(model: DocxModel, roles: Roles) -> Finding:
    title = "每行28字"
    block = _block(model)
    paras = _body_paras(roles)
    sec = _portrait(model)
    if block is None or not paras or sec is None:
        return _skip("CHAR-GRID", "5.2.3", title, "没有正文段落或版心尺寸")
    counts: Counter[int] = Counter()
    for para in paras:
        for seg in para.segments:
            if not seg.text.strip():
                continue
            if sec.grid_type == "linesAndChars" and sec.char_space is not None:
                cell = (model.normal_size_pt or 10.0) + sec.char_space / 4096
                cell = max(cell, _size(seg.props) + (seg.props.spacing_twips or 0) / 20)
            else:
                cell = _size(seg.props) + (seg.props.spacing_twips or 0) / 20
            counts[math.floor(block[0] / cell + 1e-6)] += len(seg.text)
    bad = {n: c for n, c in counts.items() if n != CHARS}
    problems = [f"{c}个字符所在的行只排{n}字" for n, c in sorted(bad.items())]
    return _finding("CHAR-GRID", "5.2.3", title, problems, "每行28字")


def paragraph_spacing(model: DocxModel, roles: Roles) -> Finding:
    title = "正文段前段后不留空（保持行格）"
    problems = []
    for p in roles.body:
        pp = p.props
        if any(v not in (None, 0) for v in (pp.before, pp.after, pp.before_lines, pp.after_lines)):
            problems.append(
                f"{_short(p.text)}段前{(pp.before or 0) / 20:g}磅、段后{(pp.after or 0) / 20:g}磅"
            )
    if not roles.body:
        return _skip("PARA-SPACING", "5.2.3", title, "没有正文段落")
    return _finding("PARA-SPACING", "5.2.3", title, problems, "段前段后均为0")


# ---------------------------------------------------------------- fonts (5.2.2, 5.2.4, 7.3)
def _font_problems(
    model: DocxModel,
    props_list: list[RunProps],
    family: str,
    size: float,
    label: str,
    extra: Callable[[RunProps], str | None] | None = None,
) -> list[str]:
    problems: list[str] = []
    for props in props_list:
        name = model.font_name(props)
        if name not in FAMILIES[family]:
            problems.append(f"{label}中文字体为“{name or '未指定'}”，应为{family}")
        if props.size_pt != size:
            got = "未指定" if props.size_pt is None else f"{props.size_pt:g}磅"
            problems.append(f"{label}字号为{got}，应为{size:g}磅")
        if extra is not None and (msg := extra(props)):
            problems.append(f"{label}{msg}")
    return list(dict.fromkeys(problems))


def body_font(model: DocxModel, roles: Roles) -> Finding:
    title = "正文用3号仿宋体字"
    props = []
    for p in roles.body:
        heading = next((h for h in roles.headings if h.para is p), None)
        start = heading.span_end if heading else 0
        props.extend(p.span_props(start, len(p.text)))
    if not props:
        return _skip("BODY-FONT", "5.2.2", title, "没有正文文字")
    return _finding(
        "BODY-FONT",
        "5.2.2",
        title,
        _font_problems(model, props, "仿宋", BODY_PT, "正文"),
        "3号仿宋",
    )


def text_color(model: DocxModel, roles: Roles) -> Finding:
    title = "文字为黑色（版头的发文机关标志除外）"
    problems = []
    for p in model.paragraphs:
        if p is roles.issuer or not p.text.strip():
            continue
        for seg in p.segments:
            if seg.text.strip() and (seg.props.color or "auto").lower() not in ("auto", "000000"):
                problems.append(f"{_short(p.text)}为彩色（{seg.props.color}）")
                break
    return _finding("TEXT-COLOR", "5.2.4", title, problems, "均为黑色")


def title_font(model: DocxModel, roles: Roles) -> Finding:
    title = "标题用2号小标宋体字，居中，不加粗"
    if not roles.title:
        return Finding("TITLE-FONT", "7.3.1", title, FAIL, "未找到标题")
    props = [pr for p in roles.title for pr in p.span_props(0, len(p.text))]
    problems = _font_problems(
        model, props, "小标宋", TITLE_PT, "标题", lambda pr: "加粗" if pr.bold else None
    )
    for p in roles.title:
        pp = p.props
        if pp.align != "center":
            problems.append(f"标题{_short(p.text)}未居中")
        if (pp.first_line or 0) > 0 or (pp.first_line_chars or 0) > 0:
            problems.append(f"标题{_short(p.text)}有首行缩进，居中会偏")
    return _finding("TITLE-FONT", "7.3.1", title, problems, "2号小标宋，居中")


def _title_lines(roles: Roles) -> list[str]:
    return [compact(line) for p in roles.title for line in p.text.split("\n") if line.strip()]


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(model: DocxModel, roles: Roles) -> Finding:
    title = "标题回行词意完整、排列对称（梯形或菱形，每行不超过20字，不留单字）"
    lines = _title_lines(roles)
    if not lines:
        return _skip("TITLE-LINES", "7.3.1", title, "未找到标题")
    problems = []
    for line in lines:
        if _width(line) > TITLE_MAX_CHARS:
            problems.append(f"标题行{_short(line, 22)}超过{TITLE_MAX_CHARS}字，将自动折行")
    if len(lines) > 1 and _width(lines[-1]) <= 1:
        problems.append(f"标题末行只有一个字“{lines[-1]}”")
    for k in range(1, len(lines) - 1):
        if _width(lines[k]) < min(_width(lines[k - 1]), _width(lines[k + 1])):
            problems.append("标题中间一行比上下两行都短（沙漏形）")
    return _finding(
        "TITLE-LINES", "7.3.1", title, problems, f"{len(lines)}行：" + " / ".join(lines)
    )


def heading_font(level: int) -> Callable[[DocxModel, Roles], Finding]:
    """The rule for one heading level: 一级黑体, 二级楷体, 三四级仿宋, all 3号."""
    family = LEVEL_FONTS[level]
    title = f"{LEVEL_NAMES[level]}用3号{family}字"
    rule = f"HEADING-L{level}"

    def check(model: DocxModel, roles: Roles) -> Finding:
        heads = [h for h in roles.headings if h.level == level]
        if not heads:
            return _skip(rule, "7.3.3", title, "文中没有这一级标题")
        props = [pr for h in heads for pr in h.para.span_props(0, h.span_end)]
        problems = _font_problems(model, props, family, BODY_PT, "标题")
        return _finding(rule, "7.3.3", title, problems, f"{len(heads)}个，均为3号{family}")

    return check


def heading_sequence(model: DocxModel, roles: Roles) -> Finding:
    title = "结构层次序数依次为“一、”“（一）”“1.”“（1）”，逐级连续编号"
    if not roles.headings:
        return _skip("HEADING-SEQ", "7.3.3", title, "文中没有编号标题")
    last: dict[int, int] = {}
    problems = []
    labels = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}
    for h in roles.headings:
        want = last.get(h.level, 0) + 1
        if h.number != want:
            level = labels[h.level].format("…")
            problems.append(f"{_short(h.para.text, 10)}的序号为{h.number}，应为{want}（{level}级）")
        last[h.level] = h.number
        for deeper in [lv for lv in last if lv > h.level]:
            del last[deeper]  # a new parent restarts its children
    levels = {h.level for h in roles.headings}
    if 2 in levels and 1 not in levels:
        problems.append("有“（一）”级标题却没有“一、”级标题")
    return _finding(
        "HEADING-SEQ", "7.3.3", title, problems, f"{len(roles.headings)}个标题，编号连续"
    )


def first_line_indent(model: DocxModel, roles: Roles) -> Finding:
    title = "每个自然段首行左空二字，回行顶格"
    paras = _body_paras(roles)
    if not paras:
        return _skip("FIRST-INDENT", "7.3.3", title, "没有正文段落")
    problems = []
    for p in paras:
        pp = p.props
        size = max((_size(s.props) for s in p.segments if s.text.strip()), default=BODY_PT)
        by_chars = pp.first_line_chars is not None and pp.first_line_chars != 0
        ok = (
            (pp.first_line_chars == 200)
            if by_chars
            else (pp.first_line is not None and abs(pp.first_line / 20 - 2 * size) <= 2)
        )
        if p.text.startswith(("　", " ", "\t")):
            problems.append(f"{_short(p.text)}用空格代替首行缩进")
        elif not ok:
            problems.append(f"{_short(p.text)}首行缩进不是2字")
        elif (pp.left or 0) > 20 or (pp.left_chars or 0) > 0:
            problems.append(f"{_short(p.text)}有左缩进，回行未顶格")
    return _finding("FIRST-INDENT", "7.3.3", title, problems, f"{len(paras)}段均首行缩进2字")


# ---------------------------------------------------------------- 版头 (7.2)
def issuer_mark(model: DocxModel, roles: Roles) -> Finding:
    title = "发文机关标志居中、红色"
    p = roles.issuer
    if p is None:
        return _skip("BANTOU-ISSUER", "7.2.4", title, "文件没有版头")
    problems = []
    if p.props.align != "center":
        problems.append("发文机关标志未居中")
    if not all(is_red(s.props.color) for s in p.segments if s.text.strip()):
        problems.append("发文机关标志不是红色")
    return _finding("BANTOU-ISSUER", "7.2.4", title, problems, _short(p.text))


DOCNUM_FORM = re.compile(r"^\S+〔(\d{4})〕([1-9]\d*)号$")


def doc_number(model: DocxModel, roles: Roles) -> Finding:
    title = "发文字号：年份用全称括入六角括号〔〕，序号不加“第”、不编虚位，后加“号”，居中"
    if roles.issuer is None:
        return _skip("BANTOU-DOCNUM", "7.2.5", title, "文件没有版头")
    p = roles.doc_number
    if p is None:
        return Finding("BANTOU-DOCNUM", "7.2.5", title, FAIL, "版头中没有发文字号")
    text = compact(p.text)
    problems = []
    if not DOCNUM_FORM.match(text):
        problems.append(f"发文字号{_short(text, 20)}不合格式（如“X府〔2025〕1号”）")
    if p.props.align != "center":
        problems.append("发文字号未居中")
    return _finding("BANTOU-DOCNUM", "7.2.5", title, problems, _short(text, 20))


def separator_line(model: DocxModel, roles: Roles) -> Finding:
    title = "发文字号之下有与版心等宽的红色分隔线"
    if roles.issuer is None:
        return _skip("BANTOU-RULE", "7.2.7", title, "文件没有版头")
    top = [p for p in model.paragraphs[: (roles.title[0].index if roles.title else 8) + 1]]
    border = any(
        is_red(p.props.border_bottom_color) or is_red(p.props.border_top_color) for p in top
    )
    if border or model.red_shapes:
        return Finding("BANTOU-RULE", "7.2.7", title, PASS, "有红色分隔线")
    return Finding("BANTOU-RULE", "7.2.7", title, FAIL, "版头没有红色分隔线")


# ---------------------------------------------------------------- 落款 (7.3.5)
def sign_date(model: DocxModel, roles: Roles) -> Finding:
    title = "成文日期用阿拉伯数字，年份标全称，月日不编虚位（如2024年1月5日）"
    if roles.date is None:
        return Finding("SIGN-DATE", "7.3.5.4", title, FAIL, "正文后未找到成文日期")
    text = compact(roles.date.text)
    m = DATE_RE.match(text)
    assert m is not None  # roles only assigns matching paragraphs
    problems = []
    if not m.group(2) and not m.group(3):
        return Finding("SIGN-DATE", "7.3.5.4", title, PASS, f"{text}（月、日留空，签发时填写）")
    if not (m.group(1).isascii() and m.group(2).isascii() and m.group(3).isascii()):
        problems.append(f"成文日期“{text}”未用阿拉伯数字")
    elif m.group(2).startswith("0") or m.group(3).startswith("0"):
        problems.append(f"成文日期“{text}”月或日编了虚位（前面补0）")
    return _finding("SIGN-DATE", "7.3.5.4", title, problems, text)


def sign_alignment(model: DocxModel, roles: Roles) -> Finding:
    title = "署名和成文日期居右排布（用段落设置，不用空格）"
    parts = [p for p in (roles.signature, roles.date) if p is not None]
    if roles.date is None:
        return _skip("SIGN-ALIGN", "7.3.5", title, "没有成文日期")
    block = _block(model)
    half = (block[0] / 2 * 20) if block else 4000
    problems = []
    for p in parts:
        label = "署名" if p is roles.signature else "成文日期"
        if p.text.startswith(("　", " ", "\t")):
            problems.append(f"{label}用空格推到右边")
        elif p.props.align not in ("right", "end") and (p.props.left or 0) < half:
            problems.append(f"{label}未居右（既非右对齐，也无足够的左缩进）")
    return _finding("SIGN-ALIGN", "7.3.5", title, problems, "居右")


# ---------------------------------------------------------------- attachments (7.3.7)
def attachment_label(model: DocxModel, roles: Roles) -> Finding:
    title = "附件另面编排，“附件”及其序号用3号黑体字，顶格编排在版心左上角第一行"
    labels = [
        p for p in model.paragraphs if not p.in_table and ATTACH_LABEL_RE.match(compact(p.text))
    ]
    if not labels:
        return _skip("ATTACH-LABEL", "7.3.7", title, "没有附件")
    problems = []
    for p in labels:
        name = compact(p.text)
        props = p.span_props(0, len(p.text))
        problems += _font_problems(model, props, "黑体", BODY_PT, f"“{name}”")
        pp = p.props
        if pp.align in ("center", "right", "end") or (pp.first_line or 0) > 0:
            problems.append(f"“{name}”未顶格")
        elif (pp.first_line_chars or 0) > 0 or (pp.left or 0) > 20:
            problems.append(f"“{name}”未顶格")
        before = model.paragraphs[p.index - 1] if p.index > 0 else None
        new_page = p.page_break or (
            before is not None and (before.page_break or before.section_break)
        )
        if not new_page:
            problems.append(f"“{name}”没有另起一页")
    return _finding(
        "ATTACH-LABEL", "7.3.7", title, list(dict.fromkeys(problems)), "附件另面、顶格黑体"
    )


# ---------------------------------------------------------------- page numbers (7.5)
PAGENUM_RE = re.compile(r"^—\s*\d*\s*—$")


def _footer_number_paras(paras: list[Paragraph]) -> list[Paragraph]:
    return [p for p in paras if any("PAGE" in f.upper().split() for f in p.fields)]


def _inset(twips: int | None, chars: int | None) -> float:
    """An indent in twips; Word lets *Chars (hundredths of a 4号 character) win."""
    if chars:
        return chars / 100 * PAGENUM_PT * 20
    return twips or 0


def page_numbers(model: DocxModel, roles: Roles) -> list[Finding]:
    """PAGENUM-PRESENT, -FORM, -FONT, -ODD-EVEN and -POS."""
    clause = "7.5"
    present_title = "每页都有页码（页脚中的PAGE域）"
    missing, number_paras = _page_number_paragraphs(model)
    out = [_finding("PAGENUM-PRESENT", clause, present_title, missing, "每页都有页码")]
    found = [p for paras in number_paras.values() for p in paras]
    form_title = "页码形式为“— 1 —”（数字左右各一条一字线）"
    font_title = "页码用4号半角宋体阿拉伯数字"
    place_title = "单页码居右空一字，双页码居左空一字"
    if not found:
        for rule, title in (
            ("PAGENUM-FORM", form_title),
            ("PAGENUM-FONT", font_title),
            ("PAGENUM-ODD-EVEN", place_title),
        ):
            out.append(_skip(rule, clause, title, "没有页码"))
        return out
    bad_form = [f"页码为“{p.text.strip()}”" for p in found if not PAGENUM_RE.match(p.text.strip())]
    out.append(_finding("PAGENUM-FORM", clause, form_title, bad_form, "— N —"))
    font_problems = _page_number_fonts(model, found)
    out.append(_finding("PAGENUM-FONT", clause, font_title, font_problems, "4号宋体"))
    place = _page_number_places(model, number_paras)
    out.append(
        _finding("PAGENUM-ODD-EVEN", clause, place_title, place, "单页居右、双页居左，各空一字")
    )
    return out


def _page_number_paragraphs(model: DocxModel) -> tuple[list[str], dict[str, list[Paragraph]]]:
    """The footers without a page number, and the page-number paragraphs per footer kind
    (default, even, first)."""
    kinds = ["default"] + (["even"] if model.even_odd_footers else [])
    missing = []
    number_paras: dict[str, list[Paragraph]] = {}
    for n, sec in enumerate(model.sections, 1):
        wanted = kinds + (["first"] if sec.title_page else [])
        for kind in wanted:
            paras = _footer_number_paras(sec.footers.get(kind, []))
            if not paras:
                label = {"default": "奇数页", "even": "偶数页", "first": "首页"}[kind]
                missing.append(f"第{n}节{label}页脚没有页码")
            number_paras.setdefault(kind, paras)
    return missing, number_paras


def _page_number_fonts(model: DocxModel, found: list[Paragraph]) -> list[str]:
    """What is wrong with the size and the digits' font of the page numbers (each once)."""
    font_problems = []
    for p in found:
        for seg in p.segments:
            if not seg.text.strip():
                continue
            if seg.props.size_pt != PAGENUM_PT:
                font_problems.append(f"页码字号为{seg.props.size_pt or '未指定'}磅，应为14磅")
            if (
                any(ch.isdigit() for ch in seg.text)
                and model.font_name(seg.props, False) not in FAMILIES["宋体"]
            ):
                font_problems.append(
                    f"页码数字字体为“{model.font_name(seg.props, False)}”，应为宋体"
                )
    return list(dict.fromkeys(font_problems))


def _page_number_places(model: DocxModel, number_paras: dict[str, list[Paragraph]]) -> list[str]:
    """Odd pages' numbers on the right, even pages' on the left, each one character in."""
    if not model.even_odd_footers:
        return ["未设置奇偶页不同的页脚，页码不能单页居右、双页居左"]
    place = []
    for p in number_paras.get("default", []):
        if p.props.align not in ("right", "end"):
            place.append("单页页码未居右")
        elif not 180 <= _inset(p.props.right, p.props.right_chars) <= 420:
            place.append("单页页码未右空一字")
    for p in number_paras.get("even", []):
        if p.props.align not in (None, "left", "start", "both"):
            place.append("双页页码未居左")
        elif not 180 <= _inset(p.props.left, p.props.left_chars) <= 420:
            place.append("双页页码未左空一字")
    return place


STATIC_RULES: tuple[Callable[[DocxModel, Roles], Finding], ...] = (
    page_size,
    margins,
    lines_per_page,
    chars_per_line,
    paragraph_spacing,
    body_font,
    text_color,
    title_font,
    title_lines,
    heading_font(1),
    heading_font(2),
    heading_font(3),
    heading_font(4),
    heading_sequence,
    first_line_indent,
    issuer_mark,
    doc_number,
    separator_line,
    sign_date,
    sign_alignment,
    attachment_label,
)


def file_findings(model: DocxModel, roles: Roles) -> list[Finding]:
    """Every rule judged from the file, in the order of the standard's clauses."""
    out = [rule(model, roles) for rule in STATIC_RULES]
    out.extend(page_numbers(model, roles))
    return out
