"""Reading a file to attach: limits, the type told by its content, photo facts (Pillow).

Nothing here writes to the database: :func:`prepare` reads and checks a file completely
and returns a :class:`Prepared` that models/evidence/store.py stores in one transaction, so
a refused file (too big, an image bomb, not what its name says, vanished) leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pillow is imported when an image is read (70 ms at every start else)
    from PIL import Image

from models.errors import PlanDeskError

log = logging.getLogger(__name__)

# 50 MiB: a scanned notice or a phone video clip fits; the files live inside the database,
# which every backup copies, so larger files belong elsewhere.
MAX_FILE_BYTES = 50 * 1024 * 1024
# Pixels an image may have before it is taken for a decompression bomb. 80 MP covers
# every phone camera (64 MP at most in full resolution); it is below Pillow's own guard
# (MAX_IMAGE_PIXELS, ~89 MP, an error at twice that), whose warning is made an error too.
MAX_PIXELS = 80_000_000
# "Reduce large images": the long side is brought down to this many pixels.
REDUCE_SIDE = 2560
REDUCE_QUALITY = 85
THUMB_SIDE = 160

# kind → (label, the extensions a file of that kind may have)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "jpeg": ("JPEG 图片", (".jpg", ".jpeg", ".jpe", ".jfif")),
    "png": ("PNG 图片", (".png",)),
    "gif": ("GIF 图片", (".gif",)),
    "bmp": ("BMP 图片", (".bmp",)),
    "tiff": ("TIFF 图片", (".tif", ".tiff")),
    "webp": ("WebP 图片", (".webp",)),
    "heic": ("HEIC 照片", (".heic", ".heif")),
    "pdf": ("PDF 文档", (".pdf",)),
    "ofd": ("OFD 版式文档", (".ofd",)),
    "docx": ("Word 文档", (".docx", ".wps")),
    "xlsx": ("Excel 表格", (".xlsx", ".et")),
    "pptx": ("PowerPoint 演示文稿", (".pptx", ".dps")),
    "ole": ("Office/WPS 97-2003 文档", (".doc", ".xls", ".ppt", ".wps", ".et", ".dps")),
    "zip": ("ZIP 压缩包", (".zip",)),
    "rar": ("RAR 压缩包", (".rar",)),
    "7z": ("7z 压缩包", (".7z",)),
    "mp4": ("视频", (".mp4", ".mov", ".m4v", ".3gp")),
    "mp3": ("MP3 录音", (".mp3",)),
    "wav": ("WAV 录音", (".wav",)),
    "amr": ("AMR 录音", (".amr",)),
    "m4a": ("M4A 录音", (".m4a",)),
    "text": ("文本", (".txt", ".csv")),
}
IMAGE_KINDS = frozenset({"jpeg", "png", "gif", "bmp", "tiff", "webp"})
KNOWN_EXTENSIONS = frozenset(e for _label, exts in KINDS.values() for e in exts)


class EvidenceFileError(PlanDeskError):
    """A file that cannot be kept as 佐证材料 (too big, unknown, mislabelled, vanished)."""

    default_text = "无法添加该佐证材料。"


@dataclass(slots=True)
class Prepared:
    """A file read, checked and ready to store."""

    name: str
    data: bytes
    sha256: str
    kind: str
    thumb: bytes | None = None
    width: int | None = None
    height: int | None = None
    taken_at: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    reduced: bool = False

    @property
    def size(self) -> int:
        """Bytes of the stored content."""
        return len(self.data)


def kind_label(kind: str) -> str:
    """The Chinese name of a detected kind."""
    return KINDS.get(kind, (kind, ()))[0]


def size_text(size: int) -> str:
    """1.2 MB, 350 KB, 12 字节."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} 字节"


# ---------------------------------------------------------------- the type by content
def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _is_text(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff(data: bytes) -> str:
    """The kind of a file told by its first bytes (and a zip's member names); '' if unknown."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM") and len(data) > 26:
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc"):
            return "heic"
        if brand.startswith(b"M4A"):
            return "m4a"
        return "mp4"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"#!AMR"):
        return "amr"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if _is_text(data):
        return "text"
    return ""


# ---------------------------------------------------------------- images
def _open_image(data: bytes, name: str) -> Image.Image:
    """Open an image (header only) and refuse a decompression bomb before any pixel is read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(name) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise EvidenceFileError(
            f"“{name}”看起来是图片，但已损坏，无法打开。", detail=str(exc)
        ) from exc
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _bomb(name, width, height)
    return image


def _bomb(name: str, width: int = 0, height: int = 0) -> EvidenceFileError:
    size = f"{width}×{height} 像素" if width else "像素数过多"
    return EvidenceFileError(
        f"“{name}”的图片尺寸异常（{size}），超过 {MAX_PIXELS // 1_000_000} 百万像素的上限，"
        "可能是恶意构造的文件，未添加。",
        detail=name,
    )


def _ratio(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0


def _degrees(dms: Any, ref: Any) -> float | None:
    try:
        d, m, s = (_ratio(v) for v in dms)
    except (TypeError, ValueError):
        return None
    value = d + m / 60 + s / 3600
    if str(ref).upper() in ("S", "W"):
        value = -value
    return round(value, 6)


def photo_facts(image: Image.Image) -> tuple[str | None, float | None, float | None]:
    """(taken_at ISO, latitude, longitude) from the EXIF of an image, each None if absent."""
    try:
        exif = image.getexif()
    except (OSError, ValueError, SyntaxError):
        return None, None, None
    taken = None
    sub = exif.get_ifd(0x8769)  # Exif IFD
    raw = sub.get(0x9003) or sub.get(0x9004) or exif.get(0x0132)  # DateTimeOriginal …
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if isinstance(raw, str):
        try:
            taken = dt.datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S").isoformat(" ")
        except ValueError:
            taken = None
    gps = exif.get_ifd(0x8825)
    lat = lon = None
    if 2 in gps and 4 in gps:
        lat = _degrees(gps[2], gps.get(1, "N"))
        lon = _degrees(gps[4], gps.get(3, "E"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
    return taken, lat, lon


def _thumbnail(image: Image.Image) -> bytes:
    from PIL import Image, ImageOps

    thumb = ImageOps.exif_transpose(image.copy())
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    if thumb.mode not in ("RGB", "L"):
        thumb = thumb.convert("RGBA")
        back = Image.new("RGB", thumb.size, "white")
        back.paste(thumb, mask=thumb.getchannel("A"))
        thumb = back
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()


def _reduced(image: Image.Image, kind: str) -> bytes | None:
    """The image with its long side brought to REDUCE_SIDE (EXIF kept), or None if small."""
    if max(image.size) <= REDUCE_SIDE:
        return None
    from PIL import Image

    small = image.copy()
    small.thumbnail((REDUCE_SIDE, REDUCE_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    exif = image.info.get("exif")
    if kind == "jpeg" or small.mode in ("RGB", "L", "CMYK"):
        if small.mode not in ("RGB", "L"):
            small = small.convert("RGB")
        small.save(out, "JPEG", quality=REDUCE_QUALITY, **({"exif": exif} if exif else {}))
    else:
        small.save(out, "PNG", optimize=True)
    return out.getvalue()


# ---------------------------------------------------------------- reading a file
def read_file(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """(name, bytes) of a file, refusing a vanished, unreadable, empty or too large one."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise EvidenceFileError(f"“{name}”不是文件，未添加。", detail=str(path))
        if size > MAX_FILE_BYTES:
            raise _too_big(name, size)
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise EvidenceFileError(
            f"找不到文件“{name}”：它已被移走、改名或删除，未添加。", detail=str(path)
        ) from exc
    except PermissionError as exc:
        raise EvidenceFileError(f"没有读取“{name}”的权限，未添加。", detail=str(path)) from exc
    except OSError as exc:
        raise EvidenceFileError(f"读取“{name}”失败，未添加。", detail=f"{path}: {exc}") from exc
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_big(name, len(data))
    if not data:
        raise EvidenceFileError(f"“{name}”是空文件，未添加。", detail=str(path))
    return name, data


def _too_big(name: str, size: int) -> EvidenceFileError:
    return EvidenceFileError(
        f"“{name}”有 {size_text(size)}，超过单个佐证材料 {MAX_FILE_BYTES // 1024 // 1024} MB "
        "的上限，未添加。照片可勾选“缩小大图”，视频请剪短或另行保存。",
        detail=name,
    )


def prepare_bytes(name: str, data: bytes, *, reduce: bool = False) -> Prepared:
    """Check a file's content against its name and gather what is stored with it.

    Raises:
        EvidenceFileError: unknown type, content not what the extension says, damaged or
            oversized image.
    """
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(name, len(data))
    kind = sniff(data)
    ext = Path(name).suffix.lower()
    if not kind:
        raise EvidenceFileError(
            f"无法识别“{name}”的文件类型，未添加。支持照片、PDF、OFD、Word/Excel/WPS 文档、"
            "压缩包、录音、视频和文本文件。",
            detail=name,
        )
    if ext and ext not in KNOWN_EXTENSIONS:
        raise EvidenceFileError(
            f"不支持“{ext}”类型的文件（“{name}”），未添加。", detail=f"{name}: {kind}"
        )
    if ext and ext not in KINDS[kind][1]:
        raise EvidenceFileError(
            f"“{name}”的扩展名是“{ext}”，但内容是{kind_label(kind)}，文件与名称不符，未添加。"
            "请确认文件后改正扩展名再添加。",
            detail=f"{name}: {kind}",
        )
    prepared = Prepared(name, data, "", kind)
    if kind in IMAGE_KINDS:
        image = _open_image(data, name)
        try:
            prepared.taken_at, prepared.latitude, prepared.longitude = photo_facts(image)
            small = _reduced(image, kind) if reduce else None
            if small is not None and len(small) < len(data):
                prepared.data, prepared.reduced = small, True
                prepared.kind = sniff(small)
                if ext and ext not in KINDS[prepared.kind][1]:  # a BMP reduced to JPEG
                    prepared.name = str(Path(name).with_suffix(KINDS[prepared.kind][1][0]))
                image = _open_image(small, name)
            prepared.width, prepared.height = image.size
            prepared.thumb = _thumbnail(image)
        except (OSError, ValueError, SyntaxError) as exc:  # truncated pixel data
            raise EvidenceFileError(
                f"“{name}”看起来是图片，但已损坏，无法打开。", detail=str(exc)
            ) from exc
    prepared.sha256 = hashlib.sha256(prepared.data).hexdigest()
    return prepared


def prepare(path: str | os.PathLike[str], *, reduce: bool = False) -> Prepared:
    """Read and check the file at ``path`` (see :func:`read_file`, :func:`prepare_bytes`)."""
    name, data = read_file(path)
    return prepare_bytes(name, data, reduce=reduce)
