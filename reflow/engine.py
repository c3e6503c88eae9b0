"""The pipeline, one string in, one `Page` out: read -> lines -> blocks -> articles -> inline -> check.

Each stage lives in its own package; this module only wires them and runs the conservation check.
"""
from __future__ import annotations

from collections.abc import Sequence

from . import config as config_module
from .articles.headlines import find_byline, place
from .articles.split import merge_tentative, split
from .blocks.assemble import assemble
from .blocks.boundaries import find_breaks
from .blocks.flow import build_flow
from .conserve import ConservationError, check
from .inline.apply import apply_rules
from .lines.classify import classify
from .model import FURNITURE, SEPARATOR, Decision, Page
from .read import read_lines
from .registry import deleting_rules

__all__ = ["analyze", "reflow_text", "ConservationError"]


def analyze(text: str, *, rules: Sequence[str] = ()) -> Page:
    """Rebuild the articles of a page. `rules`: extra rule files (TOML) applied over the defaults."""
    config = config_module.load(tuple(rules))
    page = Page()
    lines = read_lines(text, config)
    classify(lines, config, page.decisions)
    flow = build_flow(lines, config)
    breaks = find_breaks(flow, config, page.decisions)
    blocks = assemble(flow.lines, breaks, config, page.edits, page.decisions)
    columns = {l.no: (flow.before[i], flow.after[i]) for i, l in enumerate(flow.lines)}
    layout = split(blocks, lines, columns, config, page.decisions)
    place(layout, config, page.decisions, page.unplaced)
    articles = merge_tentative(layout.articles, page.decisions)
    page.articles = [a for a in articles if a.blocks or a.headlines]
    page.furniture = [l.text for l in lines if l.kind in (FURNITURE, SEPARATOR)]
    _inline(page, config)
    for article in page.articles:
        article.byline = find_byline(article, config)
        if article.byline and article.blocks:
            page.decisions.append(Decision("S06", (article.blocks[0].first, article.blocks[0].first),
                                           f"byline: {article.byline}"))
    check(text, page, deleting_rules(config))
    return page


def _inline(page: Page, config: config_module.Config) -> None:
    rules = config.inline
    edits = page.edits
    for a in page.articles:
        a.headlines = [apply_rules(h, rules, (no, no), edits)
                       for h, no in zip(a.headlines, a.headline_lines)]
        for b in a.blocks:
            b.text = apply_rules(b.text, rules, (b.first, b.last), edits)
        a.credits = [apply_rules(c, rules, (no, no), edits)
                     for c, no in zip(a.credits, a.credit_lines)]


def reflow_text(text: str, *, format: str = "text", rules: Sequence[str] = ()) -> str:
    """Reflow a page and render it: `text` (default), `markdown`, `json` or `jsonl`."""
    from .render import render
    return render(analyze(text, rules=rules), format)
