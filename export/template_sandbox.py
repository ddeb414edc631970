"""The pieces of user-template rendering shared by the window's process and the render worker:
the Jinja sandbox and the clean-up of runs left empty by filling."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from jinja2 import FunctionLoader, StrictUndefined
from jinja2.exceptions import TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing every name that starts with an underscore.

    The stock sandbox refuses existing internals; a missing one (``x.__globals__`` on a
    builtin) would only be "undefined". Refusing all ``_`` names gives one clear message.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(attribute, str) and attribute.startswith("_"):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)


def _no_other_templates(name: str) -> None:
    raise TemplateNotFound(name)  # include/extends/import: a template is one file


def sandbox() -> SandboxedEnvironment:
    """The Jinja environment for user templates: sandboxed, unknown fields are errors,
    no other template files, no lipsum (megabytes of text from one call)."""
    env = _Sandbox(
        undefined=StrictUndefined, autoescape=True, loader=FunctionLoader(_no_other_templates)
    )
    env.globals.pop("lipsum", None)
    return env


# Run children that make a run worth keeping even without text.
_MEANINGFUL = {
    qn("w:" + t)
    for t in (
        "tab",
        "br",
        "cr",
        "fldChar",
        "instrText",
        "drawing",
        "pict",
        "object",
        "sym",
        "footnoteReference",
        "endnoteReference",
        "noBreakHyphen",
        "softHyphen",
        "ptab",
        "commentReference",
        "separator",
        "continuationSeparator",
        "pgNum",
        "delText",
    )
}


def story_roots(doc: DocxDocument) -> list[Any]:
    """The body and every header and footer of its own (not linked to the previous section)."""
    roots = [doc.element.body]
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    return roots


def drop_empty_runs(doc: DocxDocument) -> int:
    """Remove runs left empty by template filling (an empty field gives an empty run).

    Word and the GB/T checker count them as garbage; returns how many were removed.
    """
    removed = 0
    for root in story_roots(doc):
        for run in list(root.iter(qn("w:r"))):
            kids = [c for c in run if c.tag != qn("w:rPr")]
            if any(c.tag in _MEANINGFUL for c in kids):
                continue
            if any(c.tag == qn("w:t") and c.text for c in kids):
                continue
            run.getparent().remove(run)
            removed += 1
    return removed
