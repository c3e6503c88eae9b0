"""Stage 2a, a pre-pass: the rows of a page read across its columns, as L42 deals them.

A line of such a page holds the lines of neighbouring columns side by side; this module cuts it
into its pieces (a dateline or a name and what follows it stay one piece), takes back the lines
the extractor broke off a band's first row, and tells where a page keeps positions, so that
where a line starts says which column it starts in. `columns` deals the pieces out.
"""
from __future__ import annotations

import regex

from ..config import Config
from ..model import Line
from .pieces import (FULL_SHORT, MIN_COLUMN, OPEN_BRACKET, Piece, column_of, ends_sentence,
                     text_offset, width_of)

# a dateline's date and agency mark at a piece's end (`本报合肥18日电`, `…7月30日讯`)
_DATED = regex.compile(r"\p{Han}\d{1,2}\s*日\s*(?:电|電|讯|訊)$")
# punctuation used inside sentences and at their ends: body text, not a headline
PUNCT = regex.compile(r"[，、；：。！？,;]")
# what a headline may end with: it asks or exclaims
ASKS = "！？!?"
_SPACE = regex.compile(r" +")
# a name that goes on in the bracket a dateline opened: it closes it (`（记者 林晓东）`), or
# another name follows it (`（记者 何静 通讯员 吴斌）`, the line broken inside the bracket)
_CLOSES_NAME = regex.compile(r"[^（）()【】\s]{1,4}(?:[）)】]| )")
# a page has at most this many columns side by side
MAX_COLUMNS = 8
# on a page that keeps positions, a line starts in a column whose lines start this many
# positions from it at the most
STARTS_WITHIN = 2


def starts_at(line: Line, piece: Piece) -> int:
    """Where `piece` of `line` starts in its input line (its leading spaces counted)."""
    return line.col + text_offset(line) + piece.start


def keeps_positions(lines: list[Line]) -> bool:
    """A line of the page starts with, or holds, a run of three spaces: its spaces stand for
    positions on the page (`pdftotext -layout`), so where a line starts says which column it
    starts in. pdfplumber and default `pdftotext` write one space a gap and start no line
    with one."""
    return any(l.raw.startswith("   ") or "   " in l.text for l in lines)


def pads_line_starts(lines: list[Line]) -> bool:
    """The page was written as laid out (L49), or a line of it starts with a run of three
    spaces: the extractor pads each line to where its text stands (`pdftotext -layout`), and
    pads the runs of spaces inside a line so too. OCR writes runs of spaces between the
    columns it reads across, as wide as it sees them, and starts no line with one."""
    return any(l.laid_out or l.raw.startswith("   ") for l in lines)


def opens_story(text: str, config: Config) -> bool:
    """`text` (a line's first piece) opens a story: a dateline (`本报讯`, `新华社北京6月1日电`)
    or an author line (`本报记者 王晓`)."""
    return any(p.match(text) for p in (*config.opening, *config.author))


def over_an_opening(texts: list[tuple[Line, list[Piece]]], config: Config) -> set[int]:
    """The lines (their ids) of `texts`, each with its pieces, that are headlines over the next
    story: a line read as one piece, with no punctuation (but for a last `！` or `？`: a title
    may exclaim or ask), right before a line that opens with a story's opening (`本报讯`,
    `新华社北京6月1日电`) or author line (`本报记者 王晓`), or before another such line (a title
    over its subtitle). A band of columns ends there rather than
    deal it out as a column's line: read across the page, the next story's headlines come out
    alone on their rows below the columns beside them, and its opening or author line is the
    first piece of the next row (the other columns' lines beside it) or a line alone."""
    # (an opening is asked only of a line after such a line: most lines are not)
    bare = [len(pieces) == 1 and not PUNCT.search(line.text.rstrip(ASKS))
            for line, pieces in texts]
    found: set[int] = set()
    above = False       # the line after this one is an opening or a headline over one
    for k in range(len(texts) - 1, -1, -1):
        heads = above and bare[k]
        if heads:
            found.add(id(texts[k][0]))
        above = heads or k > 0 and bare[k - 1] and opens_story(texts[k][1][0].text, config)
    return found


def row_start(before: list[Line], line: Line, pieces: list[Piece],
              pieces_of: dict[int, list[Piece]], config: Config,
              after_band: bool, positions: bool = False) -> tuple[list[Line], list[Piece]]:
    """The first row of a band, with the lines just before it that the extractor broke off it
    (default `pdftotext` may write a row on several lines). `before` are the lines read alone
    since the last band (`after_band`) or the page's start. Taken back: the full lines of the
    row's column that end `before`, when a line that is not (a headline above the columns)
    comes before them, one of them has punctuation inside (body text, not a headline), and
    they are not more than the row's pieces. On a page that keeps positions (`positions`),
    they must also start left of the row's first piece: a line that starts where it does is
    that column's line above it (or a headline over it), not a piece broken off its row."""
    # as wide as the row's full pieces (their column class may take in a wider column's lines)
    column = max((p.width for p in pieces if p.full), default=0)
    short = FULL_SHORT * config.width["full_slack"]
    run: list[Line] = []
    for prev in reversed(before):
        got = pieces_of.get(id(prev))
        if got is None or len(got) != 1 or \
                not column - short <= got[0].width <= column + config.width["full_slack"]:
            break
        run.insert(0, prev)
    bounded = len(run) < len(before) or not after_band
    body = any(PUNCT.search(l.text) for l in run)     # a headline has no commas
    left = not positions or all(
        starts_at(l, pieces_of[id(l)][0]) < starts_at(line, pieces[0]) - STARTS_WITHIN
        for l in run)
    if not column or not run or not bounded or not body or not left or len(run) > len(pieces) \
            or len(run) + len(pieces) > MAX_COLUMNS:
        return [line], list(pieces)
    return run + [line], [pieces_of[id(l)][0] for l in run] + list(pieces)


def row_pieces(line: Line, row: list[Piece], widths: list[int], config: Config) -> list[Piece]:
    """The pieces of a line of a page with side-by-side columns: its pieces if it holds a full
    line of a column, or is too wide for one and holds two pieces as wide as a short column;
    else the whole line as one piece."""
    row = [q for p in row for q in _split_glued(p.measured(widths, config), line.text, widths,
                                                config)]
    row = _merge_words(row, line.text, widths, config)
    several = 2 <= len(row) <= 2 * MAX_COLUMNS and (any(p.full for p in row) or (
        line.width > widths[-1] + config.width["overhang"]
        and sum(p.width >= MIN_COLUMN for p in row) >= 2))
    return row if several else [cut_whole(line, widths, config)]


def _split_glued(piece: Piece, text: str, widths: list[int], config: Config) -> list[Piece]:
    """A piece too wide for any column that is two column lines with a number at the gap
    (`【本市讯】市气 10℃以上，局部可达`, `象台昨日16时发布寒 14℃。`): a space by a number is
    the text's own only where the piece before it is as wide as a column of ten characters, so
    the lines of narrower columns stay glued. Cut where the left part is a full line of a
    column and the right part is one too (cut again if it holds more), or a sentence's last
    line."""
    slack = config.width["full_slack"]
    if piece.column or piece.width <= widths[-1] + slack:
        return [piece]
    body = text[piece.start:piece.end]
    for m in _SPACE.finditer(body):
        left, right = body[:m.start()], body[m.end():]
        # a column's line has no wide gap inside (OCR's runs of marks do); the space of a
        # Latin phrase (`金管局推动Open Banking第三阶段`) and of a bracketed name
        # (`（记者 林晓东）`) is the text's own
        latin = _is_latin(left[-1:]) and _is_latin(right[:1])
        named = OPEN_BRACKET.search(left) is not None and _CLOSES_NAME.match(right) is not None
        if "  " in left or "  " in right or latin or named:
            continue
        lw, rw = width_of(left, config), width_of(right, config)
        lc, rc = column_of(lw, widths, config), column_of(rw, widths, config)
        if lc and (rc or ends_sentence(right, config) and rw <= widths[-1] + slack):
            a, b = piece.start + m.start(), piece.start + m.end()
            return [Piece(piece.start, a, left, lw, lc),
                    *_split_glued(Piece(b, piece.end, right, rw, rc), text, widths, config)]
    return [piece]


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _merge_words(row: list[Piece], text: str, widths: list[int], config: Config) -> list[Piece]:
    """A piece narrower than any column that does not end a sentence, and the piece after it,
    are one line if together they fill a column: a dateline and its own space
    (`人民网6月11日电 6月7日，…`; a dateline with its year may be as wide as a narrow column:
    `2012年7月18日北京讯 …`, then parted by one space), a byline's name (`本报记者 王晓`), not
    two columns. A piece
    as wide as a column's first line (indented) is one, unless it is a dateline or a bracket
    it opened goes on (`本报讯（记者 黄一`); and it is one when the row's other pieces are full
    lines of its column (`本报讯（记者 龚` beside lines as narrow: the name goes on below it,
    not in the next column's line, whatever wider column the two would fill)."""
    out = row[:1]
    for piece in row[1:]:
        a = out[-1]
        # (a dateline with its date, `2012年7月18日北京讯`, may be as wide as a narrow column:
        # then only its own space, one, parts it from its text)
        narrow = a.width < MIN_COLUMN or (
            piece.start - a.end == 1 and _is_dateline(a.text, config))
        # (a photo credit is whole: `陶然 摄` and the next column's line are two lines)
        whole = ends_sentence(a.text, config) or any(p.search(a.text) for p in config.credit)
        if narrow and not whole and (
                not a.full or _is_dateline(a.text, config) or OPEN_BRACKET.search(a.text)):
            joined = text[a.start:piece.end]
            width = width_of(joined, config)
            fills = any(w - config.width["indent_drop_min"] <= width <= w + 1 for w in widths)
            # the row's other pieces are lines of the column `a` fills: `a` is a line of it
            if fills and not (a.full and _row_of_column(row, a, piece)):
                column = column_of(width, widths, config) or widths[0]
                out[-1] = Piece(a.start, piece.end, joined, width, column)
                continue
        out.append(piece)
    return out


def _row_of_column(row: list[Piece], a: Piece, b: Piece) -> bool:
    """Another piece of `row` than `a` and `b` is a full line of the column `a` fills."""
    return any(p.column == a.column for p in row if p is not a and p is not b)


def _is_dateline(text: str, config: Config) -> bool:
    """The text is an article's opening dateline and nothing more (`本报讯`, `新华社北京6月1日电`)."""
    return _DATED.search(text) is not None or any(
        m is not None and m.end() == len(text)
        for m in (pattern.match(text) for pattern in config.opening))


def cut_whole(line: Line, widths: list[int], config: Config) -> Piece:
    """The whole line as one piece."""
    return Piece(0, len(line.text), line.text, line.width, column_of(line.width, widths, config))
