"""Stage 3a, line rules that read a sentence going on across a line end or an empty line from
the marks alone: a comma or an open bracket at a line's end (L19), a closing mark that starts a
line (L22), and empty lines that never fall inside a sentence on the page (L18).
"""
from __future__ import annotations

import regex

from ..config import Config
from ..model import Line
from ..rule import rule
from .flow import CLOSING_MARKS, INNER_PUNCT, Flow


@rule("L19", "comma-at-line-end", "line")
def comma_at_line_end(flow: Flow, i: int) -> bool:
    """A line that ends with a comma, opens an article, leaves a bracket or quote open, or carries
    a paragraph indent (where the page keeps them) is body text inside a sentence whatever its
    width: the next line goes on with it. A headline neither opens with a dateline nor ends with a
    comma, and a centred one is indented further or stops as far short of the column's end. This
    holds where the column changes right after the line, but not across a gap into a line with
    no punctuation over an article's opening: the next story's headline (the line was cut off
    its column, its sentence goes on elsewhere)."""
    line = flow.lines[i]
    return (line.opening or line.text.endswith(("，", "、", ","))
            or (flow.indents_mean_paragraphs and 2 <= line.indent <= 8 and not _centred(flow, i))
            or unclosed(line.text))


def _centred(flow: Flow, i: int) -> bool:
    """Line i has no punctuation and stops short of its column's end by as much as its indent or
    more: a subhead centred in a narrow column, not a paragraph's first line (which fills it)."""
    line, column = flow.lines[i], flow.column_of(i)
    return (column is not None and not flow.ends[i] and INNER_PUNCT.search(line.text) is None
            and column - flow.room(i) >= line.indent - 1)


_OPENING_MARKS, _CLOSING_MARKS = "（《「『“【〔", "）》」』”】〕"
_OPENERS, _CLOSERS = regex.compile(f"[{_OPENING_MARKS}]"), regex.compile(f"[{_CLOSING_MARKS}]")
_OPENING, _CLOSING = frozenset(_OPENING_MARKS), frozenset(_CLOSING_MARKS)


@rule("L22", "closing-mark-starts-no-line", "line")
def closing_mark_starts_no_line(line: Line) -> bool:
    """No line of a typeset page starts with a closing mark (kinsoku), so a line that does, such
    as a lone `。` left by OCR, belongs to the line before it; so does a lone `．`, a full-width
    full stop (an ellipsis some PDFs draw as six of them, each on its own line once extracted).
    Not across an empty line on a page where empty lines separate blocks: there the line is the
    start of a block as written."""
    return line.text[:1] in CLOSING_MARKS


def unclosed(text: str) -> bool:
    """The line opens a bracket or quote it does not close: what is inside goes on."""
    if _OPENING.isdisjoint(text):
        return False        # (most lines hold none: no need to count)
    return len(_OPENERS.findall(text)) > len(_CLOSERS.findall(text))


def unopened(text: str) -> bool:
    """The line closes a bracket or quote it did not open: it goes on from the line above."""
    if _CLOSING.isdisjoint(text):
        return False
    return len(_CLOSERS.findall(text)) > len(_OPENERS.findall(text))


def _column_shown_around(flow: Flow, i: int) -> bool:
    """The lines before line i or the lines after it show a column (a line alone measures a
    column of its own width: that shows nothing)."""
    return (i > 0 and flow.before[i - 1] is not None) or (
        i + 1 < len(flow.lines) and flow.after[i + 1] is not None)


@rule("L18", "blank-lines-separate-blocks", "line")
def blank_lines_separate_blocks(flow: Flow, config: Config) -> bool:
    """On a page where no empty line falls inside a sentence (clean text, or a page that marks
    every paragraph with an empty line and no column break with one), every empty line separates
    two blocks, whatever the widths around it say. A line alone between empty lines that stops
    mid-sentence, where the lines around show no column, is a block as written (unwrapped text),
    not a sentence cut by a gap."""
    gaps = 0
    for i in range(1, len(flow.lines)):
        if not flow.empty_before[i]:
            continue
        gaps += 1
        a = flow.lines[i - 1]
        if flow.ends[i - 1]:
            continue
        # a line that stops mid-sentence is body text, not a headline, when it or the line it
        # continues has a comma inside; unless it is a block of one line between empty lines
        # where no column shows around it (unwrapped text, as reflow writes it)
        if ((i == 1 or flow.lines[i - 1].blank_before) and not comma_at_line_end(flow, i - 1)
                and not _column_shown_around(flow, i - 1)):
            continue
        prev = flow.lines[i - 2] if i >= 2 and not flow.lines[i - 1].blank_before else None
        if comma_at_line_end(flow, i - 1) or INNER_PUNCT.search(a.text[:-1]) or (
                prev is not None and not flow.ends[i - 2] and INNER_PUNCT.search(prev.text)):
            return False
    return gaps >= 2


def colon_before_quote(a: Line, b: Line) -> bool:
    """Line `a` ends with a colon and line `b` opens a quotation: what `a` introduces."""
    return a.text.endswith(("：", ":")) and b.text.startswith(("“", "「", "『", "‘"))
