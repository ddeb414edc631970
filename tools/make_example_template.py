"""Build resources/templates/example_plan_template.docx, the example template with docxtpl tags.

Run from the repository root:  python tools/make_example_template.py
The generated file is committed (a small user-facing resource); rerun this after changing
the 公文 styles in export/gongwen.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx.enum.text import WD_BREAK  # noqa: E402
from docx.shared import Mm  # noqa: E402

from export import gongwen  # noqa: E402

OUT = ROOT / "resources" / "templates" / "example_plan_template.docx"


def build(path: Path = OUT) -> Path:
    """Write the example template and return its path."""
    doc = gongwen.new_gongwen_document()
    names = gongwen.style_names(doc)
    body, title = names[gongwen.S_BODY], names[gongwen.S_TITLE]

    def para(text: str, style: str = body):
        p = doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        return p

    para("{{ plan.title }}", title)
    para("")
    para("{%p for p in paragraphs if p.kind != 'title' %}")
    for level in range(1, 5):
        para("{%p if p.level == 1 %}" if level == 1
              else f"{{%p elif p.level == {level} %}}")
        p = doc.add_paragraph(style=names[gongwen.heading_style_id(level)])
        p.add_run("{{ p.heading }}", style=names[gongwen.heading_char_style_id(level)])
        p.add_run("{{ p.rest }}", style=names[gongwen.S_BODY_CHAR])
    para("{%p else %}")
    para("{{ p.text }}")
    para("{%p endif %}")
    para("{%p endfor %}")
    para("")
    para("{{ plan.signature }}", names[gongwen.S_SIGN])
    last = para("{{ plan.date }}", names[gongwen.S_SIGN])
    last.runs[0].add_break(WD_BREAK.PAGE)

    para("{{ plan.title }}任务分解表", title)
    headers = ("序号", "工作任务", "责任单位", "完成时限", "进度/状态")
    cells = ("{{ t.number }}", "{{ t.text }}", "{{ t.owner_unit }}", "{{ t.deadline }}",
             "{{ t.status }}")
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    for col, text in enumerate(headers):
        table.rows[0].cells[col].text = text
    table.rows[1].cells[0].text = "{%tr for t in tasks %}"
    for col, text in enumerate(cells):
        table.rows[2].cells[col].text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for col, width in enumerate((18, 80, 25, 20, 13)):
        for cell in table.columns[col].cells:
            cell.width = Mm(width)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
