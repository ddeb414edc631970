"""Expected failures, each with one Chinese sentence for the user (STYLE.md §8)."""

from __future__ import annotations


class PlanDeskError(Exception):
    """Base of every expected failure; ``user_text`` is shown by the GUI and the CLI."""

    default_text = "操作未能完成。"

    def __init__(self, user_text: str | None = None, *, detail: str | None = None) -> None:
        self.user_text = user_text or self.default_text
        self.detail = detail
        super().__init__(self.user_text if detail is None else f"{self.user_text} ({detail})")


class ImportFileError(PlanDeskError):
    """A file cannot be imported; carries the path and, when known, the line."""

    default_text = "无法导入该文件。"

    def __init__(
        self,
        user_text: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        detail: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        super().__init__(user_text, detail=detail)


class UnsupportedEncodingError(ImportFileError):
    """The text encoding of a file could not be recognised."""

    default_text = "无法识别文件的文字编码，请另存为 UTF-8 或 GBK 编码的文本文件后再导入。"


class DatabaseTooNewError(PlanDeskError):
    """The database was written by a newer PlanDesk; it is never altered."""

    default_text = (
        "该数据文件由更新版本的 PlanDesk 创建，当前版本无法打开。"
        "请升级 PlanDesk 后再试，文件未做任何改动。"
    )


class DatabaseOpenError(PlanDeskError):
    """The file is not a PlanDesk database or cannot be opened."""

    default_text = "无法打开数据文件：它不是 PlanDesk 数据库，或已损坏。"


class DatabaseLockedError(PlanDeskError):
    """Another PlanDesk is writing to the same database."""

    default_text = "另一个 PlanDesk 窗口正在使用该数据文件。"


class ReadOnlyDatabaseError(PlanDeskError):
    """A write was tried on a database opened read-only (another PlanDesk is writing)."""

    default_text = "数据文件是以只读方式打开的，不能修改。请关闭另一个 PlanDesk 后重新打开。"


class NotFoundError(PlanDeskError):
    """A plan or node id that does not exist."""

    default_text = "找不到指定的计划或条目。"


class InvalidOperationError(PlanDeskError):
    """An outline operation that would break the outline (e.g. moving a node into itself)."""

    default_text = "无法执行该操作。"


class ExportError(PlanDeskError):
    """An export could not be written; the previous file is untouched."""

    default_text = "导出失败，原有文件未被改动。"


class TemplateError(ExportError):
    """A user template is broken or tries to reach what it must not."""

    default_text = "模板有误，无法使用。"


class Cancelled(PlanDeskError):
    """The user cancelled a long operation."""

    default_text = "操作已取消。"


class DocumentCheckError(PlanDeskError):
    """A file given to the GB/T 9704 checker is not a readable .docx."""

    default_text = "无法检查该文件：它不是可读取的 Word 文档（.docx）。"


class ChangeReasonRequiredError(InvalidOperationError):
    """A 完成时限/量化目标 change of a 定稿 plan without a reason (nothing is written)."""

    default_text = "计划已定稿，修改完成时限或量化目标须填写修改原因。"
