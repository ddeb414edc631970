"""What the window's start leaves unloaded: libraries a feature needs only when it is used.

openpyxl (an evidence list), python-docx (an export), the import pipeline and the PDF writer
together cost ~180 ms of each start on a 2-core PC (bench/: startup 5.4× → 4.1× the bare
window); each once slipped into the start through one module-level import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOADED_WHEN_USED = (
    "openpyxl",
    "docx",
    "docxtpl",
    "PIL",
    "models.importing",
    "export.pdf",
    "export.gongwen",
    "export.evidence_list",
    "pdfplumber",
)

# The real start until the window is shown (the start-up probe then quits the event loop),
# then the modules it has loaded.
SCRIPT = """
import os, sys
sys.path.insert(0, os.getcwd())
import main
main.main(["--db", sys.argv[1]])
print("LOADED", *sorted(m for m in sys.argv[2:] if m in sys.modules), flush=True)
"""


def test_the_start_loads_no_feature_only_library(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "start.db"), *LOADED_WHEN_USED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANDESK_EXIT_AFTER_SHOW": "1"},
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("LOADED")), None)
    assert line is not None, result.stderr[-3000:]
    assert line.split()[1:] == []
