"""Cases in-process on models/ and export/: check, rollover, xlsx, search, import."""

from __future__ import annotations

import time
from pathlib import Path

from bench.case_kit import (
    Result,
    big_plan,
    case,
    copy_db,
    pair_result,
)
from bench.harness import interleave, timed


# ---------------------------------------------------------------- models, in-process
@case("check")
def check_case(db: Path, work: Path, pairs: int) -> Result:
    """models.store.check.check() against PRAGMA integrity_check on the same connection."""
    from models.store.check import check
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "check.db"))
    problems = check(conn)
    values = interleave(
        timed(lambda: check(conn)),
        timed(lambda: conn.conn.execute("PRAGMA integrity_check").fetchall()),
        pairs,
    )
    result = pair_result("check()", "PRAGMA integrity_check", values)
    result["notes"].append(f"problems found: {len(problems)}")
    conn.close()
    return result


@case("rollover")
def rollover_case(db: Path, work: Path, pairs: int) -> Result:
    """rollover() of the big plan against one INSERT…SELECT copying its nodes."""
    from models import outline, rollover
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "rollover.db"))
    plan_id = big_plan(conn)
    tasks = outline.plan_counts(conn)[plan_id][1]

    def a() -> float:
        start = time.perf_counter()
        new = rollover.rollover(conn, plan_id).plan_id
        seconds = time.perf_counter() - start
        outline.delete_plan(conn, new)
        return seconds

    def b() -> float:
        start = time.perf_counter()
        with conn.transaction() as c:
            new = c.execute(
                "INSERT INTO plans (title, year, organization, kind) "
                "SELECT title || '+', year + 1, organization, kind FROM plans WHERE id = ?",
                (plan_id,),
            ).lastrowid
            c.execute(
                "INSERT INTO nodes (plan_id, parent_id, position, kind, heading, body, text,"
                " lead_leader, owner_unit, co_units, owner_person, deadline, target)"
                " SELECT ?, NULL, position, kind, heading, body, text, lead_leader,"
                " owner_unit, co_units, owner_person, deadline, target"
                " FROM nodes WHERE plan_id = ? ORDER BY id",
                (new, plan_id),
            )
        seconds = time.perf_counter() - start
        outline.delete_plan(conn, new)
        return seconds

    result = pair_result(f"rollover() of {tasks} tasks", "INSERT…SELECT", interleave(a, b, pairs))
    conn.close()
    return result


@case("xlsx")
def xlsx_case(db: Path, work: Path, pairs: int) -> Result:
    """Task table .xlsx of the big plan against an openpyxl write-only dump of its rows."""
    from openpyxl import Workbook

    from export.content import load_plan_data
    from export.task_rows import HEADERS, cells, task_rows
    from export.task_table import export_tasks_xlsx
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "xlsx.db"))
    data = load_plan_data(conn, big_plan(conn))
    rows = [list(cells(r)) for r in task_rows(data)]

    def b() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(list(HEADERS))
        for row in rows:
            ws.append(row)
        wb.save(work / "dump.xlsx")

    values = interleave(
        timed(lambda: export_tasks_xlsx(data, work / "tasks.xlsx")), timed(b), pairs
    )
    conn.close()
    return pair_result(f"export_tasks_xlsx ({len(rows)} rows)", "write-only dump", values)


SEARCH_QUERIES = ["田", "河长", "森林防", "高标准农", "乡村振兴重"]


@case("search")
def search_case(db: Path, work: Path, pairs: int) -> Result:
    """search() of 1–5 characters (at most 200 hits) against a LIKE scan of the same columns."""
    from models import search
    from models.store.open import open_database

    conn = open_database(copy_db(db, work, "search.db"))
    turn = {"a": 0, "b": 0}
    hits: list[int] = []

    def a() -> float:
        query = SEARCH_QUERIES[turn["a"] % len(SEARCH_QUERIES)]
        turn["a"] += 1
        start = time.perf_counter()
        hits.append(len(search.search(conn, query, limit=200)))
        return time.perf_counter() - start

    def b() -> float:
        query = SEARCH_QUERIES[turn["b"] % len(SEARCH_QUERIES)]
        turn["b"] += 1
        like = f"%{query}%"
        start = time.perf_counter()
        conn.conn.execute(
            "SELECT n.id FROM nodes n JOIN plans p ON p.id = n.plan_id"
            " WHERE n.text LIKE ? OR n.heading LIKE ? OR n.body LIKE ?"
            " ORDER BY p.year DESC, n.plan_id, n.id LIMIT 200",
            (like, like, like),
        ).fetchall()
        return time.perf_counter() - start

    result = pair_result("search()", "LIKE scan", interleave(a, b, pairs))
    result["notes"].append(f"queries {SEARCH_QUERIES}, hits per query {sorted(set(hits))}")
    conn.close()
    return result


@case("import_docx")
def import_docx(db: Path, work: Path, pairs: int) -> Result:
    """Import (parse and recognise) a .docx of ~4,000 paragraphs against docx2python."""
    try:
        from docx2python import docx2python
    except ImportError:
        return {"skipped": "docx2python not installed (pip install -r bench/requirements.txt)"}
    from models.importing import parse_file

    path = work / "import.docx"
    paragraphs = write_import_docx(path, 4000)

    def b() -> None:
        with docx2python(path) as doc:
            doc.text  # noqa: B018 (the extraction is the work)

    values = interleave(timed(lambda: parse_file(path)), timed(b), pairs)
    return pair_result(f"parse_file ({paragraphs} paragraphs)", "docx2python", values)


def write_import_docx(path: Path, paragraphs: int) -> int:
    """A plan .docx: title, numbered headings and task sentences (the generator's words)."""
    import random

    from docx import Document

    from bench import make_big_db as gen
    from models.text.numbering import heading_number

    rng = random.Random(3)
    doc = Document()
    doc.add_paragraph("青山镇2025年工作要点")
    count = 1
    section = 0
    while count < paragraphs:
        section += 1
        doc.add_paragraph(f"{heading_number(1, section)}{rng.choice(gen.SECTION_HEADS)}")
        count += 1
        for sub in range(1, 6):
            doc.add_paragraph(f"{heading_number(2, sub)}{rng.choice(gen.SUB_HEADS)}")
            count += 1
            for item in range(1, 9):
                unit = rng.choice(gen.UNITS)
                doc.add_paragraph(f"{item}.{gen.task_text(rng)}（责任单位：{unit}）")
                count += 1
    doc.save(str(path))
    return count
