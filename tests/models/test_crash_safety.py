"""A writer process killed at random moments (SIGKILL; TerminateProcess on Windows) never
leaves a broken or half-written DB.

Each round copies a prepared database, starts a child Python that takes the write lock and
loops over one large action (store a big document = an import; the real ``import`` command on
a big .txt; roll a big plan over; restore from a backup; write a backup), kills it after a
random delay (drawn from 0..1.5 × the time one action takes on this machine now), then checks
in this process: the stale lock is taken over, the database opens, check() is clean, and the
action is there entirely or not at all. 34 kills in all; statistics go to the log and, with
$PLANDESK_CRASH_STATS set, to that file (for the report of issue 9).
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.importing import parse_file, store_result
from models.outline import store_document
from models.rollover import rollover
from models.sample import load_sample
from models.store import backup
from models.store.check import check, check_file
from models.store.db import Database
from models.store.lock import DatabaseLock, lock_path
from models.store.open import open_database
from models.text.numbering import cn_numeral
from tests.db_hash import content_hash

pytestmark = pytest.mark.slow

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
SEED = 20261128
CRASH_STATS: dict[str, Counter] = {}


def big_document(sections: int = 40, tasks: int = 10) -> dict:
    """A plan of sections × (tasks + 1 sub-section with 1 task) nodes, like a large import."""
    return {
        "title": "大文档测试镇2024年工作计划",
        "year": 2024,
        "organization": "测试镇",
        "preamble": "为全面完成2024年各项目标任务，特制定本计划。",
        "sections": [
            {
                "heading": f"第{i}项重点工作：推进乡村振兴和基层治理",
                "task_style": "sentences",
                "run_in": "。",
                "tasks": [
                    {
                        "text": (
                            f"扩大油茶种植规模第{i}-{j}项，完善基础设施，确保按期完成目标任务。"
                        ),
                        "deadline": "6月底前",
                        "owner_unit": "农业办",
                        "target": "5000亩",
                    }
                    for j in range(tasks)
                ],
                "children": [{"heading": f"子项{i}", "tasks": [{"text": "抓好党员教育管理。"}]}],
            }
            for i in range(sections)
        ],
    }


def big_text(sections: int = 60) -> str:
    """A large plan as a .txt file would hold it (sections, sub-sections, task sentences)."""
    lines = ["测试镇2025年工作计划", "为全面完成2025年各项目标任务，特制定本计划。"]
    for i in range(sections):
        lines.append(f"{cn_numeral(i + 1)}、第{i + 1}项重点工作")
        for j in range(3):
            lines.append(
                f"（{cn_numeral(j + 1)}）推进子项{i}-{j}。"
                + "".join(
                    f"扩大油茶种植规模第{i}-{j}-{k}项，确保6月底前完成5000亩目标任务。"
                    for k in range(5)
                )
            )
    return "\n".join(lines) + "\n"


def nodes_in(doc: dict) -> int:
    def count(sec: dict) -> int:
        return 1 + len(sec.get("tasks") or []) + sum(count(c) for c in sec.get("children") or [])

    return len(doc.get("tasks") or []) + sum(count(s) for s in doc["sections"])


CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {root!r})
    from models.store import backup, restore
    from models.store.open import open_database
    from models.store.lock import DatabaseLock
    from models.outline import store_document

    path, action, arg = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    if "doc_file" in arg:
        with open(arg["doc_file"], encoding="utf-8") as fh:
            arg["doc"] = json.load(fh)
    lock = DatabaseLock(path)
    if action != "cli-import":  # the import command takes the writer's lock itself
        lock.acquire()
    db = open_database(path)
    if action == "rollover":
        from models.rollover import rollover
    if action == "cli-import":
        import main
    print("ready", flush=True)
    n = 0
    while True:
        print("start", n, flush=True)
        if action == "import":
            store_document(db, arg["doc"])
        elif action == "rollover":
            rollover(db, arg["plan"], year=2025 + n)
        elif action == "restore":
            restore.restore_into(db, arg["files"][n % 2])
        elif action == "backup":
            backup.make_backup(db, "event", "crash")
        elif action == "cli-import":  # the real command: parse, event backup, store
            assert main.main(["--db", path, "import", arg["txt"]]) == 0
        print("done", n, flush=True)
        n += 1
""")


def run_and_kill(
    path: Path,
    action: str,
    arg: dict,
    rng: random.Random,
    max_delay: float,
    env: dict | None = None,
) -> tuple[int, bool]:
    """Start the child, kill it after a random delay; returns (actions done, killed mid-action)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), action, json.dumps(arg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )
    try:
        first = proc.stdout.readline().strip()
        if first != "ready":
            proc.kill()
            raise AssertionError(f"child failed: {first} {proc.stderr.read()}")
        time.sleep(rng.uniform(0.0, max_delay))
        proc.kill()  # SIGKILL; on Windows TerminateProcess, as abrupt
        proc.wait(timeout=30)
        out = proc.stdout.read().split("\n")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == (-signal.SIGKILL if os.name == "posix" else 1)
    lines = [line for line in out if line]
    done = sum(1 for line in lines if line.startswith("done"))
    mid = bool(lines) and lines[-1].startswith("start")
    return done, mid


@contextmanager
def after_crash(path: Path, *, lock_left: bool = True) -> Iterator[Database]:
    """The next PlanDesk: takes over the stale lock, opens, finds no problem.

    ``lock_left=False``: the child took the lock only while a command ran, so a kill
    between two commands leaves none.
    """
    if lock_left:
        assert lock_path(path).exists()  # the killed child never released it
    with DatabaseLock(path), open_database(path) as db:
        assert check(db) == []
        yield db


def record(action: str, mid: bool, outcome: str, done: int = 0) -> None:
    stats = CRASH_STATS.setdefault(action, Counter())
    stats["kills"] += 1
    stats["actions committed before the kill"] += done
    stats["mid-action"] += mid
    stats[outcome] += 1


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    """Prepared databases: sample plans, and sample plans + one big plan to roll over."""
    folder = tmp_path_factory.mktemp("crash-base")
    doc = big_document()
    plain = folder / "plain.db"
    with open_database(plain) as db:
        load_sample(db)
    with_big = folder / "big.db"
    with open_database(with_big) as db:
        load_sample(db)
        big_id = store_document(db, doc)
    # How long one action takes on this machine now (shared, loaded): the kill delays are
    # drawn from 0..1.5 × that, so that kills land before, inside and after a commit.
    probe = folder / "probe.db"
    shutil.copyfile(with_big, probe)
    with open_database(probe) as db:
        started = time.perf_counter()
        store_document(db, doc)
        t_import = time.perf_counter() - started
        started = time.perf_counter()
        rollover(db, big_id)
        t_rollover = time.perf_counter() - started
    for p in (plain, with_big):  # one self-contained file each, ready to copy
        conn = sqlite3.connect(p)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
    doc_file = folder / "big.json"
    doc_file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    txt = folder / "big.txt"
    txt.write_text(big_text(), encoding="utf-8")
    started = time.perf_counter()
    parsed = parse_file(txt)
    with open_database(probe) as db:
        store_result(db, [parsed])
    t_cli = time.perf_counter() - started
    (txt_doc,) = [d.to_json() for d in parsed.documents]
    return {
        "doc": doc,
        "doc_file": str(doc_file),
        "plain": plain,
        "big": with_big,
        "big_id": big_id,
        "nodes": nodes_in(doc),
        "t_import": t_import,
        "t_rollover": t_rollover,
        "txt": str(txt),
        "txt_title": txt_doc["title"],
        "txt_nodes": nodes_in(txt_doc),
        "t_cli": t_cli,
    }


def fresh_copy(src: Path, tmp_path: Path, n: int) -> Path:
    folder = tmp_path / f"round{n}"
    folder.mkdir()
    target = folder / "plandesk.db"
    shutil.copyfile(src, target)  # a closed database, not a live one: a file copy is fine here
    return target


@pytest.mark.parametrize("journal", ["WAL", "DELETE"])
def test_import_killed_at_random_moments(base, tmp_path, journal, monkeypatch):
    monkeypatch.setenv("PLANDESK_JOURNAL", journal)  # this process reopens it the same way
    rng = random.Random(SEED + len(journal))
    plans_before = 3
    for n in range(6):
        path = fresh_copy(base["plain"], tmp_path, n)
        done, mid = run_and_kill(
            path,
            "import",
            {"doc_file": base["doc_file"]},
            rng,
            1.5 * base["t_import"],
            env={"PLANDESK_JOURNAL": journal},
        )
        with after_crash(path) as db:
            assert db.scalar("PRAGMA journal_mode") == journal.lower()
            counts = [
                r[0]
                for r in db.query(
                    "SELECT count(n.id) FROM plans p LEFT JOIN nodes n ON n.plan_id = p.id "
                    "WHERE p.title = ? GROUP BY p.id",
                    (base["doc"]["title"],),
                )
            ]
            assert db.scalar("SELECT count(*) FROM plans") == plans_before + len(counts)
        # every stored copy is complete; the one being written when killed is absent
        assert counts == [base["nodes"]] * len(counts)
        assert len(counts) in (done, done + 1)  # +1: killed after COMMIT, before "done"
        record(
            f"import ({journal})",
            mid,
            "cut action absent" if len(counts) == done else "cut action complete",
            done,
        )
    assert CRASH_STATS[f"import ({journal})"]["mid-action"] >= 3  # the kills did hit writes


def test_rollover_killed_at_random_moments(base, tmp_path):
    rng = random.Random(SEED + 1)
    for n in range(8):
        path = fresh_copy(base["big"], tmp_path, n)
        done, mid = run_and_kill(
            path, "rollover", {"plan": base["big_id"]}, rng, 1.5 * base["t_rollover"]
        )
        with after_crash(path) as db:
            copies = [
                r[0]
                for r in db.query(
                    "SELECT count(n.id) FROM plans p LEFT JOIN nodes n ON n.plan_id = p.id "
                    "WHERE p.source_plan_id = ? GROUP BY p.id",
                    (base["big_id"],),
                )
            ]
            assert (
                db.scalar("SELECT count(*) FROM nodes WHERE plan_id = ?", (base["big_id"],))
                == base["nodes"]
            )
        assert copies == [base["nodes"]] * len(copies)
        assert len(copies) in (done, done + 1)
        record(
            "rollover",
            mid,
            "cut action absent" if len(copies) == done else "cut action complete",
            done,
        )
    assert CRASH_STATS["rollover"]["mid-action"] >= 3


def test_restore_killed_at_random_moments(base, tmp_path):
    rng = random.Random(SEED + 2)
    states = tmp_path / "states"
    states.mkdir()
    a = states / "a.db"
    b = states / "b.db"
    shutil.copyfile(base["plain"], a)
    shutil.copyfile(base["big"], b)
    allowed = {content_hash(a): "a", content_hash(b): "b"}
    for n in range(4):
        path = fresh_copy(base["plain"], tmp_path, n)
        done, mid = run_and_kill(path, "restore", {"files": [str(b), str(a)]}, rng, 1.0)
        with after_crash(path):
            pass
        state = allowed.get(content_hash(path))
        assert state is not None, "the database is neither the old nor the restored content"
        for info in backup.list_backups(path.parent / "backups"):
            assert info.usable, info
        record("restore", mid, f"content = backup {state}", done)


def test_backup_killed_at_random_moments(base, tmp_path):
    rng = random.Random(SEED + 3)
    before = content_hash(base["big"])
    counts = backup.inspect(base["big"]).plans, backup.inspect(base["big"]).tasks
    for n in range(4):
        path = fresh_copy(base["big"], tmp_path, n)
        done, mid = run_and_kill(path, "backup", {}, rng, 0.8)
        with after_crash(path):
            pass
        assert content_hash(path) == before
        named = backup.list_backups(path.parent / "backups")
        # rotation keeps the newest `keep`; a kill after the rename and before the rotation
        # leaves one more (complete) backup, removed by the next rotation
        keep = backup.DEFAULT_KEEP_EVENT
        assert min(done, keep) <= len(named) <= min(done + 1, keep + 1)
        for info in named:  # a file with a backup's name is always a whole backup
            assert info.usable and (info.plans, info.tasks) == counts, info
        if named:
            newest = named[0].path
            assert check_file(newest) == (named[0].version, [])
            assert content_hash(newest) == before
        partial = [p for p in (path.parent / "backups").glob("*.partial*")]
        record("backup", mid, "no damaged backup", done)
        CRASH_STATS["backup"][".partial files left (ignored, removed later)"] += len(partial)


def test_cli_import_killed_at_random_moments(base, tmp_path):
    """The real ``import`` command (parse, event backup, one-transaction store)."""
    rng = random.Random(SEED + 4)
    for n in range(6):
        path = fresh_copy(base["plain"], tmp_path, n)
        # the command also sets up logging, opens the file and makes an event backup first
        done, mid = run_and_kill(path, "cli-import", {"txt": base["txt"]}, rng, 3.0 * base["t_cli"])
        with after_crash(path, lock_left=False) as db:
            counts = [
                r[0]
                for r in db.query(
                    "SELECT count(n.id) FROM plans p LEFT JOIN nodes n ON n.plan_id = p.id "
                    "WHERE p.title = ? GROUP BY p.id",
                    (base["txt_title"],),
                )
            ]
        assert counts == [base["txt_nodes"]] * len(counts)
        assert len(counts) in (done, done + 1)
        for info in backup.list_backups(path.parent / "backups"):
            assert info.usable, info
        record(
            "import command",
            mid,
            "cut action absent" if len(counts) == done else "cut action complete",
            done,
        )
    assert CRASH_STATS["import command"]["mid-action"] >= 3


def test_zz_report_crash_statistics():
    """Log the table of the rounds above (runs last in this module)."""
    for action, stats in CRASH_STATS.items():
        log.warning("crash %s: %s", action, dict(stats))
    if CRASH_STATS:
        lines = [f"{a}: {dict(s)}" for a, s in CRASH_STATS.items()]
        out = os.environ.get("PLANDESK_CRASH_STATS")
        if out:
            Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
