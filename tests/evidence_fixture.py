"""Real files to attach in tests: photos with EXIF, a crafted image bomb, a PDF, a .docx."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

from models import outline
from models.store.db import Database

TAKEN = "2025:06:03 10:20:30"
# 26°30'00"N 113°15'36"E
GPS = {1: "N", 2: (26.0, 30.0, 0.0), 3: "E", 4: (113.0, 15.0, 36.0)}

# (section heading, [(task text, owner unit, deadline)])
SECTIONS = (
    (
        "加强党的建设",
        [("抓好党员教育管理。", "党建办", "6月底前"), ("推进党风廉政建设。", "纪委", "年底前")],
    ),
    ("发展镇域经济", [("扩大油茶种植规模。", "农业站", "年底前")]),
)


def make_plan(db: Database) -> tuple[int, list[int]]:
    """测试镇2025年工作计划 with the tasks above; returns (plan id, task ids in order)."""
    plan_id = outline.create_plan(
        db, title="测试镇2025年工作计划", year=2025, organization="测试镇人民政府"
    )
    tasks = []
    for heading, rows in SECTIONS:
        section = outline.add_node(db, plan_id, None, "section", heading=heading)
        for text, unit, deadline in rows:
            tasks.append(
                outline.add_node(
                    db, plan_id, section, "task", text=text, owner_unit=unit, deadline=deadline
                )
            )
    return plan_id, tasks


def photo(path: Path, size: tuple[int, int] = (300, 200), *, exif: bool = True) -> Path:
    """A JPEG photo, with the time and GPS place in its EXIF unless ``exif=False``."""
    img = Image.new("RGB", size, (200, 60, 40))
    for x in range(0, size[0], 7):  # some detail, so a reduced copy is really smaller
        img.putpixel((x, (x * 13) % size[1]), (x % 256, 255 - x % 256, 90))
    data = Image.Exif()
    if exif:
        data.get_ifd(0x8769)[0x9003] = TAKEN
        data.get_ifd(0x8825).update(GPS)
    img.save(path, "JPEG", exif=data, quality=95)
    return path


def png_header_bomb(path: Path, width: int = 50_000, height: int = 50_000) -> Path:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def pdf(path: Path, text: str = "minutes") -> Path:
    """A small (valid enough) PDF file."""
    path.write_bytes(
        b"%PDF-1.4\n% " + text.encode() + b"\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    )
    return path


def docx(path: Path, text: str = "会议纪要") -> Path:
    """A real .docx written by python-docx."""
    import docx as python_docx

    doc = python_docx.Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    path.write_bytes(out.getvalue())
    return path
