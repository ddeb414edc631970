"""Import at the limits: the worst shapes the limits accept parse in linear time, within 10 s.

Shapes: many short task lines (.txt), one endless line (.txt), one huge cell (.xlsx), each
at 1/8 of MAX_STREAM_CHARS and at the limit. Printed: the median time at the limit and the
linearity ratio (time at the limit / 8 × time at 1/8; 1.0 is linear, the old quadratic joins
gave ~6). Run: python bench/bench_import_limits.py   (prints; no assertions)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from models.importing import MAX_STREAM_CHARS, parse_file  # noqa: E402


def task_lines(chars: int) -> str:
    lines = ["测试镇2025年工作计划", "一、重点工作"]
    size, i = 0, 0
    while size < chars - 100:
        i += 1
        line = f"{i}.扎实推进第{i}项工作，确保按期完成。"
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def one_line(chars: int) -> str:
    head = "测试镇2025年工作计划\n一、重点工作\n"
    unit = "扎实推进各项工作确保按期完成，"
    return head + unit * ((chars - len(head)) // len(unit))


def xlsx_cell(path: Path, chars: int) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "责任单位", "完成时限"])
    text = "扎实推进各项工作，确保按期完成。" * (chars // 16 - 10)
    for row in range(1, 2):
        ws.append([row, text, "党政办", "年底"])
    wb.save(path)


def main() -> None:
    print(f"limit: {MAX_STREAM_CHARS:,} characters")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("task lines", "one line", "xlsx cell"):
            times = []
            for chars in (MAX_STREAM_CHARS // 8, MAX_STREAM_CHARS - 1000):
                if name == "xlsx cell":
                    path = folder / f"{chars}.xlsx"
                    xlsx_cell(path, min(chars, 32_000))  # Excel's own limit for one cell
                else:
                    path = folder / f"{name}-{chars}.txt"
                    make = task_lines if name == "task lines" else one_line
                    path.write_text(make(chars), encoding="utf-8")
                times.append(median_ms(lambda p=path: parse_file(p), runs=3))
            ratio = times[1] / (8 * times[0]) if name != "xlsx cell" else times[1] / times[0]
            print(f"{name:>11}: {times[1] / 1000:6.2f} s at the limit, linearity {ratio:.2f}")


if __name__ == "__main__":
    main()
