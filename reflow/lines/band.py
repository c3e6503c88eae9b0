"""Stage 2a, a pre-pass: a band of columns read across the page, dealt out row by row (L42).

A band runs from the first row that shows its columns to the last line they take. Each row's
pieces go to the columns they continue (scored in deal.py); a lone line may be a column set
lower, a photo's credit or caption beside the columns, or the line of a column it stands in
where the page keeps positions. When the band ends, its columns are read one after another.
"""
from __future__ import annotations

from itertools import combinations

import regex

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from .deal import GAP_ENDS_COLUMN, Column, deal_out, piece_fit
from .pieces import Piece, as_line, column_of, cut, ends_sentence, width_of
from .rows import MAX_COLUMNS, PUNCT, STARTS_WITHIN, opens_story, starts_at
from .words import LONGEST, left_open

if TYPE_CHECKING:
    from ..run import Run

# a space between a number or a Latin word and a Han character
_BY_NUMBER = regex.compile(r"(?<=[0-9A-Za-z%]) (?=\p{Han})|(?<=\p{Han}) (?=[0-9A-Za-z])")
# a run of Latin letters and digits a line cannot break inside (`21.4%`, `5G`, `MES`)
UNIT = regex.compile(r"^[0-9A-Za-z][0-9A-Za-z.%+\-/:]*")
# on a page written as laid out, a line alone on its row stands in a column whose lines start
# this many cells from it at the most
STANDS_WITHIN = 8
# a piece after a wide gap stands in a column whose last such line started this near (on Chromium
# pages `pdftotext -layout` moves a column's lines a few cells with the text left of them)
STANDS_NEAR = 4
# a dealing: its score and the column of each piece
Dealt = tuple[float, tuple[int, ...]]


class Band:
    """Columns being dealt out, from the first line that shows them to the last."""

    def __init__(self, config: Config, widths: list[int], pairs: AbstractSet[str],
                 positions: bool = False, padded: bool = False):
        self.config, self.widths, self.pairs = config, widths, pairs
        self.columns: list[Column] = []
        self.row = 0
        self.after = -1           # the column that took the last piece of the current row
        self.first = self.last = 0
        self.taken: list[tuple[int, int, Piece]] = []   # (row, column, piece) in input order
        self.aside: list[Line] = []     # lines inside the band that belong to no column
        self.positions = positions  # the page keeps where its lines start (`keeps_positions`)
        self.padded = padded    # ... and pads each line to where it stands (`pads_line_starts`)

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
        (`_column_of_its_own`). A row no dealing fits is dealt `relaxed` (a line short of full
        may stop mid-sentence, see `deal_out`) before it widens the band. A lone full line no
        column waits for, while the next line goes on with the columns, opens a column too (a
        column set lower, a photo above it), rather than end the band and cut every column
        there. False if the band has ended."""
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
                and not any(piece_fit(c, pieces[0], self.row + 1, self.config, pairs=self.pairs)
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
                    if (m := UNIT.match(p.text))), default=0)
        same, new = self._deal(pieces, unit, self._standing(line, pieces))
        if same is None and new is None:
            same, new = self._deal(pieces, unit, {})  # where they stand fits no dealing
        if new is not None and len(pieces) == 1 and not self._continues(pieces[0], new[1][0]):
            new = None
        if same is not None and (new is None or same[0] >= new[0]):
            self._give(line, pieces, same[1], self.row)
            return True
        if same is None and new is None and len(pieces) >= 2:
            new = deal_out(self.columns, pieces, self.row + 1, -1, self.config, self.pairs,
                           unit, relaxed=True)
        if new is None and len(pieces) >= 2:
            new = self._widen(pieces)
        if new is None and len(pieces) == 1 and pieces[0].full and not line.laid_out \
                and self._goes_on(ahead):
            # a line that goes on with no column, while the band goes on: a column set lower
            # than the others (a photo above it)
            self.columns.append(Column())
            new = 0.0, (len(self.columns) - 1,)
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
        if off > STANDS_WITHIN or not col.width or col.closed or piece_fit(
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

    def _deal(self, pieces: list[Piece], unit: int, pins: dict[int, int]
              ) -> tuple[Dealt | None, Dealt | None]:
        """The best dealing of `pieces` on the current row (if any column took a piece of it)
        and on a new row, each piece of `pins` to its column."""
        same = deal_out(self.columns, pieces, self.row, self.after, self.config, self.pairs,
                        unit, pins) if self.after >= 0 else None
        new = deal_out(self.columns, pieces, self.row + 1, -1, self.config, self.pairs, unit,
                       pins)
        return same, new

    def _standing(self, line: Line, pieces: list[Piece]) -> dict[int, int]:
        """On a page padded to where its lines stand (`pads_line_starts`), the pieces of a row
        that stand where the page put them (`_padded`: its first, and each after a wide gap)
        and the column each stands in: the one whose last piece so placed started nearest,
        within `STANDS_NEAR` cells and clearly nearer than any other. A row whose middle column
        ended (its text goes on at the top of the next) then gives its last pieces to the
        columns they stand in, not to the first columns that would take them; a line alone on
        its row goes to the column it stands in. (After a single space a piece is written where
        the text before it ends.)"""
        pins: dict[int, int] = {}
        if not self.padded:
            return pins
        live = [(c.stands, i) for i, c in enumerate(self.columns)
                if c.stands >= 0 and self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        if len(live) < 2:
            return pins
        for k in range(len(pieces)):
            if not _padded(line, pieces, k):
                continue
            at = starts_at(line, pieces[k])
            (off, i), (second, _) = sorted((abs(a - at), i) for a, i in live)[:2]
            if off <= STANDS_NEAR and 2 * off < second:
                pins[k] = i
        return pins

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
        that fit them best, and each other piece opens a new column where it stands. A story's
        opening (`本报讯（记者 龚雪）`) opens a column sooner than it goes on one: it costs a
        point where it goes on one."""
        live = [i for i, c in enumerate(self.columns)
                if self.row + 1 - c.last_row < GAP_ENDS_COLUMN]
        best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
        if len(live) > MAX_COLUMNS:
            return None     # more columns than a page has: not a band (and the search is bounded)
        for k in range(min(len(live), len(pieces) - 1), 0, -1):
            for cols in combinations(live, k):
                for at in combinations(range(len(pieces)), k):
                    fits = [piece_fit(self.columns[c], pieces[p], self.row + 1, self.config,
                                      pairs=self.pairs)
                            for c, p in zip(cols, at)]
                    if None in fits:
                        continue
                    score = 0.0     # summed in order: the same float on every Python and build
                    for fit in fits:
                        score += fit or 0.0
                    # a story's opening (`本报讯`) starts a column sooner than it goes on one
                    score -= sum(opens_story(pieces[p].text, self.config) for p in at)
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
            if self.padded and _padded(line, pieces, k):
                col.stands = starts_at(line, piece)
            if line.laid_out and col.x < 0:
                col.x = line.indent + width_of(line.text[:piece.start], self.config)
            col.skipped = 0
            col.lines.append(as_line(line, piece, self.config) if len(pieces) > 1 else line)
            col.last_row = row
            col.open = piece.full and not _closes(piece.text, self.config)
            col.closed = _closes_story(piece.text, self.config)
            col.tail = "" if col.closed or ends_sentence(piece.text, self.config) \
                or not piece.text[-1:].isalnum() else piece.text[-(LONGEST - 1):]
            col.waits = "" if col.closed or ends_sentence(piece.text, self.config) \
                else left_open(piece.text)
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



def _padded(line: Line, pieces: list[Piece], k: int) -> bool:
    """Piece `k` of `line` stands where the page put it: it opens the line, or a wide gap (two
    spaces or more) comes before it, as far as the extractor padded the line."""
    return k == 0 or line.text[pieces[k - 1].end:pieces[k].start].startswith("  ")


def _closes(text: str, config: Config) -> bool:
    """A column's line that ends its sentence, or its story (`…。（完）`, `（记者 X）`): what
    follows in that column starts anew."""
    return ends_sentence(text, config) or _closes_story(text, config)


def _closes_story(text: str, config: Config) -> bool:
    """A column's line that closes its story: a closing byline or tag (`（记者 葛亮）`, `（完）`)."""
    return text.endswith(("）", ")")) and any(
        p.search(text) for p in (*config.closing_tag, *config.closing))

