"""File → send packet / receive packets: the window's side of models/exchange/.

Receiving is not on the undo stack: like a restore, it changes rows of other offices in bulk.
A backup is written first (models/exchange/incoming.py), and the window reopens the file so no
undo command refers to rows as they were.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models import clock
from models.errors import PlanDeskError
from models.exchange import incoming, offices, outgoing
from models.exchange.travel import OFFICE_KINDS
from models.store.open import open_database
from models.store.paths import documents_dir
from ui import messages, strings
from ui.document import Document
from ui.exchange import conflict_dialog

if TYPE_CHECKING:
    from models.store.db import Database
    from ui.host import Host


log = logging.getLogger(__name__)


class OfficeDialog(QDialog):
    """Name, kind and code of an office."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(list(OFFICE_KINDS))
        self.code = QLineEdit()
        form.addRow(strings.EXCHANGE_NAME, self.name)
        form.addRow(strings.EXCHANGE_KIND, self.kind)
        form.addRow(strings.EXCHANGE_CODE, self.code)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text(),
            "kind": self.kind.currentText(),
            "code": self.code.text(),
        }


def ask_office(parent: QWidget | None, title: str, prompt: str) -> dict[str, str] | None:
    """The office typed into an OfficeDialog; None when cancelled (tests replace this)."""
    dialog = OfficeDialog(parent, title, prompt)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def get_open_paths(parent: QWidget | None, title: str, file_filter: str) -> list[str]:
    """Several existing files; [] when cancelled (tests replace this)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, "", file_filter)
    return list(paths)


def _recipient(window: Host) -> offices.Office | None:
    db = window.document.db
    known = offices.peers(db)
    if not known:
        values = ask_office(window, strings.EXCHANGE_PEER_TITLE, strings.EXCHANGE_PEER_PROMPT)
        return None if values is None else offices.add_office(db, **values)
    if len(known) == 1:
        return known[0]
    choices = [
        (o.code, strings.EXCHANGE_PEER_CHOICE.format(name=o.name, code=o.code)) for o in known
    ]
    key = messages.ask_choice(
        window,
        strings.ACT_EXCHANGE_SEND,
        strings.EXCHANGE_CHOOSE_PEER,
        [*choices, ("", strings.EXCHANGE_CANCEL)],
    )
    return offices.by_code(db, key) if key else None


def send_packet(window: Host) -> outgoing.Sent | None:
    """File → send packet: profile (first time), recipient, file; the packet written."""
    db = window.document.db
    window.commit_panels()  # an edit still in a panel belongs in the packet
    try:
        own = offices.own_office(db)
        if own is None:
            values = ask_office(window, strings.EXCHANGE_OWN_TITLE, strings.EXCHANGE_OWN_PROMPT)
            if values is None:
                return None
            own = offices.set_own_office(db, **values)
        peer = _recipient(window)
        if peer is None:
            return None
        name = strings.EXCHANGE_FILE_NAME.format(
            own=own.name, peer=peer.name, date=clock.today().isoformat()
        )
        path = messages.get_save_path(
            window,
            strings.EXCHANGE_SAVE_TITLE,
            strings.EXCHANGE_FILTER,
            str(documents_dir() / name),
        )
        if not path:
            return None
        sent = outgoing.export_packet(db, path, peer.code)
    except PlanDeskError as exc:
        log.warning("sending a packet failed: %s", exc)
        messages.show_error(window, exc)
        return None
    if sent is None:
        window.show_status(strings.EXCHANGE_NOTHING.format(peer=peer.name))
        return None
    window.show_status(
        strings.EXCHANGE_SENT.format(peer=peer.name, seq=sent.seq, changes=sent.total, path=path)
    )
    return sent


def _import(
    db: Database, paths: list[str], decisions: dict[str, str], *, dry_run: bool = False
) -> list[incoming.Received]:
    """import_packets with the decisions by uuid as the CLI's --take / --keep pass them."""
    return incoming.import_packets(
        db,
        list(paths),
        dry_run=dry_run,
        take=frozenset(u for u, d in decisions.items() if d == incoming.THEIRS),
        keep=frozenset(u for u, d in decisions.items() if d == incoming.MINE),
    )


def _decide_conflicts(window: Host, paths: list[str]) -> dict[str, str] | None:
    """uuid -> mine / theirs for every conflict of the import; None when cancelled.

    Trial imports (nothing written) until none is left undecided: a sender's later packet
    waits behind one with conflicts, so its own conflicts show only once those are decided.
    """
    db = window.document.db
    decisions: dict[str, str] = {}
    while True:
        trial = _import(db, paths, decisions, dry_run=True)
        if not conflict_dialog.open_conflicts(trial):
            return decisions
        chosen = conflict_dialog.ask_decisions(window, db, trial)
        if not chosen:
            return None
        decisions.update(chosen)


def receive_packets(window: Host, paths: list[str] | None = None) -> list[incoming.Received]:
    """File → receive packets: check all (dry run), a decision per conflict, apply, reopen."""
    if paths is None:
        paths = get_open_paths(window, strings.EXCHANGE_OPEN_TITLE, strings.EXCHANGE_FILTER)
    if not paths:
        return []
    document: Document = window.document
    window.commit_panels()
    try:
        decisions = _decide_conflicts(window, paths)
        if decisions is None:
            return []
        results = _import(document.db, paths, decisions)
        fresh = open_database(document.path)
    except PlanDeskError as exc:
        log.warning("receiving packets failed: %s", exc)
        messages.show_error(window, exc)
        return []
    lock, document.lock = document.lock, None
    window.set_document(Document(fresh, lock=lock))
    window.show_status(
        strings.EXCHANGE_RECEIVED.format(
            applied=sum(r.status == "applied" for r in results),
            duplicates=sum(r.status == "duplicate" for r in results),
            changes=sum(r.changes for r in results),
        )
    )
    return results


def install(window: Host) -> None:
    """Add send packet and receive packets to the File menu (above the quit separator)."""
    window.add_action(
        window.file_menu,
        strings.ACT_EXCHANGE_SEND,
        lambda: send_packet(window),
        key="exchange_send",
        tip=strings.TIP_EXCHANGE_SEND,
        before=window.file_quit_separator,
    )
    window.add_action(
        window.file_menu,
        strings.ACT_EXCHANGE_RECEIVE,
        lambda: receive_packets(window),
        key="exchange_receive",
        tip=strings.TIP_EXCHANGE_RECEIVE,
        before=window.file_quit_separator,
    )
