"""HTML for print and PDF: the same paragraphs and fonts as the .docx (PDF: tests/cli)."""

from __future__ import annotations

from html.parser import HTMLParser

from export.content import load_plan_data
from export.gongwen import docx_plan_text, export_plan_docx
from export.html import plan_html, tasks_html
from export.task_table import HEADERS, task_rows

from .conftest import SIGN_DAY


class _Paragraphs(HTMLParser):
    """Collect the text and class of each <p> and the cells of each <tr>."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._p: list[str] | None = None
        self._cls = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._p, self._cls = [], dict(attrs).get("class", "")
        elif tag == "br" and self._p is not None:
            self._p.append("\n")
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "p" and self._p is not None:
            self.paragraphs.append((self._cls, "".join(self._p)))
            self._p = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._p is not None:
            self._p.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _parse(html: str) -> _Paragraphs:
    parser = _Paragraphs()
    parser.feed(html)
    return parser


def test_plan_html_has_the_same_paragraphs_as_the_docx(db, four_level_id, tmp_path):
    data = load_plan_data(db, four_level_id)
    html = plan_html(data, today=SIGN_DAY)
    paras = [(c, t.replace("\n", "")) for c, t in _parse(html).paragraphs if t.strip("\xa0")]
    content = docx_plan_text(export_plan_docx(data, tmp_path / "p.docx", today=SIGN_DAY))
    assert [t for _, t in paras][: len(content)] == content
    assert [t for _, t in paras][-2:] == ["测试镇人民政府", "2025年2月3日"]
    classes = {c for c, _ in paras}
    assert {"title", "body", "level1", "level2", "level3", "level4", "date"} <= classes


def test_plan_html_names_official_fonts_first(db, four_level_id):
    html = plan_html(load_plan_data(db, four_level_id), today=SIGN_DAY)
    assert "font-family: '方正小标宋简体'" in html
    # the Latin font of the .docx first (digits), then the official Chinese names
    assert "font-family: 'Times New Roman', '仿宋_GB2312', '仿宋', 'FangSong'" in html
    assert "'Times New Roman', '楷体_GB2312'" in html and "'Times New Roman', '黑体'" in html
    assert "font-size: 16pt" in html and "text-indent: 42.67px" in html


def test_html_escapes_text(db, plan_factory):
    plan_id = plan_factory(title="<b>测试</b>&计划", sections=[("标题<script>", ["任务&。"])])
    html = plan_html(load_plan_data(db, plan_id))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html


def test_tasks_html_table(db, four_level_id):
    data = load_plan_data(db, four_level_id)
    parsed = _parse(tasks_html(data))
    assert parsed.rows[0] == list(HEADERS)
    tasks = [r for r in parsed.rows[1:] if len(r) == len(HEADERS)]
    assert [r[1] for r in tasks] == [t.text for t in task_rows(data)]
    assert [r[0] for r in tasks] == [str(n) for n in range(1, len(tasks) + 1)]
    assert [r for r in parsed.rows[1:] if len(r) == 1] == [["一、总体要求"], ["二、重点任务"]]
    assert "<thead>" in tasks_html(data)
