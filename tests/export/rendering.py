"""Reading rendered pages back: text lines with positions, from a PDF (pdfplumber).

Used by the rendering tests: a .docx converted by LibreOffice, or PlanDesk's own PDF,
is read line by line to check what a clerk checks on paper (a heading at the foot of a
page, a 落款 alone, title lines, 22 lines of 28 characters).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber  # under Wine: needs build.sh's bcryptprimitives.dll stand-in (cryptography)

ROOT = Path(__file__).resolve().parents[2]
FONT_ALIASES = Path(__file__).with_name("fontconfig-preview.conf")
PT_PER_MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(slots=True)
class Line:
    """One printed line: its text and box in points from the page's top-left corner."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float


def page_lines(path: Path) -> list[list[Line]]:
    """Every page's text lines (top to bottom), without the page number."""
    pages: list[list[Line]] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            rows: list[list[dict]] = []
            for ch in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
                if not ch["text"].strip():
                    continue
                for row in rows:
                    # one line: the vertical centres agree within a third of the size
                    first = row[0]
                    mid, rmid = (ch["top"] + ch["bottom"]) / 2, (first["top"] + first["bottom"]) / 2
                    if abs(mid - rmid) < max(ch["size"], row[0]["size"]) / 3:
                        row.append(ch)
                        break
                else:
                    rows.append([ch])
            lines = []
            for row in rows:
                row.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in row)
                if PAGE_NUMBER.match(text.replace(" ", "")):
                    continue
                lines.append(
                    Line(
                        text,
                        min(c["top"] for c in row),
                        max(c["bottom"] for c in row),
                        min(c["x0"] for c in row),
                        max(c["x1"] for c in row),
                        max(c["size"] for c in row),
                    )
                )
            pages.append(sorted(lines, key=lambda ln: ln.top))
    return pages


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace removed (for comparing with the document)."""
    with pdfplumber.open(str(path)) as pdf:
        return "".join(re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages)


def convert_all(docx_files: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Convert .docx files to PDF with one LibreOffice run; returns docx -> pdf."""
    out_dir.mkdir(parents=True, exist_ok=True)
    conf = out_dir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f'<include ignore_missing="yes">{FONT_ALIASES}</include></fontconfig>\n',
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(out_dir))
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir)]
        + [str(p) for p in docx_files],
        check=True,
        capture_output=True,
        timeout=600,
        env=env,
    )
    return {p: out_dir / (p.stem + ".pdf") for p in docx_files}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages_with(pages: list[list[Line]], text: str) -> list[int]:
    return [n for n, p in enumerate(pages) if any(_squash(ln.text) == _squash(text) for ln in p)]


def page_problems(pages: list[list[Line]], headings: list[str], sign: str, date: str) -> list[str]:
    """What a clerk rejects: a page ending with a heading, a 落款 alone or split."""
    problems = []
    heads = [_squash(h) for h in headings if _squash(h)]
    for n, lines in enumerate(pages[:-1], start=1):
        if not lines:
            continue
        last = _squash(lines[-1].text)
        if len(last) >= 2 and any(h.endswith(last) or h == last for h in heads):
            problems.append(f"page {n} ends with the heading {lines[-1].text!r}")
    marks = {_squash(sign), _squash(date)} - {""}
    for n, lines in enumerate(pages, start=1):
        texts = {_squash(ln.text) for ln in lines}
        if texts and texts <= marks:
            problems.append(f"page {n} holds only the 落款 {sorted(texts)}")
    if sign and date:
        where_sign = _pages_with(pages, sign)
        where_date = _pages_with(pages, date)
        if where_sign and where_date and where_sign[-1] != where_date[-1]:
            problems.append("the 署名 and the 成文日期 are on different pages")
    return problems


def body_grid(pages: list[list[Line]], body_size: float = 16.0) -> tuple[int, int, float]:
    """(most body lines on a page, most characters on a body line, median line pitch pt)."""
    most_lines, most_chars, pitches = 0, 0, []
    for lines in pages:
        body = [ln for ln in lines if abs(ln.size - body_size) < 0.6]
        most_lines = max(most_lines, len(body))
        most_chars = max((most_chars, *(len(_squash(ln.text)) for ln in body)))
        steps = (b.top - a.top for a, b in zip(body, body[1:], strict=False))
        pitches += [step for step in steps if step < 40]
    pitches.sort()
    return most_lines, most_chars, pitches[len(pitches) // 2] if pitches else 0.0
