"""The search behind L46: lines read across the columns dealt back out to the columns.

An extractor that reads a page across its columns (default `pdftotext`, pdfplumber) still
writes each column's lines top to bottom, and it moves down every column at a steady pace: a
column whose line came two input lines after its last one will likely give its next line two
input lines later again (counted in pieces: a line that holds two columns' lines counts two),
until a subhead or a paragraph's space shifts it against its neighbours. Beside that pace, a
column's own lines must read as text: a full line that stops mid-sentence goes on with a full
line or a sentence's last line, a paragraph's first line is indented, and a word cut at a line
end is one the page writes elsewhere or a common one (`words.makes_word`). The search deals the
pieces out, in input order, to `k` columns (a beam over the last piece of each column), pieces
of one input line to columns left to right.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from .words import makes_word

# costs: a column that stopped mid-sentence goes on with a short line that does not end one
BROKEN = 4.0
# ... a full line, not indented, right after a paragraph's end
NO_INDENT = 1.0
# ... less this where a word goes across the line end (one the page writes, a common one), or
# the line closes the quote or bracket the one before left open
GOES_ON = 1.0
# ... a column that changes its pace (input lines between its lines)
PACE = 0.5
# ... a column opened left of one already open (text under a photo, a column that starts lower)
LATE_OPEN = 1.0
# a paragraph's end (a list's items after a colon or semicolon start flush)
PARAGRAPH_ENDS = "。！？!?…"
# states kept at each step
BEAM = 64


@dataclass(frozen=True)
class Kind:
    """What a piece says about the line before and after it in its column."""

    full: bool      # as wide as a full line (an indented first line counted)
    ends: bool      # ends a sentence or a byline's bracket
    flush: bool     # as wide as a line with no indent
    first: str      # its first characters, as many as a word across its start may take
    last: str       # its last characters, as many as a word across its end may take
    end: str        # its last character before closing marks (the config's `closers`)
    waits: str      # the closing quote or bracket it leaves waiting ('' if none)
    closes: str     # the closing quote or bracket it holds before it opens any ('' if none)
    row: int        # the input line it is on (empty lines not counted)
    at: int         # where it comes among the pieces, the pace's step (a line of two pieces:
                    # two steps, as the extractor writes the two lines apart elsewhere)


def deal(kinds: list[Kind], pairs: set[str], k: int,
         follows: dict[int, dict[int, float]] | None = None
         ) -> tuple[float, list[int]] | None:
    """The cheapest dealing of the pieces to exactly `k` columns: its cost and the column of
    each piece, or None. A state is the last piece of each column (-1: none) and the pace of
    each column (the rows between its last two pieces, 0: not known), one flat tuple of the
    `k` last pieces, then the `k` paces. One column reads the pieces of a line in turn: it is
    the lines read as they come, which dealing must beat. `follows` keeps the cost of each
    piece after each other (`_follows`; piece -> piece before it -> cost), for the calls of
    one band: the beam asks the same pairs again and again."""
    if follows is None:
        follows = {}
    start = (-1,) * k + (0,) * k
    beam: dict[tuple[int, ...], float] = {start: 0.0}
    back: list[dict[tuple[int, ...], tuple[tuple[int, ...], int]]] = []
    for n, kind in enumerate(kinds):
        same_row = n > 0 and kinds[n - 1].row == kind.row
        after = follows.setdefault(n, {})
        nxt: dict[tuple[int, ...], float] = {}
        steps: dict[tuple[int, ...], tuple[tuple[int, ...], int]] = {}
        for state, cost in beam.items():
            left = -1
            if same_row and k > 1:
                left = max(c for c in range(k) if state[c] == n - 1)
            row = list(state)       # the next state, written in place and put back
            for c in range(left + 1, k):
                prev = state[c]
                was = state[k + c]
                if prev < 0:
                    if any(state[d] >= 0 for d in range(c + 1, k)):
                        step = LATE_OPEN
                    elif c and state[c - 1] < 0:
                        continue        # columns open left to right, but for a late one
                    else:
                        step = 0.0
                    pace = 0
                else:
                    known = after.get(prev)
                    if known is None:
                        known = after[prev] = _follows(kinds[prev], kind, pairs)
                    step = known
                    pace = kind.at - kinds[prev].at
                    if was and pace != was:
                        step += PACE
                row[c], row[k + c] = n, pace
                key = tuple(row)
                row[c], row[k + c] = prev, was
                total = cost + step
                old = nxt.get(key)
                if old is None or total < old:
                    nxt[key] = total
                    steps[key] = (state, c)
        if not nxt:
            return None
        beam = dict(sorted(nxt.items(), key=itemgetter(1))[:BEAM])
        back.append(steps)
    done = [(cost, state) for state, cost in beam.items() if -1 not in state[:k]]
    if not done:
        return None
    cost, state = min(done)
    columns: list[int] = []
    for steps in reversed(back):
        state, c = steps[state]
        columns.append(c)
    return cost, columns[::-1]


def _follows(prev: Kind, kind: Kind, pairs: set[str]) -> float:
    """The cost of `kind` as the next line of `prev` in one column."""
    if prev.full and not prev.ends:         # the column stopped mid-sentence
        step = 0.0 if kind.full or kind.ends else BROKEN
        if reads_on(prev, kind, pairs):
            step -= GOES_ON
        return step
    if kind.full and kind.flush and not kind.ends and prev.end in PARAGRAPH_ENDS:
        return NO_INDENT
    return 0.0


def reads_on(prev: Kind, kind: Kind, pairs: set[str]) -> bool:
    """`kind` reads as the next line of `prev`: a word goes across the join (`makes_word`,
    which needs no more than the characters a Kind keeps), or it closes the quote or bracket
    `prev` left open (`words.left_open`, `words.closes_first`)."""
    return makes_word(prev.last, kind.first, pairs) or bool(prev.waits) and \
        kind.closes == prev.waits


def most_words(kinds: list[Kind], pairs: set[str]) -> int:
    """The most pieces that any dealing can find going on with a word across the join
    (`words_across`): in a column, a piece follows one piece and is followed by one, so the
    joins that make words are a matching of pieces to later pieces they read on to; this is
    the largest such matching (augmenting paths), a bound that spares the search where even
    it falls short of the words a dealing needs."""
    later = [[j for j in range(i + 1, len(kinds)) if reads_on(kinds[i], kinds[j], pairs)]
             for i in range(len(kinds))]
    taken: dict[int, int] = {}      # a later piece: the piece before it

    def augment(i: int, seen: set[int]) -> bool:
        for j in later[i]:
            if j not in seen:
                seen.add(j)
                if j not in taken or augment(taken[j], seen):
                    taken[j] = i
                    return True
        return False

    return sum(1 for i in range(len(kinds)) if augment(i, set()))


def words_across(kinds: list[Kind], columns: list[int], pairs: set[str]) -> int:
    """How many pieces (their `kinds`), dealt out to `columns`, go on in their column with a
    word across the join (`reads_on`): a pair of characters the page has inside a line,
    a common word, a quote closed."""
    last: dict[int, Kind] = {}
    found = 0
    for kind, c in zip(kinds, columns):
        if c in last and reads_on(last[c], kind, pairs):
            found += 1
        last[c] = kind
    return found
