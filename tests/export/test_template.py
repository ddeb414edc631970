"""User templates: docxtpl tags in a sandbox, hostile ones refused, plain ones as style base."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Mm

from export.content import load_plan_data
from export.gongwen import docx_paragraph_texts, docx_plan_text, export_plan_docx
from export.template import export_with_template, has_tags
from models.errors import TemplateError
from resources import resource_path

from .conftest import SIGN_DAY, gongwen_failures, gongwen_report

EXAMPLE = resource_path("templates", "example_plan_template.docx")


def _template(tmp_path, *texts, name="t.docx"):
    doc = docx.Document()
    for text in texts:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_example_template_is_shipped_and_tagged():
    assert EXAMPLE.is_file() and EXAMPLE.stat().st_size < 200_000
    assert has_tags(docx.Document(str(EXAMPLE)))


@pytest.mark.parametrize("index", [0, 2])
def test_example_template_renders_the_plan_text(db, sample_ids, tmp_path, index):
    data = load_plan_data(db, sample_ids[index])
    ours = export_plan_docx(data, tmp_path / "ours.docx", today=SIGN_DAY)
    out = export_with_template(EXAMPLE, data, tmp_path / "tpl.docx", today=SIGN_DAY)
    texts = docx_paragraph_texts(out)
    content = docx_plan_text(ours)
    assert texts[: len(content)] == content
    n = len(content)
    assert texts[n : n + 5] == [
        f"附件：{data.plan.title}任务分解表",
        data.plan.organization,
        "2024年1月5日",
        "附件",
        f"{data.plan.title}任务分解表",
    ]
    table = docx.Document(str(out)).tables[0]
    assert len(table.rows) == 1 + sum(1 for n in data.nodes if n.kind == "task")
    assert not any("{{" in t or "{%" in t for t in texts)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_example_template_output_passes_gongwen_checker(db, sample_ids, tmp_path, index):
    out = export_with_template(
        EXAMPLE, load_plan_data(db, sample_ids[index]), tmp_path / "tpl.docx", today=SIGN_DAY
    )
    assert gongwen_failures(out) == []
    report = gongwen_report(out)
    assert report.by_rule("BODY-FONT").status == report.by_rule("TITLE-FONT").status == "pass"


def test_empty_fields_leave_no_empty_runs(db, four_level_id, tmp_path):
    doc = docx.Document()
    para = doc.add_paragraph()
    para.add_run("{{ plan.title }}")
    para.add_run("{{ plan.issuer }}").bold = True  # empty: the plan has no issuer
    tpl = tmp_path / "runs.docx"
    doc.save(str(tpl))
    out = export_with_template(tpl, load_plan_data(db, four_level_id), tmp_path / "o.docx")
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert len(runs) == 1 and runs[0].text.startswith("关于印发")


def test_simple_tags(db, four_level_id, tmp_path):
    tpl = _template(
        tmp_path,
        "{{ plan.title }}",
        "{{ plan.organization }}·{{ plan.date }}",
        "{% for s in sections %}{{ s.number }}{{ s.heading }}{% endfor %}",
    )
    out = export_with_template(tpl, load_plan_data(db, four_level_id), tmp_path / "o.docx")
    texts = docx_paragraph_texts(out)
    assert texts[0].startswith("关于印发测试镇")
    assert texts[1] == "测试镇人民政府·2025年2月3日"
    assert texts[2] == "一、总体要求二、重点任务"


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ plan.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ plan.items.__globals__ }}",
        "{{ plan['__class__'] }}",
        "{{ (paragraphs|first).__class__.__init__.__globals__ }}",
        "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
    ],
)
def test_hostile_template_is_refused(db, four_level_id, tmp_path, hostile):
    tpl = _template(tmp_path, "{{ plan.title }}", hostile)
    out = tmp_path / "o.docx"
    with pytest.raises(TemplateError) as info:
        export_with_template(tpl, load_plan_data(db, four_level_id), out)
    assert "内部属性" in info.value.user_text
    assert not out.exists()


def test_unknown_field_and_bad_syntax_give_clear_messages(db, four_level_id, tmp_path):
    data = load_plan_data(db, four_level_id)
    with pytest.raises(TemplateError) as info:
        export_with_template(_template(tmp_path, "{{ plan.titel }}"), data, tmp_path / "a.docx")
    assert "不存在的字段" in info.value.user_text
    with pytest.raises(TemplateError) as info:
        export_with_template(
            _template(tmp_path, "{% for x in %}", name="b.docx"), data, tmp_path / "b-out.docx"
        )
    assert "标记写法有误" in info.value.user_text


def test_not_a_docx_template(db, four_level_id, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        export_with_template(bad, load_plan_data(db, four_level_id), tmp_path / "o.docx")
    assert "不是 Word 文档" in info.value.user_text


def test_plain_template_is_style_base(db, four_level_id, tmp_path):
    doc = docx.Document()
    section = doc.sections[0]
    section.left_margin = Mm(31)
    section.header.paragraphs[0].text = "某某县人民政府办公室"
    body = doc.styles.add_style("公文正文", 1)
    body.font.size = docx.shared.Pt(15)
    doc.add_paragraph("这段模板文字会被替换。")
    path = tmp_path / "plain.docx"
    doc.save(str(path))

    data = load_plan_data(db, four_level_id)
    out = export_with_template(path, data, tmp_path / "o.docx", today=SIGN_DAY)
    result = docx.Document(str(out))
    assert round(result.sections[0].left_margin.mm) == 31
    assert result.sections[0].header.paragraphs[0].text == "某某县人民政府办公室"
    assert result.styles["公文正文"].font.size == docx.shared.Pt(15)  # the template's style
    texts = docx_paragraph_texts(out)
    assert "这段模板文字会被替换。" not in texts
    ours = docx_plan_text(export_plan_docx(data, tmp_path / "ours.docx", today=SIGN_DAY))
    assert texts[: len(ours)] == ours
    heading = next(p for p in result.paragraphs if p.text.startswith("一、"))
    assert heading.style.name == "公文一级标题"  # added, the template had none
    assert heading.style.base_style.name == "公文正文"  # based on the template's own style
    preamble = next(p for p in result.paragraphs if p.text.startswith("为做好"))
    assert preamble.style.name == "公文正文"
