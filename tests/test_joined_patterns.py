"""Patterns asked together (`config.any_of`): one search finds a match exactly where one of them
would, and patterns that joining would change are not joined."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from reflow import config
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
    assert [joined.search(t) is not None for t in LINES] == [
        any(p.search(t) for p in patterns) for t in LINES
    ]


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?P<x>a)(?P=x)", r"(?i)b", r"(?i-s)b", r"(a)(?1)",
                                     r"(a)(?(1)a|b)", r"(a)(?-1)", r"(a)\g<1>", r"a(?R)?"])
def test_patterns_that_refer_to_groups_or_set_flags_are_not_joined(pattern):
    assert config.any_of((regex.compile("x", regex.V0), regex.compile(pattern, regex.V0))) is None


def test_no_patterns_join_to_none():
    assert config.any_of(()) is None
