"""Display widths, and the width of the column a line was set in.

Widths are display cells by East Asian Width: W and F characters take 2 cells, A (ambiguous,
such as curly quotes) takes `ambiguous` cells, everything else 1, combining marks and zero-width
characters 0.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

import regex

# Runs, not characters: a character class counts fastest as the length a sub() removes.
_WIDE = regex.compile(r"[\p{East_Asian_Width=W}\p{East_Asian_Width=F}…—℃]+")
# Ambiguous characters take `ambiguous` cells, but the ellipsis and the dash, which Chinese
# text doubles (`……`, `——`), and the degree sign `℃` are set full-width by CJK fonts (so they
# are counted with _WIDE): a full line of a weather report (`地区-3℃～5℃，局地有小到中雪。`)
# is as wide as the column.
_AMBIGUOUS = regex.compile(r"[\p{East_Asian_Width=A}--[…—℃]]+", regex.V1)
_ZERO = regex.compile(r"[\p{Mn}\p{Me}\p{Cf}]+")


def _count(chars: regex.Pattern[str], text: str) -> int:
    """How many characters of `text` are in the class `chars`."""
    return len(text) - len(chars.sub("", text))


def display_width(text: str, ambiguous: int = 1) -> int:
    """Cells `text` takes on a terminal or a page set in a CJK font."""
    if text.isascii():
        return len(text)
    return _cells(text, ambiguous)


# A page's lines are measured three or four times (read, cut into pieces, the flow's curly
# quotes), two or three regex passes each: a page's worth of texts kept saves a third of them.
@lru_cache(maxsize=1024)
def _cells(text: str, ambiguous: int) -> int:
    """`display_width` of a text that is not ASCII alone. Other than 1 cell, ambiguous
    characters add to the 1-cell width, which `read` has most often measured already."""
    if ambiguous != 1:
        return _cells(text, 1) + _count(_AMBIGUOUS, text) * (ambiguous - 1)
    return len(text) + _count(_WIDE, text) - _count(_ZERO, text)


def indent_width(raw: str) -> int:
    """Cells of leading white space (an ideographic space is 2 cells, a tab 4)."""
    n = 0
    for ch in raw:
        if ch == " " or ch == "\u00a0":
            n += 1
        elif ch == "\u3000":
            n += 2
        elif ch == "\t":
            n += 4
        else:
            break
    return n


def column_width(widths: Sequence[tuple[int, float, bool]], slack: int, min_support: int,
                 exact: Sequence[int] = ()) -> tuple[int | None, int | None]:
    """The width of the column that the lines of `widths` fill, or None if they show no column;
    and the same measured by `exact` lines, on a page set to the cell (see below).

    `widths` are (width, weight, inside) triples; the weight says how much a line speaks for its
    column
    (nearer lines and lines inside a sentence weigh more; a line inside a sentence is a full line,
    so it counts as two towards `min_support`). Full lines of a justified column share
    a width, give or take a cell or two for half-width digits and compressed punctuation; first
    lines, last lines and headlines do not repeat. Full lines fall short of the column far more
    often than they overrun it, so a line supports width `w` when it is up to 2 * `slack` narrower
    or one cell wider. The best supported band must hold `min_support` lines; the column is the
    middle of the lines within `slack` of the band's top. On a page set to the cell, the middle
    of the `exact` widths there, if two or more: lines that fill their column to the cell (wide
    characters alone, nothing pushed down, inside a sentence), where a line with digits or one
    that pushed a character down counts short.
    """
    xs = [x for x, _, _ in widths]
    best: tuple[float, int] | None = None
    for w in set(xs):
        low, high = w - 2 * slack, w + 1
        # summed in the order of `widths`, so that equal bands give equal scores to the last bit
        score, count = 0.0, 0
        for x, weight, inside in widths:
            if low <= x <= high:
                score += weight
                count += 2 if inside else 1
        if count >= min_support and (best is None or (score, w) > best):
            best = (score, w)
    if best is None:
        return None, None
    w = best[1]
    # first lines fall in the wide band too: take the middle of the lines close to w
    ranked = sorted(xs)
    band = ranked[bisect_left(ranked, w - slack):bisect_right(ranked, w + 1)]
    near = sorted(x for x in exact if w - slack <= x <= w + 1)
    plain = band[len(band) // 2]
    return plain, near[len(near) // 2] if len(near) >= 2 else plain
