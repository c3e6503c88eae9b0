"""Stage 4 of the PDF road: what each leaf is -- furniture, headline, subhead, byline, caption,
credit or body text -- from its type, its place on the page and its words."""
from __future__ import annotations

import re
from collections import Counter

import regex

from ..config import Config
from ..model import Decision
from . import rules as R
from .read import PdfPage
from .regions import Leaf, Line

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


def furniture(pages: list[PdfPage], leaves: list[list[Leaf]], config: Config,
              decisions: list[Decision]) -> None:
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
                edge_texts[_DIGITS.sub("#", leaf.lines[0].text)] += 1
    for leaf, page_leaves, page in candidates:
        line = leaf.lines[0]
        key = _DIGITS.sub("#", line.text)
        if len(pages) > 1 and edge_texts[key] > 1:
            rule, why = R.REPEATED_FURNITURE, f"repeated on {edge_texts[key]} pages"
        elif _beyond_rule(leaf, page) and _outermost(leaf, page_leaves, page):
            rule, why = R.EDGE_FURNITURE, "set off by a rule line"
        elif _in_spread_row(leaf, page_leaves, page) and _outermost(leaf, page_leaves, page):
            rule, why = R.EDGE_FURNITURE, "one of several pieces of an edge row"
        elif _found(config.furniture, line.text.strip()):
            rule, why = R.EDGE_FURNITURE, "reads as a header or footer"
        else:
            continue
        if not _blocked_by_text(leaf, page_leaves, page):
            leaf.extra["role"] = FURNITURE
            decisions.append(Decision(rule.id, (line.no, line.no),
                                      f"{where(line)} furniture: {why}"))


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


def line_roles(leaves: list[Leaf], pages: list[PdfPage], sizes: dict[int, float], config: Config,
               decisions: list[Decision]) -> list[tuple[Line, Leaf, str]]:
    """Every line that is not furniture, in reading order, with its role."""
    boxes = {p.number: p.boxes for p in pages}
    widths = {p.number: _text_width(p) for p in pages}
    out: list[tuple[Line, Leaf, str]] = []
    after_headline = False
    for leaf in leaves:
        if leaf.extra.get("role") == FURNITURE:
            continue
        for line in leaf.lines:
            role = _role(line, leaf, sizes[leaf.page], config, boxes[leaf.page], widths[leaf.page],
                         after_headline, decisions)
            # between a headline and the article's first paragraph
            after_headline = role == HEADLINE or (after_headline and role != BODY)
            out.append((line, leaf, role))
    _kickers(out, config, decisions)
    return out


def _kickers(lines: list[tuple[Line, Leaf, str]], config: Config,
             decisions: list[Decision]) -> None:
    """A short line standing alone right over a headline is its kicker (P06), whatever its size;
    read with the headline even where the cut put it at the foot of the column above."""
    i = len(lines) - 2
    while i >= 0:
        line, leaf, role = lines[i]
        head = _next_headline(lines, i)
        if head is None or role not in (BODY, SUBHEAD) or len(leaf.lines) != 1 \
                or line.text.strip().endswith(tuple(config.terminal)):
            i -= 1
            continue
        below = lines[head][0]
        gap = below.top - line.bottom
        if below.page == line.page and -1 < gap <= max(line.size, 0.6 * below.size) \
                and line.x0 < below.x1 and below.x0 < line.x1:
            del lines[i]
            lines.insert(head - 1, (line, leaf, HEADLINE))
            decisions.append(Decision(R.HEADLINE_SIZE.id, (line.no, line.no),
                                      f"{where(line)} headline: a kicker, a short line right "
                                      "over a headline"))
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


def _role(line: Line, leaf: Leaf, size: float, config: Config, boxes, text_width: float,
          after_headline: bool, decisions: list[Decision]) -> str:
    text = line.text.strip()
    alone = len(leaf.lines) == 1
    frame_width = leaf.frame[1] - leaf.frame[0]
    centred = _centred(line, leaf)
    if line.size >= size * HEADLINE_RATIO:
        decisions.append(Decision(R.HEADLINE_SIZE.id, (line.no, line.no),
                                  f"{where(line)} headline: type {line.size:g} over body {size:g}"))
        return HEADLINE
    if _found(config.credit, text) and (alone or line.size < size * SMALL_RATIO):
        decisions.append(Decision(R.CAPTION.id, (line.no, line.no), f"{where(line)} photo credit"))
        return CREDIT
    short = line.x1 - line.x0 < frame_width * 0.8
    if (alone or short) and _found(config.author, text) or (
            alone and after_headline and _is_name(text, config)):
        decisions.append(Decision(R.BYLINE.id, (line.no, line.no), f"{where(line)} byline: {text}"))
        return BYLINE
    if line.size < size * SMALL_RATIO and _near_box(leaf, boxes, size):
        decisions.append(Decision(R.CAPTION.id, (line.no, line.no),
                                  f"{where(line)} caption (small type by a picture)"))
        return CAPTION
    if alone and centred and not leaf.in_column and frame_width >= text_width * 0.7 \
            and not text.endswith(tuple(config.terminal)):
        decisions.append(Decision(R.HEADLINE_SIZE.id, (line.no, line.no),
                                  f"{where(line)} headline: a short line centred over the "
                                  "text width"))
        return HEADLINE
    few_bold = len(leaf.lines) <= 3 and all(l.bold for l in leaf.lines)
    ends_sentence = leaf.lines[-1].text.strip().endswith(tuple(config.terminal))
    if (alone and centred or few_bold) and not ends_sentence:
        how = "bold" if line.bold else "centred"
        decisions.append(Decision(R.SUBHEAD.id, (line.no, line.no),
                                  f"{where(line)} subhead ({how})"))
        return SUBHEAD
    return BODY


def _centred(line: Line, leaf: Leaf) -> bool:
    left = line.x0 - leaf.frame[0]
    right = leaf.frame[1] - line.x1
    return (min(left, right) > line.size * 0.5
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
