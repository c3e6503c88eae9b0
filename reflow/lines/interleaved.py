"""Stage 2a, a pre-pass that only warns: lines of neighbouring columns that may alternate.

Default `pdftotext` reads some pages line by line across their columns and writes each line as
a block of its own, between empty lines: a sentence then goes on two, three or five lines further
down, and nothing in the text says which line is which column's. Where most lines of a page
stand alone like that, reflow says so (L44): once per page on stderr, with a hint, and as a weak
decision for `--explain` and editors. It moves nothing: the lines are read as they come.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Line
from ..rule import rule
from .pieces import MIN_COLUMN, ends_sentence

if TYPE_CHECKING:
    from ..run import Run

# lines at least this wide count (shorter ones are headlines, last lines, furniture) ...
MIN_LINES = 10
# ... and this share of them, standing alone between empty lines, makes the page suspect
SHARE = 0.3
# a body line inside a sentence almost always holds one of these; a headline seldom does
IN_SENTENCE_MARKS = frozenset("，、；：“”‘’「」（）《》")

HINT = ("the lines of neighbouring columns may be interleaved (the extractor read across the "
        "columns); the result may mix them up: try `pdftotext -raw`")


@rule("L44", "interleaved-lines", "line")
def interleaved_lines(lines: list[Line], config: Config) -> bool:
    """Where many lines as wide as a column that stop mid-sentence stand alone between empty
    lines (a sentence that goes on somewhere else; the share is taken over lines with a mark
    used inside sentences, so that headlines alone between empty lines do not count), the
    extractor wrote each line of the page as a block of its own, in an order that may go across
    the columns. Nothing shows which line is which column's: the page is read as it comes, and the
    reader is warned (weak evidence) to extract it again in reading order (`pdftotext -raw`)."""
    return alone_between_empty_lines(lines, config)


def alone_between_empty_lines(lines: list[Line], config: Config) -> bool:
    """Many lines as wide as a column that stop mid-sentence (and hold a mark used inside
    sentences) stand alone between empty lines: L44's evidence, which L46 asks too."""
    texts = [i for i, l in enumerate(lines)
             if l.width >= MIN_COLUMN and not ends_sentence(l.text, config)]
    # the share is taken over body lines: those with a mark used inside sentences
    body = [i for i in texts if not IN_SENTENCE_MARKS.isdisjoint(lines[i].text)]
    if len(texts) < MIN_LINES or not body:
        return False
    alone = sum(1 for i in body
                if (i == 0 or not lines[i - 1].text)
                and (i + 1 == len(lines) or not lines[i + 1].text))
    return alone >= SHARE * len(body)


def warn_interleaved(lines: list[Line], run: Run, warnings: list[str]) -> None:
    """Say once for each page of `lines` that looks interleaved (L44), in `warnings` and as a
    weak decision."""
    if not run.on(interleaved_lines):
        return
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].page != lines[start].page:
            page = lines[start:i]
            if interleaved_lines(page, run.config):
                first, last = page[0].no, page[-1].no
                run.decide(interleaved_lines, (first, last), HINT, weak=True)
                warnings.append(f"page {page[0].page} (lines {first}-{last}): {HINT}")
            start = i
