"""Where one input line holds several lines of the page: the pieces between column gaps.

Extractors that read a page row by row (pdfplumber, default `pdftotext`) write the lines of
side-by-side columns on one line with a space between them; viewers that copy a whole column as
one line put a space where each line ended. Both leave the same mark: runs of text as wide as a
column, with a space between them. This module cuts a line at such spaces and measures the pieces;
`columns` and `flattened` decide what the pieces are.
"""
from __future__ import annotations

from collections import Counter
from itertools import accumulate
from typing import NamedTuple

import regex

from ..config import Config
from ..model import Line
from .measure import display_width

_GAP = regex.compile(r"[ \u3000\u00a0]+")
_LAYOUT_SPACE = regex.compile(
    r"(?<=[^\x00-\x7f]) +(?=[!-~])|(?<=[!-~]) +(?=[^\x00-\x7f])|(?<=\p{Han}) (?=\p{Han})")
# a word as short as a name or a role (`记者 张伟 摄`): a space between two of them is the text's own
SHORT_WORD = 2


class Piece(NamedTuple):
    """A run of one input line between two column gaps: `start`/`end` in the line's `text` (a
    tuple: every line is cut into pieces, and a frozen dataclass takes three times as long to
    make)."""

    start: int
    end: int
    text: str
    width: int
    column: int = 0         # the widest of the page's columns it is a full line of (0: none)

    @property
    def full(self) -> bool:
        """As wide as a full line of one of the page's columns."""
        return self.column > 0

    def measured(self, widths: list[int], config: Config) -> Piece:
        """This piece, knowing which of the columns `widths` it is a full line of."""
        return Piece(self.start, self.end, self.text, self.width,
                     column_of(self.width, widths, config))


def width_of(text: str, config: Config) -> int:
    """Display cells of a line of text, as `read` measures them (layout spaces left out)."""
    # (the layout spaces are spaces: a text without one has none to leave out)
    return display_width(_LAYOUT_SPACE.sub("", text) if " " in text else text,
                         config.width["ambiguous"])


def _own_space(last: str, wide: bool, right: str, bracketed: bool, config: Config,
               strict: bool, spaced: bool = False) -> bool:
    """A space that belongs to the text rather than to the page: inside a short bracket
    (`（记者 陈伟 整理）`), next to a number or a Latin word (`7时 30 分`, `GO GO GO`) unless
    the piece before it and the word after it are both as long as a column's line, or between
    two words as short as names (`记者 张伟 摄`), or between a role and a name on a line
    shorter than a column's (`本报记者 何伟明`). A space after a sentence's end is a line's
    end. `last` is the word before the space, `wide` whether the piece so far is as long as a
    column's line, `right` the word after the space with the Latin words its own spaces join
    to it (`Harbour Digital Bank表现突`: a column's line, not a word of the line before).
    `strict`: a space by a number or a Latin word is always the text's own. `spaced`: the
    space is one of a line spaced out a character at a time (`點 。 有 市 民`: a justified
    line as `pdftotext -layout` writes it), where a sentence's end goes on in the line."""
    if bracketed:
        return True
    if spaced:
        return True
    if ends_sentence(last, config):
        return False    # a sentence ended: what follows is another line (or the paper's credit)
    if right in config.credit_words:
        return True     # a photo credit's own space (`本报记者 许文涛 摄`)
    if last[-1:].isascii() and right[:1].isascii():
        return True     # a Latin phrase or a number's own space
    if last[-1:].isascii() or right[:1].isascii():
        if strict:
            return True
        # spaces around numbers and Latin words are the text's own, unless both sides are long
        return not (wide and width_of(right, config) >= MIN_COLUMN)
    if not wide and _NAME.fullmatch(right) and last.endswith(config.long_roles):
        return True     # a role and the name it goes with (`■图：本报记者 何伟明`)
    return len(last) <= SHORT_WORD and len(right) <= SHORT_WORD


_NAME = regex.compile(r"\p{Han}{2,4}")


# a bracket closed within a byline's length: the spaces inside it are the text's own
_SHORT_BRACKET = regex.compile(r"[（(【〔\[][^（）()【】〔〕\[\]]{0,20}[）)】〕\]]")
_BRACKET_END = regex.compile(r"^[^（）()【】〔〕\[\]]{0,20}[）)】〕\]]")
# (a bracket left open at the line's end holds the short words of a byline, `（记者 何静 通`: a
# word as long as a column's line, or one with a sentence's comma, is the column beside it)
_BRACKET_START = regex.compile(
    r"[（(【〔\[](?=[^（）()【】〔〕\[\]]{0,20}$)[^（）()【】〔〕\[\]\s，。；！？]{0,6}"
    r"(?:\s+[^（）()【】〔〕\[\]\s，。；！？]{1,6})*\s*$")
# a bracket a word opened and did not close (`（记者`), and the longest name that goes on in it
OPEN_BRACKET = regex.compile(r"[（(【〔\[][^（）()【】〔〕\[\]]{0,12}$")
SHORT_NAME = 4


def cut(text: str, config: Config, strict: bool = False, width: int | None = None) -> list[Piece]:
    """The pieces of `text` between spaces that may be column gaps (see `_own_space`).
    `width`: the width of `text` as `width_of` measures it, when the caller knows it."""
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        # no gap: the text is one piece (most lines)
        return [Piece(0, len(text), text, width_of(text, config) if width is None else width)] \
            if text else []
    words: list[tuple[int, int]] = []
    pos = 0
    for m in _GAP.finditer(text):
        if m.start() > pos:
            words.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        words.append((pos, len(text)))
    if not words:
        return []
    # where a short bracket holds the text (one pass: a mark at each end, summed)
    depth = [0] * (len(text) + 2)
    spans_inside = [(m.start(), m.end()) for m in _SHORT_BRACKET.finditer(text)]
    # a bracket the line break cut: its end at the line's start, its start at the line's end
    spans_inside += [(0, m.end()) for m in _BRACKET_END.finditer(text[:40])]
    spans_inside += [(m.start(), len(text)) for m in _BRACKET_START.finditer(text)]
    for a, b in spans_inside:
        depth[a] += 1
        depth[b] -= 1
    inside = list(accumulate(depth))
    spans = [list(words[0])]
    wide = width_of(text[words[0][0]:words[0][1]], config)
    runs = _latin_runs(text, words)
    for k, ((s, e), (ps, pe)) in enumerate(zip(words[1:], words), 1):
        word = text[s:e]
        # a bracket the word before opened and a short word (a name) going on inside it
        bracketed = inside[pe] > 0 or (
            len(word) <= SHORT_NAME and OPEN_BRACKET.search(text, ps, pe) is not None)
        right = text[s:min(runs[k], s + RUN_READ)]
        # (a character alone on each side, and alone before it: a line spaced out)
        spaced = pe - ps == 1 and e - s == 1 and k >= 2 and words[k - 2][1] - words[k - 2][0] == 1
        if _own_space(text[ps:pe], wide >= MIN_COLUMN, right, bracketed, config, strict,
                      spaced):
            spans[-1][1] = e
            wide += width_of(word, config)
        else:
            spans.append([s, e])
            wide = width_of(word, config)
    return [Piece(s, e, text[s:e], width_of(text[s:e], config)) for s, e in spans]


def _latin_runs(text: str, words: list[tuple[int, int]]) -> list[int]:
    """For each word of `text`, where the run ends that a Latin phrase's own spaces join to it
    (`Harbour Digital Bank表现突`): one pass from the line's end, so a line of many Latin words
    costs no more than its length."""
    ends = [e for _, e in words]
    for k in range(len(words) - 2, -1, -1):
        if text[words[k][1] - 1].isascii() and text[words[k + 1][0]].isascii():
            ends[k] = ends[k + 1]
    return ends


# a page of this many rows of several pieces or fewer is short (a paste of a few rows)
SHORT_PAGE_ROWS = 12


def common_widths(rows: list[list[Piece]], config: Config, least: int = 3,
                  near: bool = True) -> list[int]:
    """The widths of the full lines of the page's columns, narrowest first: widths that at
    least `least` pieces of several-piece rows share, taken from the commonest down, leaving out
    any a little narrower than one taken (that column's first lines, which lost their indent)
    or about as wide. Only pieces that stop mid-sentence count (a last line is as wide as it
    happens to be). On a short page where no width is shared so, the widths that many pieces
    come `near` (not asked on a page written as laid out: its rows are cut by position)."""
    slack = config.width["full_slack"]
    counts = Counter(p.width for row in rows if len(row) >= 2 for p in row
                     if p.width >= MIN_COLUMN and not ends_sentence(p.text, config))
    found: list[int] = []
    for w, n in sorted(counts.items(), key=lambda wn: (-wn[1], -wn[0])):
        if n >= least and all(not (f - 2 * slack <= w <= f + slack) for f in found):
            found.append(w)
    if near and not found and sum(1 for row in rows if len(row) >= 2) <= SHORT_PAGE_ROWS:
        # a short page: a column's full lines fall short of it by the digits and letters they
        # hold, each a width of its own; counted together, the widest of them is the column's
        close = {w: sum(counts[v] for v in range(w - 2 * slack, w + 1)) for w in counts}
        for w, n in sorted(close.items(), key=lambda wn: (-wn[1], -wn[0])):
            if n >= least and all(not (f - 2 * slack <= w <= f + 2 * slack) for f in found):
                found.append(w)
    return sorted(found)


def ends_sentence(text: str, config: Config) -> bool:
    """The text ends with sentence-final punctuation, possibly followed by closing quotes (a
    line of closing marks alone ends the sentence they close)."""
    t = text.rstrip(config.closers)
    if not t:
        return bool(text)
    if text[-1] in "）)" and t[-1] not in config.terminal:
        t = _before_note(text, config) or t
    if t[-1] == "．":      # a full stop set full width, or a decimal point (`2．2`) cut by the wrap
        return len(t) == 1 or not t[-2].isdigit()
    return t[-1] in config.terminal


# a note in brackets after a sentence: `（资料照）`, `（完）`, `（记者 周悦）`
NOTE_MAX = 16


def _before_note(text: str, config: Config) -> str:
    """The text before a short note in brackets that closes it (`……上色。（资料照）`), with its
    closers stripped: the note follows a finished sentence, so the sentence ends with the line.
    Empty when the text does not end so."""
    opener = text.rfind("（" if text[-1] == "）" else "(")
    if opener < 1 or len(text) - opener > NOTE_MAX + 2 or "（" in text[opener + 1:-1]:
        return ""
    return text[:opener].rstrip(config.closers)


def is_full(width: int, widths: list[int], config: Config) -> bool:
    """As wide as a full line of one of the columns `widths`: full lines fall short of their
    column (a wide quote counted narrow, compressed punctuation) more than they overrun it."""
    return column_of(width, widths, config) > 0


def column_of(width: int, widths: list[int], config: Config) -> int:
    """The narrowest of the columns `widths` that a line of `width` fills (0 if none): a line
    as wide as the full lines of one column is a full line of that column, not a short line of
    a wider one."""
    slack = config.width["full_slack"]
    return min((w for w in widths if w - FULL_SHORT * slack <= width <= w + slack), default=0)


# how many slacks a full line may fall short of its column (a pushed number, a wide quote
# counted narrow, a first line that lost its indent)
FULL_SHORT = 3
# columns of 10 characters or more: 20 display cells, less a cell or two of slack
MIN_COLUMN = 16
# `_own_space` reads the run after a space for its start, its length up to a short name's and
# whether it is as wide as a column's line: this many characters of it tell all three
RUN_READ = 4 * MIN_COLUMN


_LEAD = regex.compile(r"\s*")


def text_offset(line: Line) -> int:
    """Where `line.text` starts in `line.raw` (its leading white space), found in time of the
    white space alone: a line may be megabytes long and cut into thousands of pieces."""
    m = _LEAD.match(line.raw)
    return m.end() if m and line.text else 0


def as_line(line: Line, piece: Piece, config: Config) -> Line:
    """A piece of `line` as a line of its own: same input line, its own column in it."""
    return Line(no=line.no, page=line.page, raw=piece.text, text=piece.text, indent=0,
                width=piece.width, page_break_before=False,
                col=line.col + text_offset(line) + piece.start, laid_out=line.laid_out)
