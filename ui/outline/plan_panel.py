"""Details of a plan: title, year, organization, kind, document fields, preamble, closing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from models.entities import Plan
from models.vocab import PLAN_KIND, PLAN_STATUS
from ui import strings
from ui.outline.panel_base import DetailPanel


class PlanPanel(DetailPanel):
    """Edits one plan; emits field_edited(plan_id, field, value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.PANEL_PLAN, parent)
        self._add_line("title", strings.LBL_TITLE)
        self._add_line("year", strings.LBL_YEAR, strings.PH_YEAR)
        self._add_line("organization", strings.LBL_ORGANIZATION)
        self._add_combo("kind", strings.LBL_KIND, list(PLAN_KIND.items()))
        self._add_combo("status", strings.LBL_STATUS, list(PLAN_STATUS.items()))
        self._add_line("issuer", strings.LBL_ISSUER)
        self._add_line("doc_number", strings.LBL_DOC_NUMBER)
        self._add_line("signed_by", strings.LBL_SIGNED_BY)
        self._add_line("signed_date", strings.LBL_SIGNED_DATE, strings.PH_SIGNED_DATE)
        # 落款 with or without a seal, and the 版记 (GB/T 9704 7.3.5, 7.4)
        self._add_combo("sealed", strings.LBL_SEALED, strings.SEALED_CHOICES)
        self._add_line("copy_to", strings.LBL_COPY_TO, strings.PH_COPY_TO)
        self._add_line("printed_by", strings.LBL_PRINTED_BY)
        self._add_line("printed_date", strings.LBL_PRINTED_DATE, strings.PH_PRINTED_DATE)
        self._add_text("preamble", strings.LBL_PREAMBLE, min_lines=4, max_lines=12)
        self._add_text("closing", strings.LBL_CLOSING, min_lines=2, max_lines=8)
        self.counts_label = QLabel(self)
        self.form.addRow("", self.counts_label)

    def show_plan(self, plan: Plan, sections: int = 0, tasks: int = 0) -> None:
        """Fill the editors from a plan (no signal is emitted)."""
        self.title_label.setText(plan.title or strings.UNTITLED)
        self.counts_label.setText(strings.LBL_PLAN_COUNTS.format(sections=sections, tasks=tasks))
        self._fill(plan.id, plan)
