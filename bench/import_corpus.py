"""Score the importer on real government documents with gold outlines.

Run: python bench/import_corpus.py [CORPUS_DIR] [--json] [--verbose]
(default corpus: ../shared/corpus/real beside the repository).

Figures (each over the whole corpus; see the README of the corpus for the gold format):
- title / year / organization: share of documents whose value matches the gold value or
  one of its alternates. Texts are compared after removing pinyin glosses, whitespace and
  punctuation width, and in simplified script (storing simplified text is a user choice).
  A multi-year plan whose gold year is null counts as right when the year is the gold
  alternate (its first year) or null.
- level-1 F1: micro F1 of the level-1 plan headings (marker removed) against the gold
  level-1 nodes that are not retrospective. Sections the importer marks as summary are not
  plan headings.
- exact task counts: share of gold level-1 plan nodes whose matched heading has exactly the
  gold task count (own tasks and descendants'); a task table counts as one unit, its rows.
- responsibility fields: for every gold responsibility entry, the task found by its first
  20 characters; owner_unit, lead_leader and deadline (and co_units when the gold gives it)
  are one unit each.
- noise left: gold noise strings and pinyin glosses found in a plan title, heading or task.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.importing import parse_file  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
GLOSS_RE = re.compile(rf"\([{_PINYIN}]{{1,7}}\)|\([{_PINYIN}]{{1,7}}$")
_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "。": "."})

try:
    import opencc

    _T2S = opencc.OpenCC("t2s").convert
except ImportError:  # the scorer still runs; traditional titles then compare as written
    _T2S = str


def fold(text: str | None) -> str:
    """NFKC, one punctuation width, no whitespace, simplified script."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return _T2S("".join(text.split()))


def norm(text: str | None, gloss_re: re.Pattern[str] = GLOSS_RE) -> str:
    """Compare form of titles, headings and fields: ``fold`` without glosses and end marks."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return fold(gloss_re.sub("", text)).rstrip(".:;")


@dataclass
class Score:
    """Counts of one corpus run; ``figures`` turns them into shares."""

    docs: int = 0
    title: int = 0
    year: int = 0
    org: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    count_units: int = 0
    count_ok: int = 0
    resp_units: int = 0
    resp_ok: int = 0
    noise_left: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        """The figures of the module docstring, rounded to 3 places."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0

        def share(a: int, b: int) -> float:
            return round(a / b, 3) if b else 1.0

        return {
            "documents": self.docs,
            "title": share(self.title, self.docs),
            "year": share(self.year, self.docs),
            "organization": share(self.org, self.docs),
            "level1_f1": round(f1, 3),
            "task_counts": share(self.count_ok, self.count_units),
            "responsibility": share(self.resp_ok, self.resp_units),
            "noise_left": self.noise_left,
        }


# ---------------------------------------------------------------- the importer's side
def _plan_doc(result):  # noqa: ANN001, ANN202
    """The plan of a file: the first document that is not a cover notice or a summary."""
    docs = [d for d in result.documents if getattr(d, "part", "plan") == "plan"]
    return docs[0] if docs else (result.documents[0] if result.documents else None)


def _is_summary(sec) -> bool:  # noqa: ANN001
    return bool(getattr(sec, "retrospective", False))


def _sec_tasks(sec) -> int:  # noqa: ANN001
    return len(sec.tasks) + sum(_sec_tasks(c) for c in sec.children)


def _heading_text(sec) -> str:  # noqa: ANN001
    return sec.heading + (sec.run_in or "")


def _all_tasks(doc) -> list:  # noqa: ANN001
    tasks = list(doc.tasks)
    for sec in doc.iter_sections():
        tasks.extend(sec.tasks)
    return tasks


def _outputs(doc) -> list[str]:  # noqa: ANN001
    """Every plan title, heading and task text (where noise must not be)."""
    out = [doc.title if doc.title_from_source else ""]
    for sec in doc.iter_sections():
        if not _is_summary(sec):
            out.append(_heading_text(sec))
    out += [t.text for t in _all_tasks(doc)]
    return out


# ---------------------------------------------------------------- gold side
def _strip_marker(node: dict) -> str:
    heading, marker = node["heading"], node.get("marker") or ""
    return heading[len(marker) :] if marker and heading.startswith(marker) else heading


def _matches(value: str | None, gold: str | None, alternates: list, gre: re.Pattern[str]) -> bool:
    if gold is None and not value:
        return True
    keys = {norm(g, gre) for g in [gold, *alternates] if g}
    return bool(value) and norm(value, gre) in keys


def score_document(gold: dict, result, score: Score, name: str) -> None:  # noqa: ANN001
    """Add one file's counts to ``score``."""
    gre = re.compile(gold["inline_noise_regex"]) if gold.get("inline_noise_regex") else GLOSS_RE
    score.docs += 1
    doc = _plan_doc(result)
    title = doc.title if doc is not None and doc.title_from_source else None
    if _matches(title, gold["title"], gold.get("title_alternates") or [], gre):
        score.title += 1
    else:
        score.misses.append(f"{name}: title {title!r} != {gold['title']!r}")
    year = doc.year if doc is not None else None
    years = [gold["year"]] if gold["year"] is not None else [None, *gold.get("year_alternates", [])]
    if gold["year"] is None and gold.get("year_range"):
        years = [None, *(gold.get("year_alternates") or [])]
    if year in years:
        score.year += 1
    else:
        score.misses.append(f"{name}: year {year} != {gold['year']}")
    org = doc.organization if doc is not None else None
    org_alts = gold.get("organization_alternates") or []
    if gold["organization"] is None:
        ok = not org or norm(org, gre) in {norm(a, gre) for a in org_alts}
    else:
        ok = _matches(org, gold["organization"], org_alts, gre)
    if ok:
        score.org += 1
    else:
        score.misses.append(f"{name}: organization {org!r} != {gold['organization']!r}")
    _score_headings(gold, doc, score, name, gre)
    _score_responsibility(gold, doc, score, name, gre)
    _score_noise(gold, doc, score, name, gre)


def _score_headings(gold: dict, doc, score: Score, name: str, gre) -> None:  # noqa: ANN001
    ours = [s for s in (doc.sections if doc is not None else []) if not _is_summary(s)]
    ours_keys = [norm(_heading_text(s), gre) for s in ours]
    used: set[int] = set()
    if gold.get("table"):
        score.count_units += 1
        got = len(_all_tasks(doc)) if doc is not None else 0
        if got == gold["table_task_count"]:
            score.count_ok += 1
        else:
            score.misses.append(f"{name}: table rows {got} != {gold['table_task_count']}")
    for node in gold["sections"]:
        if node.get("kind") == "retrospective":
            continue
        keys = {norm(_strip_marker(node), gre)}
        keys |= {norm(h, gre) for h in node.get("heading_alternates") or []}
        keys |= {norm(re.sub(r"^\S{1,4}?[、.．]", "", h), gre) for h in keys}
        hit = next((i for i, k in enumerate(ours_keys) if i not in used and k in keys), None)
        score.count_units += 1
        if hit is None:
            score.fn += 1
            score.misses.append(f"{name}: heading not found {node['heading'][:30]!r}")
            continue
        used.add(hit)
        score.tp += 1
        got = _sec_tasks(ours[hit])
        if got == node["task_count"]:
            score.count_ok += 1
        else:
            score.misses.append(
                f"{name}: {node['heading'][:20]!r} tasks {got} != {node['task_count']}"
            )
    for i, key in enumerate(ours_keys):
        if i not in used:
            score.fp += 1
            score.misses.append(f"{name}: extra heading {key[:30]!r}")


def _score_responsibility(gold: dict, doc, score: Score, name: str, gre) -> None:  # noqa: ANN001
    tasks = _all_tasks(doc) if doc is not None else []
    keyed = [(norm(t.text, gre), t) for t in tasks]
    for entry in gold["responsibility"]:
        prefix = norm(entry["task"], gre)[:12]
        task = next((t for k, t in keyed if k.startswith(prefix)), None)
        fields = ["owner_unit", "lead_leader", "deadline"]
        if "co_units" in entry:
            fields.append("co_units")
        for f in fields:
            score.resp_units += 1
            value = getattr(task, f, None) if task is not None else None
            alts = entry.get(f"{f}_alternates") or []
            if task is not None and _matches(value, entry[f], alts, gre):
                score.resp_ok += 1
            else:
                where = "task not found" if task is None else f"{value!r}"
                score.misses.append(f"{name}: {entry['task'][:10]} {f} {where} != {entry[f]!r}")


def _score_noise(gold: dict, doc, score: Score, name: str, gre) -> None:  # noqa: ANN001
    if doc is None:
        return
    outputs = [fold(o) for o in _outputs(doc)]
    for noise in gold.get("noise") or []:
        key = fold(noise)
        if len(key) >= 3 and any(key in o for o in outputs):
            score.noise_left += 1
            score.misses.append(f"{name}: noise left {noise[:30]!r}")
    for o in outputs:
        for m in gre.finditer(o):
            score.noise_left += 1
            score.misses.append(f"{name}: gloss left {m.group(0)!r}")


def run(corpus: Path) -> Score:
    """Parse every plan of the corpus and score it against its gold file."""
    score = Score()
    for plan in sorted((corpus / "plans").glob("*.txt")):
        gold_path = corpus / "expected" / (plan.stem + ".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"][0]
        try:
            result = parse_file(plan)
        except Exception as exc:  # a file the importer refuses scores nothing
            score.misses.append(f"{plan.stem[:3]}: refused: {exc}")

            class _Empty:
                documents: list = []

            result = _Empty()
        score_document(gold, result, score, plan.stem[:3])
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "plans").is_dir():
        sys.exit(f"no corpus at {corpus}")
    score = run(corpus)
    figures = score.figures()
    if args.verbose:
        print("\n".join(score.misses))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:16} {value}")


if __name__ == "__main__":
    main()
