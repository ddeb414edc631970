"""File readers: .txt (encoding detection) and .xlsx task tables (.docx: docx_reader.py).

Each reader returns the source stream (the text that offsets refer to) and its lines with
hints. Hostile files are refused before any XML is parsed, by models/office_guard.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from models.errors import Cancelled, ImportFileError, UnsupportedEncodingError
from models.importing.model import Line
from models.importing.tables import _Stream, _table_rows

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a .txt plan is a few hundred KB at most

Progress = Callable[[int, int], None] | None
ShouldCancel = Callable[[], bool] | None


def _name(path: Path) -> str:
    return path.name


# ---------------------------------------------------------------- text
def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: BOMs, strict UTF-8, GB18030 (⊇ GBK), then charset-normalizer.

    Returns (text, encoding name). Binary data raises ImportFileError.
    """
    name = _name(path)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if data.startswith(b"\xff\xfe\x00\x00"):
            return _strict(data[4:], "utf-32-le", path), "utf-32"
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return _strict(data[2:], enc, path), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM, or binary data with a .txt name
        guess = _normalizer_guess(data)
        if guess and guess[1].startswith("utf_16") and _looks_like_text(guess[0]):
            return guess
        raise ImportFileError(
            f"{name} 不是文本文件（含有二进制数据），无法导入。请确认文件类型，"
            "Word 文档请保存为 .docx 后导入。",
            path=str(path),
        )
    try:
        text = data.decode("utf-8")
        if _looks_like_text(text):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_like_text(text) and _chinese_ratio(text) > 0.2:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    guess = _normalizer_guess(data)
    if guess and _looks_like_text(guess[0]):
        return guess
    raise UnsupportedEncodingError(
        f"无法识别 {name} 的文字编码，请另存为 UTF-8 或 GBK 编码的文本文件后再导入。",
        path=str(path),
    )


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnsupportedEncodingError(
            f"{_name(path)} 的编码标记与内容不符，请另存为 UTF-8 编码的文本文件后再导入。",
            path=str(path),
        ) from None


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return True
    sample = text[:20000]
    bad = sum(
        1
        for c in sample
        if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF
    )
    return bad <= max(2, len(sample) // 200)


def _chinese_ratio(text: str) -> float:
    sample = [c for c in text[:20000] if not c.isspace()]
    if not sample:
        return 1.0
    good = sum(
        1
        for c in sample
        if "\u4e00" <= c <= "\u9fff"
        or c.isascii()
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
        or c in "“”‘’…—·"
    )
    return good / len(sample)


def normalise_newlines(text: str) -> str:
    """CRLF and CR → LF, BOM dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_txt(path: Path) -> tuple[str, list[Line], str]:
    """A text file as (stream, lines, encoding)."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ImportFileError(
            f"{_name(path)} 太大（{size / 1024 / 1024:.1f} MB），文本文件最大 "
            f"{MAX_TEXT_BYTES // 1024 // 1024} MB。请只保留计划正文后再导入。",
            path=str(path),
        )
    data = path.read_bytes()
    text, encoding = decode_text(data, path)
    stream = normalise_newlines(text)
    return stream, lines_of(stream), encoding


def lines_of(stream: str) -> list[Line]:
    """The stream split at newlines, each line knowing its offset."""
    lines = []
    offset = 0
    for raw in stream.split("\n"):
        lines.append(Line.at(raw, offset))
        offset += len(raw) + 1
    return lines


# ---------------------------------------------------------------- zip safety
def check_zip(path: Path, required: str, what: str) -> None:
    """Refuse a .docx/.xlsx that is not a valid package, is a zip bomb or declares entities."""
    from models.office_guard import check_package

    check_package(path, required=required, what=what)


# ---------------------------------------------------------------- xlsx
def read_xlsx(
    path: Path, progress: Progress = None, should_cancel: ShouldCancel = None
) -> tuple[str, list[Line]]:
    """Task tables of every sheet (header row found by its names; merged cells filled)."""
    from models.office_guard import open_workbook

    # streamed (merged ranges come clipped from the guard's scan, never expanded by openpyxl)
    wb, layouts = open_workbook(path, read_only=True)
    try:
        stream, found = _read_sheets(wb, progress, should_cancel, layouts)
    except (Cancelled, ImportFileError):
        raise
    except Exception as exc:  # a damaged sheet deep inside the package
        log.warning("reading %s failed: %r", path, exc)
        raise ImportFileError(
            f"{_name(path)} 的内容已损坏，无法读取（{type(exc).__name__}）。"
            "请用 Excel/WPS 打开后另存为 .xlsx 再导入。",
            path=str(path),
        ) from exc
    finally:
        wb.close()
    if not found:
        raise ImportFileError(
            f"{_name(path)} 中没有找到任务表：表头应包含“工作任务”以及“责任单位”"
            "“牵头领导”“完成时限”等列。",
            path=str(path),
        )
    return stream.text, stream.lines


def _read_sheets(
    wb,
    progress: Progress,
    should_cancel: ShouldCancel,  # noqa: ANN001
    layouts: dict,
) -> tuple[_Stream, bool]:
    stream = _Stream()
    found = False
    sheets = wb.worksheets
    for si, ws in enumerate(sheets):
        if should_cancel is not None and should_cancel():
            raise Cancelled()
        if progress is not None:
            progress(si, len(sheets))
        layout = layouts.get(ws.title)
        if layout is None or not layout.max_row:
            continue  # no cell holds a value
        max_col = min(layout.max_col, 60)  # the real used area, not the declared dimension
        merged_from = layout.merged_origins(max_col)
        values: dict[tuple[int, int], str] = {}
        grid: list[list[tuple[str, bool]]] = []
        rows = ws.iter_rows(min_row=1, max_row=layout.max_row, max_col=max_col, values_only=True)
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row, start=1):
                text = _cell_text(value)
                values[(r, c)] = text
                origin = merged_from.get((r, c))
                if origin is not None:
                    cells.append((values.get(origin, ""), False))
                else:
                    cells.append((text, True))
            grid.append(cells)
        if _table_rows(grid, stream):
            found = True
    return stream, found


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y年%m月%d日")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r", "").replace("\n", " ")
