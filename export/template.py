"""Export through the office's own .docx template.

A template with docxtpl/Jinja tags ({{ plan.title }}, {%p for p in paragraphs %} …) is
rendered in a Jinja *sandbox*: templates travel between offices, so a template must not
reach Python internals ({{ ''.__class__ }} fails with a clear message). A template without
tags is used as the style base: its page setup, headers/footers and styles, our content.

Fields available to a tagged template (all plain values, lists and dicts):

- ``plan``: title, year, organization, issuer, doc_number, signed_by, kind (工作计划…),
  preamble, closing, signature (署名), date (成文日期, 2024年1月5日)
- ``paragraphs``: the plan's paragraphs in order, each with kind (title/body/heading/task),
  level (1–4 for headings and numbered tasks, else 0), heading (the part in the heading
  font), rest (the part in the body font) and text (the whole paragraph)
- ``sections``: the outline, each with number, heading, run_in, body, text (body + tasks
  written in one paragraph), level, tasks (list) and children (sections)
- ``tasks``: every task with number, text, lead_leader, owner_unit, co_units, deadline,
  target, status (for a {%tr for t in tasks %} table row)
- ``today``: the export date (2024年1月5日)
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from export import gongwen
from export.atomic import atomic_output
from export.content import (
    BLANK,
    HEADING,
    ROLE_HEADING,
    TASK,
    TITLE,
    PlanData,
    date_text,
    plan_blocks,
    signature_text,
    signing_date_text,
)
from export.task_rows import status_text, task_rows
from export.template_sandbox import story_roots
from export.template_worker import render_in_worker
from models import clock
from models.errors import ImportFileError, TemplateError
from models.text.numbering import outline_numbers
from models.vocab import PLAN_KIND, NodeKind, TaskStyle, label

log = logging.getLogger(__name__)

_TAG = re.compile(r"\{\{|\{%|\{#")


# ---------------------------------------------------------------- reading the template
def open_template(path: str | Path) -> DocxDocument:
    """Open a user template; TemplateError when it is not a readable .docx.

    The file goes through the guarded opener first (zip bombs, entities, table bounds).
    """
    from models.office_guard import check_package, check_word_tables

    path = Path(path)
    if not path.is_file():
        raise TemplateError(f"找不到模板文件“{path.name}”。")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"“{path.name}”不是 Word 文档（.docx），请选择 .docx 格式的模板。")
    try:
        check_package(path, required="word/document.xml", what="Word 模板（.docx）")
        check_word_tables(path)
    except ImportFileError as exc:
        problem = exc.user_text.removeprefix(f"{path.name} ")
        raise TemplateError(f"模板“{path.name}”{problem}", detail=exc.detail) from exc
    try:
        return Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise TemplateError(
            f"无法读取模板“{path.name}”，文件可能已损坏（{type(exc).__name__}）。",
            detail=str(exc),
        ) from exc


def _all_paragraph_texts(doc: DocxDocument) -> list[str]:
    """Texts of every paragraph of the body (tables included), headers and footers."""
    texts = []
    for root in story_roots(doc):
        for p in root.iter(qn("w:p")):
            texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return texts


def has_tags(doc: DocxDocument) -> bool:
    """Whether the template contains Jinja/docxtpl tags ({{ }}, {% %}, {# #})."""
    return any(_TAG.search(t) for t in _all_paragraph_texts(doc))


# ---------------------------------------------------------------- context
def template_context(data: PlanData, today: dt.date | None = None) -> dict[str, Any]:
    """The fields a tagged template can use (see the module docstring)."""
    plan = data.plan
    numbers = outline_numbers(data.nodes)
    blocks = plan_blocks(data, today=today, signature=False)
    paragraphs = []
    for b in blocks:
        if b.kind == BLANK:
            continue
        heading = "".join(p.text for p in b.parts if p.role == ROLE_HEADING)
        rest = "".join(p.text for p in b.parts if p.role != ROLE_HEADING)
        kind = {TITLE: "title", HEADING: "heading", TASK: "task"}.get(b.kind, "body")
        paragraphs.append(
            {"kind": kind, "level": b.level, "heading": heading, "rest": rest, "text": b.text}
        )
    kids: dict[int | None, list] = {}
    for n in data.nodes:
        kids.setdefault(n.parent_id, []).append(n)
    rows = {r.node_id: r for r in task_rows(data)}

    def task(node) -> dict[str, Any]:
        row = rows.get(node.id)
        return {
            "number": numbers[node.id],
            "text": node.text,
            "lead_leader": node.lead_leader or "",
            "owner_unit": node.owner_unit or "",
            "co_units": node.co_units or "",
            "deadline": node.deadline or "",
            "target": node.target or "",
            "status": status_text(row) if row else "",
        }

    def section(node, level: int) -> dict[str, Any]:
        children = sorted(kids.get(node.id, []), key=lambda n: n.position)
        tasks = [c for c in children if c.kind == NodeKind.TASK]
        if node.task_style == TaskStyle.YISHI:
            inline = "".join(numbers[t.id] + t.text for t in tasks)
        elif node.task_style in (TaskStyle.NUMBERED, TaskStyle.PARAGRAPHS):
            inline = ""
        else:
            inline = "".join(t.text for t in tasks)
        return {
            "number": numbers[node.id],
            "heading": node.heading,
            "run_in": node.run_in or "",
            "body": node.body,
            "text": node.body + inline,
            "level": level,
            "tasks": [task(t) for t in tasks],
            "children": [section(c, level + 1) for c in children if c.kind == NodeKind.SECTION],
        }

    top = sorted(kids.get(None, []), key=lambda n: n.position)
    return {
        "plan": {
            "title": plan.title,
            "year": plan.year or "",
            "organization": plan.organization or "",
            "issuer": plan.issuer or "",
            "doc_number": plan.doc_number or "",
            "signed_by": plan.signed_by or "",
            "kind": label(PLAN_KIND, plan.kind),
            "preamble": plan.preamble or "",
            "closing": plan.closing or "",
            "signature": signature_text(plan),
            "date": signing_date_text(plan, today),
        },
        "paragraphs": paragraphs,
        "sections": [section(n, 1) for n in top if n.kind == NodeKind.SECTION],
        "tasks": [asdict(r) for r in rows.values()],
        "today": date_text(today or clock.today()),
    }


# ---------------------------------------------------------------- rendering
def render_tagged(
    path: str | Path, data: PlanData, out: str | Path, today: dt.date | None = None
) -> Path:
    """Render a docxtpl template with the plan in the sandbox and save it atomically.

    Raises:
        TemplateError: bad syntax, an unknown field, access to Python internals, a runtime
            error, or a budget spent (export/template_worker.py).
    """
    open_template(path)  # clear message for a missing, broken or hostile file
    context = template_context(data, today)
    with atomic_output(out) as tmp:
        render_in_worker(path, context, tmp)  # time, memory and output budgets
    return Path(out)


def _clear_body(doc: DocxDocument) -> None:
    """Remove the template's content but keep its last section properties."""
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)


def render_style_base(
    path: str | Path, data: PlanData, out: str | Path, today: dt.date | None = None
) -> Path:
    """Our content in the template's page setup, headers/footers and styles.

    The template's own 公文正文, 公文标题, 公文一级标题 … styles (by name) are used as they
    are; the ones it lacks are added with the GB/T 9704 settings. Word's built-in Title and
    Heading N are not used: every blank Word document has them, in Calibri and blue.
    """
    doc = open_template(path)
    _clear_body(doc)
    gongwen.setup_styles(doc, keep_existing=True)
    gongwen.write_blocks(doc, plan_blocks(data, today=today), gongwen.style_names(doc))
    with atomic_output(out) as tmp:
        doc.save(str(tmp))
    return Path(out)


def export_with_template(
    template: str | Path, data: PlanData, out: str | Path, *, today: dt.date | None = None
) -> Path:
    """Export the plan through a user template (tagged → docxtpl, plain → style base)."""
    if Path(out).resolve() == Path(template).resolve():
        raise TemplateError(
            f"导出文件不能与模板“{Path(template).name}”是同一个文件，请另选保存位置或文件名。"
        )
    doc = open_template(template)
    if has_tags(doc):
        result = render_tagged(template, data, out, today)
    else:
        result = render_style_base(template, data, out, today)
    log.info("exported plan %s with template %s to %s", data.plan.id, template, out)
    return result
