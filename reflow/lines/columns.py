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

from dataclasses import dataclass, field
from itertools import combinations

import regex

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule
if TYPE_CHECKING:
    from ..run import Run

from .classify import furniture_pattern
from .deinterleave import each_page, page_pairs
from .pieces import (FULL_SHORT, MIN_COLUMN, Piece, as_line, column_of, common_widths, cut,
                     ends_sentence, is_full, width_of)
from .rows import (MAX_COLUMNS, PUNCT, STARTS_WITHIN, keeps_positions, opens_story,
                   over_an_opening, row_pieces, row_start, starts_at)

# a page shows side-by-side columns when this many lines hold two full lines of a column or more
MIN_ROWS = 3
# a run of Latin letters and digits a line cannot break inside (`21.4%`, `5G`, `MES`)
# a space between a number or a Latin word and a Han character
_BY_NUMBER = regex.compile(r"(?<=[0-9A-Za-z%]) (?=\p{Han})|(?<=\p{Han}) (?=[0-9A-Za-z])")
_UNIT = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z.%+\-/:]*")
# a column that took no piece for this many rows has ended
GAP_ENDS_COLUMN = 4
# what a join that makes a word the page writes elsewhere adds to a piece's fit
JOIN_WORD = 3
# the weights of what tells the column a line alone on its row goes on (`_lone_fit`)
LONE_WORD, LONE_WHOLE, LONE_LOWER, LONE_SKIPPED = 0.5, 0.4, 0.3, 0.2
LONE_STARTS, LONE_CLOSED, LONE_OPEN = 0.2, 0.1, 0.1
# on a page written as laid out, a line alone on its row stands in a column whose lines start
# this many cells from it at the most
STANDS_WITHIN = 8


@dataclass
class Column:
    """One column of a band being dealt out: its lines so far and what its last line looks like."""

    lines: list[Line] = field(default_factory=list)
    last_row: int = 0
    open: bool = False      # its last line is full and stops mid-sentence: it must go on
    closed: bool = False    # its last line closes its story (`（记者 葛亮）`, `（完）`)
    tail: str = ""          # the last character of its last line, where its sentence goes on
    width: int = 0          # the width of its full lines, once one is seen
    skipped: int = 0        # rows of several lines it took no piece of since its last line
    x: int = -1             # on a page written as laid out, the cell its lines start at (-1: none)
    took_lone: bool = False  # it took the band's last line that was alone on its row
    at: int = -1            # where kept positions show its lines start (-1: not known)
    # photo credits read beside it, each with the number of its lines before it
    credits: list[tuple[int, Line]] = field(default_factory=list)

    def read(self) -> list[Line]:
        """Its lines, the credits beside it among them."""
        out = list(self.lines)
        for at, line in reversed(self.credits):
            out.insert(min(at, len(out)), line)
        return out


@rule("L41", "side-by-side-columns", "line")
def side_by_side_columns(rows: list[list[Piece]], config: Config) -> list[int] | None:
    """Lines made of two or more pieces as wide as a full line of a column, with a space (a
    column gap) between them, are lines of neighbouring columns read across the page. Where a
    page has several such lines, and more of them than lines as wide with no gap inside (on an
    ordinary page, a stray space halves many a line of its one column), they are cut at the
    gaps. The column widths are those that many pieces share. Returns those widths, or None."""
    widths = common_widths(rows, config)
    if not widths:
        return None
    evidence = sum(1 for row in rows if sum(is_full(p.width, widths, config) for p in row) >= 2)
    gapless = sum(1 for row in rows if len(row) == 1 and row[0].width >= 3 * widths[0] // 2)
    return widths if evidence >= MIN_ROWS and evidence > gapless else None


@rule("L42", "deal-out-columns", "line")
def deal_out(columns: list[Column], pieces: list[Piece], row: int, after: int,
             config: Config, pairs: AbstractSet[str] = frozenset(), unit: int = 0
             ) -> tuple[float, tuple[int, ...]] | None:
    """Each column takes one piece a row, left to right. A piece goes to the column that waits
    for it: one that missed a row (its lines sit lower than its neighbours', so the extractor put
    them on rows of their own), then one whose last line stopped mid-sentence, which only a full
    line or a sentence's last line can go on (a line closing its story, `…。（完）`, does not
    stop mid-sentence; a line short of full by no more than the run of digits or letters that
    opens a line of the next row counts as full, `…同比增长` / `21.4%。`: the run could not be
    broken); never to a column narrower than the piece. A short line that ends a sentence goes
    on a column sooner than it makes a paragraph of its own. A column whose
    story closed (`（记者 葛亮）`) waits for nothing. A piece goes on the column whose last line
    it finishes a word of: the two characters the join makes are written side by side elsewhere
    on the page (`pairs`, see `deinterleave.page_pairs`): about a fifth of line ends inside a
    sentence on real-extraction pages, against one in a hundred for a line picked at random. A
    line alone on its row is weighed apart (`_lone_fit`): there a word across the join says
    most, rows a column missed little. (On a page written as laid out, a line alone on its row
    goes to the column it stands in: see `_Band._where_it_stands`; on a page that keeps
    positions, a row that starts right of the first column goes from the column it starts in:
    see `_Band._row_starts_right`.) Returns the best score and
    the columns (indices after `after`) the pieces go to, or None."""
    best: tuple[float, tuple[int, ...]] | None = None
    candidates = [i for i in range(after + 1, len(columns))
                  if row - columns[i].last_row < GAP_ENDS_COLUMN]
    for chosen in combinations(candidates, len(pieces)):
        score = 0.0
        for i, piece in zip(chosen, pieces):
            fit = _fit(columns[i], piece, row, config, len(pieces) == 1, pairs, unit)
            if fit is None:
                break
            score += fit - 0.01 * i
        else:
            if best is None or score > best[0]:
                best = (score, chosen)
    return best


def _fit(col: Column, piece: Piece, row: int, config: Config, lone: bool = False,
         pairs: AbstractSet[str] = frozenset(), unit: int = 0) -> float | None:
    """How well `piece` goes on `col` on `row` (None: it cannot). A column that missed rows
    waits for its piece if it stopped mid-sentence, or if the piece is alone on its row (the
    column sits lower than its neighbours); a finished column that missed a row may have ended."""
    if col.width and piece.width > col.width + config.width["overhang"] \
            and not 0 < piece.column - col.width < config.width["indent_drop_min"]:
        return None     # too wide for the column, even counting its ragged lines
    slack = config.width["full_slack"]
    # (a line stops short by the run of digits or letters that opens the next one: `21.4%`)
    full = piece.width >= col.width - 2 * slack - unit if col.width else piece.full
    # a last line ends a sentence, or a byline's bracket (`（记者 赵` / `雅琴）`)
    ends = ends_sentence(piece.text, config) or piece.text.endswith(("）", ")"))
    if col.open and not (full or ends):
        return None
    # a column whose story closed waits for nothing: the row it missed was empty in it
    waited = 0 if col.closed else min(row - col.last_row - 1, 2)
    # a line short of full (a paragraph's first line, a subhead) follows a finished one
    starts = not col.open and col.width and piece.width < col.width - slack
    # ... less likely a whole paragraph in one short line (a last line, more likely)
    whole = starts and ends
    # a finished column that missed a row of several lines has likely ended; one that missed
    # only lone lines sits lower than the others
    ended = not col.open and col.skipped and not lone
    # the two characters the join makes are a word the page writes elsewhere (`治` / `理团队`)
    head = piece.text[:1]
    word = bool(col.tail) and head.isalnum() and col.tail + head in pairs
    if lone:
        return _lone_fit(col, bool(starts), bool(whole), word, waited == 1)
    return (1 + (0 if ended else 3) * waited + 2 * col.open + 2 * bool(starts) - bool(whole)
            + JOIN_WORD * word)


def _lone_fit(col: Column, starts: bool, whole: bool, word: bool, waited_a_row: bool) -> float:
    """How well a line alone on its row goes on `col`, weighed as the lines of 424 pages read
    across their columns (development seeds 400-699, pdfplumber) go: a word made across the
    join counts most; then a column that took the last lone line and missed one row since (a
    column set lower than its neighbours gives a line every other row), one that missed rows
    of several lines, a short line after a finished one; not a whole paragraph in one line."""
    return (LONE_WORD * word - LONE_WHOLE * whole + LONE_LOWER * (col.took_lone and waited_a_row)
            + LONE_SKIPPED * bool(col.skipped) + LONE_STARTS * starts - LONE_CLOSED * col.closed
            + LONE_OPEN * col.open * (1 + waited_a_row))


class _Band:
    """Columns being dealt out, from the first line that shows them to the last."""

    def __init__(self, config: Config, widths: list[int], pairs: AbstractSet[str],
                 positions: bool = False):
        self.config, self.widths, self.pairs = config, widths, pairs
        self.columns: list[Column] = []
        self.row = 0
        self.after = -1           # the column that took the last piece of the current row
        self.first = self.last = 0
        self.taken: list[tuple[int, int, Piece]] = []   # (row, column, piece) in input order
        self.aside: list[Line] = []     # lines inside the band that belong to no column
        self.positions = positions  # the page keeps where its lines start (`keeps_positions`)

    def start(self, lines: list[Line], pieces: list[Piece]) -> None:
        """The first row of a band, from `lines` (one, or a row broken over several lines whose
        last holds the rest of `pieces`): each piece opens a column."""
        self.columns = [Column() for _ in pieces]
        self.row, self.after, self.first, self.taken, self.aside = 1, -1, lines[0].no, [], []
        for k, line in enumerate(lines[:-1]):
            self._give(line, pieces[k:k + 1], (k,), self.row)
        k = len(lines) - 1
        self._give(lines[-1], pieces[k:], tuple(range(k, len(pieces))), self.row)

    def take(self, line: Line, pieces: list[Piece], ahead: list[Piece] | None) -> bool:
        """Deal out the pieces of `line`: on the current row if they fit right of it, else on a
        new row, with new columns if there are more pieces than columns. A lone line that fits
        no column while the next line goes on with the columns (a caption in a photo box) is
        set aside and read after the band; a lone photo credit goes with a column (`_credit`);
        a lone full line between rows every column takes a piece of opens a column of its own
        (`_column_of_its_own`). False if the band has ended."""
        if self._narrower(pieces):
            return False
        if len(pieces) == 1 and any(p.search(line.text.strip()) for p in self.config.credit) \
                and self._goes_on(ahead) and self._credit(line):
            return True
        placed = self._where_it_stands(line, pieces)
        if placed is not None:
            self.row += 1
            self._give(line, pieces, (placed,), self.row)
            return True
        if len(pieces) == 1 and self._goes_on(ahead) \
                and not any(_fit(c, pieces[0], self.row + 1, self.config, pairs=self.pairs)
                            is not None
                            for c in self.columns):
            self.aside.append(line)
            return True
        if len(pieces) == 1 and not line.laid_out and self._column_of_its_own(pieces[0], ahead):
            self.columns.append(Column())
            self.row += 1
            self._give(line, pieces, (len(self.columns) - 1,), self.row)
            return True
        right = self._row_starts_right(line, pieces)
        if right is not None:
            self.row += 1
            self._give(line, pieces, right, self.row)
            return True
        unit = max((width_of(m.group(), self.config) for p in ahead or []
                    if (m := _UNIT.match(p.text))), default=0)
        same = deal_out(self.columns, pieces, self.row, self.after, self.config, self.pairs,
                        unit) if self.after >= 0 else None
        new = deal_out(self.columns, pieces, self.row + 1, -1, self.config, self.pairs, unit)
        if new is not None and len(pieces) == 1 and not self._continues(pieces[0], new[1][0]):
            new = None
        if same is not None and (new is None or same[0] >= new[0]):
            self._give(line, pieces, same[1], self.row)
            return True
        if new is None and len(pieces) >= 2:
            new = self._widen(pieces)
        if new is None:
            return False
        self.row += 1
        self._give(line, pieces, new[1], self.row)
        return True

    def _credit(self, line: Line) -> bool:
        """A photo's credit alone on its row (`通讯员 胡志刚 摄`) while the columns go on: it
        is read after the last line of the first column whose sentence ended (the photo stands
        between two paragraphs). False if every column stops mid-sentence."""
        live = [c for c in self.columns if not c.open and c.lines
                and self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        if live:
            live[0].credits.append((len(live[0].lines), line))
        return bool(live)

    def _column_of_its_own(self, piece: Piece, ahead: list[Piece] | None) -> bool:
        """A lone line, mid-sentence or opening a paragraph, between rows that every column of
        the band takes a piece of: a column of its own, set lower than the others (its lines
        come out on rows of their own, every other row)."""
        # (two pieces read as one, `雯 藝術節今年設立`, are a row broken, not a column)
        if ahead is None or len(ahead) < 2 or not piece.full or " " in piece.text \
                or self._narrower(ahead):
            return False
        live = [c for c in self.columns if self.row - c.last_row < GAP_ENDS_COLUMN]
        if len(ahead) != len(live) or any(c.skipped or c.last_row != self.row for c in live):
            return False
        return deal_out(self.columns, ahead, self.row + 1, -1, self.config,
                        self.pairs) is not None

    def _goes_on(self, ahead: list[Piece] | None) -> bool:
        """The next line holds two pieces or more that the columns take: the band goes on."""
        return ahead is not None and len(ahead) >= 2 and not self._narrower(ahead) \
            and deal_out(self.columns, ahead, self.row + 1, -1, self.config,
                         self.pairs) is not None

    def ends_of_open_columns(self, line: Line, pieces: list[Piece]) -> list[Piece]:
        """A short line that is two columns' last lines read across (`汤只要十二元。 放心。`): cut at
        each space after a sentence's end where every piece goes to a column whose last line
        stopped mid-sentence. Else `pieces` as they are."""
        row = [p.measured(self.widths, self.config) for p in cut(line.text, self.config)]
        if len(row) < 2 or not all(_closes(p.text, self.config) for p in row[:-1]):
            return pieces
        dealt = deal_out(self.columns, row, self.row + 1, -1, self.config, self.pairs)
        if dealt is None or not all(self.columns[i].open for i in dealt[1]):
            return pieces
        return row

    def cut_by_a_number(self, line: Line, pieces: list[Piece]) -> list[Piece]:
        """A line read as one piece but wider than every column of the band, with a space
        between a number or a Latin word and a Han character (`…消耗约4.1 务约46万车次。`): the
        space is no spacing of the text (`约4.1 万吨`) but the gap between two columns' lines,
        where cut there the first is a full line and the columns take both. Else `pieces`."""
        widths = [c.width for c in self.columns if c.width]
        if len(pieces) != 1 or not widths or \
                pieces[0].width <= max(widths) + self.config.width["overhang"]:
            return pieces
        text = line.text
        for m in _BY_NUMBER.finditer(text):
            a, b = text[:m.start()], text[m.end():]
            row = [Piece(0, len(a), a, width_of(a, self.config)),
                   Piece(m.end(), len(text), b, width_of(b, self.config))]
            row = [p.measured(self.widths, self.config) for p in row]
            if row[0].full and deal_out(self.columns, row, self.row + 1, -1, self.config,
                                        self.pairs) is not None:
                return row
        return pieces

    def _where_it_stands(self, line: Line, pieces: list[Piece]) -> int | None:
        """On a page written as laid out, a line alone on its row goes to the column it stands
        in: the one whose lines start nearest to it, within a few cells (the extractor writes a
        column's lines a little further left on rows the column next to it shares), when it
        fits that column, the column did not end, and it has punctuation (a line with none may
        be a headline over the next story). (Rows of columns set a little apart, each line on a
        row of its own, alternate: `pdftotext -layout` on a page printed by Chromium.)"""
        if not line.laid_out or len(pieces) != 1 or len(self.columns) < 2:
            return None
        near = [(abs(c.x - line.indent), i) for i, c in enumerate(self.columns)
                if c.x >= 0 and self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        if not near:
            return None
        off, i = min(near)
        col = self.columns[i]
        if off > STANDS_WITHIN or not col.width or col.closed or _fit(
                col, pieces[0], self.row + 1, self.config, True, self.pairs) is None:
            return None
        # (a line with no punctuation may be a headline over the next story: not by position)
        return i if PUNCT.search(pieces[0].text) else None

    def _row_starts_right(self, line: Line, pieces: list[Piece]
                          ) -> tuple[int, ...] | None:
        """On a page that keeps where its lines start (`keeps_positions`), a row of several
        lines whose first starts where a column right of the band's first live column starts:
        the columns left of it have no line on that row (a column shorter than the others, a
        photo above it), so the pieces go to that column and the ones after it. The columns,
        as far as their places are known, must stand left to right as the band lists them
        from that one on. (Only a row's first piece is placed by its position: after a single
        space the extractor writes a piece where the text before it ends, not where it
        stands.)"""
        if not self.positions or len(pieces) < 2:
            return None
        at = starts_at(line, pieces[0])
        near = [(abs(c.at - at), i) for i, c in enumerate(self.columns)
                if c.at >= 0 and self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        if not near:
            return None
        off, first = min(near)
        if off > STARTS_WITHIN or first == min(i for _, i in near):
            return None
        known = [c.at for c in self.columns[first:] if c.at >= 0]
        if any(a >= b for a, b in zip(known, known[1:])):
            return None
        dealt = deal_out(self.columns, pieces, self.row + 1, first - 1, self.config, self.pairs)
        return dealt[1] if dealt is not None and dealt[1][0] == first else None

    def _narrower(self, pieces: list[Piece]) -> bool:
        """Two or more full lines of a column clearly narrower than every column of the band:
        the next story's columns, a band of their own."""
        widths = [c.width for c in self.columns if c.width]
        if not widths:
            return False
        narrow = min(widths) - self.config.width["indent_drop_min"]
        return sum(1 for p in pieces if p.full and not ends_sentence(p.text, self.config)
                   and column_of(p.width, self.widths, self.config) < narrow) >= 2

    def _widen(self, pieces: list[Piece]) -> tuple[float, tuple[int, ...]] | None:
        """More pieces than columns that can take them: the columns that go on take the pieces
        that fit them best, and each other piece opens a new column where it stands."""
        live = [i for i, c in enumerate(self.columns)
                if self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
        if len(live) > MAX_COLUMNS:
            return None     # more columns than a page has: not a band (and the search is bounded)
        for k in range(min(len(live), len(pieces) - 1), 0, -1):
            for cols in combinations(live, k):
                for at in combinations(range(len(pieces)), k):
                    fits = [_fit(self.columns[c], pieces[p], self.row + 1, self.config,
                                 pairs=self.pairs)
                            for c, p in zip(cols, at)]
                    if None in fits:
                        continue
                    score = 0.0     # summed in order: the same float on every Python and build
                    for fit in fits:
                        score += fit or 0.0
                    if best is None or score > best[0]:
                        best = (score, cols, at)
            if best is not None:
                break
        if best is None:
            return None
        _, cols, at = best
        # insert a new column before the next going-on column of each piece left over
        chosen: list[int] = []
        placed = dict(zip(at, cols))
        order = list(range(len(self.columns)))
        new_cols: list[tuple[int, Column]] = []
        for p in range(len(pieces)):
            if p in placed:
                chosen.append(placed[p])
            else:
                nxt = next((placed[q] for q in range(p + 1, len(pieces)) if q in placed),
                           len(order))
                col = Column()
                new_cols.append((nxt, col))
                chosen.append(-len(new_cols))
        # rebuild the column list with the new columns in place; renumber the choices
        index: dict[int, int] = {}
        columns: list[Column] = []
        for i in range(len(self.columns) + 1):
            for k, (nxt, col) in enumerate(new_cols):
                if nxt == i:
                    index[-1 - k] = len(columns)
                    columns.append(col)
            if i < len(self.columns):
                index[i] = len(columns)
                columns.append(self.columns[i])
        self.columns = columns
        self.taken = [(r, index[c], p) for r, c, p in self.taken]
        return 0.0, tuple(index[c] for c in chosen)

    def _continues(self, piece: Piece, i: int) -> bool:
        """A lone piece on a row of its own belongs to the band only if a column waits for it,
        or it goes on with a column that stopped mid-sentence (as a full line or a last line)."""
        col = self.columns[i]
        return self.row + 1 - col.last_row >= 2 or col.open

    def _give(self, line: Line, pieces: list[Piece], chosen: tuple[int, ...], row: int) -> None:
        if len(pieces) >= 2:    # a column that took no piece of a row of several
            for i, col in enumerate(self.columns):
                if i not in chosen:
                    col.skipped += 1
        if len(pieces) == 1:
            for col in self.columns:
                col.took_lone = False
        for k, (i, piece) in enumerate(zip(chosen, pieces)):
            col = self.columns[i]
            col.took_lone = len(pieces) == 1
            # (a piece stands where the page put it if the pieces before it on its line are
            # full: after a short one the extractor writes it closer)
            if self.positions and col.at < 0 and all(p.full for p in pieces[:k + 1]):
                col.at = starts_at(line, piece)
            if line.laid_out and col.x < 0:
                col.x = line.indent + width_of(line.text[:piece.start], self.config)
            col.skipped = 0
            col.lines.append(as_line(line, piece, self.config) if len(pieces) > 1 else line)
            col.last_row = row
            col.open = piece.full and not _closes(piece.text, self.config)
            col.closed = _closes_story(piece.text, self.config)
            col.tail = "" if col.closed or ends_sentence(piece.text, self.config) \
                or not piece.text[-1:].isalnum() else piece.text[-1]
            if piece.full:
                col.width = max(col.width, piece.column)
            self.taken.append((row, i, piece))
        self.after = chosen[-1]
        self.last = line.no

    def loose_tail(self) -> list[Line]:
        """Lines the band took last that may as well open what follows, each on a row of its own:
        short lines that end no sentence, or lines wider than their column (headlines above the
        next band)."""
        out: list[Line] = []
        while len(self.taken) >= 2:
            row, i, piece = self.taken[-1]
            wider = piece.width > self.columns[i].width + 1
            if self.taken[-2][0] == row or not wider and (
                    piece.full or ends_sentence(piece.text, self.config)):
                break
            self.taken.pop()
            out.append(self.columns[i].lines.pop())
        return out[::-1]

    def flush(self, out: list[Line], run: Run) -> None:
        if self.columns:
            band = [line for col in self.columns for line in col.read()] + self.aside
            for line in band:
                line.dealt = True
            out.extend(band)
            run.decide(deal_out, (self.first, self.last),
                       f"{len(self.columns)} columns read one after another")
        self.columns = []


def untangle(lines: list[Line], run: Run) -> list[Line]:
    """The lines of one page in column order where it shows side-by-side columns (L41, L42);
    the lines as they are on any other page."""
    config = run.config
    rows = [cut(l.text, config, width=l.width) for l in lines]   # widths as read measured them
    widths = side_by_side_columns(rows, config)
    if widths is None:
        return lines
    texts = [(line, row_pieces(line, row, widths, config))
             for line, row in zip(lines, rows) if line.text]
    ahead = {id(line): nxt for (line, _), (_, nxt) in zip(texts, texts[1:])}
    heads = over_an_opening(texts, config)
    pieces_of = {id(line): pieces for line, pieces in texts}
    out: list[Line] = []
    band = _Band(config, widths, page_pairs(lines), keeps_positions(lines))
    alone, after_band = 0, False
    furniture = run.on(furniture_pattern)
    for line in lines:
        if not line.text:
            if not band.columns:
                out.append(line)
            continue
        pieces = pieces_of[id(line)]
        if len(pieces) >= 2 and furniture and furniture_pattern(line, config):
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
            band.start(lines_, row)
            _note_cut(line, pieces, run)
            alone = 0
        else:
            out.append(line)
            alone += 1
    band.flush(out, run)
    return out


def _note_cut(line: Line, pieces: list[Piece], run: Run) -> None:
    if len(pieces) >= 2:
        run.decide(side_by_side_columns, (line.no, line.no),
                   f"{len(pieces)} columns side by side: read as {len(pieces)} lines")


def _closes(text: str, config: Config) -> bool:
    """A column's line that ends its sentence, or its story (`…。（完）`, `（记者 X）`): what
    follows in that column starts anew."""
    return ends_sentence(text, config) or _closes_story(text, config)


def _closes_story(text: str, config: Config) -> bool:
    """A column's line that closes its story: a closing byline or tag (`（记者 葛亮）`, `（完）`)."""
    return text.endswith(("）", ")")) and any(
        p.search(text) for p in (*config.closing_tag, *config.closing))


def untangle_pages(lines: list[Line], run: Run) -> list[Line]:
    """`untangle` each page of `lines` (a form feed starts a page), unless L41 or L42 is
    switched off (cut lines are only of use dealt out)."""
    if not (run.on(side_by_side_columns) and run.on(deal_out)):
        return lines
    return each_page(lines, lambda page: untangle(page, run))
