"""All benchmarks of issue 16 in one run: PlanDesk side by side with its floor or peer.

    python bench/run.py                 # 1k, 10k, 60k and 200k tasks, 7 pairs a case
    python bench/run.py --quick         # 1k and 10k, 3 pairs, a couple of minutes (bench/out/)
    python bench/run.py --sizes 60000 --cases sort,select --pairs 9 --out /tmp/r.md

Builds the databases (bench/make_big_db.py; cached in --work), runs every case of
bench/cases.py in a fresh child process per size as interleaved pairs A,B,A,B… (one warm-up
pair first), and writes bench/RESULTS.md: the machine, median [min–max] of each side, the
ratio (median over pairs of A/B) against the target, and how each cost grows from the
smallest to the largest database. A case whose peer is missing is listed as skipped, with why.
Peers of the benchmark only: bench/requirements.txt (docx2python) and Debian's pandoc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import Outcome, Side, fmt_side, growth, size_label  # noqa: E402

SIZES = (1_000, 10_000, 60_000, 200_000)
QUICK_SIZES = (1_000, 10_000)


@dataclass(frozen=True)
class Case:
    """One row of the issue's table: what is measured, against what, and the target."""

    name: str
    title: str
    target: float  # the ratio A/B to reach (or, for 'absolute' cases, seconds of A)
    unit: str = "ms"
    absolute: bool = False  # the target is on A's value itself, not on the ratio
    sizes: str = "all"  # "all" sizes, or "largest" only (process-heavy cases)


CASES = [
    Case("startup", "`python main.py` to window shown", 1.5, sizes="ends"),
    Case("select", "select a task in the big plan (≤2,000 tasks)", 2.0),
    Case("expand", "expand the big plan + paint", 2.0),
    Case("duelist", "due list open: longest UI block", 0.1, absolute=True),
    Case("sort", "task table sort (big plan)", 2.0),
    Case("check", "`check()`", 2.0),
    Case("check_cli", "`main.py check` (whole process)", 2.0, sizes="ends"),
    Case("rollover", "rollover of the big plan", 2.0),
    Case("export_docx", "`main.py export PLAN --out x.docx` (whole process)", 1.0, sizes="ends"),
    Case("xlsx", "task table .xlsx (big plan)", 1.5),
    Case("search", "search, 1–5 characters, ≤200 hits", 0.1),
    Case(
        "rss",
        "peak RSS: plan expanded, due list + table + search open",
        150 * 1024,
        unit="MiB",
        absolute=True,
        sizes="largest",
    ),
    Case("import_docx", "import .docx of ~4,000 paragraphs", 1.0, sizes="smallest"),
    Case("exe", "one-file exe to window shown", 1.3, sizes="largest"),
]


def db_for(size: int, work: Path) -> Path:
    """The benchmark database of ``size`` tasks (built once, then reused)."""
    from bench import make_big_db

    path = work / f"tasks-{size_label(size)}.db"
    if path.exists():
        return path
    plans = max(3, size // 200)
    big = min(2_000, size * 2 // 5)
    start = time.perf_counter()
    tmp = path.with_suffix(".tmp.db")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    make_big_db.build(tmp, plans, size, big)
    tmp.rename(path)
    print(
        f"built {path.name}: {plans} plans, big plan {big} tasks, "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )
    return path


def build_exe() -> None:
    """Build the one-file PlanDesk (build.spec) and bare window into bench/out/dist."""
    out = ROOT / "bench" / "out"
    for spec in (ROOT / "build.spec", ROOT / "bench" / "bare_window.spec"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(out / "dist"),
                "--workpath",
                str(out / "build"),
                str(spec),
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def run_case(case: Case, size: int, db: Path, work: Path, pairs: int) -> Outcome:
    """One case at one size in a fresh process; a failure is reported, never hidden."""
    cmd = [
        sys.executable,
        str(ROOT / "bench" / "cases.py"),
        case.name,
        "--db",
        str(db),
        "--work",
        str(work / f"{case.name}-{size_label(size)}"),
        "--pairs",
        str(pairs),
    ]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    outcome = Outcome(case.name, size)
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        outcome.skipped = f"failed (exit {done.returncode}): {done.stderr.strip()[-300:]}"
        print(f"  {case.name} {size_label(size)}: FAILED\n{done.stderr[-2000:]}", flush=True)
        return outcome
    if "skipped" in result:
        outcome.skipped = result["skipped"]
    else:
        outcome.a = Side(result["a_label"], result["a"])
        outcome.b = Side(result["b_label"], result["b"])
        outcome.notes = result.get("notes", [])
    print(
        f"  {case.name} {size_label(size)}: {seconds:.0f} s "
        f"{outcome.skipped or f'ratio {outcome.ratio:.2f}'}",
        flush=True,
    )
    return outcome


def sizes_of(case: Case, sizes: list[int]) -> list[int]:
    if case.sizes == "largest":
        return sizes[-1:]
    if case.sizes == "smallest":
        return sizes[:1]
    if case.sizes == "ends":
        return sorted({sizes[0], sizes[-1]})
    return sizes


def verdict(case: Case, outcome: Outcome) -> str:
    if outcome.a is None:
        return "skipped"
    value = outcome.a.median if case.absolute else outcome.ratio
    return "met" if value is not None and value <= case.target else "**missed**"


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}"
    except ImportError:
        qt = "PySide6 missing"
    # Windows has no load average
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores (load average at the start: {load})",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {qt}, "
        f"{platform.system()} {platform.release()}",
    ]


def target_text(case: Case) -> str:
    if case.absolute:
        if case.unit == "MiB":
            return f"≤ {case.target / 1024:.0f} MiB"
        return f"≤ {case.target * 1000:.0f} ms"
    return f"≤ {case.target:g}×"


def before_ratios(path: Path | None) -> dict[tuple[str, str], str]:
    """(case title, size) -> "A (ratio)" of an earlier RESULTS.md (the ``--compare`` file)."""
    if path is None:
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 7 and cells[1] and cells[1][0].isdigit():
            if cells[4].endswith("×"):  # A's median and the ratio
                out[(cells[0], cells[1])] = f"{cells[2].split(' [')[0]} ({cells[4]})"
    return out


def render(
    outcomes: dict[str, list[Outcome]],
    sizes: list[int],
    pairs: int,
    took: float,
    quick: bool,
    before: dict[tuple[str, str], str] | None = None,
) -> str:
    """The RESULTS.md text."""
    lines = [
        "# PlanDesk benchmarks (bench/run.py)",
        "",
        f"Written {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} by "
        f"`python bench/run.py{''.join(' ' + a for a in sys.argv[1:])}` in {took / 60:.0f} min: "
        f"databases of {', '.join(size_label(s) for s in sizes)} tasks, {pairs} interleaved "
        "pairs A,B per case and size after one warm-up pair, each case in a fresh process.",
        "",
        *machine(),
        "",
        "A = PlanDesk, B = its floor or peer in the same run. Values: median [min–max] in ms "
        "(RSS in MiB). Ratio = median over the pairs of A/B. Growth = median at the largest "
        "size / median at the smallest, for A and for B. The big plan has 2,000 tasks "
        "(400 in the 1k database).",
        "",
        "| case | size | A | B | ratio | target | result |"
        + (" before: A (ratio) |" if before else ""),
        "|---|---|---|---|---|---|---|" + ("---|" if before else ""),
    ]
    for case in CASES:
        for o in outcomes.get(case.name, []):
            if o.a is None or o.b is None:
                lines.append(
                    f"| {case.title} | {size_label(o.size)} | — | — | — | "
                    f"{target_text(case)} | skipped: {o.skipped} |" + (" — |" if before else "")
                )
                continue
            was = (before or {}).get((case.title, size_label(o.size)), "—")
            lines.append(
                f"| {case.title} | {size_label(o.size)} | {fmt_side(o.a, case.unit)} | "
                f"{fmt_side(o.b, case.unit)} | {o.ratio:.2f}× | {target_text(case)} | "
                f"{verdict(case, o)} |" + (f" {was} |" if before else "")
            )
    lines += [
        "",
        "## Growth from the smallest to the largest database",
        "",
        "| case | sizes | A grows | B grows |",
        "|---|---|---|---|",
    ]
    for case in CASES:
        done = [o for o in outcomes.get(case.name, []) if o.a and o.b]
        ga, gb = growth(done)
        if ga is None or gb is None:
            continue
        span = f"{size_label(done[0].size)} → {size_label(done[-1].size)}"
        lines.append(f"| {case.title} | {span} | {ga:.1f}× | {gb:.1f}× |")
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():  # the hand-written part: why a target is missed, with the profile
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    lines += ["", "## Sides and notes", ""]
    for case in CASES:
        for o in outcomes.get(case.name, []):
            if o.a and o.b:
                extra = "; ".join(o.notes)
                lines.append(
                    f"- {case.name} {size_label(o.size)}: A = {o.a.label}; "
                    f"B = {o.b.label}{'; ' + extra if extra else ''}"
                )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k tasks, 3 pairs")
    parser.add_argument("--sizes", help="comma-separated task counts (default 1k,10k,60k,200k)")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--pairs", type=int, help="pairs per case (default 7, quick 3)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/plandesk-bench"),
        help="databases and scratch files (default /tmp/plandesk-bench)",
    )
    parser.add_argument(
        "--build-exe",
        action="store_true",
        help="build the one-file executables first (PyInstaller, minutes)",
    )
    parser.add_argument(
        "--compare", type=Path, metavar="OLD.md", help="an earlier RESULTS.md: a 'before' column"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="default bench/RESULTS.md (with --quick: bench/out/RESULTS-quick.md)",
    )
    args = parser.parse_args()
    sizes = (
        sorted(int(s) for s in args.sizes.split(","))
        if args.sizes
        else list(QUICK_SIZES if args.quick else SIZES)
    )
    pairs = args.pairs or (3 if args.quick else 7)
    wanted = set(args.cases.split(",")) if args.cases else {c.name for c in CASES}
    unknown = wanted - {c.name for c in CASES}
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    args.work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if args.build_exe:
        build_exe()
    dbs = {size: db_for(size, args.work) for size in sizes}
    outcomes: dict[str, list[Outcome]] = {}
    for case in CASES:
        if case.name not in wanted:
            continue
        for size in sizes_of(case, sizes):
            outcomes.setdefault(case.name, []).append(
                run_case(case, size, dbs[size], args.work, pairs)
            )
    took = time.perf_counter() - start
    text = render(outcomes, sizes, pairs, took, args.quick, before_ratios(args.compare))
    out = args.out or ROOT / "bench" / ("out/RESULTS-quick.md" if args.quick else "RESULTS.md")
    out.parent.mkdir(parents=True, exist_ok=True)  # a quick run never replaces the full one
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
