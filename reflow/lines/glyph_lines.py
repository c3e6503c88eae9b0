"""Stage 2a, a pre-pass: a page written a glyph a line.

Some extractors (pypdfium2's `get_text_range` on some Chromium PDFs) end a line after every
glyph of a printed page: `绿` / `色` / `出` / `行`. Nothing is left of the printed lines, so no width
rule can tell a headline from a paragraph's end; read line by line, every glyph becomes a
headline or a paragraph of its own, and a digit alone reads as a page number. Where a long run
of lines holds a glyph each, reflow reads the run as the text it is (L47), one block, and says
once per page on stderr, with a hint, that its paragraphs cannot be told apart.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule

if TYPE_CHECKING:
    from ..run import Run

# the fewest lines of a glyph each in a row that make a run (a headline group or a list of
# one-character items is shorter)
MIN_RUN = 20
# the most characters of a glyph line, spaces aside (`4.1`, `营 ， 本`: what the extractor kept
# together)
GLYPH_MAX = 3

HINT = ("the extractor wrote one glyph a line: the printed lines are lost and paragraphs, "
        "headlines and furniture cannot be told apart; try `pdftotext -raw`")


def _glyph(line: Line) -> bool:
    return 0 < len(line.text) - line.text.count(" ") <= GLYPH_MAX


@rule("L47", "glyph-per-line", "line")
def glyph_per_line(lines: list[Line], config: Config) -> list[tuple[int, int]]:
    """Runs of lines (start, end) where each holds a glyph or two of a page, twenty or more in a
    row with no empty line between: the extractor ended a line after every glyph. Such a run is
    read as one block of text (its glyphs joined without spaces, a digit alone no page number)
    and the reader is warned (weak evidence) to extract the page again."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if _glyph(line) and not (start is not None and line.page_break_before):
            if start is None:
                start = i
            continue
        if start is not None and i - start >= MIN_RUN:
            runs.append((start, i))
        start = i if _glyph(line) else None  # (a page break starts a run of its own)
    if start is not None and len(lines) - start >= MIN_RUN:
        runs.append((start, len(lines)))
    return runs


def mark_glyph_runs(lines: list[Line], run: Run, warnings: list[str]) -> None:
    """Flag the lines of each run of L47 (`Line.glyph`), and say so once a page."""
    if not run.on(glyph_per_line):
        return
    warned: set[int] = set()
    for start, end in glyph_per_line(lines, run.config):
        for line in lines[start:end]:
            line.glyph = True
        first, last = lines[start], lines[end - 1]
        run.decide(glyph_per_line, (first.no, last.no), HINT, weak=True)
        if first.page not in warned:
            warned.add(first.page)
            warnings.append(f"page {first.page} (lines {first.no}-{last.no}): {HINT}")
