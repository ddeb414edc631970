"""Build resources/templates/example_plan_template.docx, the example template with docxtpl tags.

Run from the repository root:  python build_tools/make_example_template.py
The generated file is committed (a small user-facing resource); rerun this after changing
the 公文 styles in export/gongwen.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from export import gongwen, ooxml  # noqa: E402
from export.task_table import fix_table_widths, write_cell  # noqa: E402

OUT = ROOT / "resources" / "templates" / "example_plan_template.docx"


def build(path: Path = OUT) -> Path:
    """Write the example template and return its path."""
    doc = gongwen.new_gongwen_document()
    names = gongwen.style_names(doc)
    body, title = names[gongwen.S_BODY], names[gongwen.S_TITLE]
    label_style = next(s.name for s in doc.styles if s.style_id == gongwen.S_ATTACH_LABEL)

    def para(text: str, style: str = body):
        p = doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        return p

    para("{{ plan.title }}", title)
    para("")
    para("{%p for p in paragraphs if p.kind != 'title' %}")
    for level in range(1, 5):
        para("{%p if p.level == 1 %}" if level == 1 else f"{{%p elif p.level == {level} %}}")
        p = doc.add_paragraph(style=names[gongwen.heading_style_id(level)])
        p.add_run("{{ p.heading }}", style=names[gongwen.heading_char_style_id(level)])
        p.add_run("{{ p.rest }}", style=names[gongwen.S_BODY_CHAR])
    para("{%p else %}")
    para("{{ p.text }}")
    para("{%p endif %}")
    para("{%p endfor %}")
    para("")
    para("附件：{{ plan.title }}任务分解表")  # 附件说明 (GB/T 9704 7.3.4)
    para("")
    para("{{ plan.signature }}", names[gongwen.S_SIGN])
    para("{{ plan.date }}", names[gongwen.S_SIGN])

    # the attachment: 附件 label on a new page, its title, the task table (7.3.7)
    para("附件", label_style)
    para("")
    para("{{ plan.title }}任务分解表", title)
    para("")
    headers = ("序号", "工作任务", "责任单位", "完成时限", "进度/状态")
    cells = (
        "{{ t.number }}",
        "{{ t.text }}",
        "{{ t.owner_unit }}",
        "{{ t.deadline }}",
        "{{ t.status }}",
    )
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    ooxml.set_attrs(ooxml.child(table.rows[0]._tr.get_or_add_trPr(), "w:tblHeader"), val="1")
    for col, text in enumerate(headers):
        write_cell(table.rows[0].cells[col], text, bold_font=gongwen.HEITI, center=True)
    write_cell(table.rows[1].cells[0], "{%tr for t in tasks %}")
    for col, text in enumerate(cells):
        write_cell(table.rows[2].cells[col], text, center=col != 1)
    write_cell(table.rows[3].cells[0], "{%tr endfor %}")
    fix_table_widths(table, (20, 70, 26, 22, 18))  # 156 mm text width
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
