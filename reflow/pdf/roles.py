"""Stage 4 of the PDF road: what each leaf is -- furniture, headline, subhead, byline, caption,
credit or body text -- from its type, its place on the page and its words."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import regex

from ..config import Config
from ..rule import Rule, rule
from .read import PdfPage
from .regions import Leaf, Line

if TYPE_CHECKING:
    from ..run import Run

EDGE_BAND = 0.15          # the top and bottom bands of a page, as a share of its height
HEADLINE_RATIO = 1.15     # a headline's type is this much larger than the body's
SMALL_RATIO = 0.92        # a caption's type is this much smaller
NEAR_BOX_EM = 3.0         # a caption sits this close to its picture box

FURNITURE = "furniture"
HEADLINE = "headline"
SUBHEAD = "subhead"
BYLINE = "byline"
CREDIT = "credit"
CAPTION = "caption"
BODY = "body"

_DIGITS = re.compile(r"\d+")


def where(line: Line) -> str:
    return f"p{line.page} x={line.x0:.0f} y={line.top:.0f}"


def _found(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


@rule("P04", "furniture-in-edge-band", "pdf")
def furniture_in_edge_band(leaf: Leaf, page_leaves: list[Leaf], page: PdfPage,
                           config: Config) -> str | None:
    """A single row in the top or bottom band of the page is a running header or footer when a
    rule line sets it off, when it holds several pieces spread across the page, or when it reads
    like one (a date, an edition, a page number)."""
    if _beyond_rule(leaf, page) and _outermost(leaf, page_leaves, page):
        return "set off by a rule line"
    if _in_spread_row(leaf, page_leaves, page) and _outermost(leaf, page_leaves, page):
        return "one of several pieces of an edge row"
    if _found(config.furniture, leaf.lines[0].clean.strip()):
        return "reads as a header or footer"
    return None


@rule("P05", "edge-row-repeated", "pdf")
def edge_row_repeated(times: int) -> bool:
    """A row in the edge band whose text, digits aside, comes back on another page is
    furniture."""
    return times > 1


def furniture(pages: list[PdfPage], leaves: list[list[Leaf]], run: Run) -> None:
    """Mark the running headers and footers of each page (P04, P05) in `leaf.extra["role"]`."""
    edge_texts: Counter[str] = Counter()
    candidates: list[tuple[Leaf, list[Leaf], PdfPage]] = []
    for page, page_leaves in zip(pages, leaves):
        for leaf in page_leaves:
            if len(leaf.lines) != 1:
                continue
            top_band = leaf.bottom <= page.height * EDGE_BAND
            bottom_band = leaf.top >= page.height * (1 - EDGE_BAND)
            if top_band or bottom_band:
                candidates.append((leaf, page_leaves, page))
                edge_texts[_DIGITS.sub("#", leaf.lines[0].clean)] += 1
    for leaf, page_leaves, page in candidates:
        line = leaf.lines[0]
        times = edge_texts[_DIGITS.sub("#", line.clean)]
        why: str | None = None
        by: Rule[..., Any] = edge_row_repeated
        if run.on(edge_row_repeated) and len(pages) > 1 and edge_row_repeated(times):
            why = f"repeated on {times} pages"
        elif run.on(furniture_in_edge_band):
            by = furniture_in_edge_band
            why = furniture_in_edge_band(leaf, page_leaves, page, run.config)
        if why and not _blocked_by_text(leaf, page_leaves, page):
            leaf.extra["role"] = FURNITURE
            run.decide(by, (line.no, line.no), f"{where(line)} furniture: {why}")


def _beyond_rule(leaf: Leaf, page: PdfPage) -> bool:
    """A rule line across most of the text width lies between this leaf and the page's middle."""
    spans: dict[int, float] = {}
    for x0, x1, y in page.rules:
        spans[round(y)] = spans.get(round(y), 0) + (x1 - x0)
    wide = [y for y, w in spans.items() if w >= page.width * 0.4]
    if leaf.bottom <= page.height / 2:
        return any(leaf.bottom <= y <= page.height * EDGE_BAND + 20 for y in wide)
    return any(page.height * (1 - EDGE_BAND) - 20 <= y <= leaf.top for y in wide)


def _in_spread_row(leaf: Leaf, page_leaves: list[Leaf], page: PdfPage) -> bool:
    row = [o for o in page_leaves
           if len(o.lines) == 1 and o.top < leaf.bottom and leaf.top < o.bottom]
    return len(row) > 1 and max(o.x1 for o in row) - min(o.x0 for o in row) >= page.width * 0.5


def _outermost(leaf: Leaf, page_leaves: list[Leaf], page: PdfPage) -> bool:
    """Nothing lies between the leaf's row and the page's edge."""
    upper = leaf.bottom <= page.height / 2
    return not any((o.bottom <= leaf.top) if upper else (o.top >= leaf.bottom)
                   for o in page_leaves if o is not leaf)


def _blocked_by_text(leaf: Leaf, page_leaves: list[Leaf], page: PdfPage) -> bool:
    """Furniture lies at the very edge: no other text between it and the page's edge, other than
    furniture candidates of the same band."""
    upper = leaf.bottom <= page.height / 2
    for o in page_leaves:
        if o is leaf or len(o.lines) == 1 and (o.bottom <= page.height * EDGE_BAND if upper
                                               else o.top >= page.height * (1 - EDGE_BAND)):
            continue
        if (o.bottom <= leaf.top) if upper else (o.top >= leaf.bottom):
            return True
    return False


def line_roles(leaves: list[Leaf], pages: list[PdfPage], sizes: dict[int, float],
               run: Run) -> list[tuple[Line, Leaf, str]]:
    """Every line that is not furniture, in reading order, with its role."""
    boxes = {p.number: p.boxes for p in pages}
    widths = {p.number: _text_width(p) for p in pages}
    out: list[tuple[Line, Leaf, str]] = []
    after_headline = False
    for leaf in leaves:
        if leaf.extra.get("role") == FURNITURE:
            continue
        above: tuple[Line, str] | None = None       # the line before, in this leaf
        for line in leaf.lines:
            role = _role(line, leaf, above, sizes[leaf.page], boxes[leaf.page],
                         widths[leaf.page], after_headline, run)
            # between a headline and the article's first paragraph
            after_headline = role == HEADLINE or (after_headline and role != BODY)
            out.append((line, leaf, role))
            above = (line, role)
    if run.on(headline_from_size):
        _kickers(out, run)
    return out


def _kickers(lines: list[tuple[Line, Leaf, str]], run: Run) -> None:
    """A short line standing alone right over a headline is its kicker (P06), whatever its size;
    read with the headline even where the cut put it at the foot of the column above."""
    i = len(lines) - 2
    while i >= 0:
        line, leaf, role = lines[i]
        head = _next_headline(lines, i)
        if head is None or role not in (BODY, SUBHEAD) or len(leaf.lines) != 1 \
                or line.clean.strip().endswith(tuple(run.config.terminal)):
            i -= 1
            continue
        below = lines[head][0]
        gap = below.top - line.bottom
        if below.page == line.page and -1 < gap <= max(line.size, 0.6 * below.size) \
                and line.x0 < below.x1 and below.x0 < line.x1:
            del lines[i]
            lines.insert(head - 1, (line, leaf, HEADLINE))
            run.decide(headline_from_size, (line.no, line.no),
                       f"{where(line)} headline: a kicker, a short line right over a headline")
        i -= 1


def _next_headline(lines: list[tuple[Line, Leaf, str]], i: int, leaves: int = 4) -> int | None:
    """The index of the first headline line after line `i`, within the next few leaves."""
    seen: set[int] = set()
    for j in range(i + 1, len(lines)):
        if lines[j][2] == HEADLINE:
            return j
        seen.add(id(lines[j][1]))
        if len(seen) > leaves:
            return None
    return None


def _text_width(page: PdfPage) -> float:
    ink = [c for c in page.chars if not c.text.isspace()]
    return max(c.x1 for c in ink) - min(c.x0 for c in ink) if ink else page.width


@rule("P06", "headline-from-size", "pdf")
def headline_from_size(line: Line, body: float) -> bool:
    """A line set clearly larger than the body type is a headline; a group of them (kicker,
    title, subtitle, in reading order) opens an article. A short centred line over the whole
    text width is a headline too, and so is a short line standing alone right over a
    headline (its kicker)."""
    return line.size >= body * HEADLINE_RATIO


@rule("P07", "subhead-bold-or-centred", "pdf")
def subhead_bold_or_centred(line: Line, leaf: Leaf, config: Config) -> str | None:
    """A single line at body size, bold or centred in its column and not a paragraph's end, is
    a subhead inside the article (so are up to three bold lines standing together)."""
    few_bold = len(leaf.lines) <= 3 and all(l.bold for l in leaf.lines)
    ends_sentence = leaf.lines[-1].clean.strip().endswith(tuple(config.terminal))
    if ((len(leaf.lines) == 1 and _centred(line, leaf)) or few_bold) and not ends_sentence:
        return "bold" if line.bold else "centred"
    return None


@rule("P08", "caption-small-type", "pdf")
def caption_small_type(line: Line, leaf: Leaf, body: float, boxes, config: Config) -> str | None:
    """Small type next to a picture box is its caption, kept as a paragraph of the article; a
    line that reads as a photo credit, standing alone or in small type, is the article's
    credit."""
    if _found(config.credit, line.clean.strip()) and (
            len(leaf.lines) == 1 or line.size < body * SMALL_RATIO):
        return CREDIT
    if line.size < body * SMALL_RATIO and _near_box(leaf, boxes, body):
        return CAPTION
    return None


@rule("P09", "byline-line", "pdf")
def byline_line(line: Line, leaf: Leaf, above: tuple[Line, str] | None, after_headline: bool,
                config: Config) -> bool:
    """A line holding only an author (`文／记者 陈晶`) that opens a block (alone, short of its
    column, or after a sentence's end), or a name of a common surname standing alone or over
    its column between the headline and the first paragraph, is the article's byline block; a
    photo credit right under it in the same block (`图／记者 刘畅`) is the rest of that byline."""
    text = line.clean.strip()
    alone = len(leaf.lines) == 1
    if above is not None and above[1] == BYLINE and _found(config.credit, text):
        return True
    opens = (alone or line.x1 - line.x0 < (leaf.frame[1] - leaf.frame[0]) * 0.8 or above is None
             or above[0].clean.strip().endswith(tuple(config.terminal)))
    return (opens and _found(config.author, text)) or (
        (alone or above is None) and after_headline and _is_name(text, config))


def _role(line: Line, leaf: Leaf, above: tuple[Line, str] | None, size: float, boxes,
          text_width: float, after_headline: bool, run: Run) -> str:
    text = line.clean.strip()
    config = run.config
    alone = len(leaf.lines) == 1
    frame_width = leaf.frame[1] - leaf.frame[0]
    lines = (line.no, line.no)
    if run.on(headline_from_size) and headline_from_size(line, size):
        run.decide(headline_from_size, lines,
                   f"{where(line)} headline: type {line.size:g} over body {size:g}")
        return HEADLINE
    small = run.on(caption_small_type) and caption_small_type(line, leaf, size, boxes, config)
    if small == CREDIT:
        run.decide(caption_small_type, lines, f"{where(line)} photo credit")
        return CREDIT
    if run.on(byline_line) and byline_line(line, leaf, above, after_headline, config):
        run.decide(byline_line, lines, f"{where(line)} byline: {text}")
        return BYLINE
    if small == CAPTION:
        run.decide(caption_small_type, lines, f"{where(line)} caption (small type by a picture)")
        return CAPTION
    if run.on(headline_from_size) and alone and _centred(line, leaf) and not leaf.in_column \
            and frame_width >= text_width * 0.7 and not text.endswith(tuple(config.terminal)):
        run.decide(headline_from_size, lines,
                   f"{where(line)} headline: a short line centred over the text width")
        return HEADLINE
    how = run.on(subhead_bold_or_centred) and subhead_bold_or_centred(line, leaf, config)
    if how:
        run.decide(subhead_bold_or_centred, lines, f"{where(line)} subhead ({how})")
        return SUBHEAD
    return BODY


def _centred(line: Line, leaf: Leaf) -> bool:
    left = line.x0 - leaf.frame[0]
    right = leaf.frame[1] - line.x1
    return (min(left, right) > line.size * 0.3
            and abs(left - right) <= max(line.size * 0.5, 0.2 * min(left, right)))


def _is_name(text: str, config: Config) -> bool:
    if not regex.fullmatch(r"\p{Han}{2,4}", text):
        return False
    if text[:2] in config.compound_surnames:
        return True
    return len(text) <= 3 and text[0] in config.surnames


def _near_box(leaf: Leaf, boxes, size: float) -> bool:
    reach = NEAR_BOX_EM * size
    return any(leaf.x0 < x1 + reach and x0 - reach < leaf.x1 and leaf.top < bottom + reach
               and top - reach < leaf.bottom for x0, top, x1, bottom in boxes)
