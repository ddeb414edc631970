"""Import of last year's plans from .txt, .docx and .xlsx into sections and tasks.

``parse_file`` is the entry point (used by the CLI and, in a worker, by the window);
``parse_text`` does the same for text already in memory. Nothing here writes the database:
``store_result`` does, in one transaction, through ``models.outline.store_document``.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.errors import ImportFileError
from models.importing import convert, script
from models.importing.docx_reader import read_docx
from models.importing.model import ImportResult, Line, ParsedDocument
from models.importing.readers import lines_of, normalise_newlines, read_txt, read_xlsx
from models.importing.structure import parse_lines

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None] | None
ShouldCancel = Callable[[], bool] | None

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUPPORTED = (".txt", ".docx", ".xlsx", ".pdf", ".doc", ".wps")
_SAVE_AS = {
    ".doc": "这是旧版 Word 格式（.doc），请在 Word 或 WPS 中打开后“另存为” .docx 再导入。",
    ".wps": "这是 WPS 文字格式（.wps），请在 WPS 中打开后“另存为” .docx 再导入。",
    ".xls": "这是旧版 Excel 格式（.xls），请在 Excel 或 WPS 中打开后“另存为” .xlsx 再导入。",
    ".et": "这是 WPS 表格格式（.et），请在 WPS 中打开后“另存为” .xlsx 再导入。",
    ".rtf": "请在 Word 或 WPS 中打开后“另存为” .docx 再导入。",
}

__all__ = [
    "SUPPORTED",
    "ImportResult",
    "ParsedDocument",
    "parse_file",
    "parse_text",
    "store_documents",
    "store_result",
]


# Characters of text one import recognises (a county's whole year is ~200,000); at the limit
# recognition takes ~6 s on a busy 2-core machine (bench/bench_import_limits.py).
MAX_STREAM_CHARS = 1_000_000


def parse_file(
    path: str | Path,
    progress: Progress = None,
    should_cancel: ShouldCancel = None,
    *,
    simplify: bool = False,
) -> ImportResult:
    """Read and recognise one file.

    Raises:
        ImportFileError: missing, empty, unreadable, hostile or unsupported files
            (the message names the file and what to do).
        Cancelled: when ``should_cancel()`` returned True.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ImportFileError(f"找不到文件 {path}。", path=str(path))
    if path.is_dir():
        raise ImportFileError(f"{name} 是文件夹，不是文件。", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = _SAVE_AS.get(
            suffix, "只能导入 .docx、.doc、.wps、.pdf、.txt 和 .xlsx 文件，请先另存为 .docx。"
        )
        raise ImportFileError(f"无法导入 {name}：{hint}", path=str(path))
    try:
        if path.stat().st_size == 0:
            raise ImportFileError(f"{name} 是空文件，没有可导入的内容。", path=str(path))
        encoding = None
        if suffix == ".txt":
            stream, lines, encoding = read_txt(path)
            join = True
        elif suffix == ".docx":
            stream, lines = read_docx(path, progress, should_cancel)
            join = True  # only soft line breaks inside a paragraph (see structure._continues)
        elif suffix == ".pdf":
            stream = normalise_newlines(convert.read_pdf_text(path))
            lines = lines_of(stream)
            join = True
        elif suffix in (".doc", ".wps"):
            stream, lines = _read_legacy(path, progress, should_cancel)
            join = True
        else:
            stream, lines = read_xlsx(path, progress, should_cancel)
            join = False
    except OSError as exc:
        raise ImportFileError(f"无法读取 {name}：{exc.strerror or exc}。", path=str(path)) from exc
    result = _parse(
        str(path),
        stream,
        lines,
        fallback_title=path.stem,
        join_breaks=join,
        progress=progress,
        should_cancel=should_cancel,
        simplify=simplify,
    )
    result.encoding = encoding
    if not result.documents:
        raise ImportFileError(
            f"{name} 中没有找到计划内容（文件只有空白或网页杂项）。", path=str(path)
        )
    log.info(
        "parsed %s: %d plan(s), %s",
        name,
        len(result.documents),
        [d.count() for d in result.documents],
    )
    return result


def _read_legacy(path: Path, progress: Progress, should_cancel: ShouldCancel):  # noqa: ANN202
    """A .doc/.wps through the user's office program (converted to .docx first)."""
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic != OLE_MAGIC:  # Word 97–2003 and WPS files are OLE compound files
        raise ImportFileError(
            f"{path.name} 不是有效的 {path.suffix.lower()} 文档（文件已损坏或并非该格式）。"
            "请在 Word 或 WPS 中打开后另存为 .docx 再导入。",
            path=str(path),
        )
    with tempfile.TemporaryDirectory(prefix="plandesk-doc-") as tmp:
        docx_path = convert.to_docx(path, Path(tmp))
        if docx_path is None:  # no LibreOffice, Word or WPS to convert with
            raise ImportFileError(
                f"无法导入 {path.name}：{_SAVE_AS[path.suffix.lower()]}", path=str(path)
            )
        return read_docx(docx_path, progress, should_cancel)


def parse_text(
    text: str,
    *,
    name: str = "粘贴的文本",
    progress: Progress = None,
    should_cancel: ShouldCancel = None,
    simplify: bool = False,
) -> ImportResult:
    """Recognise plans in text already decoded (pasted, or from a test)."""
    stream = normalise_newlines(text)
    return _parse(
        name,
        stream,
        lines_of(stream),
        fallback_title=name,
        join_breaks=True,
        progress=progress,
        should_cancel=should_cancel,
        simplify=simplify,
    )


def _parse(
    path: str,
    stream: str,
    lines: list[Line],
    *,
    fallback_title: str,
    join_breaks: bool,
    progress: Progress,
    should_cancel: ShouldCancel,
    simplify: bool = False,
) -> ImportResult:
    if len(stream) > MAX_STREAM_CHARS:  # recognition is linear: this bounds it to seconds
        raise ImportFileError(
            f"{Path(path).name} 的文字太多（{len(stream):,} 字），一次最多导入 "
            f"{MAX_STREAM_CHARS:,} 字。请只保留计划正文，或分成几个文件导入。",
            path=path,
        )
    result = ImportResult(path=path, stream=stream)
    result.traditional = script.is_traditional(stream)
    if result.traditional:  # patterns read a simplified view with the same offsets
        lines = [line.translate(script.to_simplified(line.text)) for line in lines]
        view = list(stream)
        for line in lines:
            for ch, p in zip(line.text, line.pos, strict=True):
                view[p] = ch
        result.view = "".join(view)
    result.documents = parse_lines(
        lines,
        result.removed,
        fallback_title=fallback_title,
        join_breaks=join_breaks,
        progress=progress,
        should_cancel=should_cancel,
    )
    for doc in result.documents:
        doc.traditional = result.traditional
    if result.traditional and not simplify:
        restore_script(result)
    result.simplified = result.traditional and simplify
    return result


def restore_script(result: ImportResult) -> None:
    """Put the characters as written back into every text the simplified view produced."""
    kept = bytearray(b"\x01") * len(result.stream)
    for r in result.removed:
        for i in r.pos:
            if 0 <= i < len(kept):
                kept[i] = 0
    restorer = script.Restorer(result.stream, kept, result.view)
    for doc in result.documents:
        doc.map_text(restorer.piece, restorer.derived)


def store_result(db: Any, results: list[ImportResult]) -> list[dict[str, Any]]:
    """Store every plan of ``results`` in ONE transaction; returns the documents with "id"."""
    from models.outline import store_document

    out: list[dict[str, Any]] = []
    with db.transaction():
        for result in results:
            for data in result.to_json()["documents"]:
                data["id"] = store_document(db, data)
                out.append(data)
    return out


def store_documents(db: Any, docs: list[dict[str, Any]]) -> list[int]:
    """Store plans given in the JSON shape, all in ONE transaction; returns their ids."""
    from models.outline import store_document

    with db.transaction():
        return [store_document(db, doc) for doc in docs]
