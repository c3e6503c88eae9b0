"""Stage 2a, a pre-pass: lines of side-by-side columns read across the page, put back in columns.

pdfplumber and default `pdftotext` read a page of several columns row by row: the lines of
neighbouring columns come out on one input line with a space between them, or one after the
other. Where the page shows it clearly (several lines made of pieces as wide as a column), each
such line is cut into its pieces (L41) and the pieces are dealt out to the columns they came from
(L42): each column takes one piece a row, left to right, and a piece goes on the column whose text
it continues. The columns are then read one after the other, as a reader would. Nothing is
deleted: pieces are the line's own text, in new lines that point back to their input line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule
from .band import Band
from .classify import furniture_pattern
from .deal import deal_out
from .deinterleave import each_page
from .memo import LineMemo
from .pieces import MIN_COLUMN, Piece, common_widths, is_full
from .rows import (PUNCT, keeps_positions, opens_story, over_an_opening, pads_line_starts,
                   row_pieces, row_start)
from .words import page_pairs

if TYPE_CHECKING:
    from ..run import Run

# a page shows side-by-side columns when this many lines hold two full lines of a column or more
MIN_ROWS = 3


@rule("L41", "side-by-side-columns", "line")
def side_by_side_columns(rows: list[list[Piece]], config: Config, near: bool = True
                         ) -> list[int] | None:
    """Lines made of two or more pieces as wide as a full line of a column, with a space (a
    column gap) between them, are lines of neighbouring columns read across the page. Where a
    page has several such lines, and more of them than lines as wide with no gap inside (on an
    ordinary page, a stray space halves many a line of its one column), they are cut at the
    gaps. The column widths are those that many pieces share (`near`: on a short page, a paste
    of a few rows, where none is shared by three lines, those that many come near; not on a page
    written as laid out). Returns those widths, or None."""
    widths = common_widths(rows, config, near=near)
    if not widths:
        return None
    evidence = sum(1 for row in rows if sum(is_full(p.width, widths, config) for p in row) >= 2)
    gapless = sum(1 for row in rows if len(row) == 1 and row[0].width >= 3 * widths[0] // 2)
    return widths if evidence >= MIN_ROWS and evidence > gapless else None



def untangle(lines: list[Line], run: Run, memo: LineMemo | None = None) -> list[Line]:
    """The lines of one page in column order where it shows side-by-side columns (L41, L42);
    the lines as they are on any other page. `memo`: the window's pieces and L01 answers."""
    config = run.config
    memo = memo or LineMemo(config)
    rows = [memo.pieces(l.text) for l in lines]
    widths = side_by_side_columns(rows, config, not any(l.laid_out for l in lines))
    if widths is None:
        return lines
    texts = [(line, row_pieces(line, row, widths, config))
             for line, row in zip(lines, rows) if line.text]
    ahead = {id(line): nxt for (line, _), (_, nxt) in zip(texts, texts[1:])}
    heads = over_an_opening(texts, config)
    pieces_of = {id(line): pieces for line, pieces in texts}
    out: list[Line] = []
    band = Band(config, widths, page_pairs(lines), keeps_positions(lines),
                pads_line_starts(lines))
    alone, after_band = 0, False
    furniture = run.on(furniture_pattern)
    for line in lines:
        if not line.text:
            if not band.columns:
                out.append(line)
            continue
        pieces = pieces_of[id(line)]
        if len(pieces) >= 2 and furniture and memo.furniture(line):
            # a running header or footer is one line, whatever gaps its fields leave (cut, it
            # would leave `星期二 社区` of `城南日报 2026年6月2日 星期二  社区  第05版` a headline),
            # and the band above it ends there
            if band.columns:
                band.flush(out, run)
                alone, after_band = 0, True     # lines read alone since the last band
            out.append(line)
            alone += 1
            continue
        if band.columns and len(pieces) == 1:
            pieces = band.ends_of_open_columns(line, pieces)
        if band.columns and len(pieces) == 1:
            pieces = band.cut_by_a_number(line, pieces)
        if band.columns and id(line) in heads:
            run.decide(deal_out, (line.no, line.no),
                       "a line with no punctuation over a story's opening: a headline, not dealt")
        elif band.columns and band.take(line, pieces, ahead.get(id(line))):
            _note_cut(line, pieces, run)
            continue
        tail = band.loose_tail() if band.columns else []
        if band.columns:
            band.flush(out, run)
            alone, after_band = 0, True     # lines read alone since the last band
        out += tail
        # a band starts at a row of two column lines: pieces as wide as a column of ten
        # characters, openings, or full lines with sentence marks (the indented first lines
        # of columns of nine are narrower than ten characters, a title's pieces have no marks)
        if any(p.full for p in pieces) and id(line) not in heads and sum(
                p.width >= MIN_COLUMN or opens_story(p.text, config)
                or p.full and PUNCT.search(p.text) is not None for p in pieces) >= 2:
            lines_, row = row_start(out[len(out) - alone:], line, pieces, pieces_of, config,
                                     after_band, band.positions)
            del out[len(out) - (len(lines_) - 1):]
            # (default `pdftotext` writes a band's first row, its paragraphs' first lines, a
            # line each: that row stands above the first row written on one line)
            if not _row_above(lines_, row, len(pieces), config) or not _starts_above(
                    band, lines_, row, line, pieces, ahead.get(id(line))):
                band.start(lines_, row)
            _note_cut(line, pieces, run)
            alone = 0
        else:
            out.append(line)
            alone += 1
    band.flush(out, run)
    return out


def _row_above(lines: list[Line], row: list[Piece], n: int, config: Config) -> bool:
    """The lines taken back before a band's first row (of `n` pieces) are a row of their own,
    each a column's line, not pieces the extractor broke off that row: fewer than the row's
    pieces (a column that starts lower: the row above holds fewer columns), or as many, each
    narrower than a full line by about an indent (the first lines of paragraphs)."""
    taken = row[:len(lines) - 1]
    column = max((p.width for p in row[len(lines) - 1:] if p.full), default=0)
    return 0 < len(taken) < n or len(taken) == n and all(
        p.width < column - config.width["full_slack"] for p in taken)


def _starts_above(band: Band, lines: list[Line], row: list[Piece], line: Line,
                  pieces: list[Piece], ahead: list[Piece] | None) -> bool:
    """Start `band` at the row above `line` (the taken-back `lines`), then deal `line` on."""
    band.start(lines[:-1], row[:len(lines) - 1])
    if band.take(line, pieces, ahead):
        return True
    band.columns = []
    return False


def _note_cut(line: Line, pieces: list[Piece], run: Run) -> None:
    if len(pieces) >= 2:
        run.decide(side_by_side_columns, (line.no, line.no),
                   f"{len(pieces)} columns side by side: read as {len(pieces)} lines")



def untangle_pages(lines: list[Line], run: Run, memo: LineMemo | None = None) -> list[Line]:
    """`untangle` each page of `lines` (a form feed starts a page), unless L41 or L42 is
    switched off (cut lines are only of use dealt out)."""
    if not (run.on(side_by_side_columns) and run.on(deal_out)):
        return lines
    return each_page(lines, lambda page: untangle(page, run, memo))
