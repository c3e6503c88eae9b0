"""Stage 3a, where paragraphs end: a photo's caption, which is no paragraph going on.

A photo box inside a column holds its caption, set in smaller type to the box's measure, and
ends with the photo's credit (taken out of the flow by `lines.credits`). Read in the flow of the
story's lines, the caption must not be joined to the paragraph above it.
"""
from __future__ import annotations

import regex

from ..config import Config
from .flow import Flow
from .sentence_goes_on import unopened

# a sentence's end (not a semicolon's pause), before its closing quotes
_FULL_STOP_AT_END = regex.compile(r"[。！？!?][”’」』）)]*$")
# the most lines of a photo's caption
CAPTION_MAX_LINES = 4


def caption_in_a_box(flow: Flow, i: int, col_a: int | None, col_b: int, config: Config) -> bool:
    """Lines i on, set to a width other than the story's column and ended by a photo credit, are
    the caption of a photo box (its own measure), not the paragraph going on; on a page set to
    the cell, so are such lines whose first runs past the column's measure by a character. So is
    one line in the story's measure that ends a sentence right above the credit, after a line
    that ended one (a caption of one line, which closes no quote it did not open; a longer
    caption runs wider than the column, its type is smaller)."""
    if col_a is None:
        return False
    # in the story's own measure, only a caption of one line (a longer one runs wider: its
    # type is smaller)
    wider = (abs(col_a - col_b) > config.width["full_slack"]
             or flow.past_the_measure(i, max(col_a, col_b), spare=0))
    most = CAPTION_MAX_LINES if wider else (
        1 if _FULL_STOP_AT_END.search(flow.lines[i - 1].text) and not unopened(flow.lines[i].text)
        else 0)
    for j in range(i + 1, min(i + 1 + most, len(flow.lines))):
        if flow.credit_before[j]:
            return flow.ends[j - 1]
        if flow.hard[j] or flow.lines[j].blank_before:
            return False
    return False
