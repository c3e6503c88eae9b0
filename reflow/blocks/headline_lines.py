"""Stage 3a, line rules that keep a headline line out of a paragraph, and a paragraph's line in it.

Real extractions put a headline right against the text above or below it, with no gap: a headline
spanning the columns of its story over a narrower column, a title over its photo's credit, a
subhead under a short last line. And they cut printed lines where a quote begins. Each rule here
answers for one pair of lines, asked by `breaks.find_breaks` in its order.
"""
from __future__ import annotations

from collections.abc import Callable

import regex

from ..config import Config
from ..lines.classify import DATE_ALONE
from ..model import Line
from ..rule import rule
from .sentence_goes_on import closing_mark_starts_no_line, colon_before_quote
from .flow import (INNER_PUNCT, OPENING_MARKS, Flow, fills, indent_drop, is_first_line,
                   kicker_shape, quotes_set_wide, slack)

# Whether line k is body text inside a sentence (L19, `sentence_goes_on.comma_at_line_end`).
Inside = Callable[[int], bool]
_SENTENCE_INSIDE = regex.compile(r"[。！？；!?;]")
_WORDS = regex.compile(r"\w")


@rule("L25", "short-tail", "line")
def short_tail(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A full line of body text (sentence punctuation inside) that stops in mid-sentence goes on
    in the next line, even when that line is short and ends no sentence (`日夜两班` / `的加紧`):
    the tail of a sentence is no headline, and no headline follows a sentence cut in two. A
    paragraph's first line, short by its lost indent, is as good as full."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if b.blank_before or b.opening or flow.hard[i]:
        return False
    if not ("。" in a.text or "；" in a.text or a.text.count("，") + a.text.count("、") > 1):
        return False  # a comma or none: it may be a headline (L16), which stands alone
    return any(fills(flow, i - 1, c, config)
               or (starts_block and is_first_line(flow.lead(i - 1), c, config))
               for c in (flow.before[i - 1], flow.after[i - 1]))


@rule("L26", "headline-over-narrow-column", "line")
def over_narrow_column(flow: Flow, i: int, config: Config, block_start: int,
                       inside: Inside) -> bool:
    """A line that ends no sentence and is wider than the column below it, where the line below
    is a paragraph's first line (short by its lost indent), is not that paragraph's beginning:
    it spans the columns of its story, as a headline does (`条件差但省了房租，公寓太挤没法安家`
    above a column of thirteen characters), and so are the lines of its block before it. Never
    join a headline line into a paragraph. (The line below is measured with the rest of its
    printed line, where an extractor cut it before a closing mark.)"""
    col_b = flow.after[i]
    if flow.ends[i] or col_b is None or i - block_start > 3:
        return False
    if len(_WORDS.findall(flow.lines[i].text)) < 4:
        return False  # a fragment (`（化名）`) is no first line to measure by

    def headline_wide(k: int) -> bool:
        line = flow.lines[k]
        return not (flow.ends[k] or line.opening or inside(k)
                    or _SENTENCE_INSIDE.search(line.text) or line.text.count("，") > 1
                    or flow.room(k) <= col_b + config.width["overhang"])

    # the line below, measured as printed: with the closing mark that starts the line after it
    # and what follows the mark (`“看了很不是滋味”` / `。此事经媒体报道后引起`, L22)
    below = flow.core(i)
    if i + 1 < len(flow.lines) and _mark_goes_on(flow.lines[i + 1]):
        below += flow.room(i + 1)
    # every line of the block so far is such a line: not a paragraph whose column narrows
    return (all(headline_wide(k) for k in range(block_start, i))
            and is_first_line(below, col_b, config))


@rule("L27", "short-line-before-headline", "line")
def short_before_headline(flow: Flow, i: int, config: Config, starts_block: bool,
                          inside: Inside) -> bool:
    """The last line of a paragraph of body text, clearly shorter than its column (even than a
    paragraph's first line), ends the paragraph though it ends no sentence (a lead-in to a
    list: `划分出4种处理办法`), when the next line is as short and holds no punctuation at all:
    that line is a subhead, never joined into the paragraph above. (Not when a closing mark
    on the line after it ends that line's sentence: then it is body text.)"""
    a, b = flow.lines[i - 1], flow.lines[i]
    if (starts_block or i < 2 or flow.ends[i - 1] or flow.ends[i] or a.opening or b.opening
            or inside(i - 1)):
        return False
    # the paragraph's column, from the line before `a`, and the column from `b` on: both
    # must show the two lines short (where the column narrows, a full line looks short)
    columns = [c for c in (flow.before[i - 2], flow.after[i]) if c is not None]
    if not columns or INNER_PUNCT.search(b.text) or len(_WORDS.findall(b.text)) < 2:
        return False  # a line of marks alone (`．`) is no headline
    if i + 1 < len(flow.lines) and _mark_goes_on(flow.lines[i + 1]):
        return False  # `b` ends with the closing mark on the line after it: no headline
    return all(flow.reach[i - 1] < c - indent_drop(c, config)
               and flow.room(i) < c - indent_drop(c, config) for c in columns)


def _mark_goes_on(line: Line) -> bool:
    """The line starts with a closing mark, so it goes on from the line before (L22)."""
    return closing_mark_starts_no_line(line) and not line.blank_before


@rule("L29", "title-above-credit", "line")
def title_above_credit(flow: Flow, i: int) -> bool:
    """A line that starts a block, ends no sentence and holds no punctuation, with a photo credit
    between it and the next line, is a title over its photo (`甘肃1197名山里娃有望穿上新鞋` /
    `新华社发`): the text below does not go on from it."""
    a = flow.lines[i - 1]
    return flow.credit_before[i] and not flow.ends[i - 1] and not INNER_PUNCT.search(a.text)


@rule("L31", "split-printed-line", "line")
def split_printed_line(flow: Flow, i: int, config: Config) -> bool:
    """Some extractors (`pdftotext -raw` on some PDFs) break a printed line where a quote or a
    bracket begins (`理史蒂夫b兰普夏说：` / `“去年全英有2`): two lines that together fill the
    column (or a paragraph's first line, indented, when the first of them starts a paragraph),
    the second short and opening with a quote or bracket, are one printed line. (A new
    paragraph that opens with a quote fills its first line; after a colon, the quote it opens
    goes on in the same paragraph, however wide, and however short where the sentence came
    into the colon's line from the line above.) After a sentence's end, only where a full line
    follows, or the short line's own sentence goes on into the next line; never where the short
    line is one phrase in lenticular brackets (`【以墨写城】`), a subhead, nor after a date
    alone (`2024年8月20日`, a notice's, L01). Curly quotes may be
    set wide, as CJK fonts draw them: two lines that fill the column only so are one too."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if b.text[:1] not in OPENING_MARKS or b.blank_before or b.opening or flow.hard[i]:
        return False
    if DATE_ALONE.fullmatch(a.text):    # a notice's date, on its own line (L01)
        return False
    # a sentence that goes on into a line ending with a colon goes on into the quotation the
    # colon opens, however short the two (the paragraph's last line: `说：` / `“天天都想来。`);
    # a kicker (`徐大發：`) that starts its block does not
    if colon_before_quote(a, b) and not (kicker_shape(a.text) and (
            i < 2 or flow.ends[i - 2] or a.blank_before or flow.hard[i - 1])):
        return True
    # after a finished sentence, a line that is one phrase in lenticular brackets (`【以墨写城】`)
    # is a subhead: a printed line broken at its bracket would go on after it
    if flow.ends[i - 1] and _BRACKETED_PHRASE.fullmatch(b.text):
        return False
    goes_on = (i + 1 < len(flow.lines) and not flow.lines[i + 1].blank_before
               and not flow.credit_before[i + 1] and not flow.hard[i + 1])
    # after a finished sentence, a headline may open with a quote: only a full line after the
    # short one shows the printed line goes on, or its own sentence going on into the next line
    # (the two exactly a full line then, not a first line)
    inside = goes_on and not flow.ends[i] and INNER_PUNCT.search(b.text) is not None
    # (a line that starts with a closing mark is the short line's own rest, no full line)
    if flow.ends[i - 1] and not a.text.endswith(("：", ":")) and not inside and not (
            goes_on and not closing_mark_starts_no_line(flow.lines[i + 1])
            and fills(flow, i + 1, flow.column_of(i + 1), config)):
        return False
    # the printed line may be a paragraph's first line, indented, when `a` starts a paragraph
    first = (i < 2 or a.blank_before or flow.ends[i - 2]) and not (inside and flow.ends[i - 1])
    gained = [quotes_set_wide(t, config) for t in (a.text, b.text)]
    narrow = flow.room(i - 1) + flow.room(i)
    wide = narrow + sum(gained)
    # on a page set to the cell, `b` of wide characters alone once its quotes count wide is
    # a paragraph's first line only if it fills the first line's measure
    exact_b = flow.to_the_cell and flow.room(i) + gained[1] == 2 * len(b.text)
    for c in (flow.before[i - 1], flow.after[i]):
        if c is None:
            continue
        least = c - (indent_drop(c, config) if first else slack(config))
        # (and then the two fill the measure to the cell, a hung mark at most past it)
        measure = c // 2 * 2
        short = flow.room(i) < c - indent_drop(c, config) or (
            exact_b and flow.reach[i] + gained[1] < measure - flow.first_indent(c)
            and least <= wide <= measure + 2)
        # (after a colon the quote it opens goes on in the same paragraph: no new paragraph's
        # first line, however wide; curly quotes may be set wide, as CJK fonts draw them)
        if (any(least <= both <= c + config.width["overhang"] for both in (narrow, wide))
                and (short or a.text.endswith(("：", ":")))):
            return True
    return False


_BRACKETED_PHRASE = regex.compile(r"【[^【】，。；！？、]{1,20}】")


# a title set in two parts with a gap between them (`过早地图上线 汉口老字号扎堆“上新”`): body text
# has no space between two Han characters but in names and datelines (with punctuation or a
# bracket by them), nor does a gap follow an opening quote or stand by a number (`1200 万元`)
_NOT_IN_TITLE = regex.compile(r"[，。；：！？、,;:!?（）()【】]")
_HAN = regex.compile(r"\p{Han}")
GAPPED_PART = 4


def gapped_title(text: str) -> bool:
    """One gap between two runs of four characters or more, Han characters on both sides of it,
    and no sentence punctuation or bracket but a closing `！` or `？`: the two parts of a title
    (`无人机夜间搜救 被困驴友获救！`), not a wrapped line of body text."""
    parts = text.split()
    if len(parts) != 2 or len(text) != len(parts[0]) + len(parts[1]) + 1 \
            or min(len(p) for p in parts) < GAPPED_PART:
        return False
    left, right = parts[0][-1], parts[1].lstrip("“「『《")[:1]
    return ((_HAN.match(left) is not None or left in "”」』》") and _HAN.match(right) is not None
            and _NOT_IN_TITLE.search(text.rstrip("！？!?")) is None)
