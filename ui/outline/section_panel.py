"""Details of a section: heading, body, how its tasks are written, run-in heading."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.entities import Node
from models.vocab import TASK_STYLE
from ui import strings
from ui.outline.panel_base import DetailPanel


class SectionPanel(DetailPanel):
    """Edits one section; emits field_edited(node_id, field, value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.PANEL_SECTION, parent)
        self._add_line("heading", strings.LBL_HEADING)
        self._add_text("body", strings.LBL_BODY, min_lines=5, max_lines=14)
        self._add_combo(
            "task_style",
            strings.LBL_TASK_STYLE,
            [(None, strings.TASK_STYLE_NONE), *TASK_STYLE.items()],
        )
        self._add_combo("run_in", strings.LBL_RUN_IN, strings.RUN_IN_CHOICES)
        self.set_tip("task_style", strings.TIP_TASK_STYLE)
        self.set_tip("run_in", strings.TIP_RUN_IN)
        self._add_text("note", strings.LBL_NOTE, min_lines=2, max_lines=5)

    def show_section(self, node: Node, number: str = "") -> None:
        """Fill the editors from a section (no signal is emitted)."""
        self.title_label.setText(f"{strings.PANEL_SECTION} {number}{node.heading}".strip())
        self._fill(node.id, node)
