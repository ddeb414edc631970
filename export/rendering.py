"""Render a .docx (through LibreOffice) or read a PDF into pages of positioned text lines.

The page rules of GB/T 9704 (no page ending with a heading, no page holding only the 落款,
22 lines × 28 characters) can only be judged on laid-out pages. LibreOffice is the one
layout engine we can run here; pdfplumber reads the PDF it writes (or any PDF we wrote) into
characters with positions, which this module groups into lines. Coordinates are PDF points
with the origin at the top left of the page (pdfplumber's ``top``/``bottom``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MM = 72 / 25.4  # points per millimetre
SOFFICE_TIMEOUT_S = 180
# A gap wider than this many character heights splits a visual line into segments
# (two table cells side by side are two segments, not one line).
SEGMENT_GAP_EM = 1.5


class RenderError(Exception):
    """LibreOffice is missing, failed, or wrote no PDF; the message says which."""


@dataclass(frozen=True, slots=True)
class Line:
    """One run of characters on one baseline (a segment of a visual line)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the largest character size on the line, pt
    color: tuple[float, ...] | None  # the fill colour of most of its characters
    xs: tuple[float, ...] = ()  # the left edge of each character of text
    row: int = 0  # the visual line (of its page) this segment belongs to

    @property
    def compact(self) -> str:
        """The text without spaces (LibreOffice writes justification spaces as characters)."""
        return "".join(self.text.split())


@dataclass(frozen=True, slots=True)
class Stroke:
    """A drawn line or thin rectangle (a separator line of the 版头 or 版记)."""

    x0: float
    x1: float
    top: float
    bottom: float
    color: tuple[float, ...] | None


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its size, its text lines from top to bottom, its drawn strokes."""

    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]
    strokes: tuple[Stroke, ...]


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
        / "LibreOffice/program/soffice.exe",
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ):
        if candidate.is_file():
            return str(candidate)
    return None


def docx_to_pdf(path: Path, out_dir: Path, *, timeout: float = SOFFICE_TIMEOUT_S) -> Path:
    """Convert a .docx to PDF with LibreOffice headless; returns the PDF's path.

    Raises:
        RenderError: LibreOffice is missing, timed out, or wrote no PDF.
    """
    return docx_to_pdfs([path], out_dir, timeout=timeout)[path]


def docx_to_pdfs(
    paths: list[Path],
    out_dir: Path,
    *,
    timeout: float = SOFFICE_TIMEOUT_S,
    font_aliases: Path | None = None,
) -> dict[Path, Path]:
    """Convert .docx files to PDF in ONE LibreOffice run; returns docx → pdf.

    A private user profile in ``out_dir`` lets several conversions run at once (a running
    LibreOffice with the default profile would swallow the request). ``font_aliases`` is a
    fontconfig file added to the system's (e.g. official font names → installed fonts).

    Raises:
        RenderError: LibreOffice is missing, timed out, or wrote no PDF for a file.
    """
    soffice = soffice_path()
    if soffice is None:
        raise RenderError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo-profile").resolve().as_uri()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *(str(p) for p in paths),
    ]
    env = None
    if font_aliases is not None:
        conf = out_dir / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f'<include ignore_missing="yes">{font_aliases}</include></fontconfig>\n',
            encoding="utf-8",
        )
        env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=False, env=env
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"LibreOffice took more than {timeout:.0f} s") from exc
    pdfs = {p: out_dir / (p.stem + ".pdf") for p in paths}
    missing = [p.name for p, pdf in pdfs.items() if not pdf.is_file()]
    if missing:
        raise RenderError(
            f"LibreOffice wrote no PDF for {', '.join(missing)}: "
            f"{(done.stderr or done.stdout).strip()}"
        )
    return pdfs


def _group_lines(chars: list[dict]) -> list[Line]:
    """Characters → lines: same vertical band, then split at wide horizontal gaps."""
    bands: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (ch["top"] + ch["bottom"]) / 2
        if bands:
            last = bands[-1]
            top = min(c["top"] for c in last)
            bottom = max(c["bottom"] for c in last)
            if top <= mid <= bottom:
                last.append(ch)
                continue
        bands.append([ch])
    lines: list[Line] = []
    for row, band in enumerate(bands):
        band.sort(key=lambda c: c["x0"])
        segment: list[dict] = []
        for ch in band:
            if segment and ch["x0"] - segment[-1]["x1"] > SEGMENT_GAP_EM * max(ch["size"], 1):
                lines.append(_line(segment, row))
                segment = []
            segment.append(ch)
        if segment:
            lines.append(_line(segment, row))
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    return lines


def _line(chars: list[dict], row: int = 0) -> Line:
    text = "".join(c["text"] for c in chars)
    visible = [c for c in chars if c["text"].strip()] or chars
    colors: dict[tuple[float, ...] | None, int] = {}
    for c in visible:
        color = c.get("non_stroking_color")
        key = tuple(color) if isinstance(color, (list, tuple)) else None
        colors[key] = colors.get(key, 0) + 1
    return Line(
        text=text,
        x0=min(c["x0"] for c in visible),
        x1=max(c["x1"] for c in visible),
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=max(float(c["size"]) for c in visible),
        color=max(colors, key=lambda k: colors[k]),
        xs=tuple(float(c["x0"]) for c in chars),
        row=row,
    )


def _strokes(page) -> list[Stroke]:
    out = []
    for obj in list(page.lines) + list(page.rects):
        if obj["bottom"] - obj["top"] > 3 * MM:  # a box, not a rule
            continue
        color = obj.get("stroking_color") or obj.get("non_stroking_color")
        key = tuple(color) if isinstance(color, (list, tuple)) else None
        out.append(Stroke(obj["x0"], obj["x1"], obj["top"], obj["bottom"], key))
    return out


def pdf_pages(path: Path) -> list[Page]:
    """The pages of a PDF as positioned lines (pdfplumber)."""
    import pdfplumber  # imported here: only the checker and the tests need it

    pages = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = _group_lines([c for c in page.chars if c["text"]])
            pages.append(
                Page(
                    number,
                    float(page.width),
                    float(page.height),
                    tuple(ln for ln in lines if ln.compact),
                    tuple(_strokes(page)),
                )
            )
    return pages


def render_pages(path: Path) -> list[Page]:
    """A .docx rendered by LibreOffice (or a .pdf read as it is) as positioned lines.

    Raises:
        RenderError: the .docx could not be rendered.
    """
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return pdf_pages(path)
    with tempfile.TemporaryDirectory(prefix="plandesk-render-") as tmp:
        # LibreOffice names its output after the input: copy under a plain name first
        src = Path(tmp) / "document.docx"
        shutil.copyfile(path, src)
        pdf = docx_to_pdf(src, Path(tmp))
        return pdf_pages(pdf)


PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")


def visual_lines(page: Page) -> list[Line]:
    """The page's lines as a reader sees them, top to bottom: the segments of one line
    joined, and without the page number (— 3 —)."""
    rows: dict[int, list[Line]] = {}
    for segment in page.lines:
        rows.setdefault(segment.row, []).append(segment)
    out = []
    for parts in rows.values():
        parts.sort(key=lambda ln: ln.x0)
        text = "".join(p.text for p in parts)
        if PAGE_NUMBER.match(text.replace(" ", "")):
            continue
        out.append(
            Line(
                text=text,
                x0=parts[0].x0,
                x1=max(p.x1 for p in parts),
                top=min(p.top for p in parts),
                bottom=max(p.bottom for p in parts),
                size=max(p.size for p in parts),
                color=parts[0].color,
                xs=tuple(x for p in parts for x in p.xs),
                row=parts[0].row,
            )
        )
    return sorted(out, key=lambda ln: ln.top)


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace removed (to compare with the document's text)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages)
