"""Every kind of .docx and .xlsx PlanDesk writes, validated with openxml-audit (a port of the
Open XML SDK validator): well-formed parts, schema, and what Word/Excel would repair."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from export.content import load_plan_data
from export.feedback_sheet import export_feedback_sheets
from export.gongwen import export_plan_docx
from export.reports_docx import export_report_docx
from export.reports_xlsx import export_report_xlsx
from export.task_table import export_tasks_docx, export_tasks_xlsx
from export.template import export_with_template
from models import reports as R
from models.outline import update_plan
from resources import resource_path
from tests.frozen_clock import frozen_today
from tests.report_fixture import TODAY, make_report_plan

audit = pytest.importorskip("openxml_audit", reason="openxml-audit not installed")

Q2 = R.quarter_period(2025, 2)
SIGN_DAY = dt.date(2025, 2, 3)
# Findings of today's .docx output that the 公文 layout work (issue 21 item 8: python-docx's
# leftover stylesWithEffects part, <w:tblHeader w:val="1"/> instead of the schema's on/off)
# is removing; anything else fails. The .xlsx files must have no finding at all.
KNOWN_DOCX = (
    re.compile(r"stylesWithEffects\.xml: styles\.xml contains \d+ style\(s\) not in"),
    re.compile(r"stylesWithEffects\.xml: docDefaults differ between styles\.xml"),
    re.compile(r"/tblHeader\[1\]: Invalid value for attribute 'val': Value '1'"),
)


_today = frozen_today(TODAY)


@pytest.fixture(scope="module")
def validator():
    return audit.OpenXmlValidator()


def _findings(validator, path: Path) -> list[str]:
    return [str(e) for e in validator.validate(str(path)).errors]


def _written(db, sample_ids, four_level_id, folder: Path) -> dict[str, list[Path]]:
    report_plan = make_report_plan(db)
    docx = [
        export_plan_docx(load_plan_data(db, sample_ids[2]), folder / "plan.docx", today=SIGN_DAY),
        export_plan_docx(load_plan_data(db, four_level_id), folder / "four.docx", today=SIGN_DAY),
        export_tasks_docx(load_plan_data(db, sample_ids[0]), folder / "tasks.docx"),
        export_with_template(
            Path(resource_path("templates", "example_plan_template.docx")),
            load_plan_data(db, sample_ids[0]),
            folder / "template.docx",
            today=SIGN_DAY,
        ),
    ]
    update_plan(db, four_level_id, issuer="测试镇人民政府文件", doc_number="测府〔2025〕1号")
    docx.append(
        export_plan_docx(load_plan_data(db, four_level_id), folder / "red.docx", today=SIGN_DAY)
    )
    xlsx = [export_tasks_xlsx(load_plan_data(db, sample_ids[0]), folder / "tasks.xlsx")]
    xlsx += export_feedback_sheets(db, report_plan, folder)
    for kind in sorted(R.REPORT_KINDS):
        report = R.build_report(db, kind, report_plan, Q2, TODAY)
        docx.append(export_report_docx(report, folder / f"{kind}.docx", TODAY))
        if kind != "summary":
            xlsx.append(export_report_xlsx(report, folder / f"{kind}.xlsx"))
    return {"docx": docx, "xlsx": xlsx}


def test_every_xlsx_kind_has_no_finding(db, sample_ids, four_level_id, tmp_path, validator):
    files = _written(db, sample_ids, four_level_id, tmp_path)["xlsx"]
    assert len(files) >= 5
    assert {p.name: _findings(validator, p) for p in files} == {p.name: [] for p in files}


def test_every_docx_kind_has_no_finding_beyond_the_known_ones(
    db, sample_ids, four_level_id, tmp_path, validator
):
    files = _written(db, sample_ids, four_level_id, tmp_path)["docx"]
    assert len(files) == 9
    unexpected = {
        p.name: [f for f in _findings(validator, p) if not any(k.search(f) for k in KNOWN_DOCX)]
        for p in files
    }
    assert unexpected == {p.name: [] for p in files}


def test_the_validator_does_find_a_broken_file(tmp_path, validator):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "x"
    path = tmp_path / "plain.xlsx"
    wb.save(path)  # plain openpyxl output: font children out of schema order
    assert any("Unexpected element" in f for f in _findings(validator, path))
