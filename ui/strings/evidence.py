"""佐证材料 and 目标考核 (ui/evidence/)."""

from __future__ import annotations

# 佐证材料 and 目标考核 (ui/evidence/)
EV_TITLE = "佐证材料"
EV_HINT = "可把照片、扫描件等文件拖到这里。单个文件不超过 {limit} MB。"
EV_NONE = "该任务还没有佐证材料。"
EV_ADD = "添加文件…"
EV_OPEN = "打开"
EV_SAVE_AS = "另存为…"
EV_REMOVE = "删除"
EV_REDUCE = "缩小大图"
EV_REDUCE_TIP = "照片长边超过 {side} 像素时缩小后保存（保留拍摄时间和位置）"
EV_NOTE_PH = "说明（可选，随本次添加的文件保存）"
EV_PICK_TITLE = "选择佐证材料"
EV_PICK_FILTER = (
    "佐证材料 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.pdf *.ofd *.doc "
    "*.docx *.xls *.xlsx *.ppt *.pptx *.wps *.et *.dps *.zip *.rar *.7z *.mp4 *.mov *.mp3 "
    "*.wav *.amr *.m4a *.txt *.csv);;所有文件 (*)"
)
EV_SAVE_TITLE = "另存佐证材料"
EV_CONFIRM_REMOVE_TITLE = "删除佐证材料"
EV_CONFIRM_REMOVE = "从该任务中删除所选的 {count} 个佐证材料？（可以撤销）"
EV_ADDED = "已添加 {count} 个佐证材料"
EV_SAVED = "已保存到 {path}"
EV_OPEN_FAILED = "没有程序能打开“{name}”，请用“另存为”保存后再打开。"
EV_ITEM_LINE = "{kind} · {size} · 添加于 {added}"
EV_TAKEN = "拍摄于 {when}"
EV_PLACE = "拍摄地点：{place}"
EV_NOTE = "说明：{note}"
EV_SELECT = "请先选择佐证材料。"
UNDO_ADD_EVIDENCE = "添加佐证材料（{count} 个）"
UNDO_REMOVE_EVIDENCE = "删除佐证材料（{count} 个）"
EV_DUE_MISSING = "只看缺佐证（{count} 项任务）"
EV_DUE_MISSING_TIP = "只列出还没有佐证材料的任务及其节点，便于报送或年终考核前补齐"

# ---------------------------------------------------------------- 目标考核
ACT_ASSESSMENT = "目标考核自评…"
TIP_ASSESSMENT = "录入或导入年度考核细则，关联任务，按已记录的进展和佐证材料生成自评表"
ACT_EXPORT_EVIDENCE = "导出佐证材料…"
TIP_EXPORT_EVIDENCE = "把当前计划的佐证材料按章节和任务分文件夹导出，并生成佐证材料清单"
EXPORT_EVIDENCE_TITLE = "选择导出佐证材料的空文件夹"
EXPORT_EVIDENCE_NO_PLAN = "请先在左侧选择一个计划。"
EXPORTED_EVIDENCE = "已导出佐证材料，清单：{path}"
AS_TITLE = "目标考核自评"
AS_YEAR = "考核年度"
AS_TOTALS = "共 {count} 项，总分值 {points} 分，自评得分 {score}"
AS_HEADERS = (
    "序号",
    "考核项目",
    "分值",
    "负责考核部门",
    "考核指标",
    "评分标准",
    "对应任务",
    "是否完成",
    "完成度",
    "佐证（份）",
    "建议分",
    "自评分",
    "详细说明",
)
AS_IMPORT = "导入考核细则…"
AS_IMPORT_TITLE = "选择县里下发的考核细则表格"
AS_IMPORT_FILTER = "考核细则表格 (*.xlsx *.docx)"
AS_REPLACE_TITLE = "替换考核细则"
AS_REPLACE = (
    "{year}年度已有 {count} 个考核项目。用新表格替换它们（关联和自评分一并清除，可以撤销）？"
)
AS_NEW_PROJECT = "考核项目"
AS_NEW_POINTS = "分值"
AS_ADD = "添加项目"
AS_REMOVE = "删除项目"
AS_LINK = "关联当前任务"
AS_UNLINK = "取消关联当前任务"
AS_AUTO = "按规则评分"
AS_EXPORT_XLSX = "导出自评表（Excel）…"
AS_EXPORT_DOCX = "导出自评报告（Word）…"
AS_SAVE_XLSX = "保存自评表"
AS_SAVE_DOCX = "保存自评报告"
AS_FILTER_XLSX = "Excel 表格 (*.xlsx)"
AS_FILTER_DOCX = "Word 文档 (*.docx)"
AS_CLOSE = "关闭"
AS_NO_TASK = "请先在左侧选中一项任务，再关联到考核项目。"
AS_SELECT = "请先在表中选择考核项目。"
AS_BAD_SCORE = "自评分应为数字；清空则按规则评分。"
AS_WRITTEN = "已导出：{path}"
AS_OVERRIDDEN = "（已修改）"
UNDO_ASSESSMENT = "修改考核细则（{what}）"
UNDO_AS_IMPORT = "导入"
UNDO_AS_ADD = "添加项目"
UNDO_AS_REMOVE = "删除项目"
UNDO_AS_LINK = "关联任务"
UNDO_AS_UNLINK = "取消关联"
UNDO_AS_SCORE = "自评分"
AS_FILE_XLSX = "{year}年度目标考核自评表.xlsx"
AS_FILE_DOCX = "{year}年度目标考核自评报告.docx"
AS_SCORE = "{score} 分"
EV_TARGET = "关联到"
EV_TARGET_TASK = "任务本身"
EV_TARGET_CP = "节点：{title}"
EV_TARGET_PR = "进展记录：{date} {text}"
EV_LINKED_CP = "所属节点：{title}"
EV_LINKED_PR = "所属进展记录：{date}"
UNDO_AS_EDIT = "修改项目"
JOB_CANCEL = "取消"
JOB_CANCELLING = "正在取消……"
