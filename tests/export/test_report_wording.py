"""How the reports read: titles, grouped tasks without progress, no placeholder in a 通报."""

from __future__ import annotations

from export.content import BODY, TITLE
from export.reports_layout import report_items
from models import reports as R
from tests.report_fixture import TODAY, make_report_plan


def _texts(report) -> list[str]:
    return [i.text for i in report_items(report, TODAY) if getattr(i, "kind", "") in (BODY, TITLE)]


def test_a_whole_year_period_leaves_no_stray_du(db):
    plan_id = make_report_plan(db)
    year = R.year_period(2025)
    for kind in ("progress", "bulletin"):
        texts = _texts(R.build_report(db, kind, plan_id, year, TODAY))
        assert all("计划度" not in t and "年度年" not in t for t in texts), texts[:3]
    bulletin = _texts(R.build_report(db, "bulletin", plan_id, year, TODAY))
    assert bulletin[0] == "关于测试镇2025年工作计划落实情况的督查通报"
    assert "现将测试镇2025年工作计划任务落实情况通报如下。" in bulletin


def test_a_period_without_notes_says_so_once(db):
    plan_id = make_report_plan(db)
    texts = _texts(R.progress_report(db, plan_id, R.month_period(2025, 1), TODAY))
    # the totals sentence says it once for the period; the sections list their tasks plainly
    assert sum(t.count("本期无进展记录") for t in texts) == 1
    assert any(t.startswith("本部分") and "项任务：" in t for t in texts)


def test_tasks_without_progress_are_grouped_once_per_section(db):
    plan_id = make_report_plan(db)
    texts = _texts(R.progress_report(db, plan_id, R.quarter_period(2025, 2), TODAY))
    assert any("本期共记录工作进展" in t for t in texts)  # a period with notes
    quiet = [t for t in texts if "本期无进展记录" in t]
    assert quiet and all(t.count("本期无进展记录") == 1 for t in quiet)
    assert all(t.startswith("以下") and "项任务本期无进展记录：" in t for t in quiet)


def test_bulletin_requirements_are_written_out(db):
    plan_id = make_report_plan(db)
    texts = _texts(R.bulletin(db, plan_id, R.quarter_period(2025, 2), TODAY))
    assert not any("【" in t or "待补充" in t for t in texts)
