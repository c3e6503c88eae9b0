"""Stage 2a, a pre-pass: how well a piece of a row read across the columns goes on each column.

The scores `Band` (band.py) deals the pieces of each row by (L42): a column waits for the piece
that continues its text, a full line or a sentence's last line after a line that stopped
mid-sentence, a word the page writes elsewhere across the join; a line alone on its row is
weighed apart, by weights measured on real extractions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from collections.abc import Set as AbstractSet

from ..config import Config
from ..model import Line
from ..rule import rule
from .pieces import Piece, ends_sentence
from .rows import PUNCT
from .words import closes_first, makes_word

# a column that took no piece for this many rows has ended
GAP_ENDS_COLUMN = 4
# what a join that makes a word (one the page writes elsewhere, a common one) adds to a fit
JOIN_WORD = 3
# what a line short of full that stops mid-sentence costs after a line that stopped so too
SHORT = 3
# the weights of what tells the column a line alone on its row goes on (`_lone_fit`)
LONE_WORD, LONE_WHOLE, LONE_LOWER, LONE_SKIPPED = 0.5, 0.4, 0.3, 0.2
LONE_STARTS, LONE_CLOSED, LONE_OPEN = 0.2, 0.1, 0.1


@dataclass
class Column:
    """One column of a band being dealt out: its lines so far and what its last line looks like."""

    lines: list[Line] = field(default_factory=list)
    last_row: int = 0
    open: bool = False      # its last line is full and stops mid-sentence: it must go on
    closed: bool = False    # its last line closes its story (`（记者 葛亮）`, `（完）`)
    tail: str = ""          # the end of its last line, where its sentence goes on (a word cut)
    waits: str = ""         # the closing quote or bracket its last line leaves waiting
    width: int = 0          # the width of its full lines, once one is seen
    skipped: int = 0        # rows of several lines it took no piece of since its last line
    x: int = -1             # on a page written as laid out, the cell its lines start at (-1: none)
    took_lone: bool = False  # it took the band's last line that was alone on its row
    at: int = -1            # where kept positions show its lines start (-1: not known)
    stands: int = -1        # where its last line that stood where the page put it started
    # photo credits read beside it, each with the number of its lines before it
    credits: list[tuple[int, Line]] = field(default_factory=list)

    def read(self) -> list[Line]:
        """Its lines, the credits beside it among them."""
        out = list(self.lines)
        for at, line in reversed(self.credits):
            out.insert(min(at, len(out)), line)
        return out



@rule("L42", "deal-out-columns", "line")
def deal_out(columns: list[Column], pieces: list[Piece], row: int, after: int,
             config: Config, pairs: AbstractSet[str] = frozenset(), unit: int = 0,
             pins: dict[int, int] | None = None, relaxed: bool = False
             ) -> tuple[float, tuple[int, ...]] | None:
    """Each column takes one piece a row, left to right. A piece goes to the column that waits
    for it: one that missed a row (its lines sit lower than its neighbours', so the extractor put
    them on rows of their own), then one whose last line stopped mid-sentence, which only a full
    line or a sentence's last line can go on (a line closing its story, `…。（完）`, does not
    stop mid-sentence; a line short of full by no more than the run of digits or letters that
    opens a line of the next row counts as full, `…同比增长` / `21.4%。`: the run could not be
    broken); never to a column narrower than the piece, nor to one wider than a line of text
    (one with a sentence mark) that stops mid-sentence by more than a lost indent (`[width]
    indent_drop_max`): such a line is full, or a paragraph's first line, so it is a line of a
    narrower column, the story beside it. A short line that ends a sentence goes
    on a column sooner than it makes a paragraph of its own. A column whose
    story closed (`（记者 葛亮）`) waits for nothing. A piece goes on the column whose last line
    it finishes a word of (`words.makes_word`): the two characters the join makes are written
    side by side elsewhere on the page (`pairs`, see `words.page_pairs`: about a fifth of line
    ends inside a sentence on real-extraction pages, against one in a hundred for a line picked
    at random), a number goes on with its unit (`出资2000` / `万元`), or a common word of
    `rules/words.txt` spans the join (`昨天上` / `午`). A
    line alone on its row is weighed apart (`_lone_fit`): there a word across the join says
    most, rows a column missed little. (On a page written as laid out, a line alone on its row
    goes to the column it stands in: see `band.Band._where_it_stands`; on a page that keeps
    positions, a row that starts right of the first column goes from the column it starts in:
    see `band.Band._row_starts_right`; there a piece after a wide gap goes to the column it
    stands in, `pins`: see `band.Band._standing`.) `relaxed`, where no dealing fits otherwise:
    a line two thirds as wide as the column or more may stop mid-sentence after a line that did
    (a justified line short of full where the line-breaking rules pushed its last characters
    down, `…的“绘` / `本”和…`), at a cost (`SHORT`). Returns the best score and
    the columns (indices after `after`) the pieces go to, or None."""
    best: tuple[float, tuple[int, ...]] | None = None
    candidates = [i for i in range(after + 1, len(columns))
                  if row - columns[i].last_row < GAP_ENDS_COLUMN]
    for chosen in combinations(candidates, len(pieces)):
        if pins and any(chosen[k] != i for k, i in pins.items()):
            continue
        score = 0.0
        for i, piece in zip(chosen, pieces):
            fit = piece_fit(columns[i], piece, row, config, len(pieces) == 1, pairs, unit,
                            relaxed)
            if fit is None:
                break
            score += fit - 0.01 * i
        else:
            if best is None or score > best[0]:
                best = (score, chosen)
    return best


def piece_fit(col: Column, piece: Piece, row: int, config: Config, lone: bool = False,
              pairs: AbstractSet[str] = frozenset(), unit: int = 0, relaxed: bool = False
              ) -> float | None:
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
    short = col.open and not (full or ends)
    if not ends and col.width \
            and piece.width < col.width - config.width["indent_drop_max"] - unit \
            and PUNCT.search(piece.text):
        return None     # a line of text that stops mid-sentence is full, or lost an indent
    if short and not (relaxed and 3 * piece.width >= 2 * col.width):
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
    # the join makes a word: one the page writes elsewhere (`治` / `理团队`), a common one
    word = bool(col.tail) and piece.text[:1].isalnum() and makes_word(col.tail, piece.text, pairs)
    # ... or it closes the quote the column's last line opened (`“新` / `阶段”`)
    word = word or bool(col.waits) and closes_first(piece.text) == col.waits
    if lone:
        return _lone_fit(col, bool(starts), bool(whole), word, waited == 1)
    return (1 + (0 if ended else 3) * waited + 2 * col.open + 2 * bool(starts) - bool(whole)
            + JOIN_WORD * word - SHORT * short)


def _lone_fit(col: Column, starts: bool, whole: bool, word: bool, waited_a_row: bool) -> float:
    """How well a line alone on its row goes on `col`, weighed as the lines of 424 pages read
    across their columns (development seeds 400-699, pdfplumber) go: a word made across the
    join counts most; then a column that took the last lone line and missed one row since (a
    column set lower than its neighbours gives a line every other row), one that missed rows
    of several lines, a short line after a finished one; not a whole paragraph in one line."""
    return (LONE_WORD * word - LONE_WHOLE * whole + LONE_LOWER * (col.took_lone and waited_a_row)
            + LONE_SKIPPED * bool(col.skipped) + LONE_STARTS * starts - LONE_CLOSED * col.closed
            + LONE_OPEN * col.open * (1 + waited_a_row))

