"""Property: whatever the text, the parser only raises ImportFileError and conserves text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.errors import ImportFileError
from models.importing import parse_file, parse_text
from models.importing.conservation import check_conservation

FRAGMENTS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "3．",
    "（1）",
    "(2)",
    "①",
    "②",
    "第一部分",
    "第二章",
    "一是",
    "二是",
    "三是",
    "加强党的建设",
    "发展镇域经济",
    "抓好学习",
    "扩大油茶种植规模",
    "，",
    "。",
    "；",
    "：",
    "！",
    "？",
    "、",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "\n",
    "\n",
    "\n",
    " ",
    "\u3000",
    "\r\n",
    "\t",
    "XX镇2024年工作计划",
    "工作要点",
    "目录",
    "目 录",
    "【更多素^材搜索哒%哒%*文库】",
    "##paidbegin##",
    "##paidend##",
    "第1页共4页",
    "- 2 -",
    "点击下载本文档",
    "首页 > 范文 > 计划",
    "发布时间：2024-01-01 来源：网",
    "（8篇）",
    "提纲：",
    "篇一：",
    "（牵头领导：张三；责任单位：镇农业办；完成时限：6月底前）",
    "——责任单位：财政所",
    "牵头领导：李四",
    "5万只",
    "98%以上",
    "年底前",
    "每月",
    "常态化",
    "2024年1月5日",
    "XX镇人民政府",
    "一、二期",
    "二坚定不移",
    "…",
    ".",
    ",",
    ";",
    ":",
    "以下是小编整理的",
    "0",
    "12",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_conserves(text: str):
    try:
        result = parse_text(text)
    except ImportFileError:
        return
    check_conservation(result)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=400))
def test_any_bytes_as_txt_only_raise_import_errors(tmp_path: Path, data: bytes):
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    try:
        result = parse_file(path)
    except ImportFileError:
        return
    check_conservation(result)


NUMBERS = [
    "",
    "",
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "1.",
    "2.",
    "（1）",
    "①",
    "第一部分 ",
    "一是",
    "二是",
    "三",
    "篇一：",
    "四、",
    "(三)",
]
PHRASES = [
    "加强党的建设",
    "推进一、二期工程",
    "完成医保征缴任务98%以上",
    "每月检查",
    "扩大规模",
    "落实“应保尽保”",
    "年底前完成",
    "XX镇2024年工作计划",
    "抓好村（社区）建设",
]
ENDS = ["。", "；", "，", "：", "！", "", "。”", "（牵头领导：张三；责任单位：农业办）"]
NOISE = ["", "", "", "【更多素材文库】", "第2页共3页", "##paidbegin##", " 3 "]

line = st.tuples(
    st.sampled_from(NUMBERS),
    st.lists(
        st.tuples(st.sampled_from(PHRASES), st.sampled_from(NOISE), st.sampled_from(ENDS)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["\n", "\n", "\r\n", " ", ""]),
).map(lambda t: t[0] + "".join(a + b + c for a, b, c in t[1]) + t[2])
plans = st.lists(line, min_size=1, max_size=25).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_plan_like_text_conserves(text: str):
    result = parse_text(text)
    check_conservation(result)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_damaged_docx_and_xlsx_only_raise_import_errors(tmp_path: Path, data):
    from tests.models.import_fixtures import numbered_docx, task_xlsx

    kind = data.draw(st.sampled_from(["docx", "xlsx"]))
    good = tmp_path / f"good.{kind}"
    if not good.exists():
        (numbered_docx if kind == "docx" else task_xlsx)(good)
    raw = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    bad = tmp_path / f"bad.{kind}"
    bad.write_bytes(bytes(raw))
    try:
        result = parse_file(bad)
    except ImportFileError:
        return
    check_conservation(result)
