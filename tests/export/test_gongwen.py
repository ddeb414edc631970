"""GB/T 9704 plan export: checker passes, text equals the plan, styles are named and sound."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from export.content import load_plan_data, split_title, text_width
from export.gongwen import docx_paragraph_texts, docx_plan_text, export_plan_docx
from models import rollover
from models.outline import plan_to_document, update_plan
from models.text.numbering import cn_numeral

from .conftest import (
    RENDERED_RULES,
    SIGN_DAY,
    gongwen_failures,
    gongwen_report,
    needs_shared_checker,
    needs_soffice,
    run_shared_checker,
)


# ---------------------------------------------------------------- an independent expectation
def expected_paragraphs(doc: dict) -> list[str]:
    """The plan's text as the data conventions of the brief describe it (written apart
    from export/content.py on purpose, so the comparison can fail)."""
    out = [doc["title"]]
    if doc["preamble"]:
        out.append(doc["preamble"])

    def number(level: int, i: int) -> str:
        return {1: f"{cn_numeral(i)}、", 2: f"（{cn_numeral(i)}）", 3: f"{i}.", 4: f"（{i}）"}[
            level
        ]

    def section(sec: dict, i: int) -> None:
        level = sec["level"]
        style = sec["task_style"] or "sentences"
        tasks = sec["tasks"]
        if style in ("sentences", "yishi"):
            if style == "yishi":
                joined = "".join(f"{cn_numeral(k)}是{t['text']}" for k, t in enumerate(tasks, 1))
            else:
                joined = "".join(t["text"] for t in tasks)
            after = sec["body"] + joined
            own = []
        else:
            after = sec["body"]
            own = [
                (number(level + 1, k) if style == "numbered" else "") + t["text"]
                for k, t in enumerate(tasks, 1)
            ]
        head = number(level, i) + sec["heading"]
        if sec["run_in"] is not None:
            out.append(head + sec["run_in"] + after)
        else:
            out.append(head)
            if after:
                out.append(after)
        out.extend(own)
        for k, child in enumerate(sec["children"], 1):
            section(child, k)

    for i, sec in enumerate(doc["sections"], 1):
        section(sec, i)
    if doc["closing"]:
        out.append(doc["closing"])
    return out


def _export(db, plan_id, tmp_path, name="plan.docx"):
    out = tmp_path / name
    export_plan_docx(load_plan_data(db, plan_id), out, today=SIGN_DAY)
    return out


# ---------------------------------------------------------------- checker
@pytest.mark.parametrize("index", [0, 1, 2])
def test_sample_plan_passes_gongwen_checker(db, sample_ids, tmp_path, index):
    out = _export(db, sample_ids[index], tmp_path)
    assert gongwen_failures(out) == []
    report = gongwen_report(out)
    assert sum(1 for f in report.findings if f.status == "pass") >= 18


@needs_soffice
@pytest.mark.parametrize("index", [0, 1, 2])
def test_sample_plan_pages_pass_the_rendered_rules(db, sample_ids, tmp_path, index):
    out = _export(db, sample_ids[index], tmp_path)
    assert gongwen_failures(out, rules=RENDERED_RULES) == []


@needs_shared_checker
@pytest.mark.parametrize("rolled", [False, True], ids=["sample", "rolled-over"])
def test_sample_plan_passes_the_shared_checker_too(db, sample_ids, tmp_path, rolled):
    """A second opinion from an independent checker beside the repository; a rolled-over
    draft carries a 成文日期 of its own year (it once printed a blank date)."""
    plan_id = sample_ids[2]
    if rolled:
        plan_id = rollover.rollover(db, plan_id).plan_id
    out = _export(db, plan_id, tmp_path)
    result = run_shared_checker(out)
    assert result.returncode == 0, result.stdout
    assert "FAIL" not in result.stdout


def test_four_level_plan_passes_gongwen_checker(db, four_level_id, tmp_path):
    out = _export(db, four_level_id, tmp_path)
    report = gongwen_report(out)
    assert gongwen_failures(out) == []
    for rule in (
        "HEADING-L1",
        "HEADING-L2",
        "HEADING-L3",
        "HEADING-L4",
        "HEADING-SEQ",
        "TITLE-LINES",
        "SIGN-ALIGN",
        "SIGN-DATE",
    ):
        assert report.by_rule(rule).status == "pass", rule


@needs_soffice
def test_four_level_plan_pages_pass_the_rendered_rules(db, four_level_id, tmp_path):
    out = _export(db, four_level_id, tmp_path)
    assert gongwen_failures(out, rules=RENDERED_RULES + ("TITLE-WRAP",)) == []


def test_red_header_plan_passes_checker(db, four_level_id, tmp_path):
    update_plan(db, four_level_id, issuer="测试镇人民政府文件", doc_number="测府〔2025〕1号")
    out = _export(db, four_level_id, tmp_path)
    assert gongwen_failures(out) == []
    report = gongwen_report(out)
    for rule in ("BANTOU-ISSUER", "BANTOU-DOCNUM", "BANTOU-RULE"):
        assert report.by_rule(rule).status == "pass", rule


# ---------------------------------------------------------------- text equality
@pytest.mark.parametrize("index", [0, 1, 2])
def test_sample_export_text_equals_plan(db, sample_ids, tmp_path, index):
    plan_id = sample_ids[index]
    out = _export(db, plan_id, tmp_path)
    assert docx_plan_text(out) == expected_paragraphs(plan_to_document(db, plan_id))


def test_four_level_export_text_equals_plan(db, four_level_id, tmp_path):
    out = _export(db, four_level_id, tmp_path)
    got = docx_plan_text(out)
    assert got == expected_paragraphs(plan_to_document(db, four_level_id))
    # spot checks of the conventions
    assert "（一）指导思想。以人民为中心。统筹发展和安全。" in got
    assert "（二）工作目标。一是粮食产量稳定；二是农民收入增长6%以上。" in got
    assert "1.扩大油茶种植。新增面积500亩。" in got
    assert "（1）3月底前完成目录梳理。形成目录初稿。" in got
    assert "=A1+A2起草任务清单。" in got


def test_extractor_notices_a_changed_text(db, four_level_id, tmp_path):
    out = _export(db, four_level_id, tmp_path)
    document = docx.Document(str(out))
    para = next(p for p in document.paragraphs if p.text.startswith("（二）工作目标"))
    para.runs[-1].text = para.runs[-1].text.replace("6%", "7%")
    document.save(str(out))
    assert docx_plan_text(out) != expected_paragraphs(plan_to_document(db, four_level_id))


# ---------------------------------------------------------------- structure and styles
def _style_ids(document):
    return {s.style_id: s for s in document.styles}


def test_headings_have_outline_levels_and_east_asian_fonts(db, four_level_id, tmp_path):
    document = docx.Document(str(_export(db, four_level_id, tmp_path)))
    styles = _style_ids(document)
    for level, font in ((1, "黑体"), (2, "楷体_GB2312"), (3, "仿宋_GB2312"), (4, "仿宋_GB2312")):
        el = styles[f"GongwenHeading{level}"].element
        assert el.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert el.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == font
        char = styles[f"GongwenHeading{level}Char"].element
        assert char.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == font
    level3 = styles["GongwenHeading3"].element.find(qn("w:rPr")).find(qn("w:b"))
    assert level3.get(qn("w:val")) == "1"
    names = {s.name for s in document.styles}
    assert {"公文正文", "公文标题", "公文一级标题", "公文四级标题", "公文落款"} <= names


def test_run_in_heading_uses_char_styles(db, four_level_id, tmp_path):
    document = docx.Document(str(_export(db, four_level_id, tmp_path)))
    para = next(p for p in document.paragraphs if p.text.startswith("（一）指导思想"))
    assert para.style.style_id == "GongwenHeading2"
    assert para.runs[0].text == "（一）指导思想。"
    assert para.runs[0].style.style_id == "GongwenHeading2Char"
    assert para.runs[1].style.style_id == "GongwenBodyChar"


def test_document_defaults_and_settings(db, sample_ids, tmp_path):
    document = docx.Document(str(_export(db, sample_ids[0], tmp_path)))
    dd = document.styles.element.find(qn("w:docDefaults"))
    rfonts = dd.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not any("Theme" in k or "theme" in k for k in rfonts.attrib)
    spacing = dd.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:after")) == "0"
    settings = document.settings.element
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    assert document.settings.odd_and_even_pages_header_footer
    sect = document.sections[0]
    assert round(sect.footer_distance.mm, 1) == 25.5
    grid = sect._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert "\u2014" in sect.footer.paragraphs[0].text
    assert sect.even_page_footer.paragraphs[0].alignment is not None


def test_package_parts_for_word_and_wps(db, sample_ids, tmp_path):
    import zipfile

    from models import clock

    clock.set_today("2024-01-05")
    try:
        out = _export(db, sample_ids[0], tmp_path)
    finally:
        clock.set_today(None)
    names = zipfile.ZipFile(out).namelist()
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)
    # the theme part stays (the schema requires it) but names no font of any script
    with zipfile.ZipFile(out) as zf:
        theme = next((zf.read(n) for n in names if n.startswith("word/theme/")), b"")
    assert theme and b"<a:font " not in theme and b'typeface="MS' not in theme
    document = docx.Document(str(out))
    compat = document.settings.element.find(qn("w:compat"))
    modes = [
        c.get(qn("w:val"))
        for c in compat.findall(qn("w:compatSetting"))
        if c.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    styles_xml = document.styles.element
    assert not any(
        k.endswith("Theme") or k.endswith("theme")
        for rf in styles_xml.iter(qn("w:rFonts"))
        for k in rf.attrib
    )
    props = document.core_properties
    from export.gongwen import organization_of
    from models.outline import get_plan

    assert props.author == organization_of(get_plan(db, sample_ids[0])) != ""
    assert props.created.date().isoformat() == "2024-01-05" == props.modified.date().isoformat()
    app = zipfile.ZipFile(out).read("docProps/app.xml").decode("utf-8")
    assert "<Application>PlanDesk</Application>" in app and "Macintosh" not in app

    def hint(run):
        rfonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
        return None if rfonts is None else rfonts.get(qn("w:hint"))

    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    quotes = [r for r in runs if any(ch in r.text for ch in "“”—…")]
    assert quotes and all(hint(r) == "eastAsia" and set(r.text) <= set("“”‘’—…·") for r in quotes)
    assert all(hint(r) is None for r in runs if r not in quotes)


def test_font_table_has_fallbacks(db, sample_ids, tmp_path):
    document = docx.Document(str(_export(db, sample_ids[0], tmp_path)))
    part = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    )
    xml = part.blob.decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in xml and 'w:val="仿宋"' in xml and 'w:val="86"' in xml


def test_signature_and_date_in_arabic_numerals(db, four_level_id, tmp_path):
    texts = docx_paragraph_texts(_export(db, four_level_id, tmp_path))
    assert texts[-2:] == ["测试镇人民政府", "2025年2月3日"]


def test_sample_plans_print_their_own_signed_date(db, sample_ids, tmp_path):
    texts = docx_paragraph_texts(_export(db, sample_ids[0], tmp_path))
    assert texts[-1] == "2024年1月5日"


def test_without_signed_date_month_and_day_are_left_blank(db, sample_ids, tmp_path):
    # never the day of the export (it is not the day the plan was signed): the plan's year,
    # month and day to be written in; the project's checker accepts the draft form
    from export.gbt9704_check import check_docx

    update_plan(db, sample_ids[0], signed_date=None)
    out = _export(db, sample_ids[0], tmp_path)
    assert docx_paragraph_texts(out)[-1] == "2024年\u3000\u3000月\u3000\u3000日"
    sign_date = next(f for f in check_docx(out, render=False).findings if f.rule == "SIGN-DATE")
    assert sign_date.status == "pass" and "留空" in sign_date.detail


def test_an_imported_closing_signature_is_the_plans_not_printed_twice(db, tmp_path):
    from models.importing import parse_text, store_result

    lines = [
        "XX镇2025年工作计划",
        "一、发展产业",
        "（一）做强稻米。",
        "XX镇人民政府",
        "二〇二五年一月六日",
    ]
    text = "\n".join(lines)
    (stored,) = store_result(db, [parse_text(text)])
    texts = docx_paragraph_texts(_export(db, stored["id"], tmp_path))
    assert texts[-2:] == ["XX镇人民政府", "2025年1月6日"]
    assert texts.count("XX镇人民政府") == 1


def test_red_header_only_when_plan_has_it(db, four_level_id, tmp_path):
    plain = docx.Document(str(_export(db, four_level_id, tmp_path, "a.docx")))
    assert plain.tables == []
    update_plan(db, four_level_id, issuer="测试镇人民政府文件", doc_number="测府〔2025〕1号")
    red = docx.Document(str(_export(db, four_level_id, tmp_path, "b.docx")))
    cells = [c.text for row in red.tables[0].rows for c in row.cells]
    assert cells == ["测试镇人民政府文件", "测府〔2025〕1号", ""]  # + the space to the title
    issuer_style = red.tables[0].rows[0].cells[0].paragraphs[0].style.element
    color = issuer_style.find(qn("w:rPr")).find(qn("w:color"))
    assert color.get(qn("w:val")) == "FF0000"


# ---------------------------------------------------------------- title lines
@pytest.mark.parametrize(
    "title",
    [
        "镇人民政府2024年度工作计划",
        "关于印发测试镇2025年度农村人居环境整治提升和乡村振兴重点工作计划的通知",
        "中共某某县委办公室某某县人民政府办公室关于进一步加强和改进新时代基层治理体系和"
        "治理能力现代化建设的实施意见",
    ],
)
def test_title_lines_balanced_and_short(title):
    lines = split_title(title)
    assert "".join(lines) == " ".join(title.split())
    widths = [text_width(x) for x in lines]
    assert max(widths) <= 20
    for k in range(1, len(widths) - 1):  # no hourglass
        assert not (widths[k] < max(widths[:k]) and widths[k] < max(widths[k + 1 :]))
    if len(lines) > 1:
        assert max(widths) - min(widths) <= 4


def test_colon_run_in_heading_font_reaches_first_full_stop(db, tmp_path):
    from models.outline import store_document

    plan_id = store_document(
        db,
        {
            "title": "测试局2025年工作要点",
            "organization": "测试局",
            "sections": [
                {
                    "heading": "工作目标",
                    "run_in": "：",
                    "task_style": "sentences",
                    "tasks": [{"text": "完成任务甲。"}, {"text": "完成任务乙。"}],
                }
            ],
        },
    )
    out = _export(db, plan_id, tmp_path)
    para = next(p for p in docx.Document(str(out)).paragraphs if p.text.startswith("一、"))
    assert para.text == "一、工作目标：完成任务甲。完成任务乙。"
    assert para.runs[0].text == "一、工作目标：完成任务甲。"
    assert para.runs[0].style.style_id == "GongwenHeading1Char"
    assert docx_plan_text(out) == expected_paragraphs(plan_to_document(db, plan_id))
    assert gongwen_failures(out) == []


def test_numbered_tasks_beside_subsections_number_in_one_sequence(db, tmp_path):
    from models.outline import store_document

    plan_id = store_document(
        db,
        {
            "title": "测试镇2025年工作要点",
            "year": 2025,
            "sections": [
                {
                    "heading": "加强基层治理",
                    "task_style": "numbered",
                    "tasks": [{"text": "开展矛盾纠纷排查。"}, {"text": "完善网格管理。"}],
                    "children": [
                        {
                            "heading": "推进平安建设",
                            "run_in": "。",
                            "task_style": "sentences",
                            "tasks": [{"text": "每月开展一次安全检查。"}],
                        }
                    ],
                }
            ],
        },
    )
    out = _export(db, plan_id, tmp_path)
    assert gongwen_failures(out) == []
    texts = docx_paragraph_texts(out)
    assert any(t.startswith("（三）推进平安建设。") for t in texts), texts
