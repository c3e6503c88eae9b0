"""Stage 1, read: text -> physical lines, with page numbers and widths.

Line endings may be LF, CRLF or CR; a form feed starts a new page (pdftotext puts one at the start
of each page's first line). Line numbers are those of the input, 1-based, so that every later
record can point back to it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .config import Config
from .lines.measure import display_width, indent_width
from .model import Line


# Spaces that justification put between CJK text and a half-width run, or one space between two
# Han characters (a stretched gap that extraction wrote out), take no room of their own in the
# column.
_LAYOUT_SPACE = regex.compile(
    r"(?<=[^\x00-\x7f]) +(?=[!-~])|(?<=[!-~]) +(?=[^\x00-\x7f])|(?<=\p{Han}) (?=\p{Han})"
)


def read_lines(text: str, config: Config, first_line: int = 1) -> list[Line]:
    """The lines of `text`, numbered from `first_line` (a window of a larger input, see
    `windows`, keeps the input's line numbers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    ambiguous = config.width["ambiguous"]
    lines: list[Line] = []
    page = 1
    offset = 0  # where the input line starts
    for no, raw in enumerate(text.split("\n"), start=first_line):
        parts = raw.split("\f")
        col = 0
        for i, part in enumerate(parts):
            if i:
                page += 1
            stripped = part.strip()
            lead = len(part) - len(part.lstrip())
            line = Line(no=no, page=page, raw=part, text=stripped,
                        indent=indent_width(part),
                        width=display_width(_LAYOUT_SPACE.sub("", stripped) if " " in stripped
                                            else stripped, ambiguous),
                        page_break_before=bool(i), col=col, start=offset + col + lead)
            lines.append(line)
            col += len(part) + 1
        offset += len(raw) + 1
    return lines


# A page longer than this is read in windows (see `windows`). Real pages are far shorter: the
# longest of the test pages (several printed pages extracted into one file) has about 1100 lines
# and 40,000 characters, and is read whole, as before.
WINDOW_LINES = 4000
WINDOW_CHARS = 1 << 17


@dataclass(frozen=True)
class Window:
    """A run of whole lines of a large input, read as a page of its own: `first_line` is the input
    line number of its first line; `cut` says how it ends (see `windows`)."""

    text: str
    first_line: int
    cut: str = "end"


# Where a window may end, strongest first: before a form feed (a new printed page), after a blank
# line that follows a sentence's end, after any blank line, after a line that ends a sentence,
# after any line. A window never ends inside a line unless the line alone is larger than a window,
# and then after a punctuation mark where there is one (not inside a word).
_CUTS = (
    ("page", regex.compile(r"\n(?=\f)", regex.REVERSE)),
    ("blank line", regex.compile(r"[。！？!?…」』”’）)][ \t\u3000]*\n[ \t\u3000]*\n", regex.REVERSE)),
    ("blank line", regex.compile(r"\n[ \t\u3000]*\n", regex.REVERSE)),
    ("sentence end", regex.compile(r"[。！？!?…」』”’）)][ \t\u3000]*\n", regex.REVERSE)),
    ("line end", regex.compile(r"\n", regex.REVERSE)),
    ("inside a line", regex.compile(r"[。！？!?；;，,、：:]", regex.REVERSE)),   # after a mark
)
# a cut inside a paragraph is said once per input, as a warning
HARD_CUTS = ("sentence end", "line end", "inside a line")


def windows(pieces: Iterable[str], lines: int = WINDOW_LINES,
            chars: int = WINDOW_CHARS) -> Iterator[Window]:
    """The input, given as pieces of text in order (a file read in chunks, or the whole text), as
    windows of at most `lines` line ends and `chars` characters, each cut at the strongest
    boundary of its second half. An input that fits in one window is one window, itself: pages of
    real size are read exactly as before. Line endings come as `\\n`. Memory: a window, a piece."""
    buffer, start, first, carry = "", 0, 1, ""
    for piece in pieces:
        piece = carry + piece
        carry = "\r" if piece.endswith("\r") else ""     # a CRLF split between two pieces
        buffer = buffer[start:] + _newlines(piece[:-1] if carry else piece)
        start = 0
        while _too_big(buffer, start, lines, chars):
            end, cut = _cut(buffer, start, lines, chars)
            window, start = buffer[start:end], end
            yield Window(window, first, cut)
            first += window.count("\n")
    buffer = buffer[start:] + _newlines(carry)
    if buffer or first == 1:
        yield Window(buffer, first)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_big(buffer: str, start: int, lines: int, chars: int) -> bool:
    return (len(buffer) - start > chars
            or buffer.count("\n", start, start + chars + 1) > lines)


@lru_cache(maxsize=4)
def _lines_of(n: int) -> regex.Pattern[str]:
    return regex.compile(r"(?:[^\n]*\n){%d}" % n)


def _cut(buffer: str, start: int, lines: int, chars: int) -> tuple[int, str]:
    """Where the window of `buffer` that begins at `start` ends (an offset after a `\\n`, or
    inside a line longer than a window), and which kind of boundary that is."""
    limit = min(len(buffer), start + chars)
    if buffer.count("\n", start, limit) > lines:     # just after the `lines`-th line end
        limit = _lines_of(lines).match(buffer, start, limit).end()
    low = start + (limit - start) // 2
    for name, pattern in _CUTS:
        found = pattern.search(buffer, low, limit)       # the last one (patterns run backwards)
        if found is not None:
            return found.end(), name
    return limit, "inside a line"
