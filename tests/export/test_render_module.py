"""export/rendering.py: a .docx laid out by LibreOffice, read back as positioned lines."""

from __future__ import annotations

import pytest

from export import rendering
from export.rendering import MM, RenderError, render_pages, soffice_path

from .gongwen_fixture import build, good

needs_soffice = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice not installed")


@needs_soffice
def test_docx_renders_to_pages_of_lines(tmp_path):
    pages = render_pages(build(good(), tmp_path / "good.docx"))
    assert len(pages) >= 2
    first = pages[0]
    assert round(first.width / MM) == 210 and round(first.height / MM) == 297
    title = first.lines[0]
    assert title.compact == "测试镇2025年度重点工作计划" and title.size == pytest.approx(22)
    assert abs((title.x0 + title.x1) / 2 - (28 + 156 / 2) * MM) < 2  # centred in the 版心
    assert [ln.compact for ln in first.lines[-1:]] == ["—1—"]
    assert len(title.xs) == len(title.text)
    tops = [ln.top for ln in first.lines]
    assert tops == sorted(tops)


@needs_soffice
def test_the_pdf_is_read_as_it_is(tmp_path):
    pdf = rendering.docx_to_pdf(build(good(), tmp_path / "good.docx"), tmp_path)
    assert pdf.suffix == ".pdf"
    assert [p.number for p in render_pages(pdf)] == [1, 2]


def test_missing_libreoffice_is_a_render_error(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "soffice_path", lambda: None)
    with pytest.raises(RenderError, match="not installed"):
        render_pages(build(good(), tmp_path / "good.docx"))


def test_lines_split_at_wide_gaps():
    chars = [
        {"text": t, "x0": x, "x1": x + 16, "top": 100, "bottom": 116, "size": 16}
        for t, x in (("甲", 80), ("乙", 96), ("丙", 300))
    ]
    lines = rendering._group_lines(chars)
    assert [ln.text for ln in lines] == ["甲乙", "丙"]
