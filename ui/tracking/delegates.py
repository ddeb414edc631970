"""Item delegates of the tracking views: status lights, progress bars, pick-list editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from models.vocab import Light

LIGHT_COLORS = {
    Light.RED: QColor(214, 48, 49),
    Light.YELLOW: QColor(241, 196, 15),
    Light.GREEN: QColor(39, 174, 96),
    Light.GREY: QColor(160, 160, 160),
}

_Index = QModelIndex | QPersistentModelIndex


def light_color(light: str | None) -> QColor | None:
    """The colour of a light code, None for no light."""
    return LIGHT_COLORS.get(light or "")


class LightDelegate(QStyledItemDelegate):
    """Draws the red/yellow/green/grey light held in ``role`` as a filled circle."""

    def __init__(self, role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        color = light_color(index.data(self._role))
        if color is None:
            return
        size = min(option.rect.height(), option.rect.width()) - 8
        size = max(6, min(size, 14))
        rect = QRect(0, 0, size, size)
        rect.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color.darker(130)))
        painter.setBrush(QBrush(color))
        painter.drawEllipse(rect)
        painter.restore()


class ProgressDelegate(QStyledItemDelegate):
    """A progress bar for an int 0–100 (EditRole), edited with a spin box."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if not isinstance(value, int):
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum, bar.progress = 0, 100, max(0, min(100, value))
        bar.text = f"{value}%"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, 100)
        spin.setSuffix("%")
        return spin

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QSpinBox):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class PickListDelegate(QStyledItemDelegate):
    """An editable combo box offering the names of a pick list (units or people)."""

    def __init__(self, names: Callable[[], list[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._names())
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """A non-editable combo box of fixed labels (e.g. the task statuses)."""

    def __init__(self, labels: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._labels = labels

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(self._labels)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
