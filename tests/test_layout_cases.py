"""Layout case files: a page as a real extractor gives it, and the text reflow must make of it.

Each `tests/cases/layout/NAME.txt` holds the input, a line `=== output ===`, and the expected
Markdown output (`#` the title, `##` a subhead, `*credit*`, `* * *` between articles: the
structure shows). An optional first line `# rules: L08 S07` names rules that must take part
(a decision or an edit), so a case cannot pass by luck once the rule is switched off. The pages
are written for these tests; each shows one class of trouble found on real typeset and
extracted pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import reflow

CASES = Path(__file__).parent / "cases" / "layout"
MARK = "=== output ===\n"


def _read(path: Path) -> tuple[str, str, set[str]]:
    text = path.read_text(encoding="utf-8")
    rules: set[str] = set()
    if text.startswith("# rules:"):
        head, text = text.split("\n", 1)
        rules = set(head.split(":", 1)[1].split())
    before, after = text.split(MARK)
    return before, after, rules


def test_there_are_cases() -> None:
    assert len(list(CASES.glob("*.txt"))) >= 10


@pytest.mark.parametrize("path", sorted(CASES.glob("*.txt")), ids=lambda p: p.stem)
def test_layout_case(path: Path) -> None:
    before, after, rules = _read(path)
    page = reflow.analyze(before)
    assert reflow.render(page, "markdown") == after
    fired = {d.rule for d in page.decisions} | {e.rule for e in page.edits}
    assert rules <= fired, f"{sorted(rules - fired)} took no part"


@pytest.mark.parametrize("path", [p for p in sorted(CASES.glob("*.txt")) if _read(p)[2]],
                         ids=lambda p: p.stem)
def test_layout_case_without_its_rules_differs(path: Path) -> None:
    """The named rules are needed: switched off, the output is not the expected one. (Cases that
    name no rule show a rule that must not fire, such as a kicker read as an author.)"""
    before, after, rules = _read(path)
    assert reflow.reflow_text(before, format="markdown", ignore=sorted(rules)) != after
