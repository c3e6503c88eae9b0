"""Stages 2-3 of the PDF road: characters -> regions -> columns -> lines, in reading order.

A recursive cut (X-Y cut): a region is cut at its gutters into columns (P02), or else at the
horizontal gaps clearly wider than a line gap, and between rows of different type (P03); what
cannot be cut is a leaf, whose characters sit on baselines (P01). The order of the cuts is the
reading order: columns left to right, parts top to bottom.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..rule import rule
from .read import Char, PdfPage

GUTTER_EM = 0.5          # a gutter is at least this wide, in ems of the region's type ...
ROW_GUTTER_EM = 1.5      # ... and this wide between the pieces of a single row
BAND_SHRINK = 0.2        # rows are found from the middle of each glyph box: boxes may touch
GAP_OVER_LEADING = 0.3   # a cut needs a gap this many ems wider than the page's line gap


@dataclass
class Line:
    chars: list[Char]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float          # the commonest size of its glyphs
    bold: bool           # most of its glyphs are bold
    page: int = 0
    no: int = 0          # its line number in the text layer, for --explain and diagnostics
    start: int = 0       # where its text (less leading space) starts in the text layer
    actual: str = ""     # its text as the PDF's ActualText spans give it (P13)
    clean: str = ""      # its text once P13 and P10 have mapped it: what the roles read


@dataclass
class Leaf:
    """A piece of a region that no cut divides: its lines, and the column it sits in."""

    lines: list[Line]
    frame: tuple[float, float]     # left and right edge of its column (or region)
    in_column: bool                # its frame came from a cut into columns
    page: int = 0
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    extra: dict = field(default_factory=dict)


def body_size(chars: list[Char]) -> float:
    """The commonest type size: the body text's."""
    sizes = Counter(c.size for c in chars if not c.text.isspace())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def line_gap(chars: list[Char], size: float) -> float:
    """The commonest gap between a glyph and the glyph at the same x in the next line: the
    leading of the body text."""
    by_x: dict[int, list[Char]] = {}
    for c in chars:
        if not c.text.isspace() and abs(c.size - size) < 0.5:
            by_x.setdefault(round(c.x0), []).append(c)
    gaps: Counter[float] = Counter()
    for column in by_x.values():
        column.sort(key=lambda c: c.top)
        for a, b in zip(column, column[1:]):
            gap = b.top - a.bottom
            if 0 <= gap <= 2 * size:
                gaps[round(gap * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else 0.3 * size


def leaves(page: PdfPage, size: float) -> list[Leaf]:
    """The leaves of a page in reading order."""
    ink = [c for c in page.chars if not c.text.isspace()]
    spaces = [c for c in page.chars if c.text.isspace()]
    threshold = line_gap(ink, size) + GAP_OVER_LEADING * size
    # pictures take room as text does: no cut runs through one
    ink += [Char("", x0, x1, top, bottom, size, False, True) for x0, top, x1, bottom in page.boxes]
    out: list[Leaf] = []
    if ink:
        frame = (min(c.x0 for c in ink), max(c.x1 for c in ink))
        _cut(ink, frame, False, threshold, out)
    for leaf in out:
        leaf.page = page.number
        leaf.top = min(l.top for l in leaf.lines)
        leaf.bottom = max(l.bottom for l in leaf.lines)
        leaf.x0 = min(l.x0 for l in leaf.lines)
        leaf.x1 = max(l.x1 for l in leaf.lines)
        for line in leaf.lines:
            line.page = page.number
    _put_back_spaces(out, spaces)
    _frame_single_lines(out)
    return out


def _frame_single_lines(leaves: list[Leaf]) -> None:
    """A leaf of one line (a subhead, a paragraph's last line cut off by a gap) takes the column
    of the leaf of several lines next to it that it fits in: a narrower column than the region it
    was cut from."""
    for i, leaf in enumerate(leaves):
        if len(leaf.lines) != 1:
            continue
        near = [leaves[j] for j in (i - 1, i + 1)
                if 0 <= j < len(leaves) and len(leaves[j].lines) > 1
                and leaves[j].page == leaf.page and leaves[j].frame[0] - 1 <= leaf.x0
                and leaf.x1 <= leaves[j].frame[1] + 1]
        if near:
            column = min(near, key=lambda o: o.frame[1] - o.frame[0])
            if column.frame[1] - column.frame[0] < leaf.frame[1] - leaf.frame[0]:
                leaf.frame, leaf.in_column = column.frame, True


def _cut(chars: list[Char], frame: tuple[float, float], in_column: bool, threshold: float,
         out: list[Leaf]) -> None:
    em = statistics.median(c.size for c in chars)
    rows = line_on_baseline(chars)
    columns = columns_from_gutters(chars, (GUTTER_EM if len(rows) > 1 else ROW_GUTTER_EM) * em)
    parts = _merge_long_first_column(regions_from_bands(rows, threshold, em), em)
    # Both ways possible: the wider gap is the higher level of the page (stories stacked under
    # a short header, or columns side by side under a narrow headline).
    if len(columns) > 1 and (len(parts) == 1 or _widest_gutter(columns) >= _widest_band(parts)):
        for column in columns:
            _cut(column, _extent(column), True, threshold, out)
        return
    if len(parts) > 1:
        if not in_column:       # a region's parts are measured against the region, not the page
            frame = _extent(chars)
        for part in parts:
            part_chars = [c for row in part for c in row]
            # a part of several lines is a column of its own (outside any column, or narrower
            # than the column it was cut from: a story set in one column under a wide one)
            own = _extent(part_chars) if len(part) > (1 if not in_column else 2) else frame
            _cut(part_chars, own, in_column, threshold, out)
        return
    lines = [_line(text) for text in ([c for c in row if not c.box] for row in rows) if text]
    if lines:
        out.append(Leaf(lines, frame, in_column))


def _widest_gutter(columns: list[list[Char]]) -> float:
    return max(min(c.x0 for c in b) - max(c.x1 for c in a) for a, b in zip(columns, columns[1:]))


def _widest_band(parts: list[list[list[Char]]]) -> float:
    return max(min(c.top for row in b for c in row) - max(c.bottom for row in a for c in row)
               for a, b in zip(parts, parts[1:]))


def _merge_long_first_column(parts: list[list[list[Char]]], em: float) -> list[list[list[Char]]]:
    """A part of one column that sits under the first column of the part above it is that
    column's end (the first column of a page runs longer than the others): kept with it, so the
    columns are read one after the other (P02)."""
    out = [parts[0]]
    for part in parts[1:]:
        above = [c for row in out[-1] for c in row]
        below = [c for row in part for c in row]
        columns = columns_from_gutters(above, GUTTER_EM * em)
        if (len(columns) > 1 and len(columns_from_gutters(below, GUTTER_EM * em)) == 1
                and len(part) > 1 and _extent(below)[1] <= _extent(columns[0])[1] + em
                and len(columns_from_gutters(above + below, GUTTER_EM * em)) == len(columns)):
            out[-1] = out[-1] + part
        else:
            out.append(part)
    return out


def _extent(chars: list[Char]) -> tuple[float, float]:
    return min(c.x0 for c in chars), max(c.x1 for c in chars)


@rule("P02", "columns-from-gutters", "pdf")
def columns_from_gutters(chars: list[Char], gutter: float) -> list[list[Char]]:
    """A vertical gap of half an em or more that runs the whole height of a region (pictures
    count as text) is a gutter: the region is cut there into columns, read left to right; where
    a region could be cut either way, the wider gap goes first. A first column that runs longer
    than the others is read whole before the next."""
    order = sorted(chars, key=lambda c: c.x0)
    parts: list[list[Char]] = [[order[0]]]
    right = order[0].x1
    for c in order[1:]:
        if c.x0 - right >= gutter:
            parts.append([])
        parts[-1].append(c)
        right = max(right, c.x1)
    return parts


@rule("P01", "line-on-baseline", "pdf")
def line_on_baseline(chars: list[Char]) -> list[list[Char]]:
    """Characters whose vertical middles share a band are one line, read left to right; spaces
    the PDF does not hold are put back where the gap between two glyphs is a fifth of an em
    beside a digit or Latin letter, or most of an em anywhere (justified Han lines spread their
    glyphs less than that)."""
    order = sorted(chars, key=lambda c: c.top)
    rows: list[list[Char]] = []
    low = -1e9
    for c in order:
        h = min(c.bottom - c.top, c.size) * BAND_SHRINK
        if not rows or c.top + h > low:
            rows.append([])
            low = c.bottom - h
        else:
            low = max(low, c.bottom - h)
        rows[-1].append(c)
    return rows


def _style(row: list[Char]) -> tuple[float, bool] | None:
    """The row's type when all of it is one size and weight; None for mixed rows."""
    styles = {(c.size, c.bold) for c in row}
    return next(iter(styles)) if len(styles) == 1 else None


@rule("P03", "regions-from-bands", "pdf")
def regions_from_bands(rows: list[list[Char]], threshold: float,
                       em: float) -> list[list[list[Char]]]:
    """A horizontal gap clearly wider than the page's line gap, or a change of type between two
    rows, cuts a region into parts read top to bottom, so a headline over several columns is
    read before them and each story before the next. The type change cuts between rows of one
    piece each, where one row spans a gutter of the other, or at the region's first or last
    row; a subhead inside one of several columns read side by side is no cut."""
    parts = [[rows[0]]]
    top, bottom = _run(rows, em), len(rows) - 1 - _run(rows[::-1], em)
    for i, (a, b) in enumerate(zip(rows, rows[1:])):
        gap = min(c.top for c in b) - max(c.bottom for c in a)
        # the run of rows of one type that opens or closes the region is set apart, when its
        # rows are one piece each (not the headlines of two stories side by side)
        edge = i == top or i + 1 == bottom
        if gap > threshold or (_restyled(a, b) and (edge or _apart(a, b, em))):
            parts.append([])
        parts[-1].append(b)
    return parts


def _run(rows: list[list[Char]], em: float) -> int:
    """The index of the last row of the run of rows of one type, one piece each, that `rows`
    open with (-1: none)."""
    style = _style(rows[0])
    end = -1
    for i, row in enumerate(rows):
        if style is None or _style(row) != style or _gutters(row, em):
            break
        end = i
    return end


def _restyled(a: list[Char], b: list[Char]) -> bool:
    """The type changes from row `a` to row `b`: no size in common, or each row of one size and
    weight and they differ."""
    if {c.size for c in a}.isdisjoint(c.size for c in b):
        return True
    sa, sb = _style(a), _style(b)
    return sa is not None and sb is not None and sa != sb


def _gutters(row: list[Char], em: float) -> list[tuple[float, float]]:
    order = sorted(row, key=lambda c: c.x0)
    out = []
    right = order[0].x1
    for c in order[1:]:
        if c.x0 - right >= GUTTER_EM * em:
            out.append((right, c.x0))
        right = max(right, c.x1)
    return out


def _apart(a: list[Char], b: list[Char], em: float) -> bool:
    """Two rows of different type may be cut apart: neither has a gutter, or one runs over a
    gutter of the other."""
    ga, gb = _gutters(a, em), _gutters(b, em)
    (a0, a1), (b0, b1) = _extent(a), _extent(b)
    if not ga and not gb:       # one piece each: one over the other, not side by side
        return a0 < b1 and b0 < a1
    return (not ga and _spans(a, gb)) or (not gb and _spans(b, ga))


def _spans(row: list[Char], gutters: list[tuple[float, float]]) -> bool:
    x0, x1 = min(c.x0 for c in row), max(c.x1 for c in row)
    return any(x0 < g0 and g1 < x1 for g0, g1 in gutters)


def _line(row: list[Char]) -> Line:
    chars = sorted(row, key=lambda c: c.x0)
    size = Counter(c.size for c in chars).most_common(1)[0][0]
    bold = sum(c.bold for c in chars) * 2 > len(chars)
    return Line(chars, _text(chars), chars[0].x0, max(c.x1 for c in chars),
                min(c.top for c in chars), max(c.bottom for c in chars), size, bold,
                actual=_text(chars, actual=True))


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _text(chars: list[Char], actual: bool = False) -> str:
    """The line's text; a space where the gap between glyphs shows one the PDF did not write.
    `actual`: each glyph's ActualText where the PDF gives one."""
    def text(c: Char) -> str:
        return c.actual if actual and c.actual is not None else c.text

    out = [text(chars[0])]
    for a, b in zip(chars, chars[1:]):
        gap = b.x0 - a.x1
        em = max(a.size, b.size)
        narrow = not (_is_wide(a.text[-1]) and _is_wide(b.text[0]))
        if not a.text.isspace() and not b.text.isspace() and (
                (narrow and gap >= 0.2 * em) or gap >= 0.8 * em):
            out.append(" ")
        out.append(text(b))
    return "".join(out)


def _put_back_spaces(leaves: list[Leaf], spaces: list[Char]) -> None:
    """A space glyph between two glyphs of a line belongs to it (leading and trailing ones are
    layout, not text)."""
    if not spaces:
        return
    by_band: dict[int, list[Line]] = {}      # lines by 10-point bands of the page's height
    for line in (line for leaf in leaves for line in leaf.lines):
        for band in range(int(line.top) // 10, int(line.bottom) // 10 + 1):
            by_band.setdefault(band, []).append(line)
    changed = set()
    for s in spaces:
        mid = (s.x0 + s.x1) / 2
        for line in by_band.get(int(s.middle) // 10, ()):
            if line.top <= s.middle <= line.bottom and line.x0 < mid < line.x1:
                line.chars.append(s)
                changed.add(id(line))
                break
    for line in (line for leaf in leaves for line in leaf.lines):
        if id(line) in changed:
            line.chars.sort(key=lambda c: c.x0)
            line.text = _text(line.chars)
            line.actual = _text(line.chars, actual=True)
