"""``self-test``: prove that this installation, from source or the one-file bundle, is complete.

It works in a temporary folder (never the user's database): creates a database with the
sample plans, imports a small .txt and .docx it writes itself (models.importing), exports a
plan as .docx, .xlsx and PDF (export/), reopens every output and checks it. One line per
step, ``OK  step: detail`` or ``FAIL step: reason``; exit code 0 only when every step
passed. Qt shows no window (offscreen on Linux, the windows platform on Windows: offscreen
there has no fonts), so it needs no display. A missing hidden import or resource in
the bundle fails here, at build time, instead of on a user's PC.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import logging
import os
import re
import shutil
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
    ("sample", "supervision-2024.json"),
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
    missing = [
        os.path.join(*parts)
        for parts in REQUIRED_RESOURCES
        if not resource_path(*parts).is_file() or resource_path(*parts).stat().st_size == 0
    ]
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
    from models.startup import open_or_create
    from models.store.check import check
    from models.store.migrations import SCHEMA_VERSION

    path = ctx.folder / "selftest.db"
    ctx.db, created = open_or_create(path, sample=True)
    _expect(created, f"{path} existed already")
    version = ctx.db.query("PRAGMA user_version")[0][0]
    _expect(version == SCHEMA_VERSION, f"schema version {version}, expected {SCHEMA_VERSION}")
    problems = check(ctx.db)
    _expect(not problems, "; ".join(problems[:3]))
    return f"{path.name}, schema v{version}"


def _check_supervision_sample(db: Any, counts: dict[int, tuple[int, int]]) -> int | None:
    """The ledger plan of the supervision sample holds its items; returns its id."""
    from models.supervision.items import ledger_plan
    from models.supervision.sample import sample_data

    specs = sample_data()["items"]
    ledger = ledger_plan(db, 2024, create=False)
    _expect(ledger is not None, "the supervision sample's ledger was not stored")
    want = (len({i["source"] for i in specs}), len(specs))
    _expect(counts.get(ledger) == want, f"督办事项台账: {counts.get(ledger)} stored, want {want}")
    return ledger


def step_sample(ctx: Context) -> str:
    """Every sample plan was stored with its sections and tasks."""
    from models import outline
    from models.sample import sample_documents

    _expect(ctx.db is not None, "no database (previous step failed)")
    docs = sample_documents()
    plans = outline.list_plans(ctx.db)
    counts = outline.plan_counts(ctx.db)
    ledger = _check_supervision_sample(ctx.db, counts)  # the sample year's 督办事项台账
    plans = [p for p in plans if p.id != ledger]
    _expect(len(plans) == len(docs), f"{len(plans)} plans stored, {len(docs)} in the sample")
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


# A small plan as a secretary might save it from a web page: GB18030, CRLF, run-in headings,
# 一是…二是… clauses and a responsibility tail. Exercises the CJK codecs and charset detection.
SAMPLE_TXT = (
    "青山镇2025年工作计划\n\n"
    "为做好2025年各项工作，结合我镇实际，特制定本计划。\n\n"
    "一、加强党的建设\n"
    "（一）抓好理论学习。一是开展专题学习；二是组织党员轮训；三是落实“三会一课”制度。\n"
    "（二）推进作风建设。深入整治形式主义。严格落实中央八项规定精神。\n"
    "二、发展镇域经济\n"
    "（一）做强特色产业。扩大油茶种植面积至5000亩（牵头领导：张三；责任单位：镇农业办；"
    "完成时限：2025年6月底前）。\n"
)
DOCX_TABLE = (
    ("序号", "工作任务", "牵头领导", "责任单位", "完成时限"),
    ("1", "开展普法宣传进村活动", "李四", "普法股", "2025年12月底前"),
    ("2", "完成人民调解员培训", "王五", "基层股", "2025年9月底前"),
)


def _import_and_store(
    ctx: Context, path: Path, *, title: str, year: int, top_sections: int
) -> tuple[Any, dict[str, Any]]:
    """Parse ``path`` with the import helpers, check it, store it; returns (result, doc)."""
    from models import outline
    from models.importing import parse_file, store_result
    from models.importing.conservation import check_conservation

    _expect(ctx.db is not None, "no database (previous step failed)")
    result = parse_file(path)
    check_conservation(result)  # nothing lost, nothing invented
    _expect(len(result.documents) == 1, f"{len(result.documents)} plans found, expected 1")
    parsed = result.documents[0]
    doc = parsed.to_json()
    _expect(doc["title"] == title, f"title {doc['title']!r}, expected {title!r}")
    _expect(doc["year"] == year, f"year {doc['year']}, expected {year}")
    _expect(
        len(doc["sections"]) == top_sections,
        f"{len(doc['sections'])} top-level sections, expected {top_sections}",
    )
    stored = store_result(ctx.db, [result])
    counts = outline.plan_counts(ctx.db).get(stored[0]["id"])
    _expect(counts == parsed.count(), f"stored {counts}, parsed {parsed.count()}")
    return result, doc


def _all_tasks(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in sections:
        out += s.get("tasks") or []
        out += _all_tasks(s.get("children") or [])
    return out


def step_import_txt(ctx: Context) -> str:
    """A GB18030 .txt with CRLF line ends is recognised (levels, clauses, tail) and stored."""
    path = ctx.folder / "计划.txt"
    path.write_bytes(SAMPLE_TXT.replace("\n", "\r\n").encode("gb18030"))
    result, doc = _import_and_store(
        ctx, path, title="青山镇2025年工作计划", year=2025, top_sections=2
    )
    _expect(
        (result.encoding or "").lower().replace("-", "") in {"gb18030", "gbk", "gb2312"},
        f"encoding detected as {result.encoding!r}",
    )
    tasks = _all_tasks(doc["sections"])
    tail = [t for t in tasks if t.get("owner_unit") == "镇农业办"]
    _expect(
        bool(tail)
        and tail[0].get("lead_leader") == "张三"
        and tail[0].get("deadline") == "2025年6月底前",
        "responsibility tail not parsed",
    )
    return f"{path.name} ({result.encoding}), {len(tasks)} tasks stored"


def step_import_docx(ctx: Context) -> str:
    """A .docx with headings, body text and a 任务分解表 table is recognised and stored."""
    import docx

    path = ctx.folder / "要点.docx"
    document = docx.Document()
    for text in (
        "绿水县司法局2025年工作要点",
        "2025年，全县司法行政工作要坚持稳中求进。",
        "一、推进法治政府建设",
        "（一）规范行政执法。全面推行行政执法三项制度。开展执法案卷评查。",
        "二、重点任务分解",
    ):
        document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
    for i, row in enumerate(DOCX_TABLE):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(str(path))
    _result, doc = _import_and_store(
        ctx, path, title="绿水县司法局2025年工作要点", year=2025, top_sections=2
    )
    tasks = _all_tasks(doc["sections"])
    leaders = {t.get("text"): t.get("lead_leader") for t in tasks}
    for row in DOCX_TABLE[1:]:
        _expect(leaders.get(row[1]) == row[2], f"table row {row[1]!r} not a task led by {row[2]}")
    return f"{path.name}, {len(tasks)} tasks stored ({len(DOCX_TABLE) - 1} from the table)"


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
    cells = {
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    tasks = [n.text for n in data.nodes if n.kind == "task"]
    _expect(bool(tasks), "the plan has no tasks")
    missing = [t for t in tasks if not any(t in c for c in cells)]
    if missing:
        raise StepFailed(f"{len(missing)} of {len(tasks)} tasks missing, e.g. {missing[0]!r}")
    return f"{out.name}, {len(tasks)} tasks in {len(wb.worksheets)} sheet(s)"


def step_qt(ctx: Context) -> str:
    """Qt starts without a window, loads its Chinese translation and finds a Chinese font."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from cli.common import gui_application
    from resources import resource_path

    app = gui_application()  # offscreen on Linux, the windows platform on Windows
    ctx.qt_app = app
    platform = QGuiApplication.platformName() if isinstance(app, QGuiApplication) else "core"
    qms = sorted(resource_path("translations").glob("*.qm"))
    for qm in qms:
        _expect(QTranslator().load(str(qm)), f"cannot load {qm.name}")
    # Qt's own Chinese texts, found where ui/shell/app.py looks for them
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _expect(
        QTranslator().load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", qt_dir
        ),
        f"qtbase_zh_CN.qm not found in {qt_dir}",
    )
    qms.append(Path(qt_dir) / "qtbase_zh_CN.qm")
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    _expect(bool(families), "no font for simplified Chinese installed (install fonts-noto-cjk)")
    return f"platform {platform}, {len(qms)} translation(s), {len(families)} Chinese font(s)"


def step_export_pdf(ctx: Context) -> str:
    """A plan printed to PDF (the HTML of print preview): pages, every character has a font."""
    from cli.pdf_glyphs import missing_characters
    from export.content import load_plan_data
    from export.html import plan_html
    from export.pdf import write_pdf

    _expect(ctx.qt_app is not None, "Qt did not start (previous step failed)")
    _expect(ctx.plan_id is not None, "no plan (previous step failed)")
    data = load_plan_data(ctx.db, ctx.plan_id)
    html = plan_html(data, today=dt.date(2024, 1, 15))
    missing = missing_characters(html)
    _expect(not missing, f"{len(missing)} character(s) without a font, e.g. {missing[:5]}")
    out = write_pdf(html, ctx.folder / "plan.pdf", title=data.plan.title)
    ctx.files["plan.pdf"] = out
    raw = out.read_bytes()
    _expect(raw.startswith(b"%PDF-") and b"%%EOF" in raw[-64:], "not a complete PDF file")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", raw))
    _expect(pages >= 1, "no page in the PDF")
    _expect(b"/FontFile" in raw, "no embedded font in the PDF")
    return f"{out.name}, {pages} page(s), {len(raw)} bytes"


def step_final_check(ctx: Context) -> str:
    """After all the writing, the database is still consistent."""
    from models.store.check import check

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
        ("import txt", step_import_txt),
        ("import docx", step_import_docx),
        ("export docx", step_export_docx),
        ("export xlsx", step_export_xlsx),
    ]
    if qt:
        out.append(("qt", step_qt))
        if importlib.util.find_spec("export.pdf") is not None:
            out.append(("export pdf", step_export_pdf))
    out.append(("database check", step_final_check))
    return out


def run_selftest(
    folder: Path,
    *,
    qt: bool = True,
    out: Callable[[str], None] = echo,
    step_list: list[Step] | None = None,
) -> bool:
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
                out(
                    f"FAIL {name}: {type(exc).__name__}: {exc} "
                    f"({Path(where.filename).name}:{where.lineno})"
                )
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
    p = sub.add_parser("self-test", help="check that this installation works (no window)")
    p.add_argument(
        "--keep",
        metavar="DIR",
        help="work in DIR (created) and keep the files instead of a temporary folder",
    )
    p.add_argument("--report", metavar="FILE", help="also write the lines to FILE (UTF-8)")
    p.set_defaults(func=cmd_selftest)


def cmd_selftest(args: argparse.Namespace) -> int:
    """Run the self-test; exit 0 only when every step passed."""
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
