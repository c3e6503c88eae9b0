"""The pipeline, written once: read -> lines -> blocks -> articles -> inline -> bylines -> check.

`STAGES` is the sequence of stages, each a function of the page's `Work` and the `Run`; the
engine runs them in order, and the benchmarks time each of them. Each stage lives in its own
package; this module only wires them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .articles.headlines import attach_bylines, place_headlines
from .articles.split import merge_tentative, split
from .blocks.assemble import assemble
from .blocks.boundaries import find_breaks
from .blocks.flow import build_flow
from .conserve import check
from .inline.apply import inline_articles
from .lines.classify import classify
from .lines.columns import untangle_pages
from .lines.doubled import undouble_lines
from .lines.flattened import unflatten
from .lines.deinterleave import deinterleave_pages
from .lines.interleaved import warn_interleaved
from .model import FURNITURE, SEPARATOR, Block, Line, Page
from .read import read_lines
from .run import Run


@dataclass
class Work:
    """One page on its way through the stages."""

    text: str
    page: Page
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    columns: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)


def read_stage(work: Work, run: Run) -> None:
    """Physical lines with their numbers, pages and widths."""
    work.lines = read_lines(work.text, run.config)


def lines_stage(work: Work, run: Run) -> None:
    """First how the extractor read the page: columns read across it put back in column order,
    a column copied as one line read as its lines, a warning where lines may alternate; then
    headlines drawn twice read once; classify each line: furniture, credit, author line, opening,
    closing byline."""
    work.lines = unflatten(untangle_pages(deinterleave_pages(work.lines, run), run), run)
    warn_interleaved(work.lines, run, work.page.warnings)
    if run.on(undouble_lines):
        undouble_lines(work.lines, run)
    classify(work.lines, run)


def blocks_stage(work: Work, run: Run) -> None:
    """Where each paragraph ends, and the text of each block."""
    flow = build_flow(work.lines, run.config)
    breaks = find_breaks(flow, run)
    work.columns = {l.no: (flow.before[i], flow.after[i]) for i, l in enumerate(flow.lines)}
    work.blocks = assemble(flow.lines, breaks, run, work.columns)


def articles_stage(work: Work, run: Run) -> None:
    """Cut the blocks into articles; place headlines, credits and author lines."""
    page = work.page
    layout = split(work.blocks, work.lines, work.columns, run)
    place_headlines(layout, run, page.unplaced)
    articles = merge_tentative(layout.articles, run)
    page.articles = [a for a in articles if a.blocks or a.headlines]
    page.furniture = [l.text for l in work.lines if l.kind in (FURNITURE, SEPARATOR)]


def inline_stage(work: Work, run: Run) -> None:
    """The inline rules on every headline, block and credit."""
    inline_articles(work.page.articles, run)


def bylines_stage(work: Work, run: Run) -> None:
    """Each article's byline, read from its text once the inline rules ran."""
    attach_bylines(work.page.articles, run)


def check_stage(work: Work, run: Run) -> None:
    """The conservation check: nothing of the input lost."""
    check(work.text, work.page, run.rules.deleting)


STAGES: tuple[tuple[str, Callable[[Work, Run], None]], ...] = (
    ("read", read_stage),
    ("lines", lines_stage),
    ("blocks", blocks_stage),
    ("articles", articles_stage),
    ("inline", inline_stage),
    ("bylines", bylines_stage),
    ("check", check_stage),
)


def start(text: str, run: Run) -> tuple[Work, Run]:
    """The work of one page and the run that records it (a fresh record)."""
    run = run.for_page()
    return Work(text, Page(edits=run.record.edits, decisions=run.record.decisions)), run


def analyze_run(text: str, run: Run) -> Page:
    """Every stage in order: the `Page` of `text`."""
    work, run = start(text, run)
    for _, stage in STAGES:
        stage(work, run)
    return work.page
