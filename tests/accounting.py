"""Character accounting shared by the tests: what a page holds, and what rules declared to
delete."""

from __future__ import annotations

from collections import Counter

import reflow
from reflow import config as config_module
from reflow.registry import deleting_rules


def nonspace(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def output_parts(page: dict) -> list[str]:
    """Every piece of text of a `to_dict()` page: headlines, blocks, credits, furniture,
    unplaced."""
    parts: list[str] = []
    for a in page["articles"]:
        parts += a["headlines"] + [b["text"] for b in a["blocks"]] + a["credits"]
    return parts + page["furniture"] + page["unplaced"]


def declared_changes(page: reflow.Page) -> tuple[Counter[str], Counter[str]]:
    """Non-space characters removed and added by edits of rules declared to delete; asserts that
    every other edit only moved white space."""
    deleting = deleting_rules(config_module.load())
    removed, added = Counter(), Counter()
    for e in page.edits:
        if e.rule in deleting:
            removed += nonspace(e.before) - nonspace(e.after)
            added += nonspace(e.after) - nonspace(e.before)
        else:
            assert nonspace(e.before) == nonspace(e.after), e
    return removed, added
