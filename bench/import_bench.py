"""Import speed: median time to parse the seed, a 1 MB and a 5 MB plan text, a docx and xlsx.

For each .docx the peer is docx2python reading the same file in the same run; the import
should stay within 1.5x of it (install docx2python for the bench only, it is no requirement).

Run: python bench/import_bench.py   (prints medians and ratios; no assertions)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.importing import parse_file  # noqa: E402
from models.importing.conservation import check_conservation  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "2024-plans-compilation.txt"


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _big_text(target_bytes: int) -> str:
    """Many plans one after another (each with its own title), with web noise kept in."""
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("XX镇2024年工作计划\n", 2)[2]  # the three plans without the 目录
    parts = []
    size = 0
    n = 0
    while size < target_bytes:
        n += 1
        chunk = body.replace("2024年", f"{2000 + n % 100}年")
        parts.append(f"X{n}镇{2000 + n % 100}年工作计划\n" + chunk)
        size += len(chunk.encode("utf-8"))
    return "\n".join(parts)


def _big_docx(path: Path) -> Path:
    import docx
    from import_fixtures import add_numbering, numbered

    d = docx.Document()
    add_numbering(d)
    d.add_paragraph("XX镇2025年工作计划")
    for i in range(1500):
        numbered(d, f"第{i}项重点工作", 0)
        numbered(d, "抓好思想建设。一是深入开展理论学习；二是抓好意识形态工作。", 1)
        d.add_paragraph("扩大油茶种植规模，新增油茶种植2000亩以上。年底前建成漆树产业园。")
    d.save(path)
    return path


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    sys.path.insert(0, str(ROOT / "tests" / "models"))
    from import_fixtures import numbered_docx, task_xlsx

    cases = [("seed (8 KB txt)", SEED, 7)]
    for mb in (1, 5):
        path = tmp / f"big{mb}.txt"
        path.write_text(_big_text(mb * 1024 * 1024), encoding="utf-8")
        cases.append((f"{mb} MB txt", path, 3))
    cases.append(("docx (auto-numbered)", numbered_docx(tmp / "n.docx"), 7))
    cases.append(("docx 4500 paragraphs", _big_docx(tmp / "big.docx"), 3))
    cases.append(("xlsx (task table)", task_xlsx(tmp / "t.xlsx"), 7))
    for name, path, runs in cases:
        result = parse_file(path)
        docs = len(result.documents)
        tasks = sum(d.count()[1] for d in result.documents)
        parse_s = _median(lambda p=path: parse_file(p), runs)
        check_s = _median(lambda r=result: check_conservation(r), 1)
        print(
            f"{name:24} {docs:5} plans {tasks:7} tasks  parse median {parse_s * 1000:9.1f} ms"
            f"  conservation check {check_s * 1000:9.1f} ms" + _peer(path, parse_s, runs)
        )


def _peer(path: Path, parse_s: float, runs: int) -> str:
    """docx2python on the same .docx: its median and our ratio to it."""
    if path.suffix != ".docx":
        return ""
    try:
        from docx2python import docx2python
    except ImportError:
        return "  (pip install docx2python for the peer ratio)"

    def read() -> None:
        with docx2python(str(path)) as content:
            content.text  # noqa: B018 - the text is what the import reads too

    peer_s = _median(read, runs)
    return f"  docx2python {peer_s * 1000:9.1f} ms  ratio {parse_s / peer_s:5.2f}x (limit 1.5x)"


if __name__ == "__main__":
    main()
