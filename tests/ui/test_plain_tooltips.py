"""User text in tooltips is shown literally, never as HTML (no file:// images, no markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from models import outline
from ui.outline.plan_tree_model import PlanTreeModel
from ui.plain_text import plain_tip

HOSTILE = "<img src='file:///etc/passwd'><b>加粗</b> & <a href='x'>链接</a>\n第二行"


def rendered(tip: str) -> str:
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def test_plain_tip_renders_the_text_itself(qapp):
    assert rendered(plain_tip(HOSTILE)) == HOSTILE  # every character, the markup included


def test_plan_tree_tooltip_is_plain(db, qapp):
    plan = outline.create_plan(db, title=HOSTILE.replace("\n", " "), year=2025)
    model = PlanTreeModel(db)
    index = model.index_for_plan(plan)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip) == HOSTILE.replace("\n", " ")
