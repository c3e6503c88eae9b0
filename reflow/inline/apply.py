"""Stage 5, inline rules: spacing (and, later, punctuation) inside each piece of article text.

The rules are data (`rules/inline.toml`): a pattern and a replacement, or a table that maps
each string it finds to its replacement. Each match becomes an
`Edit` with the rule's id, the span it covered and what it became; the engine applies them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..config import InlineRule
from ..model import CREDIT, HEADLINE, PARAGRAPH, SUBHEAD, Article, Edit
from .convert import convert_script, quote_style
from .dateline import dateline_space
from .han_space import no_space_inside_han_word
from .title_gap import title_gap

if TYPE_CHECKING:
    from ..run import Run


Kept = Callable[[str], "list[tuple[int, int]]"]


def apply_rules(text: str, rules: Iterable[InlineRule], lines: tuple[int, int],
                edits: list[Edit], kept: Kept | None = None) -> str:
    """Run each rule over `text` in turn; record one edit per match that changes something.
    `kept(text)` gives spans no rule may touch (the spaces of a dateline, SP12; a title's
    gap, SP13)."""
    guard = kept(text) if kept else []
    chars = set(text)
    for r in rules:
        if r.needs is not None and r.needs.isdisjoint(chars):
            continue    # none of the characters every match holds: nothing to find
        out: list[str] = []
        pos = 0
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
            guard = kept(text) if kept else []   # the kept spans of the text as it is now
            chars = set(text)
    return text


def inline_step(run: Run) -> Callable[[str, str, tuple[int, int]], str]:
    """The inline rules of a run as one function of (text, kind, input lines): the selected
    pattern rules in file order, the split-word rule, then the script conversion and the quote
    style if asked. Edits and reports go to the run's record."""
    rules = run.rules.inline
    split_words = run.on(no_space_inside_han_word)
    convert = run.options.convert if run.on(convert_script) else None
    quotes = run.options.quotes if run.on(quote_style) else None
    keep_dateline = run.on(dateline_space)
    keep_title_gap = run.on(title_gap)
    edits = run.record.edits

    last: list[tuple[str, list[tuple[int, int]]]] = []

    def kept(text: str) -> list[tuple[int, int]]:
        # asked again of the same text once the rules ran: worked out once
        if not last or last[0][0] != text:
            last[:] = [(text, dateline_space(text, run.config))]
        return last[0][1]

    def step(text: str, kind: str, lines: tuple[int, int]) -> str:
        guard: Kept | None = None
        if kind == PARAGRAPH and keep_dateline:
            guard = kept
        elif kind in (HEADLINE, SUBHEAD) and keep_title_gap:
            guard = title_gap
        text = apply_rules(text, rules, lines, edits, guard)
        spaces = guard(text) if guard else []
        if spaces:
            run.decide(dateline_space if guard is kept else title_gap, lines,
                       "kept the spaces of the dateline" if guard is kept
                       else "kept the gap between the title's two parts")
        if split_words:
            text = no_space_inside_han_word(text, kind, lines, run, spaces)
        text = convert_script(text, convert, lines, run)
        return quote_style(text, quotes, lines, run)

    return step


def inline_articles(articles: list[Article], run: Run) -> None:
    """Run the inline rules on every headline, block and credit of `articles`."""
    step = inline_step(run)
    for a in articles:
        a.headlines = [step(h, HEADLINE, (no, no)) for h, no in zip(a.headlines, a.headline_lines)]
        for b in a.blocks:
            b.text = step(b.text, b.kind, (b.first, b.last))
        a.credits = [step(c, CREDIT, (no, no)) for c, no in zip(a.credits, a.credit_lines)]
