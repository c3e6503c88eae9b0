"""Stage 3a, asking the line rules in order: where does a paragraph end?

`find_breaks` asks the boundary rules (reflow/blocks/boundaries.py, headline_lines.py,
sentence_goes_on.py, and the line kinds of reflow/lines) about each pair of lines, strongest
evidence first; the first rule with an answer decides, and its decision is recorded for
`--explain`. Each rule is switched off in one place: a rule the run does not use is not asked.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from ..config import Config
from ..lines.classify import (BYLINE_BRACKETS, article_opening, article_separator, author_line,
                              closing_byline, closing_tag)
from ..lines.credits import credit_after_caption
from ..lines.doubled import undouble_lines
from ..lines.glyph_lines import glyph_per_line
from ..rule import Rule
from .boundaries import (asks_after_kicker, attribution_after_quote, blank_after_sentence,
                         first_line_below, headline_over_opening, headlines_over_opening,
                         indented_line, join_wrapped_line, lost_indent,
                         sentence_end_at_line_end, short_last_line, short_line_stands_alone)
from .assemble import question_headline
from .flow import INNER_PUNCT, Flow, headline_text, in_two_halves
from .headline_lines import (gapped_title, over_narrow_column, short_before_headline, short_tail,
                             split_printed_line, title_above_credit)
from .sentence_goes_on import (blank_lines_separate_blocks, closing_mark_starts_no_line,
                               comma_at_line_end)

if TYPE_CHECKING:
    from ..run import Run


_SENTENCE_INSIDE = regex.compile(r"[。！？；!?;]")


def _body_text(flow: Flow, i: int, block_is_body: bool, starts_block: bool) -> bool:
    """Whether the block that line i belongs to (so far) is body text, not a headline: a line
    of it is inside a sentence, or ends one in its middle (no headline does), or -- past its
    first line, since a headline may hold a comma -- has a comma inside. A headline of two
    halves (`何时能装？ 读者来电一周回音`, `flow.in_two_halves`) ends no sentence in its middle."""
    line = flow.lines[i]
    text = "" if in_two_halves(line.text) else line.text[:-1]
    return (block_is_body or comma_at_line_end(flow, i) or bool(_SENTENCE_INSIDE.search(text))
            or (not starts_block and bool(INNER_PUNCT.search(text))))


def _headlines_ahead(flow: Flow, config: Config) -> list[bool]:
    """For each line: it and the lines that directly follow it (no gap, no opening) hold no
    punctuation and end no sentence -- a headline, not the rest of a paragraph."""
    n = len(flow.lines)
    ahead = [False] * n
    for i in range(n - 1, -1, -1):
        line = flow.lines[i]
        if flow.ends[i] or INNER_PUNCT.search(line.text):
            continue
        nxt = flow.lines[i + 1] if i + 1 < n else None
        chained = nxt is not None and not (nxt.blank_before or nxt.opening or flow.hard[i + 1])
        ahead[i] = not chained or (
            ahead[i + 1] and nxt is not None and not closing_mark_starts_no_line(nxt)
        )
    return ahead


@dataclass
class _Scan:
    """What the questions about one pair of lines need to know besides the flow."""

    config: Config
    blanks_separate: bool          # L18 holds on this page
    headline_ahead: list[bool]
    starts_block: bool = True      # the line before the pair starts a block
    block_start: int = 0           # where the block of the line before the pair starts
    body: bool = False             # the block so far is body text, not a headline
    quotes: int = 0                # quotation marks the block so far opened and did not close


# An answer: (a new block starts, the message, weak evidence); None: the rule has nothing to say.
Answer = tuple[bool, str, bool] | None


def _break(holds: bool, message: str) -> Answer:
    """A break for `message` if the evidence holds, else nothing to say."""
    return (True, message, False) if holds else None


def _hard_gap(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(flow.hard[i], "break: article separator or author line between")


def _author_gap(flow: Flow, i: int, s: _Scan) -> Answer:
    # asked only when article separators are not read (L07 off): the gap is an author line
    return _break(flow.hard[i], "break: author line between")


def _opening(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(flow.lines[i].opening, "break: the next line opens an article")


def _question_after_kicker(flow: Flow, i: int, s: _Scan) -> Answer:
    # (never joined into the line above, whatever it says: L23 then reads the line alone)
    b = flow.lines[i]
    return _break(asks_after_kicker(b.text) and not b.opening,
                  "break: a title that asks or exclaims after its kicker's colon starts a block")


def _closing(flow: Flow, i: int, s: _Scan) -> Answer:
    a, b = flow.lines[i - 1], flow.lines[i]
    if a.closing:
        return True, "break: closing byline ends the paragraph", False
    if a.byline_head:
        return False, "join: the closing byline goes on in the next line", False
    if ((b.closing or b.byline_head) and b.text[:1] in BYLINE_BRACKETS and flow.ends[i - 1]
            and not b.blank_before):
        return (False, "join: a closing byline on a line of its own closes the paragraph above",
                False)
    return None


def _glyphs(flow: Flow, i: int, s: _Scan) -> Answer:
    if flow.lines[i - 1].glyph and flow.lines[i].glyph:
        if flow.lines[i].glyph_seam:
            return True, "break: a seam of a page written a glyph a line (L48)", True
        return False, "join: a page written a glyph a line is read as one block", True
    return None


def _closing_mark(flow: Flow, i: int, s: _Scan) -> Answer:
    b = flow.lines[i]
    # (not across an empty line where no column shows, or where empty lines separate blocks)
    if closing_mark_starts_no_line(b) and not (
            b.blank_before and (s.blanks_separate or not flow.measured(i))):
        return False, "join: a line cannot start with a closing mark", False
    return None


def _tag_alone(flow: Flow, i: int, s: _Scan) -> Answer:
    a, b = flow.lines[i - 1], flow.lines[i]
    found = (p.search(b.text) for p in s.config.closing_tag)
    if b.closing and not a.closing and any(m is not None and m.start() == 0 for m in found):
        return False, "join: a closing tag on a line of its own closes the paragraph above", False
    return None


def _drawn_twice(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(flow.lines[i - 1].drawn_twice or flow.lines[i].drawn_twice,
                  "break: a headline line drawn twice stands alone")


def _printed_line(flow: Flow, i: int, s: _Scan) -> Answer:
    if split_printed_line(flow, i, s.config):
        return False, "join: the two lines make one printed line, split where a quote begins", False
    return None


def _title_credit(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(s.starts_block and title_above_credit(flow, i),
                  "break: a title stands above a photo credit")


def _credit_between(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(flow.credit_before[i] and flow.ends[i - 1],
                  "break: a photo credit ends the caption above it")


def _short_before(flow: Flow, i: int, s: _Scan) -> Answer:
    inside = lambda k: comma_at_line_end(flow, k)  # noqa: E731
    return _break(short_before_headline(flow, i, s.config, s.starts_block, inside),
                  "break: a short line ends its paragraph, a headline line follows")


def _narrow_below(flow: Flow, i: int, s: _Scan) -> Answer:
    inside = lambda k: comma_at_line_end(flow, k)  # noqa: E731
    return _break(over_narrow_column(flow, i, s.config, s.block_start, inside),
                  "break: a line wider than the column below, above a paragraph's first line, "
                  "is a headline")


def _tail(flow: Flow, i: int, s: _Scan) -> Answer:
    if (not flow.ends[i - 1] and not join_wrapped_line(flow, i, s.config, s.starts_block)
            and short_tail(flow, i, s.config, s.starts_block)):
        return False, ("join: a full line of body text stops mid-sentence, the short line after "
                       "it is the sentence's tail"), False
    return None


def _mid_sentence(flow: Flow, i: int, s: _Scan) -> Answer:
    # body text that stops mid-sentence goes on, whatever the next line's indent says, unless
    # the next line looks like a headline (no punctuation in it at all), or a blank line comes
    # between where no column shows that the line is a full one
    b = flow.lines[i]
    # (a gap: an empty line, or on a page read region by region, lines apart on the page)
    gap = b.blank_before or b.laid_out and flow.lines[i - 1].no + 1 != b.no
    if not flow.ends[i - 1] and gap and headline_over_opening(flow, i):
        # (a line cut off its column, its sentence's rest elsewhere, over the next story's
        # headline: the gap and the headline say the sentence does not go on here)
        return True, "break: a headline over an article's opening follows the gap", False
    if not flow.ends[i - 1] and (comma_at_line_end(flow, i - 1) or (
            s.body and not s.headline_ahead[i] and not (b.blank_before and not flow.measured(i))
            and not _subhead_over_first_line(flow, i, s))):
        return False, "join: the line stops inside a sentence", False
    return None


def _subhead_over_first_line(flow: Flow, i: int, s: _Scan) -> bool:
    """The block before line i holds no sentence punctuation (a subhead wrapped, its quote
    closed on its second line) and line i is a paragraph's first line: the block ends."""
    return (not flow.lines[s.block_start].opening
            and not any(INNER_PUNCT.search(flow.lines[k].text) for k in range(s.block_start, i))
            and first_line_below(flow, i - 1, s.config))


def _indent(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(indented_line(flow, i, s.config),
                  "break: indented line starts a paragraph")


def _empty_line(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(s.blanks_separate and flow.empty_before[i],
                  "break: empty lines separate blocks on this page")


def _gapped_title_before(flow: Flow, i: int) -> bool:
    """The line before line i is a title in two parts with a gap between them (no opening): it
    stands alone, whether it ends without punctuation (L10) or asks or exclaims (L17)."""
    return gapped_title(flow.lines[i - 1].text) and not flow.lines[i - 1].opening


def _wide_subtitle(flow: Flow, k: int, s: _Scan) -> bool:
    """Line k is wider than any column (`[width] max_column`) and ends no sentence, the line
    above it is a headline line (it ends no sentence, holds no full stop and a comma at most:
    `十二年，她把“晚霞课堂”开进了47个社区`), and the line below it fits a column: a subtitle
    that reads like a sentence (`退休教师带领300多名志愿者，每周…，从…到…，一堂课一堂课地帮他们
    跨过“数字鸿沟”`) between its title and its story. It stands alone, and so does its title:
    neither is a line of text that goes on."""
    if k < 1 or k + 1 >= len(flow.lines):
        return False
    above, line, below = flow.lines[k - 1], flow.lines[k], flow.lines[k + 1]
    wide = s.config.width["max_column"]
    return (line.width > wide and not flow.ends[k] and not line.opening
            and above.width <= wide and below.width <= wide and not above.opening
            and not flow.ends[k - 1] and headline_text(above.text))


def _wrapped(flow: Flow, i: int, s: _Scan) -> Answer:
    if flow.ends[i - 1]:
        return None
    if _gapped_title_before(flow, i):
        return True, "break: a title in two parts, a gap between them, stands alone", False
    if _wide_subtitle(flow, i, s):
        return True, "break: a title over its subtitle wider than any column", False
    if _wide_subtitle(flow, i - 1, s):
        return True, "break: a subtitle wider than any column, under its title", False
    if join_wrapped_line(flow, i, s.config, s.starts_block):
        gap = " across a gap" if flow.lines[i].blank_before else ""
        return False, "join: the sentence goes on" + gap, False
    if headlines_over_opening(flow, i):
        return True, "break: lines with no punctuation over an article's opening are headlines", \
            False
    return True, "break: the next line does not fit the column, so this line stands alone", False


def _short_last(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(short_last_line(flow, i, s.config, s.starts_block),
                  "break: short line ends a sentence")


def _blank_after(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(blank_after_sentence(flow, i, s.config),
                  "break: blank line after a finished sentence")


def _lost_indent(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(lost_indent(flow, i, s.config, s.starts_block, s.quotes > 0),
                  "break: the next line lost its indent")


def _quotes(text: str) -> int:
    """Quotation marks `text` opens less those it closes."""
    return (text.count("“") + text.count("「") + text.count("『")
            - text.count("”") - text.count("」") - text.count("』"))


def _short_alone(flow: Flow, i: int, s: _Scan) -> Answer:
    return _break(short_line_stands_alone(flow, i, s.config),
                  "break: short line that does not end a sentence")


def _unwrapped(flow: Flow, i: int, s: _Scan) -> Answer:
    widest = s.config.width["max_column"]
    return _break(flow.lines[i].width > widest or flow.lines[i - 1].width > widest,
                  "break: unwrapped lines are whole paragraphs")


def _sentence_end(flow: Flow, i: int, s: _Scan) -> Answer:
    if _gapped_title_before(flow, i):
        return True, "break: a title in two parts that asks or exclaims stands alone", False
    # a headline line, an opening or an author line (a byline under its headline) comes next
    after = i + 1 < len(flow.lines) and (
        s.headline_ahead[i + 1] or flow.lines[i + 1].opening or flow.hard[i + 1])
    if sentence_end_at_line_end(flow, i, s.config, s.starts_block, after):
        if attribution_after_quote(flow, i):
            return False, "join: the line names who spoke the quotation above", False
        return False, "join: a full line ended a sentence, the paragraph goes on", True
    return True, "break: nothing shows the paragraph goes on", True


# The boundary rules in the order they are asked, strongest evidence first; the first rule with
# an answer decides. A pair no rule answers for (its rules switched off) starts a new block.
BOUNDARY_RULES: tuple[tuple[Rule[..., Any], Callable[[Flow, int, _Scan], Answer]], ...] = (
    (glyph_per_line, _glyphs),
    (article_separator, _hard_gap),
    (author_line, _author_gap),
    (article_opening, _opening),
    (question_headline, _question_after_kicker),
    (closing_byline, _closing),
    (closing_tag, _tag_alone),
    (undouble_lines, _drawn_twice),
    (split_printed_line, _printed_line),
    (closing_mark_starts_no_line, _closing_mark),
    (title_above_credit, _title_credit),
    (credit_after_caption, _credit_between),
    (short_before_headline, _short_before),
    (over_narrow_column, _narrow_below),
    (comma_at_line_end, _mid_sentence),
    (indented_line, _indent),
    (blank_lines_separate_blocks, _empty_line),
    (short_tail, _tail),
    (join_wrapped_line, _wrapped),
    (short_last_line, _short_last),
    (blank_after_sentence, _blank_after),
    (lost_indent, _lost_indent),
    (short_line_stands_alone, _short_alone),
    (blank_after_sentence, _unwrapped),
    (sentence_end_at_line_end, _sentence_end),
)


def find_breaks(flow: Flow, run: Run) -> list[bool]:
    """For each body line, whether a new block starts at it. Records one decision per line pair,
    made by the first rule of `BOUNDARY_RULES` that answers; rules switched off are not asked."""
    n = len(flow.lines)
    breaks = [True] * n
    config = run.config
    # with separators read (L07 on), the L07 question covers author lines too
    separators = run.on(article_separator)
    asked = [(r, ask) for r, ask in BOUNDARY_RULES
             if run.on(r) and not (separators and ask is _author_gap)]
    scan = _Scan(config, blank_lines_separate_blocks(flow, config), _headlines_ahead(flow, config))
    scan.body = bool(flow.lines) and _body_text(flow, 0, False, True)
    scan.quotes = max(0, _quotes(flow.lines[0].text)) if flow.lines else 0
    for i in range(1, n):
        for r, ask in asked:
            answer = ask(flow, i, scan)
            if answer is not None:
                brk, message, weak = answer
                breaks[i] = brk
                run.decide(r, (flow.lines[i - 1].no, flow.lines[i].no), message, weak)
                break
        starts_block = breaks[i]
        if starts_block:
            scan.block_start = i
        scan.quotes = max(0, (0 if starts_block else scan.quotes) + _quotes(flow.lines[i].text))
        # a line of closing marks ends the printed line above it: that line still starts a block
        scan.starts_block = starts_block or (
            flow.closes_line_above[i] and scan.block_start == i - 1)
        # a sentence end joined into the block (a ended one, b goes on) is inside it now
        scan.body = _body_text(flow, i, not starts_block and (scan.body or flow.ends[i - 1]),
                               starts_block)
    return breaks
