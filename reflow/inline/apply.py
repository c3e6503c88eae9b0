"""Stage 5, inline rules: spacing (and, later, punctuation) inside each piece of article text.

The rules are data (`rules/inline.toml`): a pattern and a replacement, or a table that maps
each string it finds to its replacement. Each match becomes an
`Edit` with the rule's id, the span it covered and what it became; the engine applies them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..config import InlineRule
from ..model import Edit


Kept = Callable[[str], "list[tuple[int, int]]"]


def apply_rules(text: str, rules: Iterable[InlineRule], lines: tuple[int, int],
                edits: list[Edit], kept: Kept | None = None) -> str:
    """Run each rule over `text` in turn; record one edit per match that changes something.
    `kept(text)` gives spans no rule may touch (the space after a dateline, SP12)."""
    for r in rules:
        out: list[str] = []
        pos = 0
        guard = kept(text) if kept else []
        for m in r.pattern.finditer(text):
            if any(m.start() < g[1] and g[0] < m.end() for g in guard):
                continue
            if r.table is not None:
                after = r.table.get(m.group(), m.group())
            else:
                after = m.expand(r.replacement) if "\\" in r.replacement else r.replacement
            before = m.group()
            if after == before:
                continue
            out.append(text[pos:m.start()])
            out.append(after)
            edits.append(Edit(r.id, lines, before, after, (m.start(), m.end())))
            pos = m.end()
        if out:
            out.append(text[pos:])
            text = "".join(out)
    return text
