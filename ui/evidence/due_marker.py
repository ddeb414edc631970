"""In the due list: how many listed tasks have no evidence, and a check box to list only them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox

from models.evidence import store
from ui import strings

if TYPE_CHECKING:
    from ui.host import Host


class MissingEvidenceFilter(QCheckBox):
    """A check box in the due list's filter bar: only the tasks without evidence (count)."""

    def __init__(self, due_view: Any, window: Host) -> None:
        super().__init__(due_view)
        self.window_ = window
        document = window.document
        self.setObjectName("due_missing_evidence")
        self.setToolTip(strings.EV_DUE_MISSING_TIP)
        self.due = due_view
        self.document = document
        self.missing: frozenset[int] = frozenset()
        # into the filter bar (the second row), before its stretch; else on a row of its own
        row = due_view.layout().itemAt(1)
        bar = row.layout() if row is not None else None
        if bar is not None:
            bar.insertWidget(max(bar.count() - 1, 0), self)
        else:
            due_view.layout().insertWidget(1, self)
        self.toggled.connect(lambda _on: self._apply())
        due_view.model.modelReset.connect(self.refresh)
        # the due list is read in a job and its rows arrive in slices
        due_view.model.rowsInserted.connect(lambda *_a: self.refresh())
        document.changed.connect(self._on_document_changed)
        self.refresh()

    def set_document(self, document: Any) -> None:
        """Another database was opened."""
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.refresh()

    def _on_document_changed(self, _change: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recount the listed tasks without evidence (one query over all plans)."""
        # the window's database: the due list reloads from a newly opened one before
        # set_document is called here (document_replaced reaches the tracking parts first)
        have = store.counts_by_task(self.window_.document.db)
        tasks = {i.node_id for i in self.due.model.items}
        self.missing = frozenset(t for t in tasks if t not in have)
        self.setText(strings.EV_DUE_MISSING.format(count=len(self.missing)))
        self._apply()

    def _apply(self) -> None:
        wanted = self.missing if self.isChecked() else None
        if self.due.proxy.filters.get("task_ids") != wanted:
            self.due.proxy.set_filter("task_ids", wanted)
