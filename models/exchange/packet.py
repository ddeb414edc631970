"""The .pdx file: one JSON header line, then the zlib-compressed changeset.

    PLANDESK-PDX/1\\n
    {"sender": …, "to": …, "seq": 3, "schema": 5, …, "sha256": "…"}\\n
    <zlib(changeset)>

``sha256`` covers the header (without that key, canonical JSON) and the payload, so a changed
byte anywhere is refused. It detects damage and tampering in transit, it does not prove who
wrote the file (that would need a signature key per office).
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.exchange.offices import ExchangeError

MAGIC = b"PLANDESK-PDX/1\n"
FORMAT = "plandesk-exchange"
SUFFIX = ".pdx"
MAX_HEADER = 1 << 20


@dataclass(slots=True)
class Packet:
    header: dict[str, Any]
    changeset: bytes
    sha256: str
    path: Path | None = None

    @property
    def sender(self) -> dict[str, str]:
        return self.header["sender"]

    @property
    def seq(self) -> int:
        return int(self.header["seq"])


def _canonical(header: dict[str, Any]) -> bytes:
    return json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _digest(header: dict[str, Any], payload: bytes) -> str:
    return hashlib.sha256(_canonical(header) + b"\n" + payload).hexdigest()


def encode(header: dict[str, Any], changeset: bytes) -> tuple[bytes, str]:
    """The bytes of a packet file and its sha256."""
    payload = zlib.compress(changeset, 9)
    header = {k: v for k, v in header.items() if k != "sha256"}
    sha = _digest(header, payload)
    return MAGIC + _canonical({**header, "sha256": sha}) + b"\n" + payload, sha


def write(path: Path, data: bytes) -> None:
    """Write a packet file whole or not at all (a half-written packet on a stick is worse)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def read(path: str | os.PathLike[str]) -> Packet:
    """Read and verify a packet file; a damaged or altered one raises ExchangeError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError("无法读取数据包文件。", detail=f"{path}: {exc}") from exc
    return parse(data, path)


def parse(data: bytes, path: Path | None = None) -> Packet:
    where = str(path) if path else "packet"
    if not data.startswith(MAGIC):
        raise ExchangeError("这不是 PlanDesk 数据包（.pdx）文件。", detail=where)
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise ExchangeError("数据包已损坏：缺少文件头。", detail=where)
    try:
        header = json.loads(data[len(MAGIC) : end].decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("not a PlanDesk packet header")
        sha = str(header.pop("sha256"))
        int(header["seq"])
        sender = header["sender"]
        for key in ("uuid", "code", "name", "kind"):
            str(sender[key])
        str(header["to"]["code"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ExchangeError("数据包已损坏：文件头无法识别。", detail=f"{where}: {exc}") from exc
    payload = data[end + 1 :]
    if _digest(header, payload) != sha:
        raise ExchangeError(
            "数据包校验失败（sha256 不符）：文件在传递中被改动或损坏，未导入。请对方重新发送。",
            detail=where,
        )
    try:
        changeset = zlib.decompress(payload)
    except zlib.error as exc:
        raise ExchangeError("数据包已损坏：内容无法解压。", detail=where) from exc
    return Packet(header, changeset, sha, path)
