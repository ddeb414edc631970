"""The plan panel's 公文 fields: 加盖印章 and the 版记 (抄送机关, 印发机关, 印发日期)."""

from __future__ import annotations

from models import outline
from ui import messages


def _edit_line(panel, field, text):
    edit = panel.editor(field)
    edit.setText(text)  # never keyClicks Chinese text (TOOLCHAIN.md)
    edit.editingFinished.emit()


def test_banji_and_seal_fields_are_stored(window):
    pid = window.document.tree_model.plan_ids()[0]
    window.select_plan(pid)
    panel = window.plan_panel
    _edit_line(panel, "copy_to", "县委办公室，县政府办公室")
    _edit_line(panel, "printed_by", "XX镇党政办公室")
    _edit_line(panel, "printed_date", "2024-01-08")
    combo = panel.editor("sealed")
    combo.setCurrentIndex(combo.findData(1))
    combo.activated.emit(combo.currentIndex())
    plan = outline.get_plan(window.document.db, pid)
    assert (plan.copy_to, plan.printed_by, plan.printed_date, plan.sealed) == (
        "县委办公室，县政府办公室",
        "XX镇党政办公室",
        "2024-01-08",
        1,
    )


def test_bad_printed_date_is_refused(window, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    pid = window.document.tree_model.plan_ids()[0]
    window.select_plan(pid)
    _edit_line(window.plan_panel, "printed_date", "下周")
    assert len(shown) == 1 and "印发日期" in shown[0].user_text
    assert outline.get_plan(window.document.db, pid).printed_date is None
