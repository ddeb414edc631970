"""Start the GUI: QApplication, fonts, Qt's Chinese translations, error hooks, the window."""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QThreadPool,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from models.errors import PlanDeskError
from models.startup import open_or_create
from models.store.db_guard import LeftoverWalError
from models.store.open import open_database
from models.store.paths import log_dir, resolve_db_path
from resources import resource_path
from ui import messages, strings
from ui.backup import db_file_guard
from ui.backup.locking import acquire_or_ask
from ui.shell import crash_dialog, screen_fit, show_probe, single_instance, text_undo, wheel_guard

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

ORGANIZATION = "PlanDesk"
APPLICATION = "PlanDesk"
# Explicit, so fontconfig cannot pick any CJK face (even a 楷体) for the whole UI.
UI_FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route Qt's own warnings into logging."""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def set_ui_font(app: QApplication) -> None:
    """Use a plain sans-serif CJK UI font, keeping the platform's size."""
    font = app.font()
    font.setFamilies(UI_FONT_FAMILIES)
    app.setFont(font)


class MissingQtTexts(QTranslator):
    """The few texts of Qt's own dialogs that qtbase_zh_CN.qm leaves in English.

    Qt's file dialog (used off Windows, where there is no native one) still said
    "Look in:" and "Files of type:"; the Chinese wording is in ui/strings/.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) lets Qt ask the next translator; "" would blank the text
        return strings.QT_MISSING_TEXTS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_qt_translations(app: QApplication) -> QTranslator | None:
    """Chinese buttons in Qt's own dialogs (QMessageBox, QFileDialog, print preview).

    The .qm files ship with Qt (QLibraryInfo's translations path; PyInstaller bundles
    them), so none is copied into the repository.
    """
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path
    ):
        app.installTranslator(translator)
        if app.findChild(MissingQtTexts) is None:  # installed last: asked first
            app.installTranslator(MissingQtTexts(app))
        return translator
    log.warning("Qt translations qtbase_zh_CN not found in %s", path)
    return None


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names (for QSettings), font and translations set."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    # window and taskbar icon (the .exe's own icon comes from build.spec)
    app.setWindowIcon(QIcon(str(resource_path("icons", "plandesk.png"))))
    set_ui_font(app)
    install_qt_translations(app)
    wheel_guard.install(app)
    screen_fit.install(app)
    text_undo.install(app)
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Open the database of ``args`` and run the window; returns the exit code."""
    from ui.document import Document
    from ui.shell.main_window import MainWindow

    qInstallMessageHandler(qt_message_handler)
    app = create_application()
    sys.excepthook = partial(crash_dialog.excepthook, log_path=log_dir() / "plandesk.log")
    path = resolve_db_path(getattr(args, "db", None))
    if single_instance.raise_running(path):  # open here already: that window comes forward
        log.info("%s is open in another PlanDesk window; raised it", path)
        return 0
    got = acquire_or_ask(None, path)  # one writer per database; else offer read-only
    if got is None:
        return 1
    lock, read_only = got
    try:
        try:
            if read_only:
                db, created = open_database(path, read_only=True), False
            else:
                sample = not getattr(args, "no_sample", False)
                try:
                    db, created = open_or_create(
                        path, sample=sample, wal=getattr(args, "wal", None)
                    )
                except LeftoverWalError as exc:  # a -wal beside a copied file: ask first
                    decision = db_file_guard.ask_leftover_wal(None, exc)
                    if decision is None:
                        return 1
                    db, created = open_or_create(path, sample=sample, wal=decision)
        except PlanDeskError as exc:  # DatabaseTooNewError, DatabaseOpenError
            log.warning("cannot open %s: %s", path, exc)
            messages.show_error(None, exc)
            return 1
        log.info("GUI started on %s (created: %s, read-only: %s)", path, created, read_only)
        window = MainWindow(Document(db, lock=lock))  # the Document releases the lock
        if read_only:
            window.setWindowTitle(window.windowTitle() + strings.READ_ONLY_SUFFIX)
        show_probe.exit_after_show(app, window)  # only with PLANDESK_EXIT_AFTER_SHOW (benchmarks)
        window.show()
        code = app.exec()
        # a job still running (the daily backup, a due-list query) ends before the database
        # closes and Python shuts down under it
        QThreadPool.globalInstance().waitForDone()
        window.close_document()
        return int(code)
    finally:
        if lock is not None:  # released already when the window closed its document
            lock.release()
