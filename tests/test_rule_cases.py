"""Every rule can be switched off: each rule's own examples through the command line, with and
without `--ignore ID`, give the documented outputs.

Rules written in code document their examples in `rules/cases/<ID>.txt`: the page, its output,
and the output with the rule ignored. Where that is the same text (another rule then reaches the
same decision), the case file says why, naming the rules that then decide: they must show in
`--explain`, and the ignored rule must not. Inline rules written as data document `before ->
after` for the rule alone: `--inline-only --select ID` makes `after`, adding `--ignore ID` leaves
`before` as it was.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflow import config
from reflow.registry import CODE_RULES

# The PDF rules' examples are pages drawn as PDFs: tests/test_pdf.py runs them.
CODE_EXAMPLES = [pytest.param(r, k, ex, id=f"{r.id}-{k}")
                 for r in CODE_RULES if r.family != "pdf" for k, ex in enumerate(r.examples)]
INLINE = config.load().inline
RULE_ID = re.compile(r"\b[A-Z]{1,3}\d{2}\b")


def explained(stderr: str) -> set[str]:
    """The rule ids of the `--explain` lines (`L3-4 L10 join: ...`)."""
    return {line.split()[1] for line in stderr.splitlines() if re.match(r"L\d+(-\d+)? ", line)}


def test_every_rule_written_in_code_has_a_case_file():
    for r in CODE_RULES:
        assert r.examples, f"rules/cases/{r.id}.txt is missing or empty"
        assert all(ex.ignored is not None for ex in r.examples), r.id


@pytest.mark.parametrize("rule,k,example", CODE_EXAMPLES)
def test_code_rule_with_and_without_ignore(run, tmp_path: Path, rule, k, example):
    page = tmp_path / "page.txt"
    page.write_text(example.before, encoding="utf-8")
    flags = [f"--{name}={value}" for name, value in example.options]
    on = run("--explain", *flags, page)
    assert on.returncode == 0, on.stderr
    assert on.stdout == example.after
    assert rule.id in explained(on.stderr), f"{rule.id} did not take part in its own example"

    off = run("--explain", "--ignore", rule.id, *flags, page)
    assert off.returncode == 0, off.stderr
    assert off.stdout == example.ignored
    assert rule.id not in explained(off.stderr), f"{rule.id} is ignored but still recorded"
    if example.ignored == example.after:
        assert example.note, f"rules/cases/{rule.id}.txt: same text with --ignore; say why"
        deciders = set(RULE_ID.findall(example.note))
        assert deciders <= explained(off.stderr), (example.note, off.stderr)
        assert on.stderr != off.stderr


@pytest.mark.parametrize("rule", INLINE, ids=lambda r: r.id)
def test_inline_rule_with_and_without_ignore(run, tmp_path: Path, rule):
    folder = tmp_path / "in"
    folder.mkdir()
    for k, (before, _) in enumerate(rule.examples):
        (folder / f"{k}.txt").write_text(before + "\n", encoding="utf-8")
    flags = ["--inline-only", "--explain", "--select", rule.id, *(
        ["--spacing", rule.spacing] if rule.spacing else [])]
    for ignore, want in (([], 1), (["--ignore", rule.id], 0)):
        out = tmp_path / ("off" if ignore else "on")
        done = run(*flags, *ignore, folder, "-o", f"{out}/")
        assert done.returncode == 0, done.stderr
        for k, example in enumerate(rule.examples):
            assert (out / f"{k}.txt").read_text(encoding="utf-8") == example[want] + "\n"
        ids = {line.split()[2] for line in done.stderr.splitlines()}
        assert (rule.id in ids) == (not ignore), done.stderr
