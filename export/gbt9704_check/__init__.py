"""PlanDesk's own GB/T 9704-2012 checker: reads any .docx and reports, rule by rule with the
standard's clause number, what it breaks.

It lives in ``export/`` because that layer holds the 公文 format knowledge and python-docx
reading, and may be used by both ``cli/`` and ``ui/``; it imports no Qt (STYLE.md §1). It
deliberately does not import ``export/gongwen.py``: a checker that shared the writer's
constants would agree with the writer's mistakes. The page rules need LibreOffice
(``export/rendering.py``); without it they are reported as skipped, not passed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from export.gbt9704_check.findings import FAIL, PASS, SKIP, CheckReport, Finding

__all__ = ["FAIL", "PASS", "SKIP", "CheckReport", "Finding", "check_docx"]

log = logging.getLogger(__name__)

NO_LIBREOFFICE = "未安装 LibreOffice，未检查排版后的页面"


def check_docx(path: Path, *, render: bool | None = None) -> CheckReport:
    """Check one .docx against GB/T 9704.

    Args:
        path: the file.
        render: True: also lay the file out with LibreOffice and judge the pages (fails
            when LibreOffice is missing); False: the file rules only; None (default):
            render when LibreOffice is installed.

    Raises:
        DocumentCheckError: the file is not a readable .docx.
        RenderError: render=True and the file could not be rendered.
    """
    # Imported here: the window imports this package at start-up, lxml and the rules
    # load on the first check.
    from export.gbt9704_check.docx_model import read_docx
    from export.gbt9704_check.file_rules import file_findings
    from export.gbt9704_check.page_rules import page_findings, skipped_page_findings
    from export.gbt9704_check.roles import find_roles
    from export.rendering import RenderError, render_pages, soffice_path

    path = Path(path)
    model = read_docx(path)
    roles = find_roles(model)
    report = CheckReport(path, file_findings(model, roles))
    if render is False:
        report.render_note = "未要求排版检查"
        report.findings.extend(skipped_page_findings(report.render_note))
        return report
    if render is None and soffice_path() is None:
        report.render_note = NO_LIBREOFFICE
        report.findings.extend(skipped_page_findings(NO_LIBREOFFICE))
        return report
    try:
        pages = render_pages(path)
    except RenderError as exc:
        if render:
            raise
        log.warning("cannot render %s: %s", path, exc)
        report.render_note = f"LibreOffice 未能排版该文件：{exc}"
        report.findings.extend(skipped_page_findings(report.render_note))
        return report
    report.rendered = True
    report.pages = len(pages)
    report.findings.extend(page_findings(model, roles, pages))
    return report
