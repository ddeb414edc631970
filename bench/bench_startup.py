"""Start-up benchmark of the one-file executable (issue 8): size, time to window, idle memory.

Compares, as medians of several runs:
  PlanDesk      the one-file executable of build.spec
  PlanDesk-unfiltered  the same without the excludes and file filter (what the filter saves)
  main.py       ``python main.py`` from source
  bare          bench/bare_window.py built one-file with PyInstaller's defaults (the floor)
  bare-filtered the same bare window with PlanDesk's excludes and file filter
Each GUI is started with PLANDESK_EXIT_AFTER_SHOW=1 (ui/show_probe.py; bare_window.py has a
copy): it prints the time its window was first exposed and painted, then quits. Start time =
that time minus the moment just before the process was spawned (so a one-file executable's
unpacking to its temp folder is included). Idle memory: a run that stays idle 3 s after the
window is shown with the sample database; the app reports its own peak RSS, and for one-file
executables the bootloader parent's peak (VmHWM) is added.

    python bench/bench_startup.py --build            # build the three executables, then measure
    python bench/bench_startup.py --runs 7 --xvfb    # real X windows under Xvfb, not offscreen

Executables go to bench/out/dist (git-ignored). Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DIST = OUT / "dist"
TARGET_RATIO = 1.3


def build(spec: Path, env_extra: dict[str, str] | None = None) -> float:
    """Run PyInstaller on ``spec`` into bench/out; returns the wall time in seconds."""
    env = dict(os.environ, **(env_extra or {}))
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(OUT / "build"),
            str(spec),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _vm_hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(
    cmd: list[str], env: dict[str, str], *, idle_ms: int = 0, one_file: bool = False
) -> dict[str, float]:
    """Start ``cmd`` once; returns seconds to the window and peak memory in KiB."""
    env = dict(env, PLANDESK_EXIT_AFTER_SHOW="1", PLANDESK_IDLE_MS=str(idle_ms))
    t0 = time.time()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    shown = rss = parent = 0.0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("PLANDESK_SHOWN "):
            shown = float(line.split()[1]) - t0
            if one_file and idle_ms:
                time.sleep(idle_ms / 2000)  # mid-idle: the bootloader parent is waiting
                parent = _vm_hwm_kib(proc.pid)
        elif line.startswith("PLANDESK_PEAK_RSS_KIB "):
            rss = float(line.split()[1])
    if proc.wait(timeout=120) != 0 or not shown:
        raise RuntimeError(f"{cmd[0]}: exit {proc.returncode}, shown={shown}")
    return {"shown_s": shown, "rss_kib": rss + parent, "parent_kib": parent}


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb on a free display number."""
    for n in range(90, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            proc = subprocess.Popen(
                ["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    return proc, f":{n}"
                time.sleep(0.1)
            proc.kill()
    raise RuntimeError("no free X display")


def main() -> int:
    """Measure and print a table; writes bench/out/startup.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", action="store_true", help="build the executables first")
    ap.add_argument("--xvfb", action="store_true", help="real X windows under Xvfb")
    ap.add_argument("--exe", default=str(DIST / "PlanDesk"), help="PlanDesk executable")
    args = ap.parse_args()

    builds: dict[str, float] = {}
    if args.build:
        builds["PlanDesk"] = build(ROOT / "build.spec")
        builds["PlanDesk-unfiltered"] = build(
            ROOT / "build.spec", {"PLANDESK_BUILD_UNFILTERED": "1"}
        )
        builds["bare"] = build(ROOT / "bench" / "bare_window.spec")
        builds["bare-filtered"] = build(
            ROOT / "bench" / "bare_window.spec", {"PLANDESK_BARE_FILTERED": "1"}
        )
    exe = Path(args.exe)
    targets = {
        "PlanDesk": ([str(exe)], True),
        "PlanDesk-unfiltered": ([str(DIST / "PlanDesk-unfiltered")], True),
        "main.py": ([sys.executable, str(ROOT / "main.py")], False),
        "bare": ([str(DIST / "bare_window")], True),
        "bare-filtered": ([str(DIST / "bare_window_filtered")], True),
    }
    tmp = Path(tempfile.mkdtemp(prefix="plandesk-bench-"))
    xvfb = None
    try:
        env = dict(os.environ, XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"))
        env.pop("PLANDESK_DB", None)
        if args.xvfb:
            xvfb, display = start_xvfb()
            env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        db = tmp / "bench.db"  # the sample database, created once before the runs
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "list"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        results: dict[str, dict[str, float]] = {}
        for name, (cmd, one_file) in targets.items():
            if not Path(cmd[0]).exists():
                print(f"{name}: {cmd[0]} missing (run with --build)")
                continue
            if name in ("PlanDesk", "PlanDesk-unfiltered", "main.py"):
                cmd = cmd + ["--db", str(db)]
            run_once(cmd, env, one_file=one_file)  # warm the page cache
            times = [run_once(cmd, env, one_file=one_file)["shown_s"] for _ in range(args.runs)]
            mems = [run_once(cmd, env, idle_ms=3000, one_file=one_file) for _ in range(3)]
            size = Path(cmd[0]).stat().st_size if one_file else 0
            results[name] = {
                "size_mib": size / 2**20,
                "shown_median_s": statistics.median(times),
                "shown_min_s": min(times),
                "shown_max_s": max(times),
                "idle_peak_mib": statistics.median(m["rss_kib"] for m in mems) / 1024,
                "parent_mib": statistics.median(m["parent_kib"] for m in mems) / 1024,
            }
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    platform = "xcb (Xvfb)" if args.xvfb else "offscreen"
    print(f"start-up to window shown, {args.runs} runs, median [min-max]; platform {platform}")
    print(f"{'':20} {'size MiB':>9} {'start s':>8} {'range s':>13} {'idle peak MiB':>14}")
    for name, r in results.items():
        size = f"{r['size_mib']:.1f}" if r["size_mib"] else "-"
        print(
            f"{name:20} {size:>9} {r['shown_median_s']:8.2f} "
            f"{r['shown_min_s']:6.2f}-{r['shown_max_s']:<6.2f} {r['idle_peak_mib']:14.1f}"
        )
    ratios = {}
    for floor in ("bare", "bare-filtered"):
        if "PlanDesk" in results and floor in results:
            p, f = results["PlanDesk"], results[floor]
            ratios[floor] = {
                "size": p["size_mib"] / f["size_mib"],
                "start": p["shown_median_s"] / f["shown_median_s"],
            }
            verdict = all(v <= TARGET_RATIO for v in ratios[floor].values())
            print(
                f"PlanDesk / {floor}: size {ratios[floor]['size']:.2f}x, start "
                f"{ratios[floor]['start']:.2f}x (target <= {TARGET_RATIO}x: "
                f"{'met' if verdict else 'NOT met'})"
            )
    if "PlanDesk" in results and "main.py" in results:
        ratio = results["PlanDesk"]["shown_median_s"] / results["main.py"]["shown_median_s"]
        print(f"PlanDesk / main.py start: {ratio:.2f}x")
    for name, secs in builds.items():
        print(f"build {name}: {secs:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "startup.json").write_text(
        json.dumps(
            {
                "platform": platform,
                "runs": args.runs,
                "results": results,
                "ratios": ratios,
                "builds_s": builds,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
