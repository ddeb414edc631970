"""Side-by-side comparison of two plans, with character-level changes marked in colour."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import compare, outline
from models.errors import PlanDeskError
from models.vocab import NodeKind
from ui import messages, strings

if TYPE_CHECKING:
    from ui.document import Document

log = logging.getLogger(__name__)

# Colours of a familiar diff tool: green for what was added, red struck through for what went.
INSERT_STYLE = "background-color:#abf2bc; color:#055d20;"
DELETE_STYLE = "background-color:#ffcecb; color:#82071e; text-decoration:line-through;"
ADDED_CELL = "#e6ffec"
REMOVED_CELL = "#ffebe9"
CHANGED_CELL = "#fff8e1"
MOVED_STYLE = "color:#8a6d00;"
FIELD_STYLE = "color:#57606a;"
LINK_STYLE = "color:#1f2328; text-decoration:none;"
INDENT_PX = 18
NODE_SCHEME = "node"


def marked_text(text: str, opcodes: list, side: str) -> str:
    """HTML of one side of a changed text: deletions (left) or insertions (right) marked."""
    if not opcodes:
        return html.escape(text)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.append(html.escape(text[i1:i2] if side == "left" else text[j1:j2]))
        elif side == "left" and tag in ("delete", "replace"):
            out.append(f'<span style="{DELETE_STYLE}">{html.escape(text[i1:i2])}</span>')
        elif side == "right" and tag in ("insert", "replace"):
            out.append(f'<span style="{INSERT_STYLE}">{html.escape(text[j1:j2])}</span>')
    return "".join(out)


def _field_lines(row: compare.CompareRow) -> str:
    lines = []
    for name, old, new in row.field_changes:
        lines.append(
            html.escape(
                strings.COMPARE_FIELD_CHANGE.format(
                    field=strings.FIELD_NAMES.get(name, name),
                    old=old or strings.COMPARE_EMPTY_VALUE,
                    new=new or strings.COMPARE_EMPTY_VALUE,
                )
            )
        )
    if not lines:
        return ""
    return f'<br><span style="{FIELD_STYLE}">' + "<br>".join(lines) + "</span>"


def _cell(row: compare.CompareRow, side: str) -> str:
    node = row.left if side == "left" else row.right
    if node is None:
        return "<td></td>"
    if row.status == compare.ADDED:
        colour = ADDED_CELL
    elif row.status == compare.REMOVED:
        colour = REMOVED_CELL
    elif row.status == compare.CHANGED:
        colour = CHANGED_CELL
    else:
        colour = ""
    text = marked_text(node.text, row.opcodes, side) if row.opcodes else html.escape(node.text)
    text = html.escape(node.number) + text
    if row.kind == NodeKind.SECTION:
        text = f"<b>{text}</b>"
    if node.node_id is not None:  # the whole entry is a quiet link to the node
        text = f'<a href="{NODE_SCHEME}:{node.node_id}" style="{LINK_STYLE}">{text}</a>'
    extra = ""
    if side == "right":
        if row.moved:
            extra += f' <span style="{MOVED_STYLE}">{html.escape(strings.COMPARE_MOVED)}</span>'
        extra += _field_lines(row)
    indent = INDENT_PX * max(0, row.depth - 1)
    bg = f' bgcolor="{colour}"' if colour else ""
    return f'<td width="50%"{bg}><p style="margin-left:{indent}px">{text}{extra}</p></td>'


def comparison_html(result: compare.Comparison, only_changes: bool = False) -> str:
    """The comparison as one HTML table: A on the left, B on the right, rows aligned."""
    parts = ['<table width="100%" cellspacing="0" cellpadding="4" border="0">']
    for row in [*result.header, *result.rows]:
        if only_changes and row.status == compare.SAME:
            continue
        parts.append(f"<tr>{_cell(row, 'left')}{_cell(row, 'right')}</tr>")
    parts.append("</table>")
    return "".join(parts)


class CompareDialog(QDialog):
    """Pick two plans and see them side by side.

    Signals:
        node_activated(node_id): a number was clicked; the window shows that node.
    """

    node_activated = Signal(int)

    def __init__(
        self,
        document: Document,
        plan_b: int | None = None,
        plan_a: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(strings.COMPARE_TITLE)
        self.resize(1100, 700)
        self.result: compare.Comparison | None = None
        layout = QVBoxLayout(self)
        pickers = QHBoxLayout()
        self.combo_a = QComboBox(self)
        self.combo_b = QComboBox(self)
        for combo, caption in (
            (self.combo_a, strings.COMPARE_LEFT),
            (self.combo_b, strings.COMPARE_RIGHT),
        ):
            pickers.addWidget(QLabel(caption, self))
            pickers.addWidget(combo, 1)
        layout.addLayout(pickers)
        options = QHBoxLayout()
        self.only_changes = QCheckBox(strings.COMPARE_ONLY_DIFF, self)
        options.addWidget(self.only_changes)
        options.addStretch(1)
        self.legend = QLabel(strings.COMPARE_LEGEND, self)
        options.addWidget(self.legend)
        layout.addLayout(options)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fill_plans(plan_a, plan_b)
        self.combo_a.currentIndexChanged.connect(self.refresh)
        self.combo_b.currentIndexChanged.connect(self.refresh)
        self.only_changes.toggled.connect(self._render)
        self.view.anchorClicked.connect(self._on_view_anchor_clicked)
        document.changed.connect(self._on_document_changed)
        self.refresh()

    def _fill_plans(self, plan_a: int | None, plan_b: int | None) -> None:
        plans = outline.list_plans(self.document.db)
        self.combo_a.clear()
        self.combo_b.clear()
        for plan in plans:
            text = f"{plan.year or ''} {plan.title}".strip()
            self.combo_a.addItem(text, plan.id)
            self.combo_b.addItem(text, plan.id)
        ids = [p.id for p in plans]
        if plan_b is None or plan_b not in ids:
            plan_b = ids[0] if ids else None
        if (plan_a is None or plan_a not in ids) and plan_b is not None:
            source = outline.get_plan(self.document.db, plan_b).source_plan_id
            plan_a = source if source in ids else next((i for i in ids if i != plan_b), None)
        if plan_a is not None:
            self.combo_a.setCurrentIndex(ids.index(plan_a))
        if plan_b is not None:
            self.combo_b.setCurrentIndex(ids.index(plan_b))

    def plan_ids(self) -> tuple[int | None, int | None]:
        """The plans shown on the left and on the right."""
        return self.combo_a.currentData(), self.combo_b.currentData()

    def set_plans(self, plan_a: int, plan_b: int) -> None:
        """Show these two plans."""
        self.combo_a.setCurrentIndex(self.combo_a.findData(plan_a))
        self.combo_b.setCurrentIndex(self.combo_b.findData(plan_b))
        self.refresh()

    def refresh(self) -> None:
        """Compare the chosen plans again (after a change of choice or of the plans)."""
        plan_a, plan_b = self.plan_ids()
        self.result = None
        if plan_a is None or plan_b is None or plan_a == plan_b:
            self.summary.setText(strings.COMPARE_NEED_TWO)
            self.view.clear()
            return
        try:
            self.result = compare.compare_plans(self.document.db, plan_a, plan_b)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return
        self.summary.setText(strings.COMPARE_SUMMARY.format(**self.result.counts()))
        self._render()

    def _on_document_changed(self, change: Any) -> None:
        """Follow edits, undo and redo: compare again when a shown plan changed."""
        shown = set(self.plan_ids())
        if change.plans:  # plans added, removed or renamed: refill the pickers
            plan_a, plan_b = self.plan_ids()
            blockers = (QSignalBlocker(self.combo_a), QSignalBlocker(self.combo_b))
            self._fill_plans(plan_a, plan_b)
            del blockers
        if change.plans or shown & set(change.plan_ids):
            self.refresh()

    def _render(self) -> None:
        if self.result is None:
            return
        bar = self.view.verticalScrollBar().value()
        self.view.setHtml(comparison_html(self.result, self.only_changes.isChecked()))
        self.view.verticalScrollBar().setValue(bar)

    def _on_view_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == NODE_SCHEME:
            try:
                self.node_activated.emit(int(url.path()))
            except ValueError:
                log.warning("bad node link %s", url.toString())
