"""A progress note dated outside the plan's year (or in the future) is flagged when entered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from models import outline, tracking
from tests.frozen_clock import frozen_today
from ui import messages, strings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


_today = frozen_today(dt.date(2024, 6, 10))


@pytest.fixture
def panel(window):
    plan_id = window.document.tree_model.plan_ids()[0]
    plan = outline.get_plan(window.document.db, plan_id)
    assert plan.year == 2024
    task = next(n for n in outline.load_outline(window.document.db, plan_id) if n.kind == "task")
    window.select_node(task.id)
    tracking_panel = window.tracking.panel
    tracking_panel.pr_text.setText("完成年度部署。")
    return tracking_panel


@pytest.fixture
def asked(monkeypatch):
    questions: list[str] = []
    answers = {"value": False}

    def ask(parent, title, text):
        questions.append(text)
        return answers["value"]

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return questions, answers


def entries(panel) -> int:
    return len(tracking.list_progress(panel.document.db, panel.task_id))


def test_a_note_of_another_year_is_questioned(panel, asked):
    questions, answers = asked
    panel.pr_date.setDate(QDate(2025, 1, 3))
    assert panel.add_progress() is None
    assert questions == [strings.PROGRESS_DATE_OUTSIDE_YEAR.format(date="2025-01-03", year=2024)]
    assert entries(panel) == 0
    answers["value"] = True
    assert panel.add_progress() is not None
    assert entries(panel) == 1


def test_a_note_in_the_future_is_questioned(panel, asked):
    questions, _answers = asked
    panel.pr_date.setDate(QDate(2024, 9, 1))
    assert panel.add_progress() is None
    assert questions == [strings.PROGRESS_DATE_FUTURE.format(date="2024-09-01")]


def test_a_note_of_the_plan_year_is_not_questioned(panel, asked):
    questions, _answers = asked
    panel.pr_date.setDate(QDate(2024, 6, 1))
    assert panel.add_progress() is not None
    assert questions == []
