"""Export, print, PDF and the 公文 format check."""

from __future__ import annotations

# ------------------------------------------------------------------ export, print, PDF
ACT_EXPORT_WORD = "导出 Word…"
ACT_EXPORT_TASKS = "导出任务分解表（Word/Excel）…"
ACT_EXPORT_TEMPLATE = "使用模板导出…"
ACT_PRINT_PREVIEW = "打印预览…"
ACT_PRINT_PREVIEW_TASKS = "任务分解表打印预览…"
ACT_EXPORT_PDF = "导出 PDF…"
TIP_EXPORT_WORD = "按 GB/T 9704 公文格式导出计划全文（Word 文档）"
TIP_EXPORT_TEMPLATE = "用本单位的 Word 模板导出计划"
EXPORT_SAVE_WORD = "导出 Word 文档"
EXPORT_SAVE_WORD_FONTS = EXPORT_SAVE_WORD + "（{fonts}）"
ACT_WINDOWS_FONT_NAMES = "Word 文件使用 Windows 自带字体名"
TIP_WINDOWS_FONT_NAMES = (
    "勾选：仿宋、楷体、华文中宋（每台 Windows 电脑都能正常显示）；"
    "不勾选：仿宋_GB2312、楷体_GB2312、方正小标宋简体（公文标准字体名，需要安装这些字体）"
)
FONT_NAMES_OFFICIAL = "字体：仿宋_GB2312、楷体_GB2312、方正小标宋简体"
FONT_NAMES_WINDOWS = "字体：仿宋、楷体、华文中宋（Windows 自带）"
EXPORT_SAVE_TASKS = "导出任务分解表"
EXPORT_SAVE_PDF = "导出 PDF"
EXPORT_PICK_TEMPLATE = "选择 Word 模板"
EXPORT_SAVE_TEMPLATE = "保存用模板生成的文档"
FILTER_DOCX = "Word 文档 (*.docx)"
FILTER_TASKS = "Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"
FILTER_PDF = "PDF 文件 (*.pdf)"
TASKS_FILE_SUFFIX = "任务分解表"
EXPORTING = "正在导出……"
EXPORT_DONE = "已导出：{path}"
EXPORT_DONE_BOX = "文件已导出，保存在：\n{path}"
PRINT_PREVIEW_TITLE = "打印预览 - {title}"
FONTS_TITLE = "字体检查"
FONTS_SUBSTITUTED = (
    "本机没有安装以下公文字体，打印和 PDF 将使用替代字体：\n{lines}\n"
    "导出的 Word 文档仍写标准字体名称，在装有这些字体的电脑上显示正常。"
)
FONTS_LINE = "{official} → {used}"
FONTS_NONE_LINE = "{official} → 没有可用的替代字体，由系统自动选择"

# 文件 → 检查公文格式… (ui/check_dialog.py; the findings themselves come from the checker)
ACT_CHECK_DOCX = "检查公文格式…"
TIP_CHECK_DOCX = "按 GB/T 9704-2012 逐条检查一个 Word 文档（.docx），列出不符合的地方"
CHECK_OPEN_TITLE = "选择要检查的 Word 文档"
CHECK_FILTER = "Word 文档 (*.docx)"
CHECK_TITLE = "公文格式检查：{name}"
CHECK_RUNNING = "正在检查“{name}”（排版检查需要几秒钟）…"
CHECK_HEADERS = ("结果", "条款", "要求", "说明")
CHECK_STATUS = {"pass": "符合", "fail": "不符合", "skip": "未检查"}
CHECK_SUMMARY_OK = "符合 GB/T 9704：{passed} 项符合，{skipped} 项未检查。"
CHECK_SUMMARY_FAIL = "有 {failed} 项不符合 GB/T 9704（{passed} 项符合，{skipped} 项未检查）。"
CHECK_NO_RENDER = "未安装 LibreOffice，排版后的页面（分页、落款位置、页码位置）未检查。"
CHECK_SHOW_ALL = "显示符合和未检查的项"
CHECK_AGAIN = "重新检查"
CHECK_OTHER = "检查其他文件…"
