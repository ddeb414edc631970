"""``self-test``: prove that this installation, from source or the one-file bundle, is complete.

It works in a temporary folder (never the user's database): creates a database with the
sample plans, imports a small .txt and .docx it writes itself, exports a plan as .docx,
.xlsx and PDF, reopens every output and checks it. One line per step, ``OK  step: detail``
or ``FAIL step: reason``; exit code 0 only when every step passed. Qt runs offscreen, so it
needs no display. A missing hidden import or resource in the bundle fails here, at build
time, instead of on a user's PC.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from cli.common import echo

log = logging.getLogger(__name__)

# Resources every build must carry (path parts under resources/).
REQUIRED_RESOURCES = (
    ("sample", "plans-2024.json"),
    ("icons", "plandesk.png"),
    ("icons", "plandesk.ico"),
)
A4_MM = (210, 297)


class StepFailed(Exception):
    """A check did not hold; the message says what was expected and what was found."""


@dataclass
class Context:
    """What the steps share: the work folder, the open database, the files made so far."""

    folder: Path
    qt: bool = True
    db: Any = None
    plan_id: int | None = None
    files: dict[str, Path] = field(default_factory=dict)
    qt_app: Any = None


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _count_doc(sections: list[dict[str, Any]]) -> tuple[int, int]:
    """(sections, tasks) of a plan document in the JSON shape, recursively."""
    secs = tasks = 0
    for s in sections:
        secs += 1
        tasks += len(s.get("tasks") or [])
        sub_s, sub_t = _count_doc(s.get("children") or [])
        secs += sub_s
        tasks += sub_t
    return secs, tasks


# ---------------------------------------------------------------- steps
def step_resources(ctx: Context) -> str:
    """The bundled resources are there and readable, templates open with python-docx."""
    from resources import resource_path, resource_root

    root = resource_root()
    missing = [os.path.join(*parts) for parts in REQUIRED_RESOURCES
               if not resource_path(*parts).is_file()
               or resource_path(*parts).stat().st_size == 0]
    _expect(not missing, f"missing in {root}: {', '.join(missing)}")
    templates = sorted(resource_path("templates").glob("*.docx"))
    if templates:
        import docx

        for t in templates:
            docx.Document(str(t))
    files = sum(1 for p in root.rglob("*") if p.is_file())
    return f"{files} files in {root}, {len(templates)} .docx templates"


def step_database(ctx: Context) -> str:
    """A new database file is created, migrated and filled with the sample plans."""
    from models.check import check
    from models.migrations import SCHEMA_VERSION
    from models.startup import open_or_create

    path = ctx.folder / "selftest.db"
    ctx.db, created = open_or_create(path, sample=True)
    _expect(created, f"{path} existed already")
    version = ctx.db.query("PRAGMA user_version")[0][0]
    _expect(version == SCHEMA_VERSION, f"schema version {version}, expected {SCHEMA_VERSION}")
    problems = check(ctx.db)
    _expect(not problems, "; ".join(problems[:3]))
    return f"{path.name}, schema v{version}"


def step_sample(ctx: Context) -> str:
    """Every sample plan was stored with its sections and tasks."""
    from models import outline
    from models.sample import sample_documents

    _expect(ctx.db is not None, "no database (previous step failed)")
    docs = sample_documents()
    plans = outline.list_plans(ctx.db)
    _expect(len(plans) == len(docs), f"{len(plans)} plans stored, {len(docs)} in the sample")
    counts = outline.plan_counts(ctx.db)
    by_title = {p.title: p.id for p in plans}
    total = 0
    for doc in docs:
        pid = by_title.get(doc["title"])
        _expect(pid is not None, f"sample plan {doc['title']!r} not stored")
        want = _count_doc(doc["sections"])
        _expect(counts.get(pid) == want, f"{doc['title']}: {counts.get(pid)} stored, want {want}")
        total += want[1]
    ctx.plan_id = by_title[docs[0]["title"]]
    return f"{len(plans)} plans, {total} tasks"


def step_export_docx(ctx: Context) -> str:
    """A plan exported as GB/T 9704 .docx reopens with python-docx with the plan's text."""
    import docx

    from export.content import load_plan_data, plan_text
    from export.gongwen import docx_plan_text, export_plan_docx

    _expect(ctx.plan_id is not None, "no plan (previous step failed)")
    data = load_plan_data(ctx.db, ctx.plan_id)
    out = export_plan_docx(data, ctx.folder / "plan.docx", today=dt.date(2024, 1, 15))
    ctx.files["plan.docx"] = out
    document = docx.Document(str(out))
    section = document.sections[0]
    size = (round(section.page_width.mm), round(section.page_height.mm))
    _expect(size == A4_MM, f"page {size} mm, expected A4 {A4_MM}")
    want = plan_text(data)
    got = docx_plan_text(out)
    _expect(got == want, f"text differs from the plan ({len(got)} vs {len(want)} paragraphs)")
    _expect(any(data.plan.title in t for t in got), "title missing")
    return f"{out.name}, {len(got)} paragraphs, {out.stat().st_size} bytes"


def step_export_xlsx(ctx: Context) -> str:
    """The task table exported as .xlsx reopens with openpyxl and holds every task."""
    import openpyxl

    from export.content import load_plan_data
    from export.task_table import export_tasks_xlsx

    _expect(ctx.plan_id is not None, "no plan (previous step failed)")
    data = load_plan_data(ctx.db, ctx.plan_id)
    out = export_tasks_xlsx(data, ctx.folder / "tasks.xlsx")
    ctx.files["tasks.xlsx"] = out
    wb = openpyxl.load_workbook(out)
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None}
    tasks = [n.text for n in data.nodes if n.kind == "task"]
    _expect(bool(tasks), "the plan has no tasks")
    missing = [t for t in tasks if not any(t in c for c in cells)]
    if missing:
        raise StepFailed(f"{len(missing)} of {len(tasks)} tasks missing, e.g. {missing[0]!r}")
    return f"{out.name}, {len(tasks)} tasks in {len(wb.worksheets)} sheet(s)"


def step_qt(ctx: Context) -> str:
    """Qt starts offscreen, loads its Chinese translation and finds a Chinese font."""
    if os.environ.get("QT_QPA_PLATFORM") is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from resources import resource_path

    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication(["plandesk-self-test"])
    ctx.qt_app = app
    platform = QGuiApplication.platformName() if isinstance(app, QGuiApplication) else "core"
    qms = sorted(resource_path("translations").glob("*.qm"))
    for qm in qms:
        _expect(QTranslator().load(str(qm)), f"cannot load {qm.name}")
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    _expect(bool(families), "no font for simplified Chinese installed (install fonts-noto-cjk)")
    return f"platform {platform}, {len(qms)} translation(s), {len(families)} Chinese font(s)"


def step_export_pdf(ctx: Context) -> str:
    """A plan printed to PDF offscreen is a PDF with at least one page."""
    import export.pdf as pdf

    _expect(ctx.qt_app is not None, "Qt did not start (previous step failed)")
    _expect(ctx.plan_id is not None, "no plan (previous step failed)")
    from export.content import load_plan_data

    data = load_plan_data(ctx.db, ctx.plan_id)
    out = ctx.folder / "plan.pdf"
    writer = getattr(pdf, "export_plan_pdf", None)
    _expect(writer is not None, "export.pdf has no export_plan_pdf()")
    writer(data, out)
    raw = out.read_bytes()
    _expect(raw.startswith(b"%PDF-"), "not a PDF file")
    pages = raw.count(b"/Type /Page\n") + raw.count(b"/Type /Page ") + raw.count(b"/Type/Page\n")
    _expect(pages >= 1, "no page in the PDF")
    return f"{out.name}, {pages} page(s), {len(raw)} bytes"


def step_final_check(ctx: Context) -> str:
    """After all the writing, the database is still consistent."""
    from models.check import check

    _expect(ctx.db is not None, "no database (previous step failed)")
    problems = check(ctx.db)
    _expect(not problems, "; ".join(problems[:3]))
    return "no problems"


Step = tuple[str, Callable[[Context], str]]


def steps(*, qt: bool = True) -> list[Step]:
    """The steps in order; the Qt ones only when ``qt`` (not inside a test's QApplication)."""
    out: list[Step] = [
        ("resources", step_resources),
        ("database", step_database),
        ("sample", step_sample),
        ("export docx", step_export_docx),
        ("export xlsx", step_export_xlsx),
    ]
    if qt:
        out.append(("qt", step_qt))
        if importlib.util.find_spec("export.pdf") is not None:
            out.append(("export pdf", step_export_pdf))
    out.append(("database check", step_final_check))
    return out


def run_selftest(folder: Path, *, qt: bool = True, out: Callable[[str], None] = echo,
                 step_list: list[Step] | None = None) -> bool:
    """Run every step in ``folder``; prints one line each; True when all passed.

    A failing step does not stop the others (later ones may fail for the same reason).
    """
    ctx = Context(folder=folder, qt=qt)
    ok = True
    try:
        for name, func in step_list if step_list is not None else steps(qt=qt):
            start = time.perf_counter()
            try:
                detail = func(ctx)
            except StepFailed as exc:
                ok = False
                out(f"FAIL {name}: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - any error is a failed step, reported
                ok = False
                log.exception("self-test step %s crashed", name)
                where = traceback.extract_tb(exc.__traceback__)[-1]
                out(f"FAIL {name}: {type(exc).__name__}: {exc} "
                    f"({Path(where.filename).name}:{where.lineno})")
                continue
            ms = (time.perf_counter() - start) * 1000
            out(f"OK  {name}: {detail} ({ms:.0f} ms)")
    finally:
        if ctx.db is not None:
            ctx.db.close()
    return ok


# ---------------------------------------------------------------- command
def register(sub: argparse._SubParsersAction) -> None:
    """Add the self-test command."""
    p = sub.add_parser("self-test", help="check that this installation works (offscreen)")
    p.add_argument("--keep", metavar="DIR",
                   help="work in DIR (created) and keep the files instead of a temporary folder")
    p.add_argument("--report", metavar="FILE", help="also write the lines to FILE (UTF-8)")
    p.set_defaults(func=cmd_selftest)


def _attach_console() -> None:
    """A windowed Windows build has no stdout: write to the console that started it, if any."""
    if sys.stdout is not None or not sys.platform.startswith("win"):
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        pass


def cmd_selftest(args: argparse.Namespace) -> int:
    """Run the self-test; exit 0 only when every step passed."""
    _attach_console()
    report: TextIO | None = open(args.report, "w", encoding="utf-8") if args.report else None  # noqa: SIM115

    def out(line: str) -> None:
        echo(line)
        if report is not None:
            report.write(line + "\n")
            report.flush()

    try:
        if args.keep:
            folder = Path(args.keep)
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("selftest.db*"):  # the database step must create it anew
                old.unlink()
            ok = run_selftest(folder, out=out)
        else:
            folder = Path(tempfile.mkdtemp(prefix="plandesk-selftest-"))
            try:
                ok = run_selftest(folder, out=out)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        out("self-test passed" if ok else "self-test FAILED")
        return 0 if ok else 1
    finally:
        if report is not None:
            report.close()
