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
EXCHANGE_PEER_CHOICE = "{name}（{code}）"
PLAN_OF_OFFICE = "〔{office}〕{title}"
EXCHANGE_KEEP_MINE = "保留本库"
EXCHANGE_TAKE_THEIRS = "采用对方"
EXCHANGE_CANCEL = "取消"
EXCHANGE_RECEIVED = (
    "已导入 {applied} 个数据包（跳过已导入过的 {duplicates} 个），共 {changes} 处改动。"
)

# the conflict dialog (ui/exchange/conflict_dialog.py): one choice per conflicting row
CONFLICT_DIALOG_TITLE = "数据包冲突：逐条决定"
CONFLICT_DIALOG_INTRO = (
    "以下 {count} 处，本库与对方都改动过。请逐条决定保留本库的内容，还是采用对方的内容；"
    "两边都没有冲突的改动照常导入。取消则什么都不导入。"
)
CONFLICT_PACKET = "{name} 第 {seq} 号数据包（{count} 处冲突）"
CONFLICT_HEADERS = ("内容", "字段", "本库", "对方", "决定")
CONFLICT_WHAT = "{what}：{text}"
CONFLICT_WHAT_LINE = "{what}\n{how}，{why}"
CONFLICT_UNDECIDED = "请选择"
CONFLICT_ALL_MINE = "全部保留本库"
CONFLICT_ALL_THEIRS = "全部采用对方"
CONFLICT_IMPORT = "导入"
CONFLICT_LEFT = "还有 {count} 处未决定"
CONFLICT_EMPTY = "（空）"
CONFLICT_GONE_HERE = "（本库已删除）"
CONFLICT_GONE_THERE = "（对方已删除）"
CONFLICT_KINDS = {
    "section": "章节",
    "task": "任务",
    "nodes": "条目",
    "plans": "计划",
    "checkpoints": "节点",
    "progress_log": "进展",
    "units": "单位",
    "evidence": "佐证材料",
    "evidence_files": "佐证文件",
}
CONFLICT_OPS = {"INSERT": "对方新增", "UPDATE": "对方修改", "DELETE": "对方删除"}
CONFLICT_REASONS = {
    "changed_here": "本库已改动",
    "deleted_here": "本库已删除（只能保留本库）",
    "exists_here": "本库已有不同内容",
}
