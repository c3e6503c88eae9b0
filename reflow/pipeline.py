"""The pipeline, written once: read -> lines -> blocks -> articles -> inline -> bylines -> check.

`STAGES` is the sequence of stages, each a function of the page's `Work` and the `Run`; the
engine runs them in order, and the benchmarks time each of them. Each stage lives in its own
package; this module only wires them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .articles.headlines import attach_bylines, place_headlines
from .articles.photos import move_photos
from .articles.split import merge_tentative, split
from .blocks.assemble import assemble
from .blocks.breaks import find_breaks
from .blocks.flow import build_flow
from .conserve import check
from .inline.apply import inline_articles
from .lines.classify import classify
from .lines.columns import untangle_pages
from .lines.credits import uncredit_captions
from .lines.doubled import undouble_lines
from .lines.flattened import unflatten
from .lines.deinterleave import deinterleave_pages
from .lines.memo import LineMemo
from .lines.radicals import radicals_to_ideographs
from .lines.glyph_lines import mark_glyph_runs
from .lines.interleaved import warn_interleaved
from .lines.layout_text import read_laid_out_pages
from .model import (AUTHOR, BODY, FURNITURE, GLYPH_HEADER, SEPARATOR, Article, Block,
                    ColumnWidths, Line, Page, column_key)
from .read import HARD_CUTS, WINDOW_CHARS, WINDOW_LINES, Window, read_lines, windows
from .render import render
from .run import Run


@dataclass
class Work:
    """One page on its way through the stages."""

    text: str
    page: Page
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # the column widths before and after each body line (see `column_key`)
    columns: ColumnWidths = field(default_factory=dict)
    first_line: int = 1         # the input line number of the text's first line (a window)


def read_stage(work: Work, run: Run) -> None:
    """Physical lines with their numbers, pages and widths."""
    work.lines = read_lines(work.text, run.config, work.first_line)


def lines_stage(work: Work, run: Run) -> None:
    """First how the extractor read the page: columns read across it put back in column order,
    a column copied as one line read as its lines, a warning where lines may alternate; then
    headlines drawn twice read once; a photo credit run on after its caption or wrapped made a
    line of its own; classify each line: furniture, credit, author line, opening,
    closing byline. A page written a glyph a line is read as one block, with a warning."""
    if run.on(radicals_to_ideographs):
        radicals_to_ideographs(work.lines, run)
    laid_out = read_laid_out_pages(work.lines, run)
    memo = LineMemo(run.config)     # the lines' pieces and L01 answers, asked once
    work.lines = unflatten(untangle_pages(deinterleave_pages(laid_out, run, memo), run, memo),
                           run)
    warn_interleaved(work.lines, run, work.page.warnings)
    mark_glyph_runs(work.lines, run, work.page.warnings)
    if run.on(undouble_lines):
        undouble_lines(work.lines, run)
    work.lines = uncredit_captions(work.lines, run)
    classify(work.lines, run, memo)


def blocks_stage(work: Work, run: Run) -> None:
    """Where each paragraph ends, and the text of each block."""
    flow = build_flow(work.lines, run.config)
    breaks = find_breaks(flow, run)
    work.columns = {column_key(l): (flow.before[i], flow.after[i])
                    for i, l in enumerate(flow.lines)}
    work.blocks = assemble(flow.lines, breaks, run, work.columns,
                           _first_after(work.lines, SEPARATOR), _first_after(work.lines, AUTHOR))


def _first_after(lines: list[Line], kind: str) -> set[int]:
    """The body lines that come first after a line of `kind`: after reflow's own `* * *`
    separator an article starts; after an author line, its story's text."""
    out: set[int] = set()
    pending = False
    for line in lines:
        if line.kind == kind:
            pending = True
        elif pending and line.kind == BODY and line.text:
            out.add(line.no)
            pending = False
    return out


def articles_stage(work: Work, run: Run) -> None:
    """Cut the blocks into articles; place headlines, credits and author lines; a photo at a
    story's end goes to the story it stands above."""
    page = work.page
    layout = split(work.blocks, work.lines, work.columns, run)
    place_headlines(layout, run, page.unplaced)
    articles = merge_tentative(move_photos(layout.articles, work.lines, run), run)
    page.articles = [a for a in articles if a.blocks or a.headlines]
    _in_reading_order(page.articles, work.lines)
    page.furniture = _furniture(work.lines)


def _in_reading_order(articles: list[Article], lines: list[Line]) -> None:
    """The blocks of columns read across the page and put back in column order (L42, L46), in
    that order within their article. Articles are cut where the extractor wrote each line (a
    headline stands by the lines printed near it); the blocks of one article then go column
    after column, as a reader reads them. Other blocks keep their places."""
    at = {id(line): i for i, line in enumerate(lines)}
    for article in articles:
        places = [k for k, b in enumerate(article.blocks)
                  if b.lines and b.lines[0].dealt and id(b.lines[0]) in at]
        dealt = sorted((article.blocks[k] for k in places), key=lambda b: at[id(b.lines[0])])
        for k, block in zip(places, dealt):
            article.blocks[k] = block


def _furniture(lines: list[Line]) -> list[str]:
    """The furniture lines' texts; a header written a glyph a line (L48) as the one line it was."""
    out: list[str] = []
    glued = False       # the last text is a header's glyph: the next one goes on with it
    for line in lines:
        if line.kind not in (FURNITURE, SEPARATOR):
            glued = False
            continue
        header = line.glyph and line.glyph_part == GLYPH_HEADER
        if glued and header and not line.glyph_seam:
            out[-1] += line.text
        else:
            out.append(line.text)
        glued = header
    return out


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


def start(text: str, run: Run, first_line: int = 1) -> tuple[Work, Run]:
    """The work of one page and the run that records it (a fresh record)."""
    run = run.for_page()
    page = Page(edits=run.record.edits, decisions=run.record.decisions)
    return Work(text, page, first_line=first_line), run


def analyze_run(text: str, run: Run, first_line: int = 1) -> Page:
    """Every stage in order: the `Page` of `text` (whose first line is input line `first_line`,
    for a window of a larger input)."""
    work, run = start(text, run, first_line)
    for _, stage in STAGES:
        stage(work, run)
    return work.page


# How the rendered windows of one input are joined: a blank line between text or Markdown (the
# cut ends a paragraph), nothing between JSON lines. Other formats read the input whole.
WINDOW_JOINS = {"text": "\n", "markdown": "\n", "jsonl": ""}


def noted_windows(pieces: Iterable[str]) -> Iterator[tuple[Window, str]]:
    """`read.windows` of the input, each with the warning to give with it: the first window that
    ends inside a paragraph (no page break or blank line near its limit) says so, once."""
    warned = False
    for window in windows(pieces):
        note = ""
        if window.cut in HARD_CUTS and not warned:
            warned = True
            # (the window's last line: a final line end starts no line of its own)
            last = window.first_line + window.text.rstrip("\n").count("\n")
            note = (f"longer than {WINDOW_LINES} lines or {WINDOW_CHARS} characters, read in "
                    f"windows of that size: a paragraph may be cut at line {last} and at later "
                    "window ends (no page break or blank line near)")
        yield window, note


def render_windows(pieces: Iterable[str], run: Run, format: str,
                   warnings: list[str] | None = None) -> Iterator[str]:
    """The input (pieces of text in order) analyzed and rendered window by window, in `format`
    (one of `WINDOW_JOINS`): memory holds one window's work, not the whole input's. An input of
    real size is one window, read as `analyze_run` reads it. `warnings` gathers the pages'."""
    for i, (window, note) in enumerate(noted_windows(pieces)):
        page = analyze_run(window.text, run, window.first_line)
        if warnings is not None:
            warnings += page.warnings + ([note] if note else [])
        out = render(page, format)
        yield WINDOW_JOINS[format] + out if i and out else out
