"""Reports (ui/report_dialog.py) and the county 通报."""

from __future__ import annotations

# ---------------------------------------------------------------- reports (ui/report_dialog.py)
ACT_REPORT = "生成报表(&B)…"
TIP_REPORT = "进展情况报告、督查通报、催办单和年度工作总结草稿：预览、打印、导出 Word/Excel"
REPORT_TITLE = "生成报表"
REPORT_KIND = "报表类型"
REPORT_PLAN = "计划"
REPORT_PERIOD = "统计期间"
REPORT_PERIOD_MONTH = "月度"
REPORT_PERIOD_QUARTER = "季度"
REPORT_PERIOD_HALF = "半年"
REPORT_PERIOD_YEAR = "全年"
REPORT_PERIOD_CUSTOM = "自定义"
REPORT_MONTH_ITEM = "{n}月"
REPORT_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
REPORT_HALVES = ("上半年", "下半年")
REPORT_YEAR_SUFFIX = " 年"
REPORT_FROM = "从"
REPORT_UNTIL = "至"
REPORT_RANGE = "期间：{range}"
REPORT_FORMAT = "导出格式"
REPORT_FORMAT_DOCX = "Word 文档（.docx，公文格式）"
REPORT_FORMAT_XLSX = "Excel 表格（.xlsx）"
REPORT_OPEN_FOLDER = "导出后打开所在文件夹"
REPORT_PREVIEW = "刷新预览"
REPORT_PRINT = "打印…"
REPORT_EXPORT = "导出…"
REPORT_SAVE_TITLE = "导出报表"
REPORT_FILTER_DOCX = "Word 文档 (*.docx)"
REPORT_FILTER_XLSX = "Excel 工作簿 (*.xlsx)"
REPORT_EXPORTING = "正在导出报表……"
REPORT_EXPORTED = "报表已导出：{path}"
REPORT_EXPORTED_BOX = "报表已导出，保存在：\n{path}"
REPORT_NO_PLAN = "还没有计划，请先新建或导入一份计划。"
REPORT_SUMMARY_DOCX_ONLY = "年度工作总结（草稿）只能导出为 Word 文档。"

# report dialog: the county 通报 ranking the offices that sent plans (issue 19)
REPORT_BY = "排名方式："
REPORT_BY_UNIT = "按责任单位（本计划）"
REPORT_BY_OFFICE = "按报送单位（各乡镇、部门收到的全部计划）"
REPORT_BY_OFFICE_FILE = "各单位"  # the file name of the county 通报, instead of a plan title
DUE_ANY_OFFICE = "全部报送单位"
DUE_OWN_OFFICE = "本单位"
