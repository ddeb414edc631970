#!/usr/bin/env bash
# pytest.sh - run test paths under Wine with the Windows Python 3.12 and code page 936.
#
#   bash build_tools/windows/pytest.sh tests/export/test_atomic.py -k docx   (from the repo root)
#
# Sets up what build.sh's first stages set up (Wine, the zh_CN locale, the prefix, the Windows
# Python, the DLL stand-ins, the fonts, the locked wheels; cached in ~/.cache/plandesk-wine,
# so only the first run downloads) unless PYTEST_WINE_SETUP=0, then runs pytest on the given
# arguments (default: tests). pytest's output, written in code page 936, is shown as UTF-8 and
# kept in $CACHE/pytest.txt. Exit status: pytest's, and 1 when its summary line is missing
# (an interpreter that Wine aborted can still exit 0).
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT" || exit 2

if [ "${PYTEST_WINE_SETUP:-1}" != 0 ]; then
  for step in setup_apt setup_locale setup_prefix setup_python setup_dll_shims setup_fonts setup_wheels; do
    "$step" >"$LOGS/$step.log" 2>&1 || { log "$step failed: $LOGS/$step.log"; cat "$LOGS/$step.log"; exit 2; }
  done
fi
[ $# -gt 0 ] || set -- tests
# Its own temporary root (several runs may share the cache), with a Chinese name and a space.
tmp="$CACHE/pytest 临时 $$"
rm -rf "$tmp"
out="$CACHE/pytest-$$.txt"
wine_run "${PYTEST_WINE_TIMEOUT:-3000}" "$WIN_PY" -m pytest -q -ra -p no:cacheprovider \
  --basetemp "$(winpath "$tmp")" "$@" | iconv -f GB18030 -t UTF-8 -c | tee "$out"
rc=${PIPESTATUS[0]}
cp "$out" "$CACHE/pytest.txt" && rm -f "$out"
rm -rf "$tmp"
last=$(tail -n 1 "$CACHE/pytest.txt")
if ! grep -qE '[0-9]+ (passed|skipped|deselected)' <<<"$last"; then [ "$rc" -ne 0 ] || rc=1; fi
exit "$rc"
