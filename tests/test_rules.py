"""The rule registry: every rule is registered once, documented, and its examples hold."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import reflow
from reflow import config
from reflow.inline.apply import apply_rules
from reflow.registry import all_rules

RULES = all_rules()
INLINE = {r.id: r for r in config.load().inline}
# layout rules, and inline rules written in code (the PDF rules' examples are PDFs: test_pdf.py)
CODE = [r for r in RULES if r.id not in INLINE and r.family != "pdf"]


def test_ids_are_unique_and_stable_in_form():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for r in RULES:
        assert re.fullmatch(r"[A-Z]{1,3}\d{2}", r.id), r.id
        assert r.name == r.name.lower() and " " not in r.name, r.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_is_documented_with_examples(rule):
    assert len(rule.doc) > 40, f"{rule.id} needs a docstring that says why"
    assert rule.examples, f"{rule.id} has no examples"


@pytest.mark.parametrize("rule,example", [(r, e) for r in CODE for e in r.examples],
                         ids=lambda x: getattr(x, "id", ""))
def test_code_rule_examples(rule, example):
    page = reflow.analyze(example.before, **dict(example.options))
    assert reflow.render(page, "text") == example.after
    fired = {d.rule for d in page.decisions} | {e.rule for e in page.edits}
    assert rule.id in fired, f"{rule.id} did not take part in its own example"


@pytest.mark.parametrize("rule", list(INLINE.values()), ids=lambda r: r.id)
def test_inline_rule_examples(rule):
    for before, after in rule.examples:
        edits: list = []
        assert apply_rules(before, [rule], (1, 1), edits) == after
        assert edits and all(e.rule == rule.id for e in edits)
    for text in rule.unchanged:
        assert apply_rules(text, [rule], (1, 1), []) == text
    # the rules of the same spacing mode agree with each rule's examples: none undoes them, and
    # the set settles `after` as it settles `before` (a later rule may finish the step: WD09
    # makes the digits of WD02's `１２.５` half width)
    mode = rule.spacing or "compact"
    same_mode = [r for r in INLINE.values()
                 if (r.default or r is rule) and r.spacing in (None, mode)]
    for before, after in rule.examples:
        settled = apply_rules(before, same_mode, (1, 1), [])
        assert settled != before
        assert apply_rules(after, same_mode, (1, 1), []) == settled


def test_inline_rules_only_delete_space_unless_declared():
    for rule in INLINE.values():
        if rule.deletes:
            continue
        for before, after in rule.examples:
            assert "".join(before.split()) == "".join(after.split())


def test_every_rule_is_reachable_by_select_and_ignore():
    from reflow.options import Options, code_off, inline_rules
    from reflow.registry import code_rules
    cfg = config.load()
    for r in cfg.inline:
        chosen = inline_rules(cfg, Options.make(select=r.id, spacing=r.spacing), code_rules())
        assert [x.id for x in chosen] == [r.id]
        assert r.id not in [
            x.id for x in inline_rules(cfg, Options.make(ignore=r.id), code_rules())
        ]
    for r in code_rules():
        assert code_off(Options.make(ignore=r.id), code_rules()) == {r.id}
        if r.family == "inline" and r.default:  # selectable like the rules written as data
            assert r.id not in code_off(Options.make(select=r.id), code_rules())
            assert r.id in code_off(Options.make(select="CH"), code_rules())


# Characters of CJK text and of everything the inline rules look at: Han, full-width and ASCII
# punctuation, the spaces, digits, letters, quotes and brackets, invisible characters.
NEEDS_ALPHABET = ("中文新闻报道记者张三年月日" "，。、；：？！…⋯．：（）「」『』《》【】“”‘’"
                  ",.;:?!()[]%$¥+#/-" " \t\u00a0\u2009\u202f\u3000\u200b\u2060\ufeff\u00ad"
                  "0123456789０１２AaBbZz²")


@pytest.mark.parametrize("rule", [r for r in INLINE.values() if r.needs is not None],
                         ids=lambda r: r.id)
def test_inline_rule_needs_what_every_match_holds(rule):
    """A rule with `needs` is not scanned on a text without those characters: that skips only
    what it would not have found, so every match of its pattern must hold one of them (on its
    examples, on every case of the spacing tables and on random text of the characters the
    rules look at)."""
    from hypothesis import given, strategies as st

    def holds(text: str) -> None:
        for m in rule.pattern.finditer(text):
            assert rule.needs & set(m.group()), f"{rule.id} matched {m.group()!r} in {text!r}"

    for text in [b for b, _ in rule.examples] + list(rule.unchanged):
        holds(text)
    for path in (Path(__file__).parent / "cases").glob("spacing_*.tsv"):
        for line in path.read_text(encoding="utf-8").split("\n"):
            holds(line.split("\t")[0])
    given(st.text(alphabet=NEEDS_ALPHABET, max_size=40))(holds)()
