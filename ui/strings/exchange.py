"""Exchange between offices (ui/exchange_dialog.py)."""

from __future__ import annotations

# exchange between offices (ui/exchange_dialog.py, models/exchange/)
ACT_EXCHANGE_SEND = "发送数据包…"
TIP_EXCHANGE_SEND = (
    "把本单位自上次发送以来的改动写成数据包（.pdx），经 U 盘、公文附件或共享文件夹交给对方"
)
ACT_EXCHANGE_RECEIVE = "接收数据包…"
TIP_EXCHANGE_RECEIVE = "按顺序导入其他单位发来的数据包；冲突逐条列出，由您决定"
EXCHANGE_FILTER = "PlanDesk 数据包 (*.pdx);;所有文件 (*)"
EXCHANGE_SAVE_TITLE = "保存数据包"
EXCHANGE_OPEN_TITLE = "选择收到的数据包"
EXCHANGE_OWN_TITLE = "本单位信息"
EXCHANGE_OWN_PROMPT = "发送数据包前，请填写本单位的名称、类别和代码（代码在全县唯一，如区划代码）。"
EXCHANGE_PEER_TITLE = "收件单位"
EXCHANGE_PEER_PROMPT = "请填写收件单位（如县督查室）的名称、类别和代码。"
EXCHANGE_NAME = "名称"
EXCHANGE_KIND = "类别"
EXCHANGE_CODE = "代码"
EXCHANGE_CHOOSE_PEER = "发给哪个单位？"
EXCHANGE_FILE_NAME = "{own}至{peer}-{date}.pdx"
EXCHANGE_NOTHING = "自上次发给{peer}的数据包以来没有改动，未生成数据包。"
EXCHANGE_SENT = "已写出发给{peer}的第 {seq} 号数据包：{changes} 处改动（{path}）"
EXCHANGE_CONFLICT_TITLE = "数据包冲突"
EXCHANGE_CONFLICT_TEXT = (
    "以下 {count} 处，本库与对方都改动过（{name} 第 {seq} 号数据包）：\n\n{rows}\n\n"
    "请决定：保留本库的内容，还是采用对方的内容？（两边都没有冲突的改动照常导入）"
)
EXCHANGE_CONFLICT_ROW = "· {what}：{columns}"
EXCHANGE_CONFLICT_COLUMN = "{column} 本库“{here}”/对方“{there}”"
EXCHANGE_COLUMN_SEP = "；"
EXCHANGE_PEER_CHOICE = "{name}（{code}）"
PLAN_OF_OFFICE = "〔{office}〕{title}"
EXCHANGE_CONFLICT_MORE = "……另有 {count} 处"
EXCHANGE_KEEP_MINE = "保留本库"
EXCHANGE_TAKE_THEIRS = "采用对方"
EXCHANGE_CANCEL = "取消"
EXCHANGE_RECEIVED = (
    "已导入 {applied} 个数据包（跳过已导入过的 {duplicates} 个），共 {changes} 处改动。"
)
EXCHANGE_TABLES = {
    "plans": "计划",
    "nodes": "条目",
    "checkpoints": "节点",
    "progress_log": "进展",
    "units": "单位",
}
