"""The result of a check: one finding per rule, each with its GB/T 9704 clause."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

PASS = "pass"
FAIL = "fail"
SKIP = "skip"  # the rule does not apply (no 版头) or could not be judged (no LibreOffice)

DOCX = "docx"  # judged from the file's XML
RENDER = "render"  # judged from the pages LibreOffice laid out


@dataclass(frozen=True, slots=True)
class Finding:
    """How one rule came out; ``detail`` says in Chinese what breaks it (or why skipped)."""

    rule: str  # stable id, e.g. "MARGINS"
    clause: str  # GB/T 9704-2012 clause, e.g. "5.2.1"
    title: str  # the rule in Chinese, e.g. "页边距（天头37、订口28、右26、下35 mm）"
    status: str  # PASS / FAIL / SKIP
    detail: str
    source: str = DOCX


@dataclass(slots=True)
class CheckReport:
    """All findings for one file, plus whether the page rules could be rendered."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    rendered: bool = False
    render_note: str = ""  # why the page rules were skipped, when they were
    pages: int | None = None

    @property
    def failures(self) -> list[Finding]:
        """The findings that break a rule."""
        return [f for f in self.findings if f.status == FAIL]

    @property
    def passed(self) -> bool:
        """True when no rule fails (skipped rules do not count against the file)."""
        return not self.failures

    def by_rule(self, rule: str) -> Finding:
        """The finding of one rule (KeyError when the rule is unknown)."""
        for f in self.findings:
            if f.rule == rule:
                return f
        raise KeyError(rule)

    def as_dict(self) -> dict:
        """A JSON-ready form (the ``--json`` output of ``check-docx``)."""
        return {
            "file": str(self.path),
            "passed": self.passed,
            "rendered": self.rendered,
            "render_note": self.render_note,
            "pages": self.pages,
            "counts": {
                s: sum(1 for f in self.findings if f.status == s) for s in (PASS, FAIL, SKIP)
            },
            "findings": [asdict(f) for f in self.findings],
        }
