"""Benchmark: county exchange — packet sizes and export/import times against whole files.

    python bench/bench_exchange.py [--offices 30] [--tasks 200] [--years 3]

Builds one township database in a temp folder (``--years`` yearly plans of ``--tasks`` tasks,
each year rolled over from the last, a progress note on every task), then ``--offices`` copies
of it, each with fresh uuids and its own office profile. Every township sends its first (full)
packet to the county; then each has a month of work (progress notes on a third of the tasks,
20 edits, 5 moves, 5 new tasks, 3 deletions, 10 checkpoints done) and sends the packet of that
month. Prints medians over the offices of the packet sizes and of export/import times, the
county database's size and its window start (against one township's, in the same run), and
what copying the whole files instead would carry.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import outline, rollover, tracking  # noqa: E402
from models.exchange import incoming, offices, outgoing  # noqa: E402
from models.exchange.travel import TRAVELLING, UUID_SQL  # noqa: E402
from models.store.check import check  # noqa: E402
from models.store.open import open_database  # noqa: E402

COUNTY = ("331100", "某县督查室", "县督查室")
UNITS = ["农业办", "经发办", "综治办", "党政办", "社会事务办", "自然资源所", "财政所"]


def build_template(path: Path, tasks: int, years: int) -> None:
    rnd = random.Random(7)
    with open_database(path) as db:
        plan = outline.create_plan(db, title="2023年工作计划", year=2023)
        sections = [
            outline.add_node(db, plan, None, "section", heading=f"第{i + 1}项重点工作")
            for i in range(10)
        ]
        for t in range(tasks):
            outline.add_node(
                db,
                plan,
                sections[t % 10],
                "task",
                text=f"推进第{t}项任务：{rnd.choice(UNITS)}牵头落实，按月报送进展，确保年底前完成。",
                owner_unit=rnd.choice(UNITS),
                deadline="年底前",
            )
        for unit in UNITS:
            tracking.add_unit(db, unit)
        for year in range(1, years):
            ids = [r[0] for r in db.query("SELECT id FROM nodes WHERE plan_id = ?", (plan,))]
            for node_id in ids[::3]:
                if db.scalar("SELECT kind FROM nodes WHERE id = ?", (node_id,)) == "task":
                    tracking.add_progress(db, node_id, "已完成阶段目标。", 100)
            plan = rollover.rollover(db, plan, year=2023 + year).plan_id
        db.checkpoint()


def make_office(template: Path, folder: Path, index: int) -> Path:
    folder.mkdir()
    path = folder / "plandesk.db"
    shutil.copyfile(template, path)
    with open_database(path) as db:
        with db.transaction() as conn:  # a copy must not share the template's identities
            for spec in TRAVELLING:
                conn.execute(f"UPDATE {spec.table} SET uuid = {UUID_SQL}")
        offices.set_own_office(db, code=f"33110{index:04d}", name=f"第{index}镇", kind="乡镇")
        offices.add_office(db, code=COUNTY[0], name=COUNTY[1], kind=COUNTY[2])
    return path


def month_of_work(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    with open_database(path) as db:
        plan = db.scalar("SELECT max(id) FROM plans")
        tasks = [
            r[0]
            for r in db.query("SELECT id FROM nodes WHERE plan_id = ? AND kind = 'task'", (plan,))
        ]
        sections = [
            r[0]
            for r in db.query(
                "SELECT id FROM nodes WHERE plan_id = ? AND kind = 'section'", (plan,)
            )
        ]
        for task in rnd.sample(tasks, len(tasks) // 3):
            tracking.add_progress(db, task, "本月完成资金拨付和现场核查。", rnd.randint(10, 90))
        for task in rnd.sample(tasks, 20):
            outline.update_node(db, task, target="按期完成，群众满意度90%以上")
        for task in rnd.sample(tasks, 5):
            outline.move_node(db, task, rnd.choice(sections), 0)
        for i in range(5):
            outline.add_node(db, plan, rnd.choice(sections), "task", text=f"本月新增任务{i}。")
        for task in rnd.sample(tasks, 10):
            tracking.add_checkpoint(db, task, "月度节点", "2025-05-31", done_date="2025-05-30")
        for task in rnd.sample(tasks, 3):
            if db.scalar("SELECT 1 FROM nodes WHERE id = ?", (task,)):
                outline.remove_node(db, task)
        db.checkpoint()


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def window_start_s(db: Path) -> float:
    """Seconds from spawning ``main.py --db db`` to its painted window (ui/shell/show_probe.py)."""
    env = dict(os.environ, PLANDESK_EXIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    shown = next(float(line.split()[1]) for line in out.splitlines() if "PLANDESK_SHOWN" in line)
    return shown - start


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offices", type=int, default=30)
    ap.add_argument("--tasks", type=int, default=200)
    ap.add_argument("--years", type=int, default=3)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    try:
        template = root / "template.db"
        _, ms = _timed(lambda: build_template(template, args.tasks, args.years))
        print(f"template: {args.years} years x {args.tasks} tasks built in {ms / 1000:.1f} s")
        county_path = root / "county" / "plandesk.db"
        county_path.parent.mkdir()
        with open_database(county_path) as county:
            offices.set_own_office(county, code=COUNTY[0], name=COUNTY[1], kind=COUNTY[2])
        towns = [make_office(template, root / f"t{i}", i) for i in range(args.offices)]
        stats: dict[str, list[float]] = {}

        def note(key: str, value: float) -> None:
            stats.setdefault(key, []).append(value)

        for phase in ("full", "month"):
            for i, town in enumerate(towns):
                if phase == "month":
                    month_of_work(town, i)
                out = root / f"{phase}-{i}.pdx"
                with open_database(town) as db:
                    sent, ms = _timed(
                        lambda db=db, out=out: outgoing.export_packet(db, out, COUNTY[0])
                    )
                assert sent is not None
                note(f"{phase} export ms", ms)
                note(f"{phase} packet bytes", sent.size)
                note(f"{phase} changes", sent.total)
                with open_database(county_path) as county:
                    res, ms = _timed(lambda c=county, out=out: incoming.import_packets(c, [out]))
                assert [r.status for r in res] == ["applied"], res
                note(f"{phase} import ms", ms)
                if phase == "month":
                    note("town db bytes", town.stat().st_size)
                    note("town db gzip bytes", _gz(town))
                    _, ms = _timed(lambda t=town: shutil.copyfile(t, root / "copy.db"))
                    note("whole-file copy ms", ms)
        with open_database(county_path) as county:
            county.checkpoint()
            problems, ms = _timed(lambda: check(county))
            plans = county.scalar("SELECT count(*) FROM plans")
            nodes = county.scalar("SELECT count(*) FROM nodes")
        print(f"{args.offices} offices; medians over the offices:")
        for key, values in stats.items():
            print(f"  {key:24} {statistics.median(values):>12,.1f}")
        month = statistics.median(stats["month packet bytes"])
        whole = statistics.median(stats["town db bytes"])
        print(
            f"  month packet / whole file: {month / whole:.4f} "
            f"(gzip of the file: {month / statistics.median(stats['town db gzip bytes']):.4f})"
        )
        print(
            f"  a month for the county: packets {sum(stats['month packet bytes']) / 1e6:.2f} MB "
            f"vs whole files {sum(stats['town db bytes']) / 1e6:.1f} MB "
            f"(gzip {sum(stats['town db gzip bytes']) / 1e6:.1f} MB)"
        )
        county_start = statistics.median(window_start_s(county_path) for _ in range(3))
        town_start = statistics.median(window_start_s(towns[0]) for _ in range(3))
        print(
            f"window start (median of 3): county {county_start:.2f} s, one township "
            f"{town_start:.2f} s, ratio {county_start / town_start:.2f}"
        )
        print(
            f"county: {plans} plans, {nodes} nodes, {os.path.getsize(county_path) / 1e6:.1f} MB; "
            f"check {ms:.0f} ms, problems: {len(problems)}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
