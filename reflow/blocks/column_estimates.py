"""Stage 3a, measuring: the width of the column each line was set in, from the lines near it.

A page does not say how wide its columns are; its full lines do. Each line gets the column
measured over a window of lines up to it and one from it (windows stop at article boundaries),
and the same measured by the lines that fill their column to the cell, where a typesetting
engine set the page so (`set_to_the_cell`).
"""
from __future__ import annotations

import regex

from ..config import Config
from ..lines.measure import column_width
from ..model import Line

# sentence punctuation inside a line; a question or exclamation followed by a space parts a
# headline's two halves (`何时能装？ 读者来电一周回音`), as no sentence of body text is spaced
INNER_PUNCT = regex.compile(r"[，、；：。…,;]|[！？](?![ 　]+\S)")


Columns = tuple[list[int | None], list[int | None]]

# lines set to the cell are looked for within this many windows of a line (same article)
EXACT_WINDOWS = 3


def estimate_columns(body: list[Line], widths: list[int | None], hard: list[bool], ends: list[bool],
                     config: Config, reach: list[int]) -> tuple[Columns, Columns]:
    """The column width before (up to) and after (from) each line; and the same measured by the
    lines that fill their column to the cell, for a page set to the cell (`column_width`).

    Measured on interior lines first: a line that continues a sentence and does not end one
    is a full line, whereas first lines, last lines and headlines are not. Where too few interior
    lines are near, all nearby lines are used. Windows stop at article boundaries (separators,
    openings, closing bylines): the next article may be set in a column of another width.
    """
    w = config.width
    k, slack, support = int(w["window"]), w["full_slack"], w["min_support"]
    outer = w["outer_weight"]
    n = len(body)
    # A line inside a paragraph: neither it nor the line before ends a sentence, and the line
    # before is body text itself (punctuation in it, or inside too) -- not a headline above.
    punct = [INNER_PUNCT.search(l.text) is not None for l in body]
    interior = [False] * n
    for i in range(1, n):
        interior[i] = (not hard[i] and not ends[i - 1] and not ends[i] and (
            interior[i - 1] or punct[i - 1]))
    starts = [hard[i] or body[i].opening or (i > 0 and body[i - 1].closing) for i in range(n)]
    widths = _without_headline_stacks(body, widths, interior, punct)

    # A line d lines away speaks with weight 1 inside a sentence, else `outer`, over 1 + d:
    # share[inside][d], worked out once (windows hold k + 1 lines at the most).
    share = tuple(
        [(1.0 if inside else outer) / (1 + d) for d in range(k + 1)] for inside in (False, True)
    )

    # full lines measured to the cell: wide characters alone, nothing pushed down (`reach`)
    exact = [widths[j] if interior[j] and reach[j] == l.indent + l.width
             and l.width == 2 * len(l.text) else None for j, l in enumerate(body)]
    # such lines are few where digits, quotes and Latin letters are many: looked for further out
    far = EXACT_WINDOWS * k

    # each measured line: its width, its weights by distance, whether inside a sentence
    lines = [None if x is None else (x, share[inside], inside)
             for x, inside in zip(widths, interior)]

    def estimate(seen: list[tuple[int, list[float], bool] | None],
                 wide: list[int | None]) -> tuple[int | None, int | None]:
        """`seen`: the lines to look at, nearest first (None: not measured); `wide`: the
        same further out, where the lines that fill their column to the cell are looked for."""
        pairs = [(x, weights[d], inside) for d, line in enumerate(seen) if line is not None
                 for x, weights, inside in (line,)][:k + 1]
        near = [x for x in wide if x is not None][:k + 1]
        return column_width(pairs, slack, support, near)

    before: list[int | None] = []
    before_exact: list[int | None] = []
    seg = 0
    for i in range(n):
        if starts[i]:
            seg = i
        # (windows as slices, nearest first)
        lo, lo_far = max(seg, i - k), max(seg, i - far)
        plain, measured = estimate(lines[lo:i + 1][::-1], exact[lo_far:i + 1][::-1])
        before.append(plain)
        before_exact.append(measured)
    after: list[int | None] = [None] * n
    after_exact: list[int | None] = [None] * n
    seg_end = n
    for i in range(n - 1, -1, -1):
        if i + 1 < n and starts[i + 1]:
            seg_end = i + 1
        after[i], after_exact[i] = estimate(lines[i:min(seg_end, i + k + 1)],
                                            exact[i:min(seg_end, i + far + 1)])
    return (before, after), (before_exact, after_exact)


def _without_headline_stacks(body: list[Line], widths: list[int | None], interior: list[bool],
                             punct: list[bool]) -> list[int | None]:
    """`widths` less those of runs of two or more lines with no punctuation that no sentence
    runs into (`punct`: sentence punctuation in a line), and that open no article (a dateline is
    body text): a stack of headline lines (kicker, title, subtitle) shows no column, and would
    make up one of its own (at a page's top, where no body line is near)."""
    bare = [not interior[i] and not l.opening and not punct[i] for i, l in enumerate(body)]
    out = list(widths)
    for i in range(len(body)):
        if bare[i] and ((i > 0 and bare[i - 1]) or (i + 1 < len(body) and bare[i + 1])):
            out[i] = None
    return out


def set_to_the_cell(body: list[Line], before: list[int | None], after: list[int | None],
                    reach: list[int], ends: list[bool]) -> bool:
    """The page sets its lines to the cell (a typesetting engine's justified columns): its lines
    of wide characters alone that go on to the next line fill their column's measure in whole
    characters, hardly ever falling a character short. A newspaper that squeezes punctuation
    sets such lines a character shorter or longer, and there a line a character short of a
    first line may still be one."""
    short = full = 0
    for i, line in enumerate(body):
        column = after[i] or before[i]
        if column is None or ends[i] or line.width != 2 * len(line.text):
            continue
        if i > 0 and ends[i - 1]:
            continue  # a paragraph's first line, maybe: short by its indent
        measure = column // 2 * 2
        if reach[i] >= measure:
            full += 1
        elif reach[i] >= measure - 2:
            short += 1
    return full > 0 and short * 8 <= full + short
