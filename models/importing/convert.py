"""Formats read through another program or library: .pdf (pdfplumber), .doc/.wps (office).

.doc and .wps are converted to .docx by the office program the user has: LibreOffice
headless where installed (with a private profile, so an open LibreOffice window does not
swallow the job), else on Windows Word or WPS by COM automation (pywin32, when present).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from models.errors import ImportFileError

log = logging.getLogger(__name__)

CONVERT_TIMEOUT_S = 120
MIN_PDF_CHARS = 20  # less text than this on every page: a scanned PDF
MAX_PDF_BYTES = 100 * 1024 * 1024

_WINDOWS_SOFFICE = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def read_pdf_text(path: Path) -> str:
    """The text of a text PDF, page by page; a scanned PDF raises a clear ImportFileError."""
    name = path.name
    if path.stat().st_size > MAX_PDF_BYTES:
        raise ImportFileError(f"{name} 太大，无法导入。", path=str(path))
    try:
        import pdfplumber
    except ImportError as exc:  # a broken install; the program ships pdfplumber
        raise ImportFileError(
            f"无法导入 {name}：缺少 PDF 读取组件，请另存为 .docx 后再导入。", path=str(path)
        ) from exc
    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        raise ImportFileError(
            f"{name} 无法作为 PDF 读取（{type(exc).__name__}），文件可能已损坏或加密。"
            "请用 WPS 打开后另存为 .docx 再导入。",
            path=str(path),
        ) from exc
    if sum(len("".join(p.split())) for p in pages) < MIN_PDF_CHARS:
        raise ImportFileError(
            f"{name} 是扫描件（只有图片，没有文字），无法直接导入。"
            "请先用 WPS 的“PDF 转 Word”或文字识别功能转成 .docx 后再导入。",
            path=str(path),
        )
    return "\n".join(pages)


def find_soffice() -> str | None:
    """The LibreOffice program, or None."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_SOFFICE if os.path.exists(p)), None)
    return None


def to_docx(path: Path, out_dir: Path) -> Path | None:
    """Convert a .doc/.wps to .docx in ``out_dir``; None when no office program is there."""
    soffice = find_soffice()
    if soffice is not None:
        return _by_soffice(soffice, path, out_dir)
    if sys.platform == "win32":
        converted = _by_com(path, out_dir)
        if converted is not None:
            return converted
    return None


def _by_soffice(soffice: str, path: Path, out_dir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="plandesk-lo-"))
    # a private profile: a LibreOffice window already open would otherwise take the job
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(out_dir),
        str(path),
    ]
    try:
        subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ImportFileError(
            f"转换 {path.name} 超时（LibreOffice 超过 {CONVERT_TIMEOUT_S} 秒未完成）。"
            "请在 WPS 中打开后另存为 .docx 再导入。",
            path=str(path),
        ) from exc
    except OSError as exc:
        raise ImportFileError(
            f"无法启动 LibreOffice 转换 {path.name}（{exc}）。请另存为 .docx 再导入。",
            path=str(path),
        ) from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = out_dir / (path.stem + ".docx")
    if not out.exists():
        raise ImportFileError(
            f"LibreOffice 无法转换 {path.name}（文件可能已损坏）。"
            "请在 Word 或 WPS 中打开后另存为 .docx 再导入。",
            path=str(path),
        )
    return out


def _by_com(path: Path, out_dir: Path) -> Path | None:
    """Word, then WPS, by COM automation (Windows with pywin32 only); None if neither."""
    try:
        import win32com.client
    except ImportError:
        return None
    out = out_dir / (path.stem + ".docx")
    for prog in ("Word.Application", "KWPS.Application", "WPS.Application"):
        try:
            app = win32com.client.DispatchEx(prog)
        except Exception:  # noqa: BLE001 - the program is not installed
            continue
        try:
            app.Visible = False
            doc = app.Documents.Open(str(path.resolve()), ReadOnly=True)
            try:  # 16: wdFormatDocumentDefault (.docx); older WPS only knows SaveAs
                doc.SaveAs2(str(out.resolve()), FileFormat=16)
            except AttributeError:
                doc.SaveAs(str(out.resolve()), FileFormat=16)
            doc.Close(False)
        except Exception as exc:  # noqa: BLE001 - COM reports every failure this way
            log.warning("%s could not convert %s: %r", prog, path, exc)
        finally:
            try:
                app.Quit()
            except Exception:  # noqa: BLE001
                pass
        if out.exists():
            return out
    return None
