"""Patterns asked together (`config.any_of`): one search finds a match exactly where one of them
would, and patterns that joining would change are not joined."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from reflow import config
from reflow.lines.classify import _found
from reflow.needs import needed_char, needed_run
from simulator import simulate, load_articles

CONFIG = config.load()
LINES = sorted(
    {line.strip() for seed in range(40) for line in simulate(seed, load_articles())[0].split("\n")}
    | {
        line.strip()
        for p in (Path(__file__).parent / "articles").glob("*.txt")
        for line in p.read_text(encoding="utf-8").split("\n")
    }
)
KINDS = ("opening", "closing", "credit", "author", "furniture")


@pytest.mark.parametrize("kind", KINDS)
def test_joined_line_patterns_match_where_one_of_them_does(kind):
    patterns = getattr(CONFIG, kind)
    joined = CONFIG.joined[kind]
    assert joined is not None
    assert [_found(CONFIG, kind, t) for t in LINES] == [
        any(p.search(t) for p in patterns) for t in LINES
    ]
    assert [joined.search(t) is not None for t in LINES] == [
        any(p.search(t) for p in CONFIG.unjoined[kind]) for t in LINES
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_pattern_asked_alone_matches_only_texts_with_its_character(kind):
    for char, run, pattern in CONFIG.needing[kind]:
        assert all(char in t for t in LINES if pattern.search(t))
        assert run is None or all(run.search(t) for t in LINES if pattern.search(t))
    assert len(CONFIG.needing[kind]) + len(CONFIG.unjoined[kind]) == len(getattr(CONFIG, kind))


@pytest.mark.parametrize("pattern, char", [
    (r"^\d{4}\s*年\s*\d{1,2}\s*月", "年"), (r"^第\s*\d+版", "第"), (r"^【[^】]{0,12}讯】", "【"),
    (r"^(?:本报|本報)(?:讯|訊)", None),  # in a group
    (r"^第?\d+版", "版"), (r"^第*\d", None), (r"^第{0,2}\d", None),  # made optional
    (r"^年|月", None),                    # an alternation at the top
    (r"[年]月", "月"), (r"[^]年]月", "月"), (r"[\]年]月", "月"), (r"[[:alpha:]年]", None),
    (r"\年", None), (r"(?#年)a", None), (r"(?i)年", None), (r"(?x)年", None), (r"a\(年\)", "年"),
])
def test_needed_char(pattern, char):
    assert needed_char(regex.compile(pattern, regex.V0)) == char


@pytest.mark.parametrize("pattern, run", [
    (r"^(?:第\s*)?\p{Han}{1,10}\d{4}\s*年\s*\d{1,2}\s*月(?:日)?$",
     r"\p{Han}{1,10}\d{4}\s*年\s*\d{1,2}\s*月"),
    (r"^[（(]记者[^）)]{0,9}$", r"[（(]记者[^）)]{0,9}"), (r"a\.年", r"a\.年"),
    (r"^年", None),                             # the character alone
    (r"^(?:ab)年", None), (r"\b年", None),      # a group or an anchor next to it
    (r"x*?年", None), (r"x++年", None),          # lazy, possessive: not followed
    (r"\x41年", None), (r"\N{LATIN SMALL LETTER A}年", None), (r"(a)\1年", None),
    (r"a{}年", None), (r"年|月", None),
])
def test_needed_run(pattern, run):
    found = needed_run(regex.compile(pattern, regex.V0))
    assert (found.pattern if found is not None else None) == run


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?P<x>a)(?P=x)", r"(?i)b", r"(?i-s)b", r"(a)(?1)",
                                     r"(a)(?(1)a|b)", r"(a)(?-1)", r"(a)\g<1>", r"a(?R)?"])
def test_patterns_that_refer_to_groups_or_set_flags_are_not_joined(pattern):
    assert config.any_of((regex.compile("x", regex.V0), regex.compile(pattern, regex.V0))) is None


def test_no_patterns_join_to_none():
    assert config.any_of(()) is None
