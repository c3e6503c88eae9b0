"""The conservation check: every non-space character of the input is in the output.

It runs on every call. A character may only go away through an edit of a rule declared to delete
(`deletes`); any other loss stops reflow with an error that names the rule or the stage, instead
of writing damaged text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet

from .model import Edit, Page


class ConservationError(RuntimeError):
    """reflow refused to write its output because a rule or stage would lose characters."""


# `\s` of `re` on str is exactly what str.isspace() is true of.
_SPACE = re.compile(r"\s+")


def strip_spaces(text: str) -> str:
    return _SPACE.sub("", text)


def nonspace(text: str) -> Counter[str]:
    return Counter(strip_spaces(text))


def same_characters(a: str, b: str) -> bool:
    """`a` and `b` hold the same characters, as many times each, in any order."""
    # Counters compared as plain dicts: in C, and a Counter built from a string has no zero counts.
    return len(a) == len(b) and dict(Counter(a)) == dict(Counter(b))


def page_text(page: Page) -> list[str]:
    parts: list[str] = []
    for a in page.articles:
        parts += a.headlines
        parts += [b.text for b in a.blocks]
        parts += a.credits
    return parts + page.furniture + page.unplaced


def check(source: str, page: Page, deleting: AbstractSet[str]) -> None:
    check_parts(source, page_text(page), page.edits, deleting)


def check_parts(
    source: str, parts: list[str], edits: list[Edit], deleting: AbstractSet[str]
) -> None:
    """`parts` hold every non-space character of `source`, less and plus what `edits` of rules
    declared to delete changed; otherwise raise `ConservationError` naming the rule or stage."""
    added: list[str] = []
    removed: list[str] = []
    for e in edits:
        before, after = strip_spaces(e.before), strip_spaces(e.after)
        if before == after:     # most edits only move spaces
            continue
        lost = Counter(before) - Counter(after)
        if e.rule not in deleting and lost:
            lost_text = "".join(sorted(lost.elements()))
            raise ConservationError(
                f"rule {e.rule} would lose {lost_text!r} at line {e.lines[0]} "
                "(it is not declared to delete)"
            )
        added.append(after)
        removed.append(before)
    got = strip_spaces("".join(parts))
    # source + added == output + removed, as multisets, is the same as output == source - removed
    # + added with no count below zero; only when it fails are the counts worked out for the
    # message.
    if not same_characters(strip_spaces(source) + "".join(added), got + "".join(removed)):
        _compare_counts(source, got, added, removed)


def _compare_counts(source: str, got: str, added: list[str], removed: list[str]) -> None:
    """Raise `ConservationError` with what the layout stages lost and added, unless the counts agree
    once counts below zero are dropped."""
    expected = nonspace(source)
    for before, after in zip(removed, added):
        expected.update(after)
        expected.subtract(before)
    expected = +expected
    have = Counter(got)
    if have != expected:
        lost = "".join(sorted((expected - have).elements()))[:40]
        extra = "".join(sorted((have - expected).elements()))[:40]
        raise ConservationError(
            f"the layout stages would lose {lost!r} and add {extra!r}: "
            "refusing to write damaged text"
        )
