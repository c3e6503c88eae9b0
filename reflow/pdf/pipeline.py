"""The PDF road wired: read -> regions -> roles -> build -> inline -> check."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..articles.headlines import attach_bylines
from ..conserve import check
from ..inline.apply import inline_articles
from ..lines.radicals import is_simplified
from ..model import Page
from ..run import Run
from .build import articles, clean_lines, text_of
from .read import PdfPage, load
from .regions import Leaf, body_size, columns_from_gutters, leaves, regions_from_bands
from .roles import FURNITURE, furniture, line_roles


Layer = tuple[str, list[PdfPage], list[list[Leaf]], dict[int, float]]


def read_layer(source: str | Path | bytes, pages: set[int] | None) -> Layer:
    """The text layer (lines in reading order, numbered from 1, pages apart by form feeds), with
    the pages, their leaves and each page's body type size."""
    pdf = load(source, pages)
    sizes = {p.number: body_size(p.chars) for p in pdf}     # pages may be set in other sizes
    per_page = [leaves(p, sizes[p.number]) for p in pdf]
    texts, no, offset = [], 0, 0
    for k, page_leaves in enumerate(per_page):
        lines = []
        offset += 1 if k else 0                 # the form feed that opens a page after the first
        for leaf in page_leaves:
            for line in leaf.lines:
                no += 1
                line.no = no
                line.start = offset + len(line.text) - len(line.text.lstrip())
                offset += len(line.text) + 1
                lines.append(line.text)
        texts.append("\n".join(lines))
    return "\n\f".join(texts), pdf, per_page, sizes


def _reading_order(leaves: list[Leaf], run: Run) -> None:
    """One decision per piece of the page, in reading order: the column (P02) or the region part
    (P03) it was read as."""
    for leaf in leaves:
        first, last = leaf.lines[0], leaf.lines[-1]
        rule = columns_from_gutters if leaf.in_column else regions_from_bands
        where = f"p{leaf.page} x={leaf.x0:.0f} y={leaf.top:.0f}"
        run.decide(rule, (first.no, last.no),
                   f"{where} read as {len(leaf.lines)} line(s) of the "
                   f"{'column' if leaf.in_column else 'region'} "
                   f"x={leaf.frame[0]:.0f}-{leaf.frame[1]:.0f}")


def pdf_height(pdf: list[PdfPage], leaf: Leaf) -> float:
    return next(p.height for p in pdf if p.number == leaf.page)


def analyze_pdf_run(source: str | Path | bytes, pages: set[int] | None,
                    run: Run) -> tuple[Page, str]:
    """The Page of a PDF for a run built once, and the text layer its records point into."""
    layer, pdf, per_page, sizes = read_layer(source, pages)
    run = run.for_page()
    page = Page(edits=run.record.edits, decisions=run.record.decisions)
    ordered = [leaf for page_leaves in per_page for leaf in page_leaves]
    clean_lines([line for leaf in ordered for line in leaf.lines], is_simplified(layer), run)
    furniture(pdf, per_page, run)
    edge = [leaf for leaf in ordered if leaf.extra.get("role") == FURNITURE]
    edge.sort(key=lambda leaf: (leaf.page, leaf.top > pdf_height(pdf, leaf) / 2, leaf.x0))
    for leaf in edge:       # a header row is read left to right, whatever the heights of its pieces
        page.furniture.append(text_of(leaf.lines[0], run).strip())
    _reading_order(ordered, run)
    roles = line_roles(ordered, pdf, sizes, run)
    articles(roles, page, run)
    inline_articles(page.articles, run)
    attach_bylines(page.articles, run)
    page.decisions.sort(key=lambda d: d.lines)
    check(layer, page, run.rules.deleting)
    return page, layer


def run(source: str | Path | bytes, pages: set[int] | None, **options: Any) -> Page:
    """The Page of a PDF, for keyword options (the command line's names)."""
    return analyze_pdf_run(source, pages, Run.make(**options))[0]
