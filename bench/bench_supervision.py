"""Supervision on a big database: the due list with its pace classes, a round's status.

Reported as ratios against the plain due list of the same run (no timing asserts):
    python bench/bench_supervision.py /tmp/plandesk-big.db
(make the file with bench/make_big_db.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from models import outline, tracking  # noqa: E402
from models.store.open import open_database  # noqa: E402
from models.supervision import pace, rounds  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with open_database(args.db) as db:
        plain = median_ms(lambda: tracking.due_list(db), args.runs)
        paced = median_ms(lambda: pace.paced_due_list(db), args.runs)
        items = len(tracking.due_list(db))
        big = max(
            outline.list_plans(db), key=lambda p: outline.plan_counts(db).get(p.id, (0, 0))[1]
        )
        plan_pace = median_ms(lambda: pace.plan_paces(db, big.id), args.runs)
        with db.transaction() as conn:  # a throw-away round of the biggest plan
            round_id = rounds.create_round(db, big.id, "2025-06-25")
            status = median_ms(lambda: rounds.round_status(db, round_id), args.runs)
            conn.execute("DELETE FROM report_rounds WHERE id = ?", (round_id,))
        tasks = outline.plan_counts(db)[big.id][1]
    print(f"due list, {items} items: plain {plain} ms, with pace {paced} ms (x{paced / plain:.2f})")
    print(
        f"pace of one plan ({tasks} tasks): {plan_pace} ms; round status: {status} ms "
        f"(x{status / plain:.2f} of the plain due list)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
