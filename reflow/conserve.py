"""The conservation check: every non-space character of the input is in the output.

It runs on every call. A character may only go away through an edit of a rule declared to delete
(`deletes`); any other loss stops reflow with an error that names the rule or the stage, instead
of writing damaged text.
"""
from __future__ import annotations

from collections import Counter

from .model import Edit, Page


class ConservationError(RuntimeError):
    """reflow refused to write its output because a rule or stage would lose characters."""


def nonspace(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def page_text(page: Page) -> list[str]:
    parts: list[str] = []
    for a in page.articles:
        parts += a.headlines
        parts += [b.text for b in a.blocks]
        parts += a.credits
    return parts + page.furniture + page.unplaced


def check(source: str, page: Page, deleting: set[str]) -> None:
    check_parts(source, page_text(page), page.edits, deleting)


def check_parts(source: str, parts: list[str], edits: list[Edit], deleting: set[str]) -> None:
    """`parts` hold every non-space character of `source`, less and plus what `edits` of rules
    declared to delete changed; otherwise raise `ConservationError` naming the rule or stage."""
    expected = nonspace(source)
    for e in edits:
        before, after = nonspace(e.before), nonspace(e.after)
        if before == after:
            continue
        if e.rule not in deleting and before - after:
            lost = "".join(sorted((before - after).elements()))
            raise ConservationError(
                f"rule {e.rule} would lose {lost!r} at line {e.lines[0]} (it is not declared to delete)")
        expected.update(after)
        expected.subtract(before)
    got = nonspace("".join(parts))
    expected = +expected
    if got != expected:
        lost = "".join(sorted((expected - got).elements()))[:40]
        added = "".join(sorted((got - expected).elements()))[:40]
        raise ConservationError(
            f"the layout stages would lose {lost!r} and add {added!r}: refusing to write damaged text")
