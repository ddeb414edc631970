#!/usr/bin/env bash
# lock.sh - regenerate build_tools/windows/requirements-win.lock from requirements.txt.
#
# The Windows pip (under Wine, CPython 3.12 x64) resolves requirements.txt with Windows markers
# and reports the wheels it would install; lock_from_report.py writes them with their sha256.
# Run after changing requirements.txt:   bash build_tools/windows/lock.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"

setup_apt >/dev/null && setup_locale >/dev/null && setup_prefix >/dev/null && setup_python >/dev/null
report="$CACHE/pip-report.json"
rm -f "$report"
# --ignore-installed: report every wheel, even one this prefix has already
win_py -m pip install --dry-run --ignore-installed --only-binary=:all: --quiet \
  --cert "$(ca_bundle)" --report "$(winpath "$report")" -r "$(winpath "$REPO_ROOT/requirements.txt")"
python3 "$HERE/lock_from_report.py" "$report" "$HERE/requirements-win.lock"
