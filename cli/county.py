"""The county 督查通报 ranking offices: ``export --kind bulletin --by office`` (issue 19)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cli.common import echo
from models import clock, reports
from models.errors import ExportError
from models.exchange.county import county_bulletin
from models.outline import get_plan
from models.store.db import Database

FORMATS = ("docx", "xlsx", "pdf")


def export_by_office(args: argparse.Namespace, db: Database) -> int:
    """Write the 通报 of every received plan of the period, tasks grouped by office.

    The period is --from/--until; without them the year of the plan given, else this year.
    """
    if args.kind != "bulletin":
        raise ExportError("只有督查通报可以按报送单位排名（--by office）。")
    if args.template:
        raise ExportError("按单位排名的通报不能使用模板（--template）。")
    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"督查通报只能导出为 .docx、.xlsx、.pdf 文件，不能导出为“{out.name}”。")
    if args.date_from and args.date_until and args.date_from > args.date_until:
        raise ExportError("开始日期（--from）晚于结束日期（--until）。")
    year = clock.today().year
    if args.plan is not None:
        year = get_plan(db, args.plan).year or year
    start, until = args.date_from, args.date_until
    period = reports.range_period(
        start or dt.date((until.year if until else year), 1, 1),
        until or dt.date((start.year if start else year), 12, 31),
    )
    report = county_bulletin(db, period)
    if fmt == "xlsx":
        from export.reports_xlsx import export_report_xlsx

        path = export_report_xlsx(report, out)
    elif fmt == "pdf":
        from cli.exporting import write_checked_pdf
        from export.reports_html import report_html

        path = write_checked_pdf(report_html(report), out, title=reports.REPORT_KINDS["bulletin"])
    else:
        from export.reports_docx import export_report_docx

        path = export_report_docx(report, out)
    echo(str(path))
    return 0
