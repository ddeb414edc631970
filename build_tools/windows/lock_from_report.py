"""Turn pip's installation report into requirements-win.lock (pinned, with sha256).

Usage: lock_from_report.py REPORT.json LOCKFILE

The report comes from the *Windows* pip (lock.sh), so Windows-only dependencies (pefile,
pywin32-ctypes, colorama …) are in it with the hashes of their win_amd64/cp312 wheels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HEADER = """\
# Windows x64 / CPython 3.12 wheels of requirements.txt, pinned with their sha256.
# Generated under Wine by the Windows pip (never edit by hand):
#     bash build_tools/windows/lock.sh
# Installed by build_tools/windows/build.sh with pip --require-hashes --only-binary=:all:.
"""


def wheel_hash(item: dict) -> str:
    info = item["download_info"]["archive_info"]
    hashes = info.get("hashes") or {}
    if "sha256" in hashes:
        return hashes["sha256"]
    algo, _, value = info.get("hash", "").partition("=")  # older reports: "sha256=…"
    if algo != "sha256":
        raise SystemExit(f"{item['metadata']['name']}: no sha256 in the report")
    return value


def main(report_path: str, lock_path: str) -> int:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    lines = []
    for item in report["install"]:
        url = item["download_info"]["url"]
        if not url.endswith(".whl"):
            raise SystemExit(f"{url}: not a wheel (the build installs wheels only)")
        meta = item["metadata"]
        lines.append(f"{meta['name'].lower()}=={meta['version']} --hash=sha256:{wheel_hash(item)}")
    text = HEADER + "\n".join(sorted(lines)) + "\n"
    Path(lock_path).write_text(text, encoding="utf-8", newline="\n")
    print(f"{lock_path}: {len(lines)} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
