"""Import is linear and bounded: text beyond MAX_STREAM_CHARS is refused at once with the
limit named; joining paragraphs is one pass (it was quadratic)."""

from __future__ import annotations

from array import array

import pytest

import main
from models.errors import ImportFileError
from models.importing import MAX_STREAM_CHARS, parse_text
from models.importing.model import Line
from tests.db_hash import content_hash


def test_text_beyond_the_limit_is_refused_with_the_limit(tmp_path, capsys):
    db = tmp_path / "plandesk.db"
    assert main.main(["--db", str(db), "list"]) == 0
    capsys.readouterr()
    big = tmp_path / "超长.txt"
    big.write_text(
        "一、重点工作\n" + "扎实推进各项工作。\n" * (MAX_STREAM_CHARS // 10 + 10), "utf-8"
    )
    before = content_hash(db)
    assert main.main(["--db", str(db), "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert f"{MAX_STREAM_CHARS:,}" in err and len(err.strip().splitlines()) == 1
    assert content_hash(db) == before
    with pytest.raises(ImportFileError):
        parse_text("字" * (MAX_STREAM_CHARS + 1))


def test_concat_equals_repeated_join():
    lines = [
        Line(t, array("q", range(i * 10, i * 10 + len(t))), None) for i, t in enumerate("甲乙丙")
    ]
    joined = lines[0].join(lines[1]).join(lines[2])
    together = Line.concat(lines)
    assert (together.text, list(together.pos), together.hint) == (
        joined.text,
        list(joined.pos),
        joined.hint,
    )
