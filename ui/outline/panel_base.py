"""Shared parts of the detail panels: bound editors, idle-committing text edits."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

IDLE_COMMIT_MS = 1500


class IdleTextEdit(QPlainTextEdit):
    """A plain text edit that reports a finished edit on focus-out or after a short idle.

    Signals:
        editing_finished(): the user left the field, or stopped typing for a moment.
    """

    editing_finished = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, min_lines: int = 3, max_lines: int = 10
    ) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * min_lines + 12)
        self.setMaximumHeight(line * max_lines + 12)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_COMMIT_MS)
        self._idle.timeout.connect(self.editing_finished)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        if not self.signalsBlocked():
            self._idle.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._idle.stop()
        super().focusOutEvent(event)
        self.editing_finished.emit()

    def stop_idle(self) -> None:
        """Forget a pending idle commit (the content was just replaced)."""
        self._idle.stop()


def _norm(value: Any) -> Any:
    """Compare editor values with stored ones: None and '' are the same."""
    return "" if value is None else value


class DetailPanel(QWidget):
    """Base of the plan/section/task panels.

    Subclasses add editors with _add_line/_add_text/_add_combo/_add_spin, then fill them
    from an object with _fill(obj). Edits are reported, never written here.

    Signals:
        field_edited(object_id, field, value): a field was changed by the user.
    """

    field_edited = Signal(int, str, object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.object_id: int | None = None
        self._editors: dict[str, QWidget] = {}
        self._loaded: dict[str, Any] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        self._scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self._body_layout = QVBoxLayout(body)
        self._body_layout.setContentsMargins(12, 10, 12, 10)
        self.title_label = QLabel(title, body)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self._body_layout.addWidget(self.title_label)
        # where the object sits: plan title and the numbered headings above it
        self.context_label = QLabel(body)
        self.context_label.setObjectName("context_label")
        self.context_label.setWordWrap(True)
        self.context_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._body_layout.addWidget(self.context_label)
        self.form = self._new_form()
        self._body_layout.addLayout(self.form)
        self._body_layout.addStretch(1)

    # ------------------------------------------------------------ building
    @staticmethod
    def _new_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def _start_form(self, title: str = "") -> QFormLayout:
        """Put the following fields into a new form further down (the panel's next part)."""
        if title:
            label = QLabel(title, self)
            label.setObjectName("form_part_title")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self._body_layout.insertWidget(self._body_layout.count() - 1, label)
        self.form = self._new_form()
        self._body_layout.insertLayout(self._body_layout.count() - 1, self.form)
        return self.form

    def editor(self, field: str) -> QWidget:
        """The editor widget of a field (tests and the window use it)."""
        return self._editors[field]

    def _add_line(self, field: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(lambda f=field: self._commit(f))
        self._register(field, label, edit)
        return edit

    def _add_text(
        self, field: str, label: str, min_lines: int = 3, max_lines: int = 10
    ) -> IdleTextEdit:
        edit = IdleTextEdit(self, min_lines=min_lines, max_lines=max_lines)
        edit.editing_finished.connect(lambda f=field: self._commit(f))
        self._register(field, label, edit)
        return edit

    def _add_combo(
        self, field: str, label: str, choices: list[tuple[Any, str]] | tuple[tuple[Any, str], ...]
    ) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices:
            combo.addItem(text, code)
        combo.activated.connect(lambda _i, f=field: self._commit(f))
        self._register(field, label, combo)
        return combo

    def _add_spin(
        self, field: str, label: str, minimum: int, maximum: int, suffix: str = ""
    ) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(minimum, maximum)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)  # valueChanged on Enter/focus-out/arrows only
        spin.valueChanged.connect(lambda _v, f=field: self._commit(f))
        self._register(field, label, spin)
        return spin

    def _register(self, field: str, label: str, widget: QWidget) -> None:
        self._editors[field] = widget
        self.form.addRow(label, widget)

    # ------------------------------------------------------------ values
    def _value(self, field: str) -> Any:
        widget = self._editors[field]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QSpinBox):
            return widget.value()
        raise TypeError(widget)

    def _set_value(self, field: str, value: Any) -> None:
        widget = self._editors[field]
        blocker = QSignalBlocker(widget)
        if isinstance(widget, QLineEdit):
            text = "" if value is None else str(value)
            # Equal but for spaces the user is still typing: leave the cursor alone.
            if widget.text() != text and not (
                widget.hasFocus() and widget.text().strip() == text.strip()
            ):
                widget.setText(text)
                widget.setCursorPosition(0)
        elif isinstance(widget, IdleTextEdit):
            text = "" if value is None else str(value)
            current = widget.toPlainText()
            if current != text and not (widget.hasFocus() and current.strip() == text.strip()):
                widget.setPlainText(text)
            widget.stop_idle()
        elif isinstance(widget, QComboBox):
            row = widget.findData(value) if value is not None else 0
            if row < 0:  # a stored code this list does not offer: show it as it is
                widget.addItem(str(value), value)
                row = widget.count() - 1
            widget.setCurrentIndex(row)
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))
        blocker.unblock()

    def scroll_to_top(self) -> None:
        """Show the panel from its first field (another item was selected)."""
        self._scroll.verticalScrollBar().setValue(0)

    def set_tip(self, field: str, tip: str) -> None:
        """A tooltip on a field and on its label (plain words for a term of the trade)."""
        self._editors[field].setToolTip(tip)
        label = self.form.labelForField(self._editors[field])
        if label is not None:
            label.setToolTip(tip)

    def set_context(self, text: str) -> None:
        """The line under the title (e.g. plan > section path); hidden when empty."""
        self.context_label.setText(text)
        self.context_label.setVisible(bool(text))

    def _fill(self, object_id: int, obj: Any) -> None:
        """Show an object's fields; nothing is emitted."""
        self.object_id = object_id
        for field in self._editors:
            value = getattr(obj, field)
            self._loaded[field] = value
            self._set_value(field, value)

    def _stored_text(self, field: str) -> Any:
        value = self._loaded.get(field)
        widget = self._editors[field]
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            return "" if value is None else str(value).strip()
        if isinstance(widget, QSpinBox):
            return int(value or 0)
        return value

    def _commit(self, field: str) -> None:
        if self.object_id is None:
            return
        value = self._value(field)
        if value == self._stored_text(field):
            return
        self._loaded[field] = value  # until the window reloads us with the stored value
        log.debug("panel edit %s.%s", self.object_id, field)
        self.field_edited.emit(self.object_id, field, value)

    def commit_pending(self) -> None:
        """Report every field whose editor differs from the stored value (before a switch)."""
        for field in self._editors:
            self._commit(field)

    def clear(self) -> None:
        """Show nothing."""
        self.object_id = None
        self._loaded.clear()
