"""Search over every plan and year: the toolbar box and the list of results."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from models import search
from models.store.db import Database
from ui import strings
from ui.plain_text import plain_tip

log = logging.getLogger(__name__)

NodeIdRole = Qt.ItemDataRole.UserRole + 30
HtmlRole = Qt.ItemDataRole.UserRole + 31
# Marks around matches that cannot occur in Chinese text (【】 can): turned into bold here.
MARK_ON, MARK_OFF = "\x02", "\x03"


def marked_html(text: str) -> str:
    """Text with MARK_ON/MARK_OFF → escaped HTML with the matches in bold."""
    return html.escape(text).replace(MARK_ON, "<b>").replace(MARK_OFF, "</b>")


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's HtmlRole (bold matches) instead of its plain text."""

    def _document(self, option: QStyleOptionViewItem, index: Any) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HtmlRole) or html.escape(index.data() or ""))
        doc.setTextWidth(max(50, option.rect.width()))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.save()
        painter.translate(opt.rect.topLeft())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


TYPING_DELAY_MS = 300
RESULT_LIMIT = 300


class SearchBox(QLineEdit):
    """The toolbar search field: searches after a short pause in typing, or on Enter.

    Signals:
        search_requested(str): the query to run.
    """

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_box")
        self.setPlaceholderText(strings.SEARCH_PH)
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(260)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._emit)

    def _emit(self) -> None:
        self._timer.stop()
        self.search_requested.emit(self.text())


class SearchResultsView(QWidget):
    """Results with plan, year and the matched passage; a click selects the node.

    Signals:
        node_activated(int): the user clicked a result (a section or task id).
    """

    node_activated = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.query = ""
        self.hits: list[search.SearchHit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.list = QListWidget(self)
        self.list.setObjectName("search_results")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self._delegate = HtmlDelegate(self.list)
        self.list.setItemDelegate(self._delegate)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)

    def set_database(self, db: Database) -> None:
        """Another database was opened: forget the results."""
        self._db = db
        self.run("")

    def run(self, query: str) -> list[search.SearchHit]:
        """Search and show the results (an empty query clears the list)."""
        self.query = query.strip()
        self.list.clear()
        self.hits = (
            search.search(self._db, self.query, limit=RESULT_LIMIT, marks=(MARK_ON, MARK_OFF))
            if self.query
            else []
        )
        for hit in self.hits:
            mark = strings.SEARCH_PROGRESS if hit.kind == "progress" else ""
            text = strings.SEARCH_RESULT.format(
                year=hit.year or "", plan=hit.plan_title, snippet=mark + hit.snippet
            )
            item = QListWidgetItem(text.replace(MARK_ON, "").replace(MARK_OFF, ""))
            item.setData(HtmlRole, marked_html(text))
            item.setData(NodeIdRole, hit.node_id)
            item.setToolTip(plain_tip(hit.text))
            self.list.addItem(item)
        if not self.query:
            self.summary.setText("")
        elif not self.hits:
            self.summary.setText(strings.SEARCH_NONE.format(query=self.query))
        else:
            text = strings.SEARCH_COUNT.format(count=len(self.hits), query=self.query)
            if len(self.hits) >= RESULT_LIMIT:
                text += strings.SEARCH_MORE.format(count=RESULT_LIMIT)
            self.summary.setText(text)
        return self.hits

    def _on_item(self, item: QListWidgetItem) -> None:
        node_id = item.data(NodeIdRole)
        if node_id is not None:
            self.node_activated.emit(int(node_id))
