"""The 进展情况报告 names the tasks without evidence once the plan keeps any."""

from __future__ import annotations

from export.content import BODY
from export.reports_layout import report_items
from models import reports as R
from models.evidence import store
from tests.evidence_fixture import pdf
from tests.report_fixture import TODAY, make_report_plan


def _bodies(db, plan_id) -> list[str]:
    report = R.progress_report(db, plan_id, R.quarter_period(2025, 2), TODAY)
    return [i.text for i in report_items(report, TODAY) if getattr(i, "kind", "") == BODY]


def _task(db, text):
    return db.scalar("SELECT id FROM nodes WHERE text = ?", (text,))


def test_no_sentence_while_the_plan_keeps_no_evidence(db):
    plan_id = make_report_plan(db)
    assert not any("佐证材料" in t for t in _bodies(db, plan_id))


def test_the_tasks_without_evidence_are_named(db, tmp_path):
    plan_id = make_report_plan(db)
    tasks = [r[0] for r in db.query("SELECT id FROM nodes WHERE kind = 'task' ORDER BY id")]
    for n, task in enumerate(tasks[1:]):
        store.add_evidence(db, task, [pdf(tmp_path / f"{n}.pdf", str(n))])
    line = next(t for t in _bodies(db, plan_id) if "佐证材料" in t)
    assert line == "尚有1项任务未留存佐证材料（其中已完成1项）：抓好党员教育管理（党建办）。"
    store.add_evidence(db, _task(db, "抓好党员教育管理。"), [pdf(tmp_path / "x.pdf", "x")])
    assert "各项任务均已留存佐证材料。" in _bodies(db, plan_id)
