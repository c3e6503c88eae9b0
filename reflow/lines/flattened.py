"""Stage 2a, a pre-pass: a whole column copied as one line, with a space where each line ended.

Some viewers copy the lines of a column as one line and put a space at each line end
(`要理性思考能源政 策，若能源無法穩定供應，不排除第四座核 電廠`). Read as it is, such a line is one
paragraph: its paragraph ends, subheads and headlines are lost. Where the pieces between the
spaces show the column (several of them share the width of a full line), each space is read as
the line end it was (L43), and the line rules find the paragraphs again. Nothing is deleted: the
pieces are the line's own text, in new lines that point back to their input line.
"""
from __future__ import annotations

from collections import Counter

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule
from .pieces import MIN_COLUMN, Piece, as_line, cut

if TYPE_CHECKING:
    from ..run import Run

# pieces of one line that must share the width of a full line of the column
MIN_FULL = 3


@rule("L43", "space-flattened-line", "line")
def space_flattened_line(pieces: list[Piece], config: Config) -> int | None:
    """A line whose pieces between spaces are lines of one column, three or more of them as wide
    as a full line (a character short at most: justified lines vary by a digit or a mark), is a
    column copied as one line: each of those spaces ends a line. Returns the column's width, or
    None. (A stray space in a line, or a name's space, does not make pieces of a common width;
    nor does a line where a piece is wider than the column, checked by `unflatten`; nor a line
    of headlines side by side, whose two-part titles leave pieces of any width.)"""
    if len(pieces) < 3:
        return None
    slack = config.width["full_slack"]
    counts = Counter(p.width for p in pieces[:-1] if p.width >= MIN_COLUMN)
    for w, _ in counts.most_common():
        if sum(1 for p in pieces if w - slack <= p.width <= w + 1) >= MIN_FULL:
            return w
    return None


def unflatten(lines: list[Line], run: Run) -> list[Line]:
    """Each space-flattened line of `lines` read as the lines it was made of (L43)."""
    if not run.on(space_flattened_line):
        return lines
    config = run.config
    out: list[Line] = []
    for line in lines:
        # a line end a viewer turned into a space falls between two Han characters or marks
        # often enough to tell the column (a space by a number may be the text's own, stray
        # ones are common); once it is told, a space by a number may end a line too
        spaced = " " in line.text or "\u3000" in line.text
        width = space_flattened_line(cut(line.text, config, strict=True), config) \
            if spaced else None
        pieces = cut(line.text, config) if width is not None else []
        if width is None or any(p.width > width + config.width["overhang"] for p in pieces):
            out.append(line)
            continue
        run.decide(space_flattened_line, (line.no, line.no),
                   f"a column of {width} cells copied as one line: read as {len(pieces)} lines")
        split = [as_line(line, p, config) for p in pieces]
        split[0].page_break_before = line.page_break_before
        out += split
    return out
