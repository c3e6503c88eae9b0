"""Stage 2a, a pre-pass: lines of neighbouring columns that alternate, put back in column order.

Default `pdftotext` reads some pages line by line across their columns and writes each line on
its own (often each between empty lines), top to bottom, the columns of a row in turn: a sentence
goes on one, two or five lines further down. Nothing says which column a line is from, but the
lines say a good deal about the column they go on: a full line that stops mid-sentence is
followed, in its column, by a full line or a sentence's last line, never by a short line that
stops mid-sentence; a paragraph starts indented; each column moves down the input at a steady
pace; and where a line breaks a word, the two characters on either side of the break stand side
by side elsewhere on the page, or a common word spans the break. Where dealing the lines out to
two to six columns explains them better than reading them as they come (L46), they are read
column by column; where it does not, L44 warns.
A line among them may hold two columns' lines side by side (the extractor wrote them on one
line): its pieces are dealt like lines, left to right, each a step of the pace; a band made
mostly of such lines is left to L41 and L42, unless the page writes most of its lines alone.
Nothing is deleted or changed: the lines are the input's own, in another order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from typing import TYPE_CHECKING, Callable

from ..config import Config
from ..model import Line
from ..rule import rule
from .classify import furniture_pattern
from .interleaved import alone_between_empty_lines
from .memo import LineMemo
from .pace import Kind, deal, most_words, words_across
from .pieces import FULL_SHORT, MIN_COLUMN, Piece, as_line, cut, ends_sentence
from .rows import ASKS, PUNCT, keeps_positions, over_an_opening
from .words import LONGEST, closes_first, left_open, page_pairs

if TYPE_CHECKING:
    from ..run import Run

MAX_COLUMNS = 6
# each column more than one costs this much (a column must pay for itself)
PER_COLUMN = 1.5
# dealing out must explain the lines better than reading them as they come by this much a line
# (read as they come, lines in order keep the pairs of characters across their ends, which
# dealing would lose: a small margin is enough)
GAIN = 0.05
# dealt out, more line ends must fall inside a word than as they come: this many times as many
# and this many more (dealing chooses among columns, so it finds some words by chance: with the
# common words, lines in reading order dealt out to three columns found 11 where they keep 7)
WORDS_RATIO = 1.3
MORE_WORDS = 2
# a band needs this many lines as wide as its column
MIN_FULL_LINES = 8
# a band of columns gives way to columns of another width when this many lines in a row are
# of that width
PERSIST = 3
# a band whose lines hold several columns side by side more often than one in this many is
# L41's and L42's to read; one in this many where no empty lines stand between the lines (the
# lines alone are then fewer, and a story read across beside a column read down is L42's)
SEVERAL_SHARE = 4
SEVERAL_SHARE_PACKED = 5
# ... unless fewer than this share of the page's lines hold several pieces: the page writes
# its lines alone, and the few rows it glued are where two columns' lines met on one baseline
# (on development pages, bands of such pages dealt out gained 0.006 of block F1 on pdfplumber
# and default `pdftotext`; where most lines of a page are rows, L42's rows fit them better)
GLUED_PAGE = 0.4
# lines with no empty line between them are searched only where at most this share of the
# full lines that stop mid-sentence go on in the next line with a word across the line end: in
# the bands of pages read in order (the `pdftotext -raw`, PyMuPDF and pypdfium2 fixtures and
# seeds 866-925) half do, and 1% of bands fewer than this; in 11 of the 20 bands read across
# that L46 dealt out with no such bound, fewer did (0.3 keeps 16 of them, but searches 5% of
# the bands read in order: twice the time on those pages, for 0.0015 of block F1); more may,
# where no more than this share do and as many go on read turn about (`_turn_about`): on
# development pages, 47 bands so dealt out kept up to 0.5 (44 of them less than 0.4), where
# three in four of the bands read in order keep more than 0.4
KEPT_WORDS = 0.2
KEPT_WORDS_TURN_ABOUT = 0.4
# bands of up to this many pieces are first bounded by `pace.most_words` (its cost grows with
# the square of the pieces; the search's only with their number)
BOUNDED = 60
# what a headline line may end with: it asks or exclaims, or a kicker's colon
HEAD_ENDS = ASKS + "：:"


@dataclass(frozen=True)
class _Item:
    """One piece of one input line, in input order."""

    line: Line
    piece: Piece
    index: int          # its line's index in the band
    several: bool       # its line holds several pieces


def _kind(item: _Item, at: int, width: int, config: Config) -> Kind:
    """What a piece says about its neighbours in a column of `width`: full (as wide as a full
    line, an indented first line counted), ending a sentence (or a byline's bracket), flush (as
    wide as a line with no indent)."""
    piece = item.piece
    slack = config.width["full_slack"]
    text = piece.text
    return Kind(full=piece.width >= width - FULL_SHORT * slack,
                ends=ends_sentence(text, config) or text.endswith(("）", ")")),
                flush=piece.width >= width - 1, first=text[:LONGEST - 1],
                last=text[-(LONGEST - 1):],
                end=text.rstrip(config.closers)[-1:], waits=left_open(text),
                closes=closes_first(text), row=item.index, at=at)


@rule("L46", "deinterleave-lines", "line")
def deinterleave_lines(items: list[_Item], width: int, pairs_of: Callable[[], set[str]],
                       config: Config, packed: bool = False, alone: bool = False
                       ) -> list[int] | None:
    """Lines of a band of columns of one width, read across the columns, each line on its own:
    where dealing them out to two to six columns explains them clearly better than reading them
    as they come, the lines are read column by column. Dealt out, each column moves down the
    input at a steady pace (as the extractor moves down every column at once), and reads as
    text: a full line that stops mid-sentence goes on with a full line or a sentence's last
    line, and the characters either side of the line end stand side by side elsewhere on the
    page or make a common word (`words.makes_word`); a paragraph starts indented (see
    `pace.deal`). Clearly more of the line ends must then fall inside words than read as they
    come (`WORDS_RATIO`, `MORE_WORDS`). The pieces of a line that holds several
    columns side by side go to columns left to right, each a step of the pace as if it had a
    line of its own; a band where more than one line in `SEVERAL_SHARE` does is left to L41 and
    L42, unless the page writes its lines `alone` (few of its lines hold several pieces,
    `GLUED_PAGE`). Lines `packed` one after the other, no empty line between them, are
    searched only where few of the words cut at their line ends go on in the next line
    (`KEPT_WORDS`), or not many more and as many go on every second to sixth line
    (`KEPT_WORDS_TURN_ABOUT`, `_turn_about`), and one line in `SEVERAL_SHARE_PACKED` may hold
    several pieces. `pairs_of` gives the page's pairs of characters (`words.page_pairs`),
    worked out once a band gets this far. Returns the column of each item, or None."""
    if len(items) < MIN_FULL_LINES:
        return None
    several = len({it.index for it in items if it.several})
    share = SEVERAL_SHARE_PACKED if packed else SEVERAL_SHARE
    if not alone and several * share > items[-1].index + 1:
        return None     # many lines of several columns side by side: L41 and L42 read them
    kinds = [_kind(it, at, width, config) for at, it in enumerate(items)]
    mid_sentence = sum(1 for k in kinds if k.full and not k.ends)
    if mid_sentence < MIN_FULL_LINES:
        return None
    pairs = pairs_of()
    as_they_come = words_across(kinds, [0] * len(kinds), pairs)
    if packed and as_they_come > KEPT_WORDS * mid_sentence and (
            as_they_come > KEPT_WORDS_TURN_ABOUT * mid_sentence
            or not _turn_about(kinds, pairs, as_they_come)):
        return None     # the lines go on as they come: read in order (and the search is costly)
    needed = WORDS_RATIO * as_they_come + MORE_WORDS
    if len(kinds) <= BOUNDED and most_words(kinds, pairs) <= needed:
        return None     # no dealing finds words enough (the check below): spare the search
    follows: dict[int, dict[int, float]] = {}     # one piece after another: its cost
    dealt = {k: deal(kinds, pairs, k, follows) for k in range(1, MAX_COLUMNS + 1)}
    costs = {k: r[0] + PER_COLUMN * (k - 1) for k, r in dealt.items() if r is not None}
    if not costs:
        return None
    best = min(costs, key=lambda k: (costs[k], k))
    if best < 2 or 1 in costs and costs[1] - costs[best] < GAIN * len(items):
        return None
    found = dealt[best]
    assert found is not None            # `best` is one of `costs`
    # and the words cut at the line ends must speak for it: clearly more of them are words
    # dealt out than read as they come (lines in reading order, an empty line after each, keep
    # every word; a few headlines among them must not pass for columns)
    if words_across(kinds, found[1], pairs) <= needed:
        return None
    return found[1]


def _turn_about(kinds: list[Kind], pairs: set[str], as_they_come: int) -> bool:
    """Read as `k` columns taking the pieces in turn (k = 2 to `MAX_COLUMNS`), the pieces find
    at least as many words across their joins as read as they come (`as_they_come`): columns
    written turn about, some of whose line ends happen to make words with the next line. A
    band read in order keeps its words only as it comes (in the bands of the `pdftotext -raw`,
    PyMuPDF and pypdfium2 pages of seeds 1286-1345, none of the 1,251 bands that keep too
    many words as they come passes)."""
    return any(words_across(kinds, [i % k for i in range(len(kinds))], pairs) >= as_they_come
               for k in range(2, MAX_COLUMNS + 1))


def _pieces(line: Line, pieces: list[Piece], width: int, config: Config) -> list[Piece]:
    """The pieces of `line` in a band of columns of `width`: its `pieces` between column gaps
    (`cut`) if it is too wide for one column, else the whole line."""
    if len(pieces) >= 2 and line.width > width + config.width["overhang"]:
        return pieces
    return [Piece(0, len(line.text), line.text, line.width)]


def _widths(rows: list[list[Piece]], config: Config) -> list[int]:
    """The widths of full lines that stop mid-sentence, commonest first, each at least three
    times, leaving out one a little narrower than one taken (first lines that lost an indent);
    `rows` are the lines cut into their pieces."""
    slack = config.width["full_slack"]
    counts = Counter(p.width for row in rows for p in row
                     if p.width >= MIN_COLUMN and not ends_sentence(p.text, config))
    found: list[int] = []
    for w, n in sorted(counts.items(), key=lambda wn: (-wn[1], -wn[0])):
        if n >= 3 and all(not (f - 2 * slack <= w <= f + slack) for f in found):
            found.append(w)
    return found


def _width_of(row: list[Piece], widths: list[int], config: Config) -> int:
    """The column width a line (`row`, its pieces) is a full line of, by its widest piece that
    stops mid-sentence: of the widths it may be a full line of, the nearest (0: none)."""
    slack = config.width["full_slack"]
    piece = max((p.width for p in row if not ends_sentence(p.text, config)), default=0)
    near = [w for w in widths if w - FULL_SHORT * slack <= piece <= w + slack]
    return min(near, key=lambda w: (abs(w - piece), -w), default=0)


def _bands(lines: list[Line], memo: LineMemo, furniture: bool = True
           ) -> list[tuple[int, int, int]]:
    """(first, last, width): runs of lines whose full lines are of one column width, from the
    first such line to the last, lines of no width inside. A band ends at a line too wide for
    its columns, or where the next `PERSIST` lines of a width are of another width (one line
    of another width is a full line made narrow by its digits and quotes), and before the next
    story's headlines at its end (`_last_line`). A running header or footer (`furniture`:
    L01 is on) parts two bands: its fields, cut at their spaces, would pass for the first
    lines of as many columns. `memo` keeps each text's pieces (`cut`) and L01 answer."""
    config = memo.config
    rows = [(i, l, memo.pieces(l.text)) for i, l in enumerate(lines) if l.text]
    widths = _widths([row for _, _, row in rows], config)
    if not widths:
        return []
    marks = [(i, _width_of(row, widths, config), l.width, len(row) < 2) for i, l, row in rows]
    # the widths of the next `PERSIST` lines of a width from each mark on (one pass from the end)
    ahead_of: list[list[int]] = [[]] * (len(marks) + 1)
    for n in range(len(marks) - 1, -1, -1):
        w = marks[n][1]
        ahead_of[n] = ([w] + ahead_of[n + 1])[:PERSIST] if w else ahead_of[n + 1]
    out: list[tuple[int, int, int]] = []
    first = last = -1
    width = 0
    for n, (i, w, cells, whole) in enumerate(marks):
        ahead = ahead_of[n]
        too_wide = whole and width and cells > width + config.width["overhang"]
        if too_wide or w and w != width and all(a == w for a in ahead):
            if width:
                out.append((first, last, width))
            first, last, width = (i, i, w) if w and not too_wide else (-1, -1, 0)
        elif w and w == width:
            last = i
    if width:
        out.append((first, last, width))
    heads = over_an_opening([(l, row) for _, l, row in rows], config)
    out = [part for band in out for part in _parted(lines, band, heads, furniture, memo)]
    out = [(first, _last_line(lines, first, last, width, config), width)
           for first, last, width in out]
    # the line before a band may be its first column's first line (never the last band's)
    ends = [-1] + [last for _, last, _ in out]
    return [(max(_first_line(lines, first, w, heads, config), end + 1), last, w)
            for (first, last, w), end in zip(out, ends)]


def _parted(lines: list[Line], band: tuple[int, int, int], heads: set[int], furniture: bool,
            memo: LineMemo) -> list[tuple[int, int, int]]:
    """`band` (first, last, width) parted at its running headers and footers (if
    `furniture`) and at the headlines over a story's opening (`heads`, the ids of such lines,
    see `rows.over_an_opening`): the runs of lines between them that hold a line of text."""
    first, last, width = band
    parts: list[tuple[int, int, int]] = []
    start = first
    for i in range(first, last + 2):
        if i > last or id(lines[i]) in heads or lines[i].text and furniture and \
                memo.furniture(lines[i]):
            if any(l.text for l in lines[start:i]):
                parts.append((start, i - 1, width))
            start = i + 1
    return parts


def _headline_like(line: Line, config: Config) -> bool:
    """A line read whole with no punctuation inside (a last `！`, `？` or a kicker's `：` aside):
    it may be a headline line."""
    return len(cut(line.text, config)) < 2 and not PUNCT.search(line.text.rstrip(HEAD_ENDS))


def _last_line(lines: list[Line], first: int, last: int, width: int, config: Config) -> int:
    """Where a band ends: at its last line as wide as its column, but before the lines at its
    end that read as the next story's headlines (a headline as wide as a column's line): lines
    without punctuation right before a line that is wider than the column or reads as a
    headline too."""
    after = next((l for l in lines[last + 1:] if l.text), None)
    while last > first and after is not None and _headline_like(lines[last], config) and (
            _headline_like(after, config) or after.width > width + config.width["overhang"]):
        after = lines[last]
        last -= 1
        while last > first and not lines[last].text:
            last -= 1
    return last


def _first_line(lines: list[Line], first: int, width: int, heads: set[int],
                config: Config) -> int:
    """Where a band starts: at its first full line, or before it at the lines of its first row
    read as another width (an indented first line; a line narrowed by its digits and quotes):
    up to a row of lines about as wide as the column, mid-sentence, right before it, and no
    headline over a story's opening (`heads`, the ids of such lines)."""
    drop = config.width["indent_drop_max"] + config.width["full_slack"]
    start, taken, i = first, 0, first - 1
    while i >= 0 and taken < 1:
        if lines[i].text:
            if not width - drop <= lines[i].width <= width + config.width["full_slack"] \
                    or ends_sentence(lines[i].text, config) or id(lines[i]) in heads:
                break
            start, taken = i, taken + 1
        i -= 1
    return start


def deinterleave(lines: list[Line], run: Run, memo: LineMemo | None = None) -> list[Line]:
    """The lines of one page, each band of columns read across the page (L46) put back in
    column order; the other lines as they are. Default `pdftotext` writes such lines alone
    between empty lines (L44's evidence); pdfplumber, and default `pdftotext` on some pages,
    write them one after the other (`packed`), which `deinterleave_lines` asks more of. A page
    that keeps positions (`pdftotext -layout`) is left to L42, which places its lines where
    they stand. `memo`: the window's pieces and L01 answers, kept by text."""
    config = run.config
    memo = memo or LineMemo(config)
    packed = not alone_between_empty_lines(lines, config)
    if packed and keeps_positions(lines):
        return lines
    out: list[Line] = []
    done = 0
    found: list[set[str]] = []      # the page's pairs, once a band asks for them

    def pairs_of() -> set[str]:
        if not found:
            found.append(page_pairs(lines))
        return found[0]

    cuts = {id(l): memo.pieces(l.text) for l in lines if l.text}
    alone = sum(len(pieces) > 1 for pieces in cuts.values()) < GLUED_PAGE * len(cuts)
    for first, last, width in _bands(lines, memo, run.on(furniture_pattern)):
        band = [l for l in lines[first:last + 1] if l.text]
        rows = [(i, l, _pieces(l, cuts[id(l)], width, config)) for i, l in enumerate(band)]
        items = [_Item(l, p, i, len(pieces) > 1) for i, l, pieces in rows for p in pieces]
        columns = deinterleave_lines(items, width, pairs_of, config, packed, alone)
        if columns is None:
            continue
        out += lines[done:first]
        start = len(out)
        for c in range(max(columns) + 1):
            out += [as_line(it.line, it.piece, config) if it.several else it.line
                    for it, col in zip(items, columns) if col == c]
        for line in out[start:]:
            line.dealt = True
        done = last + 1
        run.decide(deinterleave_lines, (band[0].no, band[-1].no),
                   f"{max(columns) + 1} columns of width {width} read across the page: "
                   "read one after another")
    return out + lines[done:]


def deinterleave_pages(lines: list[Line], run: Run, memo: LineMemo | None = None
                       ) -> list[Line]:
    """`deinterleave` each page of `lines`."""
    if not run.on(deinterleave_lines):
        return lines
    return each_page(lines, lambda page: deinterleave(page, run, memo))


def each_page(lines: list[Line], fix: Callable[[list[Line]], list[Line]]) -> list[Line]:
    """`fix` applied to each page of `lines` (a form feed starts a page); a page whose first
    line moved keeps its page break on its new first line."""
    out: list[Line] = []
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].page != lines[start].page:
            page = fix(lines[start:i])
            if page and page[0] is not lines[start]:
                page[0].page_break_before = lines[start].page_break_before
            out += page
            start = i
    return out
