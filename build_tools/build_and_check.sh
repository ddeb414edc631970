#!/usr/bin/env bash
# Build dist/PlanDesk with build.spec (in the current Python environment) and check the file:
# its self-test offscreen, its window opening on first start (which creates the sample database
# in the user data folder), and portable mode (a `portable` file beside it keeps data/ there).
# Used by .ci/run after the unit tests; prints the build time and the size.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
pyinstaller --noconfirm --log-level WARN build.spec
build_s=$(( $(date +%s) - start ))
exe=dist/PlanDesk
[ -f "$exe" ] || exe=dist/PlanDesk.exe
size=$(stat -c %s "$exe")
echo "build: ${build_s} s, $exe $(( size / 1048576 )) MiB ($size bytes)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg-data" XDG_CONFIG_HOME="$tmp/xdg-config" QT_QPA_PLATFORM=offscreen
unset PLANDESK_DB
fail() { echo "FAIL $1"; exit 1; }

"$exe" self-test

# First start from the executable: the window is shown, the sample database is created.
user_db="$XDG_DATA_HOME/PlanDesk/plandesk.db"
shown=$(PLANDESK_EXIT_AFTER_SHOW=1 timeout 120 "$exe" | grep -c '^PLANDESK_SHOWN ' || true)
[ "$shown" = 1 ] || fail "window: the executable did not show its window"
[ -s "$user_db" ] || fail "first start: no database at $user_db"
plans=$("$exe" list | wc -l)
# the sample: 3 plans of 2024 and the 督办事项台账 of the sample supervision year
[ "$plans" = 4 ] || fail "first start: $plans plans in $user_db, expected the 4 sample plans"
echo "OK  window shown from the executable; first start created $user_db with $plans plans"

# Portable mode: a file named `portable` beside the executable keeps the data beside it.
rm -rf "$XDG_DATA_HOME"
mkdir "$tmp/stick"
cp "$exe" "$tmp/stick/"
touch "$tmp/stick/portable"
plans=$("$tmp/stick/$(basename "$exe")" list | wc -l)
[ "$plans" = 4 ] || fail "portable: $plans plans listed, expected the 4 sample plans"
[ -s "$tmp/stick/data/plandesk.db" ] || fail "portable: no data/plandesk.db beside the executable"
[ ! -e "$user_db" ] || fail "portable: the user data folder was used"
rm "$tmp/stick/portable"
"$tmp/stick/$(basename "$exe")" list >/dev/null
[ -s "$user_db" ] || fail "not portable: the user data folder was not used"
echo "OK  portable mode: data/ beside the executable with the marker, user data folder without"
