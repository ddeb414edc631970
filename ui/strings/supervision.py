"""督办 (ui/supervision/)."""

from __future__ import annotations

# ---------------------------------------------------------------- supervision (ui/supervision/)
# menu entries (督办 menu)
ACT_ROUNDS = "报送轮次"
TIP_ROUNDS = "按报送轮次查看各单位应报、已报、迟报、未报情况和红黄绿灯"
ACT_ITEMS = "督办事项…"
ACT_NEW_ITEM = "新增督办事项…"
ACT_SUPERVISION_SETTINGS = "督查规则设置…"
ACT_PACE_REASON = "记录未启动原因…"
TIP_PACE_REASON = "任务因客观原因未启动时记录原因，序时进度计为“其它”；清空即取消"
PACE_REASON_PROMPT = "未启动原因（清空则取消）："
SELECT_TASK = "请先在左侧选择一项任务。"

# round view
ROUND_NONE = "（当前计划还没有报送轮次）"
ROUND_COUNTS = (
    "应报 {expected} 个  已报 {received} 个  迟报 {late} 个  未报 {missing} 个  待报 {pending} 个"
)
ROUND_TITLE_ITEM = "{plan} · {title}（{due}截止）"
ROUND_CLOSED = "（已结束）"
ROUND_ISSUES = "本轮已发："
ISSUE_SEPARATOR = "、"
ISSUE_ITEM = "{title}{label}（{on}）"
ROUND_HEADERS = (
    "责任单位",
    "报送情况",
    "报送日期",
    "签字负责人",
    "催报次数",
    "任务数",
    "红灯",
    "黄灯",
    "绿灯",
)
BTN_NEW_ROUND = "新建轮次…"
BTN_ROUND_SHEETS = "生成本轮反馈表…"
BTN_RECEIVE = "导入反馈表…"
BTN_MARK = "登记已报…"
BTN_CHASE = "催报…"
BTN_CLOSE_ROUND = "结束本轮"
BTN_DOCUMENT = "生成督查文件"
DOC_MENU = {
    "bulletin": "政务督查通报（编期）…",
    "special": "督查专报（编期）…",
    "report": "督查报告…",
    "chase": "督查催办通知…",
}
NEW_ROUND_TITLE = "新建报送轮次"
NEW_ROUND_DUE = "报送截止日期："
NEW_ROUND_NAME = "轮次名称（可空）："
MARK_TITLE = "登记已报"
MARK_SIGNED = "单位负责人签字："
MARK_ON = "报送日期："
CHASE_DONE = "已向 {n} 个单位催报"
CHASE_NONE = "本轮各单位均已报送，无需催报。"
SELECT_ROUND = "请先选择一个报送轮次。"
SELECT_UNIT = "请先在表中选择一个单位。"
SELECT_PLAN = "请先在左侧选择一个计划。"
SHEETS_WRITTEN = "已生成 {n} 份反馈表：{folder}"
RECEIVED = "{unit}：{state}，记录 {n} 条进展"
DOC_WRITTEN = "已生成：{path}"
DOC_WRITTEN_ISSUE = "已生成{label}：{path}"
DOCX_FILTER = "Word 文档 (*.docx)"
CHOOSE_FOLDER = "选择保存反馈表的文件夹"

# items
ITEMS_TITLE = "督办事项"
ITEM_HEADERS = ("编号", "来源", "督办内容", "责任单位", "交办日期", "时限", "完成时限", "状态")
ITEM_STATE = {"open": "办理中", "done": "已办结", "closed": "已销号"}
BTN_ADD_ITEM = "新增…"
BTN_DONE = "办结…"
BTN_CANCEL = "销号…"
BTN_EXTEND = "延期…"
BTN_ASSIGNMENT = "交办单…"
BTN_MEETING = "会议议定事项报告…"
ITEM_FORM_TITLE = "新增督办事项"
ITEM_TEXT = "督办内容："
ITEM_SOURCE = "事项来源："
ITEM_REF = "来源依据："
ITEM_ASSIGNED = "交办日期："
ITEM_CLASS = "办理时限："
ITEM_UNIT = "责任单位："
ITEM_CO_UNITS = "配合单位："
ITEM_LEADER = "牵头领导："
ITEM_BY = "交办领导："
DONE_TITLE = "办结"
DONE_RESULT = "办理结果："
DONE_EVIDENCE = "佐证材料："
CANCEL_TITLE = "销号"
CANCEL_BY = "销号人："
CANCEL_NOTE = "备注："
EXTEND_TITLE = "延期"
EXTEND_DUE = "延期至："
EXTEND_REASON = "延期理由："
EXTEND_BY = "批准人："
ON_DATE = "日期："
SELECT_ITEM = "请先在表中选择一个督办事项。"

# settings
SUPERVISION_SETTINGS_TITLE = "督查规则设置"
SETTINGS_RULE = "序时进度规则："
SETTINGS_RULES = {"elapsed": "按时间进度（已过时间占比）", "months": "按月序时（11月应达11/12）"}
SETTINGS_THRESHOLD = "欠进度阈值（百分点）："
SETTINGS_NORMAL_DAYS = "一般件办理时限（工作日）："
SETTINGS_OFFICE = "发文单位："

# undo texts
UNDO_NEW_ROUND = "新建报送轮次“{title}”"
UNDO_MARK = "登记“{unit}”已报"
UNDO_RECEIVE = "导入“{unit}”本轮反馈表"
UNDO_CHASE = "催报"
UNDO_CLOSE_ROUND = "结束报送轮次“{title}”"
UNDO_ADD_ITEM = "新增督办事项"
UNDO_PACE_REASON = "记录未启动原因"
UNDO_CLOSING = {"done": "办结“{text}”", "cancel": "销号“{text}”", "extend": "延期“{text}”"}
