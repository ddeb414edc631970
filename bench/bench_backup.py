"""Medians of the data-safety operations on a big database (300 plans, 60,000 tasks).

    python bench/bench_backup.py [--db /tmp/plandesk-big.db] [--runs 5]

Builds the database with bench/make_big_db.py when it is missing. Prints one JSON object:
milliseconds for a backup (SQLite backup API), check(), check_file(), listing 10 backups
(each opened read-only for its counts), validating and restoring a backup; and the size.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from models.store import backup, restore  # noqa: E402
from models.store.check import check, check_file  # noqa: E402
from models.store.open import open_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/plandesk-big.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    big = Path(args.db)
    if not big.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "make_big_db.py"), str(big)], check=True
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plandesk.db"
        shutil.copyfile(big, path)
        out: dict[str, object] = {"size_mb": round(path.stat().st_size / 1_048_576, 1)}
        with open_database(path) as db:
            out["tasks"] = db.scalar("SELECT count(*) FROM nodes WHERE kind = 'task'")
            out["backup_ms"] = median_ms(lambda: backup.make_backup(db, "manual"), args.runs)
            out["check_ms"] = median_ms(lambda: check(db), args.runs)
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            out["check_file_ms"] = median_ms(lambda: check_file(path), args.runs)
            for _ in range(10 - args.runs):
                backup.make_backup(db, "manual")
            folder_b = backup.backup_dir(path)
            out["list_10_backups_ms"] = median_ms(lambda: backup.list_backups(folder_b), args.runs)
            one = backup.list_backups(folder_b)[0].path
            out["validate_ms"] = median_ms(lambda: restore.validate_backup(one), args.runs)
            out["restore_ms"] = median_ms(lambda: restore.restore_into(db, one), args.runs)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
