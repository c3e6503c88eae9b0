"""L09, a line rule that edits: a headline a PDF drew twice comes out doubled; undo it.

Fake bold (the same text drawn twice, a hair apart) and outline fonts make some extractors write
each run of a headline twice: `大熊猫大熊猫「「华姣华姣」」今放归野外今放归野外`. The line is then
made of runs each written twice over; reading each run once gives the headline back. The rule
deletes characters, so it is declared `deletes` and every change is an edit in `--explain`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..model import Line
from ..rule import rule
from .measure import display_width

if TYPE_CHECKING:
    from ..run import Run

# Only lines of a headline's length are looked at (the check is quadratic in the length).
MAX_DOUBLED = 120
_SENTENCE = frozenset("，。；、,;")
# a line holding one of these has a sentence end inside it: body text, not a headline
_ENDS_INSIDE = frozenset("。；;")
# the gaps between the pieces of a line read across side-by-side columns
_GAPS = regex.compile(r"(\s+)")
REPEATED_MIN = 6  # characters of a headline line read as drawn twice when repeated (`王一 摄`: no)


def undoubled(text: str) -> str | None:
    """`text` read with each doubled run once, if all of it is runs written twice (`ab ab c c`),
    in the fewest runs, or if it is one headline line written twice; None if it is not, or if
    what is left is too short or too plain to say (`哈哈哈哈`, `谢谢`) -- words that double on
    purpose."""
    n = len(text)
    if n < 8 or n > MAX_DOUBLED or n % 2:
        return None
    # the whole line written twice, a title's comma and all (`门诊开了，家长不再挤急诊` twice):
    # the same repeated line as `repeated_line` reads, come out on one line
    whole = text[:n // 2]
    if whole == text[n // 2:] and _headline_once(whole):
        return whole
    if _SENTENCE.intersection(text):
        return None
    # best[i]: the fewest doubled runs that make text[:i], and where the last one starts
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0)
    for i in range(2, n + 1, 2):
        for j in range(i - 2, -1, -2):
            prev = best[j]
            half = (i - j) // 2
            if prev is not None and text[j:j + half] == text[j + half:i]:
                if best[i] is None or prev[0] + 1 < best[i][0]:  # type: ignore[index]
                    best[i] = (prev[0] + 1, j)
    if best[n] is None:
        return None
    runs: list[str] = []
    i = n
    while i:
        j = best[i][1]  # type: ignore[index]
        runs.append(text[j:j + (i - j) // 2])
        i = j
    once = "".join(reversed(runs))
    return once if len(once) >= 4 and len(set(once)) >= 3 else None


def undoubled_pieces(text: str) -> str | None:
    """`text` with each of its pieces (between runs of spaces) that is all runs written twice
    read once, if one is: read across the page, a headline drawn twice comes out beside the
    other columns' lines or another story's title (`千千盏盏花花灯灯 青山射电望远镜…`)."""
    parts = _GAPS.split(text)
    changed = False
    for k in range(0, len(parts), 2):
        once = undoubled(parts[k])
        if once is not None:
            parts[k], changed = once, True
    return "".join(parts) if changed else None


def _headline_once(text: str) -> bool:
    """`text` may be a headline line: no sentence ends inside it (a title may hold a comma, ask
    or exclaim), long and varied enough not to be a word doubled on purpose."""
    return (not _ENDS_INSIDE.intersection(text) and "…" not in text
            and not text.endswith((".", "．")) and len(set(text)) >= 3
            and len("".join(text.split())) >= REPEATED_MIN)


def repeated_line(prev: Line | None, line: Line) -> bool:
    """`line` repeats the line before it (on the same page), and that is a headline's line: no
    sentence ends inside it (a title may hold a comma, ask or exclaim), long and varied enough
    not to be a word doubled on purpose. Two lines of body text are never the same: a column's
    lines are cut from running text."""
    return (prev is not None and line.text == prev.text and prev.page == line.page
            and _headline_once(line.text) and prev.no + 1 == line.no)


@rule("L09", "doubled-headline", "line", deletes=True)
def undouble_lines(lines: list[Line], run: Run) -> None:
    """A line with no sentence punctuation that is made entirely of runs written twice
    (`大熊猫大熊猫「「华姣华姣」」`) is a headline drawn twice by the PDF (fake bold, outline
    fonts): each run is kept once. Words doubled on purpose (`谢谢`, `哈哈哈哈`) leave too little
    to be a headline and are not touched. A headline line drawn twice may also come out as two
    lines, the same text twice in a row: the second is read as a copy of the first (only two:
    the same line three times or more is text repeated on purpose, left as it is). Either
    way the line is a headline's: it stands alone, never joined into a paragraph. Read across
    side-by-side stories, a title drawn twice comes out beside another title or the other
    columns' lines: each piece of such a line (between spaces) made of runs written twice is
    read once, the rest of the line left as it is."""
    prev: Line | None = None
    for k, line in enumerate(lines):
        # (a pair: three lines the same or more in a row are no headline drawn twice, but text
        # repeated on purpose, left as it is)
        if repeated_line(prev, line) and not any(
                0 <= j < len(lines) and lines[j].text == line.text for j in (k - 2, k + 1)):
            assert prev is not None
            prev.drawn_twice = True
            run.edit(undouble_lines, (line.no, line.no), line.text, "")
            line.raw = line.raw.replace(line.text, "", 1)
            line.width, line.text = 0, ""
            continue
        prev = line if line.text else prev
        once = undoubled(line.text)
        if once is None:
            # a piece of a row drawn twice: the other pieces are the row's, so the line is not
            # a headline's as a whole
            once = undoubled_pieces(line.text) if " " in line.text else None
            if once is not None:
                run.edit(undouble_lines, (line.no, line.no), line.text, once)
                line.raw = line.raw.replace(line.text, once, 1)
                line.width = display_width(once, run.config.width["ambiguous"])
                line.text = once
            continue
        line.drawn_twice = True
        run.edit(undouble_lines, (line.no, line.no), line.text, once)
        line.raw = line.raw.replace(line.text, once, 1)
        line.width = display_width(once, run.config.width["ambiguous"])
        line.text = once
