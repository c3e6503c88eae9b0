"""Stage 2a, a pre-pass: a page written as laid out (`pdftotext -layout`), read region by region.

Some extractors keep the page's geometry: each printed row is one line, its columns where they
stand on the page, padded with runs of spaces, paragraph indents kept. Read as it comes, such a
page interleaves every column of a row, and stories set side by side. But the positions say where
the columns are: a column gap is a run of two spaces or more at the same place in every row of
the region, and a story's rows are set apart from the next story's by empty rows. The page is
cut the way a reader sees it (an XY cut): at runs of empty rows, then at gutters that run down
the whole region, then by peeling off the rows that cross a gutter below them (a headline over
its columns), and the pieces are read top to bottom and left to right. Nothing is deleted: the
new lines are the input's own runs of text, pointing back to their input line.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule
from .deinterleave import each_page
from .pieces import width_of

if TYPE_CHECKING:
    from ..run import Run

# a run of this many spaces or more is a gap between columns (one space is the text's own)
GAP = 2
_SEGMENT = regex.compile(r"\S+(?: \S+)*")
# a page is laid out when this share of its text lines shows a column gap inside or a lead
LAID_OUT_SHARE = 0.3
# ... and at least this many lines show a gap inside
MIN_GAPPED = 4
# ... and at least this many lines start with a run of spaces
MIN_LED = 2
# pages longer or wider than this are not cut (a printed page is far smaller; the cut's time
# grows with the rows times the positions of a region)
MAX_ROWS = 600
MAX_WIDTH = 2000
# a gutter has text on both sides of it on this many rows
GUTTER_ROWS = 2
# ... and a gap of one position, on this many rows and this share of them
NARROW_ROWS = 3
NARROW_SHARE = 0.6
# rows peeled off the top or bottom of a region to free the gutters below or above them
MAX_PEEL = 4


@dataclass(frozen=True)
class Segment:
    """A run of text of one row: single spaces inside, two or more around it."""

    row: int        # the row's index in the page
    start: int      # where it starts in the row (characters)
    end: int        # where it ends (exclusive)
    text: str


def _segments(row: int, raw: str) -> list[Segment]:
    return [Segment(row, m.start(), m.end(), m.group()) for m in _SEGMENT.finditer(raw)]


@rule("L49", "laid-out-page", "line")
def laid_out_page(lines: list[Line]) -> bool:
    """A page written as laid out (`pdftotext -layout`): many of its lines hold a run of two
    spaces or more between their words (the gap between columns side by side) and some start
    with one (an indent kept, a column right of the page's edge); OCR, which starts no line with
    spaces, writes no such page. It is cut as a reader sees it: at runs of empty rows, at gutters
    down a whole region, and by peeling off the rows on top or at the bottom that cross the
    gutters of the rest (a headline over its columns, a footer); the regions are read top to
    bottom and left to right, each line with its indent."""
    text = [l for l in lines if l.text]
    if not text or len(lines) > MAX_ROWS or any(len(l.raw) > MAX_WIDTH for l in text):
        return False
    gapped = sum(1 for l in text if "  " in l.text)
    led = sum(1 for l in text if l.raw.startswith("  "))
    # (OCR sets runs of spaces between the columns it reads across, but starts no line with
    # one: its spaces are no positions)
    return (gapped >= MIN_GAPPED and led >= MIN_LED
            and gapped + led >= LAID_OUT_SHARE * len(text))


def _occupied(segments: list[Segment], x0: int, x1: int) -> list[int]:
    """For each position of [x0, x1), how many of `segments` cover it."""
    count = [0] * (x1 - x0 + 1)
    for s in segments:
        count[max(s.start, x0) - x0] += 1
        count[min(s.end, x1) - x0] -= 1
    out, run = [], 0
    for c in count[:-1]:
        run += c
        out.append(run)
    return out


def _gutters(segments: list[Segment], x0: int, x1: int) -> list[int]:
    """Where the region [x0, x1) of `segments` can be cut down its whole height: the middle of
    each run of at least GAP empty positions with text on both sides of it on GUTTER_ROWS rows,
    or of a single one with text on both sides of it on most rows."""
    occupied = _occupied(segments, x0, x1)
    cuts: list[tuple[int, int]] = []     # (where, how wide)
    x = 0
    while x < len(occupied):
        if occupied[x]:
            x += 1
            continue
        start = x
        while x < len(occupied) and not occupied[x]:
            x += 1
        if start > 0 and x < len(occupied):
            cuts.append((x0 + (start + x) // 2, x - start))
    rows = len(_rows(segments))
    # a gap of one position is a gutter only where most rows stand on both sides of it (some
    # extractors set the columns of a crowded page a single space apart)
    return [c for c, wide in cuts
            if _both_sides(segments, c) >= (GUTTER_ROWS if wide >= GAP
                                             else max(NARROW_ROWS, NARROW_SHARE * rows))]


def _both_sides(segments: list[Segment], cut: int) -> int:
    """Rows with text left and right of `cut`."""
    left = {s.row for s in segments if s.end <= cut}
    right = {s.row for s in segments if s.start >= cut}
    return len(left & right)


def _rows(segments: list[Segment]) -> list[int]:
    return sorted({s.row for s in segments})


def _region(segments: list[Segment], x0: int, x1: int, depth: int = 0) -> list[list[Segment]]:
    """The leaf regions of `segments` (inside [x0, x1)) in reading order."""
    rows = _rows(segments)
    if len(rows) <= 1 or depth > 40:
        return [segments]
    # 1. runs of two empty rows or more set stories apart
    parts = _split_rows(segments, rows, 2)
    if len(parts) > 1:
        return [leaf for p in parts for leaf in _region(p, x0, x1, depth + 1)]
    # 2. gutters down the whole region
    cuts = _gutters(segments, x0, x1)
    if cuts:
        return [leaf for a, b in zip([x0] + cuts, cuts + [x1])
                for leaf in _region([s for s in segments if a <= s.start < b], a, b, depth + 1)]
    # 3. rows on top (a headline) or at the bottom (a caption, a footer) that cross the gutters
    # of the rest
    for k in range(1, min(MAX_PEEL, len(rows) - 2) + 1):
        for top in (True, False):
            edge = set(rows[:k]) if top else set(rows[-k:])
            rest = [s for s in segments if s.row not in edge]
            if _gutters(rest, x0, x1):
                peeled = [s for s in segments if s.row in edge]
                first, second = (peeled, rest) if top else (rest, peeled)
                return (_region(first, x0, x1, depth + 1) + _region(second, x0, x1, depth + 1))
    # 4. a single empty row
    parts = _split_rows(segments, rows, 1)
    if len(parts) > 1:
        return [leaf for p in parts for leaf in _region(p, x0, x1, depth + 1)]
    return [segments]


def _split_rows(segments: list[Segment], rows: list[int], empty: int) -> list[list[Segment]]:
    """`segments` cut where `empty` rows or more in a row hold none of them."""
    bounds = [b for a, b in zip(rows, rows[1:]) if b - a > empty]
    if not bounds:
        return [segments]
    parts: list[list[Segment]] = [[] for _ in range(len(bounds) + 1)]
    for s in segments:
        parts[bisect_right(bounds, s.row)].append(s)
    return parts


def read_laid_out(lines: list[Line], run: Run) -> list[Line]:
    """The lines of one page region by region where the page is laid out (L49); else as they
    are."""
    if not laid_out_page(lines):
        return lines
    config = run.config
    segments = [s for i, line in enumerate(lines) for s in _segments(i, line.raw)]
    if not segments:
        return lines
    leaves = _region(segments, 0, max(s.end for s in segments))
    if len(leaves) <= 1:
        return lines
    scale = _cells_per_position(segments, config)
    out: list[Line] = []
    for k, leaf in enumerate(leaves):
        left = min(s.start for s in leaf)
        by_row: dict[int, list[Segment]] = {}
        for s in leaf:
            by_row.setdefault(s.row, []).append(s)
        # a region of one row that starts or ends the page (its header, its footer) is its
        # runs of text (the paper's name, the date, the edition), each a line of its own
        edge = len(by_row) == 1 and k in (0, len(leaves) - 1)
        rows = [[s] for s in leaf] if edge else [by_row[r] for r in sorted(by_row)]
        for row in rows:
            indent = round((row[0].start - left) * scale)
            out.append(_line(lines[row[0].row], row, indent, config))
    run.decide(laid_out_page, (lines[0].no, lines[-1].no),
               f"a page laid out: read as {len(leaves)} regions")
    return out


def _cells_per_position(segments: list[Segment], config: Config) -> float:
    """Display cells a position of the laid-out rows stands for: the extractor sets each run of
    text where it starts on the page, in positions of a width of its own (about half a Han
    character's, or less), so a column's full line over the distance to the next column's start
    tells it (the upper quartile: shorter lines tell less)."""
    ratios = sorted(width_of(a.text, config) / (b.start - a.start)
                    for a, b in zip(segments, segments[1:])
                    if a.row == b.row and len(a.text) >= 6)
    return ratios[3 * len(ratios) // 4] if ratios else 1.0


def _line(line: Line, segments: list[Segment], indent: int, config: Config) -> Line:
    """The segments of one row inside a region, as a line of its own (its indent kept)."""
    start, end = segments[0].start, segments[-1].end
    text = line.raw[start:end]
    return Line(no=line.no, page=line.page, raw=text, text=text, indent=indent,
                width=width_of(text, config), page_break_before=False,
                col=line.col + start, laid_out=True)


def read_laid_out_pages(lines: list[Line], run: Run) -> list[Line]:
    """`read_laid_out` on each page of `lines` (a form feed starts a page), unless L49 is off."""
    if not run.on(laid_out_page):
        return lines
    return each_page(lines, lambda page: read_laid_out(page, run))
