"""The cases of bench/run.py (issue 16): each measures PlanDesk (A) against its floor/peer (B).

Run by bench/run.py in a fresh child process per case and size:

    python bench/cases.py CASE --db BIG.db --work DIR --pairs N

prints one JSON line ``{"a": [...], "b": [...], "a_label", "b_label", "notes": [...]}`` or
``{"skipped": reason}``. GUI cases use the offscreen platform; processes are started from
here, alternately A and B. Every side returns what it measured with bench.harness.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import cases_gui, cases_models, cases_process  # noqa: E402, F401 (they register)
from bench.case_kit import CASES  # noqa: E402
from bench.cases_gui import rss_scenario  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=[*CASES, "_rss_scenario"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.case == "_rss_scenario":
        rss_scenario(args.db, args.work)
        return 0
    result = CASES[args.case](args.db, args.work, args.pairs)
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown of the windows (slow, and nothing to report)


if __name__ == "__main__":
    sys.exit(main())
