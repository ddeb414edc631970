"""Print what Windows shows of an .exe: machine, subsystem, version strings, resources.

Runs under the Windows Python (pefile is a Windows-only dependency of PyInstaller). Exit 1
when the exe is not a 64-bit GUI program with a version resource and an icon.
"""

from __future__ import annotations

import re
import sys

import pefile

AMD64 = 0x8664
GUI_SUBSYSTEM = 2


def _manifest(pe: pefile.PE) -> str:
    """The application manifest (RT_MANIFEST) as text, empty when there is none."""
    for kind in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if kind.id != pefile.RESOURCE_TYPE["RT_MANIFEST"]:
            continue
        for name in kind.directory.entries:
            for lang in name.directory.entries:
                data = lang.data.struct
                raw = pe.get_data(data.OffsetToData, data.Size)
                return raw.decode("utf-8", "replace")
    return ""


def main(path: str) -> int:
    sys.stdout.reconfigure(encoding="utf-8")  # the version strings are Chinese
    pe = pefile.PE(path)
    machine, subsystem = pe.FILE_HEADER.Machine, pe.OPTIONAL_HEADER.Subsystem
    print(f"machine {machine:#x} (x64: {machine == AMD64}), subsystem {subsystem} (GUI: 2)")
    strings = {}
    for info in getattr(pe, "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    for key, value in sorted(strings.items()):
        print(f"  {key} = {value}")
    kinds = [pefile.RESOURCE_TYPE.get(r.id, r.id) for r in pe.DIRECTORY_ENTRY_RESOURCE.entries]
    print("resources:", ", ".join(str(k) for k in kinds))
    manifest = _manifest(pe)
    for word in ("longPathAware", "dpiAware", "requestedExecutionLevel"):
        found = re.search(rf"<[^>]*{word}[^>]*>([^<]*)", manifest)
        print(f"manifest {word}: {found.group(0).strip() if found else 'absent'}")
    ok = (
        machine == AMD64
        and subsystem == GUI_SUBSYSTEM
        and "FileVersion" in strings
        and "RT_GROUP_ICON" in kinds
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
