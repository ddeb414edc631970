"""``export``: a plan as .docx/.pdf, its task table as .docx/.xlsx/.pdf, or through a template.

Kinds are looked up in ``KINDS`` (kind -> ExportKind). A new kind (a progress report, a
bulletin …) is one function taking an ExportRequest plus one entry in that dict; the
request already carries --from/--until.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cli.common import echo, gui_application, open_db, parse_plan_id
from models import reports
from models.errors import ExportError
from models.outline import get_plan
from models.store.db import Database


@dataclass(slots=True)
class ExportRequest:
    """What one export command asks for, after the arguments have been checked."""

    db: Database
    plan_id: int
    out: Path
    fmt: str  # "docx" | "xlsx" | "pdf" (from the --out suffix)
    template: Path | None = None
    date_from: dt.date | None = None
    date_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ExportKind:
    """One --kind: the function that writes the file, and the formats it can write."""

    run: Callable[[ExportRequest], Path]
    formats: tuple[str, ...]
    uses_period: bool = False  # whether --from/--until mean something for this kind
    templates: bool = False  # whether --template is accepted


def write_checked_pdf(html: str, out: Path, *, landscape: bool = False, title: str = "") -> Path:
    """The PDF of ``html``, refused (ExportError) when a character has no font to draw it."""
    gui_application()
    from cli.pdf_glyphs import check_glyphs
    from export.pdf import write_pdf  # loads Qt: only for PDF

    check_glyphs(html)
    return write_pdf(html, out, landscape=landscape, title=title)


# The writers are imported where they are used: every command of the CLI imports this
# module, and all of them together (openpyxl, the report and template writers) cost 140 ms.
def export_plan(req: ExportRequest) -> Path:
    """The plan in the GB/T 9704 layout (.docx, .pdf) or through a user template."""
    from export.content import load_plan_data

    data = load_plan_data(req.db, req.plan_id)
    if req.template is not None:
        from export.template import export_with_template

        return export_with_template(req.template, data, req.out)
    if req.fmt == "pdf":
        from export.html import plan_html

        return write_checked_pdf(plan_html(data), req.out, title=data.plan.title)
    from export.gongwen import export_plan_docx

    return export_plan_docx(data, req.out)


def export_tasks(req: ExportRequest) -> Path:
    """The 任务分解表 as .xlsx, landscape .docx or landscape .pdf."""
    from export import task_table
    from export.content import load_plan_data
    from export.html import tasks_html

    data = load_plan_data(req.db, req.plan_id)
    if req.fmt == "xlsx":
        return task_table.export_tasks_xlsx(data, req.out)
    if req.fmt == "pdf":
        return write_checked_pdf(
            tasks_html(data), req.out, landscape=True, title=task_table.table_title(data)
        )
    return task_table.export_tasks_docx(data, req.out)


def report_exporter(kind: str) -> Callable[[ExportRequest], Path]:
    """The export function of a report kind (models/reports.py REPORT_KINDS)."""

    def run(req: ExportRequest) -> Path:
        plan = get_plan(req.db, req.plan_id)
        period = reports.period_for_plan(plan, req.date_from, req.date_until)
        report = reports.build_report(req.db, kind, req.plan_id, period)
        if req.fmt == "xlsx":
            from export.reports_xlsx import export_report_xlsx

            return export_report_xlsx(report, req.out)
        if req.fmt == "pdf":
            from export.reports_html import report_html

            return write_checked_pdf(report_html(report), req.out, title=reports.REPORT_KINDS[kind])
        from export.reports_docx import export_report_docx

        return export_report_docx(report, req.out)

    return run


# kind -> how to export it. Add report kinds here (with uses_period=True for --from/--until).
KINDS: dict[str, ExportKind] = {
    "plan": ExportKind(export_plan, ("docx", "pdf"), templates=True),
    "tasks": ExportKind(export_tasks, ("docx", "xlsx", "pdf")),
    **{
        kind: ExportKind(
            report_exporter(kind),
            ("docx", "pdf") if kind == "summary" else ("docx", "xlsx", "pdf"),
            uses_period=True,
        )
        for kind in reports.REPORT_KINDS
    },
}

KIND_LABELS = {"plan": "计划全文", "tasks": "任务分解表", **reports.REPORT_KINDS}


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date must look like 2025-06-30, not {value!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add the export command."""
    p = sub.add_parser("export", help="export a plan (.docx/.pdf) or its task table (.xlsx …)")
    p.add_argument("plan", type=parse_plan_id, nargs="?", help="the plan (not with --by office)")
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="output file; the suffix picks the format (.docx, .xlsx, .pdf)",
    )
    p.add_argument(
        "--kind",
        default="plan",
        choices=list(KINDS),
        help=f"what to export: {', '.join(KINDS)} (default: plan)",
    )
    p.add_argument("--template", metavar="T.docx", help="the office's own .docx template")
    p.add_argument(
        "--from",
        dest="date_from",
        type=_iso_date,
        metavar="DATE",
        help="start of the period (reports)",
    )
    p.add_argument(
        "--until",
        dest="date_until",
        type=_iso_date,
        metavar="DATE",
        help="end of the period (reports)",
    )
    p.add_argument(
        "--by",
        choices=("unit", "office"),
        default="unit",
        help="bulletin: rank the 责任单位 of one plan (unit) or the offices whose plans "
        "were received (office, the county 通报)",
    )
    p.set_defaults(func=cmd_export)


def build_request(args: argparse.Namespace, db: Database) -> tuple[ExportKind, ExportRequest]:
    """Check the arguments against the kind; ExportError with a clear message otherwise."""
    kind = KINDS.get(args.kind)
    if kind is None:
        raise ExportError(f"不支持的导出类型“{args.kind}”，可选：{'、'.join(KINDS)}。")
    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    name = KIND_LABELS.get(args.kind, args.kind)
    if fmt not in kind.formats:
        allowed = "、".join(f".{f}" for f in kind.formats)
        raise ExportError(f"{name}只能导出为 {allowed} 文件，不能导出为“{out.name}”。")
    template = Path(args.template) if args.template else None
    if template is not None and (not kind.templates or fmt != "docx"):
        raise ExportError("只有计划全文导出为 .docx 时才能使用模板（--template）。")
    if (args.date_from or args.date_until) and not kind.uses_period:
        raise ExportError(f"{name}不按时间段导出，请去掉 --from/--until。")
    if args.date_from and args.date_until and args.date_from > args.date_until:
        raise ExportError("开始日期（--from）晚于结束日期（--until）。")
    return kind, ExportRequest(db, args.plan, out, fmt, template, args.date_from, args.date_until)


def cmd_export(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.by == "office":
            from cli.county import export_by_office

            return export_by_office(args, db)
        if args.plan is None:
            raise ExportError("请给出要导出的计划编号。")
        kind, req = build_request(args, db)
        get_plan(db, req.plan_id)  # a clear message for an unknown plan id
        path = kind.run(req)
    echo(str(path))
    return 0
