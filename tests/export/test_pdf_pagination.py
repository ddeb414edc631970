"""The paginator of export/pdf.py on hand-made HTML: which table a row belongs to, and
that a long table split before rows that would cross a page break prints no row twice."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtGui")

from export import pdf  # noqa: E402


def _table(i: int, rows: int, cell: str = "x") -> str:
    body = "".join(f"<tr><td>{cell}[{i}-{r}]</td></tr>" for r in range(rows))
    return f"<p>p{i}</p><table><thead><tr><td>head</td></tr></thead><tbody>{body}</tbody></table>"


def test_every_table_has_its_own_index(qapp):
    # Twenty tables in a row: the rows of each must carry that table's index, which is the
    # table's place in the HTML that _break_before counts (a wrapper's id() was reused).
    doc = pdf._document("".join(_table(i, 2) for i in range(20)), 500, 800)
    units = pdf._units(doc)
    assert [u.table for u in units] == [i for i in range(20) for _ in range(2)]
    assert all(u.row in (1, 2) for u in units)


def test_split_table_rows_stay_whole_and_once(qapp):
    # tall rows (several lines each) in a short page: every one must land on one page
    tall = "很长的任务内容" * 12
    html = _table(0, 40, tall)
    width, height = 300.0, 400.0
    doc = pdf.paginate(html, width, height)
    units = pdf._units(doc)
    assert len(units) == 40
    assert pdf._first_fix(units, height) is None
    for u in units:
        assert pdf._page(u.top, height) == pdf._page(u.bottom - 0.02, height)
    # each row is in the document exactly once
    text = doc.toPlainText()
    for r in range(40):
        assert text.count(f"{tall}[0-{r}]") == 1
