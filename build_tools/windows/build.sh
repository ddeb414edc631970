#!/usr/bin/env bash
# build.sh - build the Windows x64 PlanDesk.exe on Debian under Wine, test it, check it.
#
#   bash build_tools/windows/build.sh          (from the repository root, as root on Debian 12)
#
# Stages (each timed): Debian packages, zh_CN locale (code page 936 inside Wine), Wine prefix,
# the Windows CPython 3.12 (pinned by sha256), stand-ins for icuuc.dll and bcryptprimitives.dll
# (absent in Wine 8), the Windows wheels of requirements-win.lock (pinned by sha256), the test
# suite under Wine, PyInstaller build.spec ->
# dist-windows/PlanDesk.exe, then the exe itself: self-test (every step OK), first start to the
# window under Xvfb (screenshots at 100/125/150 %), `list` on the sample database, portable mode,
# a .docx and a .pdf export into a folder with a Chinese name and a space (fonts embedded:
# pdffonts). Exit 0 only when every stage passed. dist-windows/report.txt has one line per stage
# (name, seconds, OK/FAIL) and then the self-test's lines; logs and screenshots are beside it.
#
# Env:  WIN_TESTS=all|smoke|none   the suite under Wine (default all; smoke: the tests that
#                                  matter most on Windows, see SMOKE_TESTS)
#       PLANDESK_WINE_CACHE=DIR    downloads, Wine prefix, Windows Python (default
#                                  ~/.cache/plandesk-wine; delete it to start from nothing)
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT" || exit 2

DIST=$REPO_ROOT/dist-windows
EXE_FILE=$DIST/PlanDesk.exe
WIN_TESTS=${WIN_TESTS:-all}
# What Windows changes: paths, locale and code page, processes, locking, logging, fonts, the CLI,
# the export formats and the windows that differ there (single instance, lock, fonts of the
# export dialog, screen fit). A quicker local check; CI runs the whole suite (WIN_TESTS=all).
SMOKE_TESTS=(tests/cli tests/export tests/test_main_logging.py tests/models/test_lock.py
  tests/models/test_db_guard.py tests/models/test_journal_mode.py tests/models/test_logfile.py
  tests/models/test_backup.py tests/ui/test_single_instance.py tests/ui/test_app_lock.py
  tests/ui/test_export_font_names.py tests/ui/test_db_file_guard_ui.py tests/ui/test_screen_fit.py)
rm -rf "$DIST"
mkdir -p "$DIST"
REPORT=$DIST/report.txt
: >"$REPORT.stages"
FAILED=0
XVFB_PID=""

# stage NAME FUNCTION: run it (output into DIST/NAME.log and on the terminal), time it, record it.
stage() {
  local name=$1 fn=$2 t0 rc secs
  log "== $name"
  t0=$(date +%s.%N)
  "$fn" > >(tee "$DIST/$name.log") 2>&1
  rc=$?
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  secs=$(printf '%.1f' "$secs")
  local result=OK
  [ "$rc" = 0 ] || { result=FAIL; FAILED=$((FAILED + 1)); }
  printf '%-14s %7s s  %s\n' "$name" "$secs" "$result" >>"$REPORT.stages"
  log "   $name: $result (${secs} s)"
  return "$rc"
}
# need STAGE...: a stage the later ones cannot do without; stop when it fails.
need() { stage "$@" || { log "stopping: stage $1 failed"; finish; exit 1; }; }

finish() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  wineserver -k 2>/dev/null # this prefix's Wine processes only
  {
    cat "$REPORT.stages"
    if [ -f "$DIST/selftest.txt" ]; then echo "self-test:"; sed 's/^/  /' "$DIST/selftest.txt"; fi
    echo "failed stages: $FAILED"
  } >"$REPORT"
  rm -f "$REPORT.stages"
  echo
  cat "$REPORT"
}

exe() { wine_run "${EXE_TIMEOUT:-300}" "$(winpath "$EXE_FILE")" "$@"; }
local_appdata() { printf '%s' "$(WIN_USER_DIR)/AppData/Local/PlanDesk"; }

# ---------------------------------------------------------------- stages
st_tests() {
  local sel=()
  case "$WIN_TESTS" in
    none) echo "not run (WIN_TESTS=none)"; return 0 ;;
    smoke) sel=("${SMOKE_TESTS[@]}") ;;
    *) sel=(tests) ;;
  esac
  # pytest.sh: a temporary root with a Chinese name and a space, pytest's code page 936 output
  # as UTF-8 (the setup is done: the stages above)
  PYTEST_WINE_SETUP=0 bash "$HERE/pytest.sh" "${sel[@]}" >"$DIST/pytest.txt"
  local rc=$?
  grep -E "^(FAILED|ERROR|SKIPPED)" "$DIST/pytest.txt" | head -n 60
  tail -n 1 "$DIST/pytest.txt"
  # An interpreter that aborts (Wine's debugger on an unimplemented call) can still exit 0:
  # only pytest's own summary, with nothing failed, counts as a pass.
  if ! tail -n 1 "$DIST/pytest.txt" | grep -qE '[0-9]+ passed' ||
    tail -n 1 "$DIST/pytest.txt" | grep -qE '[0-9]+ (failed|error)'; then
    [ "$rc" -ne 0 ] || rc=1
  fi
  return "$rc"
}

st_build() {
  wine_run 1800 "$WIN_PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath "$DIST")" --workpath "$(winpath "$CACHE/pyinstaller")" build.spec \
    >"$LOGS/pyinstaller.log"
  # api-ms-win-crt-*.dll are the Universal CRT, part of every Windows 10/11: not bundled, rightly
  grep -v "could not resolve 'api-ms-win-crt-" "$LOGS/pyinstaller.log"
  [ -f "$EXE_FILE" ] || { echo "no $EXE_FILE"; return 1; }
  echo "PlanDesk.exe: $(($(stat -c %s "$EXE_FILE") / 1048576)) MiB"
  win_py "$(winpath "$HERE/peinfo.py")" "$(winpath "$EXE_FILE")"
}

# The exe as a user has it: no platform forced from outside; it must find the fonts itself.
st_selftest() {
  exe self-test --report "$(winpath "$DIST/selftest.txt")"
  local rc=$?
  [ "$rc" = 0 ] && [ "$(grep -c '^OK ' "$DIST/selftest.txt")" -ge 10 ] &&
    ! grep -q '^FAIL' "$DIST/selftest.txt"
}

st_xvfb() {
  # -displayfd: Xvfb picks a free display itself and writes its number (other users on this
  # machine run their own Xvfb)
  local numfile="$CACHE/xvfb.display"
  rm -f "$numfile"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$numfile" >"$LOGS/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 40); do [ -s "$numfile" ] && break; sleep 0.25; done
  [ -s "$numfile" ] || { echo "Xvfb did not start:"; cat "$LOGS/xvfb.log"; return 1; }
  export DISPLAY=":$(tr -dc 0-9 <"$numfile")"
  xdpyinfo >/dev/null && echo "Xvfb on $DISPLAY (1366x768)"
}

# show_window PNG [NAME=VALUE...]: start the exe (with those variables), wait for its window,
# screenshot it, let it quit. Wine passes WINEQT_X=... to Windows programs as QT_X=...
show_window() {
  local png=$1 out="$CACHE/window.out" i
  shift
  : >"$out"
  (
    [ $# = 0 ] || export "$@"
    PLANDESK_EXIT_AFTER_SHOW=1 PLANDESK_IDLE_MS=4000 exe >"$out"
  ) &
  local pid=$!
  for i in $(seq 1 240); do grep -q '^PLANDESK_SHOWN' "$out" && break; sleep 0.5; done
  if grep -q '^PLANDESK_SHOWN' "$out"; then
    sleep 1.5 # the first paint of the tree and panels
    local win
    win=$(xdotool search --onlyvisible --name 'PlanDesk' 2>/dev/null | head -n 1)
    if [ -n "$win" ]; then import -window "$win" "$png"; else import -window root "$png"; fi
  fi
  wait "$pid"
  local rc=$?
  cat "$out"
  grep -q '^PLANDESK_SHOWN' "$out" && [ "$rc" = 0 ] && [ -s "$png" ] &&
    echo "$(basename "$png"): $(identify -format '%wx%h' "$png")"
}

# First start: the window opens and the sample database appears in %LOCALAPPDATA%\PlanDesk.
st_window() {
  rm -rf "$(local_appdata)"
  show_window "$DIST/window.png" || return 1
  [ -s "$(local_appdata)/plandesk.db" ] || { echo "no database in $(local_appdata)"; return 1; }
  echo "first start created $(local_appdata)/plandesk.db"
}

# High DPI as Windows' 125 % and 150 % scale it (QT_SCALE_FACTOR; Wine has no per-monitor DPI),
# and the windows11 style Qt picks on Windows 11 (Wine reports Windows 10).
st_looks() {
  show_window "$DIST/window-125.png" WINEQT_SCALE_FACTOR=1.25 &&
    show_window "$DIST/window-150.png" WINEQT_SCALE_FACTOR=1.5 &&
    show_window "$DIST/window-win11.png" WINEQT_STYLE_OVERRIDE=windows11
}

st_list() {
  exe list >"$CACHE/list.txt" || return 1
  cat "$CACHE/list.txt"
  # the CLI writes UTF-8 on Windows whatever the console's code page
  iconv -f UTF-8 -t UTF-8 "$CACHE/list.txt" >/dev/null || { echo "list output is not UTF-8"; return 1; }
  grep -q '工作计划' "$CACHE/list.txt" || { echo "no Chinese plan titles in the output"; return 1; }
  # the sample: 3 plans of 2024 and the 督办事项台账 of the sample supervision year
  [ "$(grep -c . "$CACHE/list.txt")" = 4 ] || { echo "expected the 4 sample plans"; return 1; }
}

# A `portable` file beside the exe keeps the data in data\ beside it; %LOCALAPPDATA% untouched.
st_portable() {
  local stick="$CACHE/U盘 PlanDesk"
  rm -rf "$stick" && mkdir -p "$stick" && cp "$EXE_FILE" "$stick/" && touch "$stick/portable"
  rm -rf "$(local_appdata)"
  local n
  n=$(wine_run 300 "$(winpath "$stick/PlanDesk.exe")" list | grep -c .)
  [ "$n" = 4 ] || { echo "portable: $n plans listed"; return 1; }
  [ -s "$stick/data/plandesk.db" ] || { echo "portable: no data\\plandesk.db beside the exe"; return 1; }
  [ ! -e "$(local_appdata)" ] || { echo "portable: %LOCALAPPDATA%\\PlanDesk was created"; return 1; }
  echo "portable: $n plans in $stick/data/plandesk.db, %LOCALAPPDATA% untouched"
}

# embedded_fonts PDF: the fonts of a PDF that are embedded, with CJK ones among them.
embedded_fonts() {
  local pdf=$1 table
  table=$(pdffonts "$pdf") || return 1
  echo "$table"
  # "emb" (yes/no) is the fifth column from the right (the type name may contain blanks)
  local n
  n=$(echo "$table" | tail -n +3 | awk '$(NF-4) == "yes"' | grep -c .)
  [ "$n" -ge 1 ] || { echo "$(basename "$pdf"): no embedded font"; return 1; }
  pdftotext "$pdf" - | grep -q '工作' || { echo "$(basename "$pdf"): no Chinese text"; return 1; }
}

st_exports() {
  local dir="$CACHE/导出 文件夹"
  rm -rf "$dir" && mkdir -p "$dir"
  exe --db "$(winpath "$CACHE/U盘 PlanDesk/data/plandesk.db")" export 1 \
    --out "$(winpath "$dir/年度计划 2024.docx")" || return 1
  exe --db "$(winpath "$CACHE/U盘 PlanDesk/data/plandesk.db")" export 1 \
    --out "$(winpath "$dir/年度计划 2024.pdf")" || return 1
  echo "-- PDF written by PlanDesk.exe"
  embedded_fonts "$dir/年度计划 2024.pdf" || return 1
  # Forced onto Qt's offscreen platform (no fonts on Windows) the exe must refuse, not write boxes.
  echo "-- the same export forced offscreen (no font database): must be refused"
  WINEQT_QPA_PLATFORM=offscreen exe --db "$(winpath "$CACHE/U盘 PlanDesk/data/plandesk.db")" \
    export 1 --out "$(winpath "$dir/方框.pdf")"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 1 ] && [ ! -e "$dir/方框.pdf" ] || { echo "not refused (exit $rc)"; return 1; }
  pdftoppm -r 40 -f 1 -l 1 -png "$dir/年度计划 2024.pdf" "$DIST/export-pdf"
  # The .docx as a reader opens it: LibreOffice renders it to PDF with the fonts it embeds.
  echo "-- .docx written by PlanDesk.exe, rendered by LibreOffice"
  local lo="$CACHE/lo-profile"
  (cd "$dir" && HOME="$lo" timeout 300 soffice --headless --convert-to pdf --outdir "$dir/rendered" \
    "年度计划 2024.docx" >/dev/null 2>&1)
  embedded_fonts "$dir/rendered/年度计划 2024.pdf"
}

# ---------------------------------------------------------------- run
log "PlanDesk for Windows under Wine: repo $REPO_ROOT, cache $CACHE"
unset DISPLAY # until the Xvfb stage: tests and self-test need no display
need apt setup_apt
need locale setup_locale
need prefix setup_prefix
need python setup_python
need dll-shims setup_dll_shims
need fonts setup_fonts
need wheels setup_wheels
stage tests st_tests
need build st_build
stage selftest st_selftest
need xvfb st_xvfb
stage window st_window
stage dpi-style st_looks
stage list st_list
stage portable st_portable
stage exports st_exports
finish
[ "$FAILED" = 0 ]
