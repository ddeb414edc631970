"""PlanDesk's own GB/T 9704 checker on handcrafted files: the good file passes every rule,
and each rule fails on a file built to break it."""

from __future__ import annotations

import pytest

from export.gbt9704_check import FAIL, PASS, SKIP, check_docx
from export.rendering import soffice_path
from models.errors import DocumentCheckError

from .gongwen_fixture import BODY_TEXT as BODY
from .gongwen_fixture import DEFAULT_PARAGRAPHS, HEADING_FONTS, build, good, variant

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")
RED_HEADER = {
    "issuer": "测试镇人民政府文件",
    "doc_number": "测府〔2025〕1号",
    "paragraphs": DEFAULT_PARAGRAPHS[:-1],  # keeps the 落款 on the last body page
}


def _fails(report) -> dict[str, str]:
    return {f.rule: f.detail for f in report.findings if f.status == FAIL}


def test_good_file_passes_every_file_rule(tmp_path):
    report = check_docx(build(good(), tmp_path / "good.docx"), render=False)
    assert _fails(report) == {}
    statuses = {f.rule: f.status for f in report.findings if f.source == "docx"}
    assert {r for r, s in statuses.items() if s == SKIP} == {
        "BANTOU-ISSUER",
        "BANTOU-DOCNUM",
        "BANTOU-RULE",
        "ATTACH-LABEL",
    }
    assert statuses["HEADING-L4"] == statuses["HEADING-SEQ"] == PASS
    assert all(f.clause for f in report.findings if f.source == "docx")


def test_attachment_page_passes(tmp_path):
    report = check_docx(build(variant(attachment=True), tmp_path / "att.docx"), render=False)
    assert _fails(report) == {}
    assert report.by_rule("ATTACH-LABEL").status == PASS


def test_red_header_file_passes_the_banner_rules(tmp_path):
    report = check_docx(build(variant(**RED_HEADER), tmp_path / "red.docx"), render=False)
    assert _fails(report) == {}
    for rule in ("BANTOU-ISSUER", "BANTOU-DOCNUM", "BANTOU-RULE"):
        assert report.by_rule(rule).status == PASS


def _seq(*replacements: tuple[str, str]) -> tuple:
    out = list(DEFAULT_PARAGRAPHS)
    for old, new in replacements:
        out = [(k, t.replace(old, new, 1)) for k, t in out]
    return tuple(out)


FILE_BREAKS = [
    ("PAGE-SIZE", {"page_mm": (216, 279)}),
    ("MARGINS", {"margins_mm": {"top": 25, "bottom": 35, "left": 28, "right": 26}}),
    ("MARGINS", {"margins_mm": {"top": 37, "bottom": 25, "left": 28, "right": 26}}),
    ("LINE-GRID", {"line_twips": 600}),
    ("CHAR-GRID", {"condense_twips": 0}),
    ("PARA-SPACING", {"space_after_pt": 10}),
    ("BODY-FONT", {"body_font": "宋体"}),
    ("BODY-FONT", {"body_size": 15}),
    ("TEXT-COLOR", {"colored_run": "0000FF"}),
    ("TITLE-FONT", {"title_size": 18}),
    ("TITLE-FONT", {"title_font": "黑体"}),
    ("TITLE-LINES", {"title": ("关于印发测试镇2025年度农村人居环境整治提升重点工作计划的通知",)}),
    ("TITLE-LINES", {"title": ("关于印发测试镇2025年度重点工作计划的通", "知")}),
    ("TITLE-LINES", {"title": ("关于印发测试镇2025年", "工作", "计划的通知")}),
    ("HEADING-L1", {"heading_fonts": HEADING_FONTS | {"h1": "楷体_GB2312"}}),
    ("HEADING-L2", {"heading_fonts": HEADING_FONTS | {"h2": "黑体"}}),
    ("HEADING-L3", {"heading_fonts": HEADING_FONTS | {"h3": "黑体"}}),
    ("HEADING-L4", {"heading_fonts": HEADING_FONTS | {"h4": "楷体_GB2312"}}),
    ("HEADING-SEQ", {"paragraphs": _seq(("二、重点", "三、重点"))}),
    ("HEADING-SEQ", {"paragraphs": _seq(("（2）建立", "（3）建立"))}),
    ("HEADING-SEQ", {"paragraphs": _seq(("（二）工作", "（一）工作"))}),
    ("FIRST-INDENT", {"indent_with_spaces": True}),
    ("FIRST-INDENT", {"first_line_twips": None}),
    ("BANTOU-ISSUER", RED_HEADER | {"issuer_red": False}),
    ("BANTOU-DOCNUM", RED_HEADER | {"doc_number": "测府[2025]1号"}),
    ("BANTOU-DOCNUM", RED_HEADER | {"doc_number": "测府〔2025〕01号"}),
    ("BANTOU-DOCNUM", RED_HEADER | {"doc_number": "测府〔2025〕第1号"}),
    ("BANTOU-RULE", RED_HEADER | {"red_line": False}),
    ("SIGN-DATE", {"date": "2025年02月03日"}),
    ("SIGN-DATE", {"date": "二〇二五年二月三日"}),
    ("SIGN-DATE", {"date": None}),
    ("SIGN-ALIGN", {"date_with_spaces": True}),
    ("ATTACH-LABEL", {"attachment": True, "attachment_font": "仿宋_GB2312"}),
    ("ATTACH-LABEL", {"attachment": True, "attachment_new_page": False}),
    ("PAGENUM-PRESENT", {"page_numbers": False}),
    ("PAGENUM-FORM", {"pagenum_form": "-{}-"}),
    ("PAGENUM-FORM", {"pagenum_form": "第{}页"}),
    ("PAGENUM-FONT", {"pagenum_size": 10.5}),
    ("PAGENUM-ODD-EVEN", {"even_odd": False}),
]


@pytest.mark.parametrize(
    ("rule", "changes"), FILE_BREAKS, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FILE_BREAKS)]
)
def test_each_file_rule_fails_on_a_file_that_breaks_it(tmp_path, rule, changes):
    report = check_docx(build(variant(**changes), tmp_path / "bad.docx"), render=False)
    finding = report.by_rule(rule)
    assert finding.status == FAIL, finding
    assert finding.detail and not report.passed


def test_every_file_rule_has_a_breaking_fixture():
    report_rules = {rule for rule, _ in FILE_BREAKS}
    from export.gbt9704_check.file_rules import STATIC_RULES

    assert len(report_rules) == len(STATIC_RULES) + 4  # + the four page-number rules


def test_not_a_docx_is_refused_with_one_sentence(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DocumentCheckError) as info:
        check_docx(bad)
    assert "docx" in info.value.user_text
    with pytest.raises(DocumentCheckError):
        check_docx(tmp_path / "missing.docx")


def test_a_docx_without_body_is_refused(tmp_path):
    import zipfile

    bad = tmp_path / "empty.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<x/>")
    with pytest.raises(DocumentCheckError):
        check_docx(bad)


def test_without_libreoffice_the_page_rules_are_skipped_not_passed(tmp_path, monkeypatch):
    import export.rendering as rendering

    monkeypatch.setattr(rendering, "soffice_path", lambda: None)
    report = check_docx(build(good(), tmp_path / "good.docx"))
    page = [f for f in report.findings if f.source == "render"]
    assert page and all(f.status == SKIP for f in page)
    assert not report.rendered and "LibreOffice" in report.render_note
    with pytest.raises(rendering.RenderError):
        check_docx(build(good(), tmp_path / "good2.docx"), render=True)


# ---------------------------------------------------------------- page rules (LibreOffice)
@needs_soffice
def test_good_file_passes_every_page_rule(tmp_path):
    report = check_docx(build(good(), tmp_path / "good.docx"), render=True)
    assert report.rendered and report.pages >= 2
    assert _fails(report) == {}
    page = {f.rule: f.status for f in report.findings if f.source == "render"}
    assert page.pop("BANTOU-GEOMETRY") == SKIP
    assert set(page.values()) == {PASS}, page
    assert "不加盖印章" in report.by_rule("SIGN-LAYOUT").detail


@needs_soffice
def test_red_header_and_sealed_layout_pass_on_the_page(tmp_path):
    spec = variant(**RED_HEADER, sealed_layout=True)
    report = check_docx(build(spec, tmp_path / "red.docx"), render=True)
    assert _fails(report) == {}
    assert report.by_rule("BANTOU-GEOMETRY").status == PASS
    assert "加盖印章" in report.by_rule("SIGN-LAYOUT").detail


PAGE_BREAKS = [
    ("LINES-RENDERED", {"line_twips": 600}),
    ("CHARS-RENDERED", {"condense_twips": 0}),
    ("TITLE-WRAP", {"title": ("关于印发测试镇2025年度农村人居环境整治提升重点工作计划的通知",)}),
    ("HEADING-PAGE-END", {"break_after_heading": True}),
    ("BANTOU-GEOMETRY", RED_HEADER | {"issuer_space_mm": 10}),
    ("BANTOU-GEOMETRY", RED_HEADER | {"red_line": False}),
    ("SIGN-LAYOUT", {"centred_signature": True}),
    ("LUOKUAN-PAGE", {"break_before_signature": True}),
    ("LUOKUAN-PAGE", {"break_between_signature_and_date": True}),
    ("PAGENUM-RENDERED", {"even_odd": False}),
    ("PAGENUM-RENDERED", {"page_numbers": False}),
]


@needs_soffice
@pytest.mark.parametrize(
    ("rule", "changes"), PAGE_BREAKS, ids=[f"{r}-{i}" for i, (r, _) in enumerate(PAGE_BREAKS)]
)
def test_each_page_rule_fails_on_a_file_that_breaks_it(tmp_path, rule, changes):
    report = check_docx(build(variant(**changes), tmp_path / "bad.docx"), render=True)
    finding = report.by_rule(rule)
    assert finding.status == FAIL, finding


def test_every_page_rule_has_a_breaking_fixture():
    from export.gbt9704_check.page_rules import RULE_IDS

    assert {rule for rule, _ in PAGE_BREAKS} == set(RULE_IDS)


def test_roles_of_anyones_document(tmp_path):
    from export.gbt9704_check.docx_model import read_docx
    from export.gbt9704_check.roles import find_roles

    paragraphs = DEFAULT_PARAGRAPHS + (
        ("h1", "三、调研安排"),
        ("h2", "（一）时间地点"),
        ("h4", "（1）调研时间"),
        ("h4", "（2）调研地点"),
        ("body", "附件：重点任务分解表"),
    )
    spec = variant(paragraphs=paragraphs, signature=None)
    roles = find_roles(read_docx(build(spec, tmp_path / "a.docx")))
    assert roles.signature is None and roles.date is not None  # 附件说明 is no 署名
    introduces = {h.para.text: h.introduces for h in roles.headings}
    assert introduces["三、调研安排"] and introduces["（一）时间地点"]
    assert not introduces["（1）调研时间"]  # an item of a list, not a heading over text
    assert introduces["一、总体要求"] and not introduces["1.加强组织领导。" + BODY[:40]]


def test_heading_sequence_names_the_wrong_number(tmp_path):
    path = build(variant(paragraphs=_seq(("二、重点", "四、重点"))), tmp_path / "a.docx")
    detail = check_docx(path, render=False).by_rule("HEADING-SEQ").detail
    assert "序号为4，应为2" in detail
