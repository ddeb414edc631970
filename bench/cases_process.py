"""Cases that start PlanDesk processes: startup, the executable, memory, the CLI, exports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.case_kit import (
    PY,
    ROOT,
    Result,
    app_env,
    big_plan,
    case,
    copy_db,
    pair_result,
    run_process,
    shown,
)
from bench.harness import interleave


# ---------------------------------------------------------------- processes
@case("startup")
def startup(db: Path, work: Path, pairs: int) -> Result:
    """``python main.py`` to its window painted, against bench/bare_window.py.

    Every PlanDesk start is the first of its day: the backups folder is emptied before each,
    so the daily backup is part of what is measured (the worst case a user meets).
    """
    path = copy_db(db, work, "startup.db")
    env = app_env(work)

    def a() -> float:
        shutil.rmtree(work / "backups", ignore_errors=True)
        return shown([PY, "main.py", "--db", str(path)], env)["shown"]

    def b() -> float:
        return shown([PY, "bench/bare_window.py"], env)["shown"]

    return pair_result("main.py", "bare_window.py", interleave(a, b, pairs))


DIST = ROOT / "bench" / "out" / "dist"


@case("exe")
def exe_case(db: Path, work: Path, pairs: int) -> Result:
    """The one-file executable of build.spec to window shown, against a one-file bare window."""
    suffix = ".exe" if sys.platform == "win32" else ""
    app, bare = DIST / f"PlanDesk{suffix}", DIST / f"bare_window{suffix}"
    if not (app.exists() and bare.exists()):
        return {
            "skipped": "no one-file executables in bench/out/dist "
            "(`python bench/run.py --build-exe` builds them with PyInstaller, ~5 min)"
        }
    path = copy_db(db, work, "exe.db")
    env = app_env(work)

    def a() -> float:
        shutil.rmtree(work / "backups", ignore_errors=True)
        return shown([str(app), "--db", str(path)], env)["shown"]

    result = pair_result(
        "PlanDesk one-file",
        "bare_window one-file",
        interleave(a, lambda: shown([str(bare)], env)["shown"], pairs),
    )
    result["notes"].append(
        f"size {app.stat().st_size / 2**20:.1f} MiB vs {bare.stat().st_size / 2**20:.1f} MiB "
        f"({app.stat().st_size / bare.stat().st_size:.2f}×)"
    )
    return result


@case("rss")
def rss(db: Path, work: Path, pairs: int) -> Result:
    """Peak RSS with the big plan expanded and due list, table and search open (KiB)."""
    path = copy_db(db, work, "rss.db")
    env = app_env(work)

    def a() -> float:
        cmd = [PY, "bench/cases.py", "_rss_scenario", "--db", str(path), "--work", str(work)]
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-800:])
        return float(json.loads(done.stdout.splitlines()[-1])["rss"])

    def b() -> float:
        return shown([PY, "bench/bare_window.py"], env)["rss"]

    return pair_result("county DB, everything open", "bare window", interleave(a, b, pairs, 0))


@case("check_cli")
def check_cli(db: Path, work: Path, pairs: int) -> Result:
    """``main.py check`` against a Python process running PRAGMA integrity_check."""
    path = copy_db(db, work, "check-cli.db")
    env = app_env(work)
    floor = f"import sqlite3; sqlite3.connect({str(path)!r}).execute('PRAGMA integrity_check')"
    floor += ".fetchall()"
    values = interleave(
        lambda: run_process([PY, "main.py", "--db", str(path), "check"], env),
        lambda: run_process([PY, "-c", floor], env),
        pairs,
    )
    return pair_result("main.py check", "python -c integrity_check", values)


@case("export_docx")
def export_docx(db: Path, work: Path, pairs: int) -> Result:
    """``main.py export PLAN --out x.docx`` (whole process) against pandoc on the same text."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return {"skipped": "pandoc not installed (apt-get install pandoc)"}
    from models.store.open import open_database

    path = copy_db(db, work, "export.db")
    with open_database(path) as conn:
        plan_id = big_plan(conn)
        markdown = plan_markdown(conn, plan_id)
    source = work / "in.md"
    source.write_text(markdown, encoding="utf-8")
    env = app_env(work)
    out_a, out_b = work / "x.docx", work / "out.docx"
    values = interleave(
        lambda: run_process(
            [PY, "main.py", "--db", str(path), "export", str(plan_id), "--out", str(out_a)], env
        ),
        lambda: run_process([pandoc, str(source), "-o", str(out_b)], env),
        pairs,
    )
    return pair_result("main.py export", "pandoc in.md -o out.docx", values)


def plan_markdown(db: Any, plan_id: int) -> str:
    """The plan's title, headings and task texts as Markdown (the peer's input)."""
    from models import outline
    from models.text.numbering import outline_numbers as number_outline

    plan = outline.get_plan(db, plan_id)
    nodes = outline.load_outline(db, plan_id)
    numbers = number_outline(nodes)
    depth: dict[int, int] = {}
    lines = [f"# {plan.title}", "", plan.preamble or "", ""]
    for node in nodes:
        depth[node.id] = 1 if node.parent_id is None else depth[node.parent_id] + 1
        number = numbers.get(node.id, "")
        if node.kind == "section":
            lines += [f"{'#' * min(depth[node.id] + 1, 6)} {number}{node.heading}", ""]
        else:
            lines += [f"{number}{node.text}", ""]
    return "\n".join(lines)
