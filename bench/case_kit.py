"""What the cases of bench/run.py share: the registry, results as pairs, copies, processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


Result = dict[str, Any]
CASES: dict[str, Callable[[Path, Path, int], Result]] = {}
PY = sys.executable


def case(name: str) -> Callable:
    def register(fn: Callable[[Path, Path, int], Result]) -> Callable:
        CASES[name] = fn
        return fn

    return register


def pair_result(a_label: str, b_label: str, values: tuple[list[float], list[float]]) -> Result:
    return {"a_label": a_label, "b_label": b_label, "a": values[0], "b": values[1], "notes": []}


def copy_db(db: Path, work: Path, name: str) -> Path:
    """A private copy of the benchmark database (runs may write, lock or back it up)."""
    target = work / name
    for suffix in ("", "-wal", "-shm", "-pair"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(db, target)
    return target


def big_plan(db: Any) -> int:
    """The plan with the most tasks (2,000 in the databases of make_big_db.py)."""
    from models import outline

    counts = outline.plan_counts(db)
    return max(counts, key=lambda pid: counts[pid][1])


def app_env(work: Path) -> dict[str, str]:
    """Environment of a PlanDesk process: its own data and settings folders, offscreen.

    Bytecode is cached (in the work folder): with PYTHONDONTWRITEBYTECODE, as set on this
    machine, every start compiled PlanDesk's 180 modules again (0.4 s), which no installed
    copy does. The warm-up pair fills the cache for both sides.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PLANDESK_DATA_DIR=str(work / "data"),
        XDG_CONFIG_HOME=str(work / "config"),
        PLANDESK_EXIT_AFTER_SHOW="1",
        PYTHONPYCACHEPREFIX=str(work.parent / "pycache"),
    )
    return env


def run_process(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one process run to its end (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({done.returncode}): {done.stderr[-800:]}")
    return seconds


def shown(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Start a GUI with the show probe; seconds from spawn to its window painted, peak RSS."""
    start = time.time()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    out: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("PLANDESK_SHOWN "):
            out["shown"] = float(line.split()[1]) - start
        elif line.startswith("PLANDESK_PEAK_RSS_KIB "):
            out["rss"] = float(line.split()[1])
    if "shown" not in out:
        raise RuntimeError(f"{cmd}: no window ({done.returncode}): {done.stderr[-800:]}")
    return out
