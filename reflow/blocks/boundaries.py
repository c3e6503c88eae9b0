"""Stage 3a, line rules that join or break: where does a paragraph end?

A blank line, a page break or a running header inside a sentence is a break in the layout, not a
paragraph end. Paragraph ends come from evidence: a short last line, the end of a sentence, the
next line's lost indent, a blank line after a finished sentence. Each piece of evidence is a rule;
`breaks.find_breaks` asks them in order of strength.
"""
from __future__ import annotations

import regex

from ..config import Config
from ..rule import rule
from .flow import (INNER_PUNCT, Flow, fills, fills_with_its_rest, indent_drop, is_first_line,
                   in_two_halves, is_short, kicker_led, kicker_shape, slack)
from .captions import caption_in_a_box
from .sentence_goes_on import colon_before_quote, unclosed


_HAN_AND_DIGITS = regex.compile(r"[\p{Han}\d]+")


def _past_column(flow: Flow, i: int, column: int | None, config: Config) -> bool:
    """Line i, of Han characters and digits alone, runs past `column` by more than the slack:
    it has no mark to hang past the column's end and no Latin word the font sets narrow, so it
    goes on no line of that column (a headline's second line, wider than the column above)."""
    return (column is not None and flow.room(i) > column + config.width["full_slack"]
            and _HAN_AND_DIGITS.fullmatch(flow.lines[i].text) is not None)


@rule("L10", "join-wrapped-line", "line")
def join_wrapped_line(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A line that does not end a sentence goes on in the next line, across blank lines, page
    breaks and furniture, when both fit one column: the line is full (or is a paragraph's first
    line: under a headline, counting its curly quotes wide, as fonts set them) and the next line
    is full or ends the sentence -- but for two lines with no punctuation over an article's
    opening: a title and its subtitle, however full. Across an empty line, only from a column
    shown at the line, and not from a line with no comma that stands alone under one that ends
    no sentence. A photo's caption set wider than the column it stands in goes on in its last
    line, above the credit. A headline of two halves (`怎么解？ 街道给出三条办法`) does not go on.
    A line with no punctuation (or one behind a subhead's mark or number, after a finished
    sentence: `▲气温：南北方同步“入冬”`) over a paragraph's first line is a
    subhead, however full; one that opens the text, or a printed page after a finished sentence,
    over a line no wider that goes on, is the page's headline (a first line, short by its lost
    indent, is narrower than the next). A next line that an extractor broke where a quote begins
    fills the column with its rest (`居民纷纷报名，` / `“我家阳台太`)."""
    a, b = flow.lines[i - 1], flow.lines[i]
    w = config.width
    if a.width > w["max_column"] or b.width > w["max_column"]:
        return not b.blank_before
    if in_two_halves(a.text):
        return False
    # a kicker (`消防科技：`) under a headline line starts a headline group of its own: where
    # too few lines show a column, or across a gap (a page break, a running header)
    kicker_below = not INNER_PUNCT.search(a.text) and kicker_shape(b.text)
    col_a, col_b = flow.before[i - 1], flow.after[i]
    # a title over its subtitle that asks or exclaims, set apart from all else (as reflow
    # writes a headline group: one line each)
    if not INNER_PUNCT.search(a.text) and asks_alone(b.text) and _set_apart(flow, i - 1, i):
        return False
    # across a gap, only a column shown at the line above it (not one the lines after the gap
    # make up) says that line is full
    if b.blank_before and col_a is None and flow.after[i - 1] is None:
        return False
    # nor a line with no comma that stands alone under a line that ends no sentence (a headline
    # group's last line, as reflow writes one)
    if (flow.empty_before[i] and starts_block and i >= 2 and not flow.ends[i - 2]
            and not a.blank_before and not flow.hard[i - 1] and not _COMMA_LIKE.search(a.text)):
        return False
    if headlines_over_opening(flow, i):
        return False
    columns = {c for c in (col_a, flow.before[i], flow.after[i - 1], col_b) if c is not None}
    if not columns:
        # too few lines to see a column: a wrapped line is at least as wide as the next one
        if kicker_below:
            return False
        return not b.blank_before and flow.reach[i - 1] >= flow.room(i) - w["full_slack"]
    if kicker_below and b.blank_before:
        return False
    # a line with no punctuation over a paragraph's first line: a subhead, however full (not a
    # dateline's byline in brackets going on, `新华社南昌7月12日电` / `（记者 陈思远）连日`)
    # (a subhead behind a mark or number after a finished sentence: as if it held no punctuation)
    marked = (i < 2 or flow.ends[i - 2]) and marked_subhead(a.text)
    if ((not INNER_PUNCT.search(a.text) and not _BRACKETS.search(a.text) or marked)
            and not b.blank_before
            and not (i >= 2 and flow.lines[i - 2].opening and not flow.ends[i - 2])
            and first_line_below(flow, i - 1, config)):
        return False

    # a line with no punctuation that opens the text, or a printed page after a finished
    # sentence, over a line no wider that goes on: the page's headline, not a paragraph's first
    # line, which the indent it lost makes narrower than the next (but for a photo's caption,
    # which a credit ends below the next line)
    if (not INNER_PUNCT.search(a.text) and not _BRACKETS.search(a.text)
            and _opens_a_page(flow, i - 1) and not flow.ends[i]
            and flow.room(i) <= flow.room(i - 1) and not fills(flow, i - 1, col_a or col_b, config)
            and not (i + 1 < len(flow.lines) and flow.credit_before[i + 1])):
        return False

    # the first line of a story under its headline (a line above that stands alone, no sentence
    # ended): there a line short only by its quotes is the paragraph's first line; at the top
    # of a page or after a sentence, such a line is rather a headline (an empty line between, as
    # OCR leaves one, changes nothing)
    under_open_line = i >= 2 and not flow.ends[i - 2] and not flow.hard[i - 1]

    def b_fits(c: int | None) -> bool:
        if _past_column(flow, i, c, config):
            return False
        # (a line and its rest that the extractor broke off where a quote begins fill it too)
        return fills(flow, i, c, config) or fills_with_its_rest(flow, i, c, config) or (
            c is not None and flow.ends[i] and flow.room(i) <= c + w["overhang"])

    def a_fits(c: int | None) -> bool:
        # (a line ending a sentence after it may be the last line of a wider box, a caption)
        if not flow.ends[i] and _past_column(flow, i - 1, c, config):
            return False
        return fills(flow, i - 1, c, config) or (starts_block and (
            flow.first_line(i - 1, c, config)
            or (under_open_line and flow.opens_with_wide_quotes(i - 1, c, config))))

    if any(a_fits(c) and b_fits(c) for c in columns):
        return True
    # a full line that stops mid-sentence goes on where the next line shows no column of its own
    # yet (a column of another width, too few lines to measure): unless that line is a headline
    if (col_b is None and fills(flow, i - 1, col_a, config)
            and (flow.ends[i] or INNER_PUNCT.search(b.text))):
        return True
    # body text (a comma inside) wider than every column seen: its own column, not yet measured
    # (not across a gap from lines too narrow for any column: `一。`)
    if (INNER_PUNCT.search(a.text) and all(a.width > c + w["overhang"] for c in columns)
            and not (b.blank_before and max(columns) < NARROWEST_COLUMN)):
        return b_fits(flow.reach[i - 1])
    # a photo's caption, set in its box wider than the column: its last line ends the sentence
    # right above the photo's credit (the column it stands in, not one that ended above it)
    below = {c for c in (flow.after[i - 1], col_b) if c is not None}
    if (starts_block and flow.ends[i] and not b.blank_before and i + 1 < len(flow.lines)
            and flow.credit_before[i + 1] and flow.room(i) < flow.room(i - 1)
            and all(flow.room(i - 1) > c + w["overhang"] for c in below)):
        return True
    # or the paragraph moves on to a column of another width: body text, which a stack of
    # headlines (no punctuation in them) is not
    prev = flow.lines[i - 2].text if i >= 2 and not starts_block else ""
    return (a_fits(col_a) and b_fits(col_b)
            and bool(INNER_PUNCT.search(a.text) and not marked or INNER_PUNCT.search(prev)))


# the most lines of a headline group
GROUP_MAX = 6


def _set_apart(flow: Flow, first: int, last: int) -> bool:
    """Lines `first` to `last` have above them an empty line, the text's start or a scrap of a
    line (fewer characters than a headline line), and below them an empty line, the text's end
    or a line of no punctuation (another headline line)."""
    above = flow.lines[first - 1] if first else None
    after = flow.lines[last + 1] if last + 1 < len(flow.lines) else None
    return ((above is None or flow.lines[first].blank_before
             or (len(above.text) < HEADLINE_MIN and not INNER_PUNCT.search(above.text)))
            and (after is None or after.blank_before or not INNER_PUNCT.search(after.text)))


def headlines_over_opening(flow: Flow, i: int) -> bool:
    """Lines i-1 and i have no punctuation at all (the second may ask or exclaim at its end, as
    a title does) and an article's opening follows: headline lines, however full."""
    return not INNER_PUNCT.search(flow.lines[i - 1].text) and headline_over_opening(flow, i)


def headline_over_opening(flow: Flow, i: int) -> bool:
    """Line i has no punctuation (it may ask or exclaim at its end) and an article's opening
    follows, with only such lines between: a headline line over the next story."""
    b = flow.lines[i]
    return (not INNER_PUNCT.search(b.text) or asks_alone(b.text)) and _opening_ahead(flow, i)


def _opening_ahead(flow: Flow, i: int) -> bool:
    """An article's opening follows line i, with only lines of no punctuation between (a few:
    a headline group's)."""
    for line in flow.lines[i + 1:i + 1 + GROUP_MAX]:
        if line.opening:
            return True
        if INNER_PUNCT.search(line.text) or line.blank_before:
            return False
    return False


@rule("L11", "short-last-line", "line")
def short_last_line(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A line that ends a sentence and is clearly shorter than its column ends its paragraph
    (where the column width changes, shorter than both columns) -- unless it is as wide as a
    paragraph's first line and a full line follows: then a sentence just ended at its end; or
    it falls short only by the count of its digits, `%` and quotes (set wider than their cells)
    and a full line that goes on follows. Inside a paragraph, the column is the one measured up
    to the line before."""
    # at a change of column width the line may belong to either column: short in both
    # the paragraph's column, from the line before when the paragraph goes on from it: a few
    # short lines around here (a subhead, a fragment) would pass for a narrow column of their own
    around = (flow.before[i - 2],) if not starts_block and i >= 2 else (
        flow.before[i - 1], flow.after[i - 1])
    columns = [c for c in around if c is not None]
    if not columns or not all(is_short(flow.reach[i - 1], c, config) for c in columns):
        return False
    if attribution_after_quote(flow, i):
        return False    # a quotation's speaker goes on in its paragraph (L17)
    # digits, `%` and curly quotes may fill more cells than they count (`set_wider`): a line
    # short only by their count may be full, and a full line after it that goes on (no first
    # line, no one-line caption) says so
    wider = flow.reach[i - 1] + flow.wider[i - 1]
    if not all(is_short(wider, c, config) for c in columns) and not flow.ends[i] and all(
            fills(flow, i, c, config) and not is_first_line(flow.core(i), c, config)
            and not flow.past_the_measure(i, c, spare=0) for c in columns):
        return False
    # a paragraph's first line that happens to end a sentence, followed by a full line
    return not (starts_block and any(is_first_line(flow.lead(i - 1), c, config) for c in columns)
                and fills(flow, i, flow.column_of(i), config))


OPENING_QUOTES = ("“", "「", "『")


@rule("L12", "lost-indent", "line")
def lost_indent(flow: Flow, i: int, config: Config, starts_block: bool = False,
                in_quotation: bool = False) -> bool:
    """After a line that ends a sentence, a line about two characters shorter than its column is
    the first line of a new paragraph whose indent was lost in copying. (A short line that itself
    ends a sentence is rather the paragraph's last line.) After a paragraph's first line that
    ended a sentence, the line must fall short with the unit it pushed down too: a paragraph of
    one line as wide as a first line is rarer than a sentence ending at a first line's end.
    Not inside a quotation the paragraph opened, unless the line opens one again (a quotation
    of several paragraphs opens each: `“……。` / `“……。”`): there the line goes on with it."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if colon_before_quote(a, b):
        return False  # 他说：/“……” -- the quote goes on after the colon
    if in_quotation and not b.text.startswith(OPENING_QUOTES):
        return False
    # a colon at the end of a first line introduces what the next line goes on with
    opens = not flow.ends[i] or b.text.endswith(("：", ":"))
    column = flow.column_of(i)
    if (starts_block and flow.ends[i - 1] and not flow.first_line(i, column, config)
            and is_first_line(flow.reach[i - 1], flow.before[i - 1] or column, config)):
        return False
    # (the column measured after the line, else the one before it, where lines short by their
    # digits and quotes made the one after it look narrower)
    return opens and any(is_first_line(flow.core(i), c, config)
                         for c in (column, flow.before[i]) if c is not None)


@rule("L13", "blank-after-sentence", "line")
def blank_after_sentence(flow: Flow, i: int, config: Config) -> bool:
    """A blank line (or page break) after a finished sentence ends the paragraph, unless the next
    line is a full line of its column, which only a paragraph that goes on can have -- and a
    finished line alone between two gaps is a whole paragraph, since columns are taller."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if not b.blank_before:
        return False
    # a line alone between two empty lines is a whole paragraph: columns are taller than that
    if a.blank_before:
        return True
    column = flow.column_of(i)
    # only punctuation (hung, or set half-width) lets a line run past its column: a line
    # without any that is wider than the column is a headline, not the paragraph going on
    if column is not None and not _PUNCT.search(b.text) \
            and flow.room(i) > column + config.width["full_slack"]:
        return True
    return not fills(flow, i, column, config, core=True)


@rule("L14", "indented-line", "line")
def indented_line(flow: Flow, i: int, config: Config) -> bool:
    """Where the page kept its paragraph indents (only some lines are indented), an indented line
    starts a new paragraph."""
    return flow.indents_mean_paragraphs and 2 <= flow.lines[i].indent


@rule("L15", "short-line-stands-alone", "line")
def short_line_stands_alone(flow: Flow, i: int, config: Config) -> bool:
    """After a finished sentence, a line clearly shorter than a paragraph's first line that does
    not end a sentence is neither a paragraph's first nor last line: it stands alone (a headline,
    kicker or subhead)."""
    column = flow.column_of(i)
    return (column is not None and flow.room(i) < column - indent_drop(column, config)
            and not flow.ends[i])


@rule("L17", "sentence-end-at-line-end", "line")
def sentence_end_at_line_end(flow: Flow, i: int, config: Config, starts_block: bool,
                             headline_after: bool = False) -> bool:
    """A sentence may end exactly at the end of a full line (or of a paragraph's first line) with
    the paragraph going on (on a page set to the cell, a line of wide characters a character short
    of the measure is not full): it continues when the next line fills the same column, or ends the
    paragraph as its last line. Lines of different columns are different blocks, and a line without
    punctuation going into a column of another width is a headline. A short question or exclamation
    with a headline line, an article's opening or a byline after it (`headline_after`) is a headline
    that asks (L23), not the paragraph's last line; so is a line with no punctuation right above a
    byline, or right above a paragraph's first line (a subhead, however full), or right above a line
    too wide for the column (a title over its subtitle); lines of another width that a photo credit
    ends are a photo box's caption, and so is a line of wide characters two past the measure of a
    column set to the cell; so is one line ending a sentence right above a photo credit. A
    kicker over a title that asks or exclaims (`問計於民：` / `社區夜校為何一座難求？`) is no
    paragraph's last line either. A line as wide as a paragraph's first line, over a full line,
    is one: its sentence ended at its end, and its paragraph goes on below. The full line is
    measured against the column before it, or the one after it where it is too wide for that one
    (a story begun a line or two above it, under a story in narrower columns). A line that opens
    with an item's number (`4、`, `（四）`, `四、`) starts the next item of a list: a paragraph."""
    if attribution_after_quote(flow, i):
        return True
    col_a = _column_above(flow, i - 1)
    col_b = flow.column_of(i)
    # (on a page set to the cell, a line of wide characters a character short is no full line)
    a_fits = (fills(flow, i - 1, col_a, config)
              and not flow.short_of_the_measure(i - 1, col_a)) or (
        starts_block and is_first_line(flow.lead(i - 1), col_a, config))
    if not a_fits or col_b is None:
        return False
    if flow.lines[i].blank_before and min(col_a or col_b, col_b) < NARROWEST_COLUMN:
        return False  # blocks of one short width (`一。`) apart: no column's full lines
    if (col_a is not None and 4 * min(col_a, col_b) < 3 * max(col_a, col_b)
            and not INNER_PUNCT.search(flow.lines[i].text)):
        return False  # into a column of another width, a line without punctuation: a headline
    if headline_after and asks_alone(flow.lines[i].text) and not fills(flow, i, col_b, config):
        return False
    # nor a kicker (`問計於民：`) over a title that asks or exclaims: a headline group's first line
    if (kicker_shape(flow.lines[i].text) and i + 1 < len(flow.lines)
            and not flow.lines[i + 1].blank_before and asks_alone(flow.lines[i + 1].text)):
        return False
    if caption_in_a_box(flow, i, col_a, col_b, config):
        return False
    text = flow.lines[i].text
    # no paragraph's last line: a headline line, before its story's opening (headline lines
    # between) or its byline, or before another headline line when it does not fill the column
    # (a full line goes on)
    byline_after = i + 1 < len(flow.lines) and flow.hard[i + 1]
    if (headline_after and not flow.ends[i] and len(text) >= HEADLINE_MIN
            and not INNER_PUNCT.search(text)
            and (_opening_ahead(flow, i) or byline_after or not fills(flow, i, col_a, config))):
        return False
    if not flow.ends[i] and not INNER_PUNCT.search(text) and (
            first_line_below(flow, i, config)
            or (_wrapped_tail(flow, i + 1) and first_line_below(flow, i + 1, config))):
        return False    # (a subhead may leave a character or two on a line of its own)
    # nor a line with no punctuation that no line of the column can follow: the next one runs
    # past the column (a title over its subtitle, set wider)
    if (not flow.ends[i] and not INNER_PUNCT.search(text) and i + 1 < len(flow.lines)
            and not flow.lines[i + 1].blank_before
            and flow.room(i + 1) > col_b + config.width["overhang"]):
        return False
    if flow.past_the_measure(i, col_b):
        return False  # a line of a wider box (a caption) after the paragraph's last line
    if flow.ends[i] and _first_line_above_a_full_one(flow, i, col_a or col_b, config):
        return False  # a sentence ended at a first line's end: a new paragraph, going on below
    if _ITEM_NUMBER.match(text):
        return False  # the next item of a numbered list (`4、留意防护功能。`): its own paragraph
    return fills(flow, i, col_b, config) or (
        flow.ends[i] and flow.room(i) <= col_b + config.width["overhang"])


def _column_above(flow: Flow, k: int) -> int | None:
    """The column line k (above a break) was set in: the one measured before it, unless the
    line is too wide for it and, its closing mark aside, no wider than the one after (a story
    that starts a line or two above k, in wider columns than the story over it; a line wider
    than both keeps the one before)."""
    before, after = flow.before[k], flow.after[k]
    if before is not None and after is not None and flow.rooms[k] > before + flow.overhang \
            and flow.core(k) <= after:
        return after
    return before or after


def _first_line_above_a_full_one(flow: Flow, i: int, column: int, config: Config) -> bool:
    """Line i is as wide as a paragraph's first line that lost its indent, and the line below,
    in the same paragraph, fills its column: no paragraph's first line, which would be short
    by the indent, so line i does not end its paragraph but opens it (as in L11)."""
    j = i + 1
    if j >= len(flow.lines) or flow.lines[j].blank_before or flow.hard[j]:
        return False
    line, reach = flow.lines[i], flow.reach[i]
    if not is_first_line(reach, column, config):
        return False
    # on a page set to the cell, a first line of wide characters alone fills its measure
    if flow.to_the_cell and line.width == 2 * len(line.text) \
            and reach != column // 2 * 2 - flow.first_indent(column):
        return False
    return fills(flow, j, flow.column_of(j), config)


# a quotation's close (`……。」`), and a speaker's few words after it that end the sentence
_QUOTE_CLOSED = regex.compile(r"[。！？…][」”』’]$")
_SAID = regex.compile(r"[^，。！？；：「」“”『』‘’（）]{2,24}"
                      r"(?:说|說|表示|指出|介绍|介紹|坦言|透露|强调|強調|补充|補充|笑道|问道|問道)"
                      r"(?:说|說|道)?。")


def attribution_after_quote(flow: Flow, i: int) -> bool:
    """Line i only names who spoke the quotation that line i-1 closed (`……95%。」` /
    `團隊成員、博士研究生苗佳慧說。`): the quotation's paragraph goes on in it, however short the
    line above; no paragraph is a speaker's name alone."""
    b = flow.lines[i]
    return (not b.blank_before and not flow.hard[i] and not b.opening
            and bool(_QUOTE_CLOSED.search(flow.lines[i - 1].text))
            and bool(_SAID.fullmatch(b.text)))


def _wrapped_tail(flow: Flow, j: int) -> bool:
    """Line j is what a headline line that wrapped left alone: a character or two, letters
    only, right under it (`智能调度让等车更省` / `心`)."""
    if j >= len(flow.lines) or flow.lines[j].blank_before or flow.hard[j]:
        return False
    text = flow.lines[j].text
    return 0 < len(text) <= WRAPPED_TAIL and text.isalnum()


# the most characters a wrapped headline line leaves on a line of its own
WRAPPED_TAIL = 2


def first_line_below(flow: Flow, i: int, config: Config) -> bool:
    """The line after line i is a paragraph's first line that lost its indent: short of the
    column (the column measured before it and after it alike), its sentence going on, or a
    sentence ending with it where it broke at the first line's measure and a full line goes on
    below (`改造从去年开始。` under `老厂房里长出新业态`). A paragraph does not go on into a line with
    no punctuation and then start again below it: that line is a subhead over its paragraph."""
    j = i + 1
    if j >= len(flow.lines) or flow.hard[j]:
        return False
    columns = {c for c in (flow.before[j], flow.after[j]) if c is not None}
    if _wider_column_below(flow, j, config):
        columns = {flow.after[j]}  # type: ignore[arg-type]
    if flow.ends[j]:    # (a first line whose sentence ends with it: its paragraph goes on)
        k = j + 1
        return (bool(columns) and all(flow.broke_at_first_measure(j, c) for c in columns)
                and k < len(flow.lines) and not flow.lines[k].blank_before and not flow.hard[k]
                and fills(flow, k, flow.column_of(k), config))
    return bool(columns) and all(
        (flow.first_line(j, c, config) and not fills(flow, j, c, config))
        or flow.broke_at_first_measure(j, c) for c in columns)


def _wider_column_below(flow: Flow, j: int, config: Config) -> bool:
    """From line j on, the text is set in a wider column than the one measured above it (the
    next story's): the line after j fills that column and is too wide for the one above."""
    above, below = flow.before[j], flow.after[j]
    k = j + 1
    return (above is not None and below is not None and below > above + slack(config)
            and k < len(flow.lines) and not flow.lines[k].blank_before
            and flow.room(k) > above + slack(config) and fills(flow, k, below, config))


def _opens_a_page(flow: Flow, i: int) -> bool:
    """Line i is the text's first, or the first of a printed page after a sentence ended."""
    line = flow.lines[i]
    if line.dealt or line.laid_out:
        return False    # (put in reading order from elsewhere on its page)
    return i == 0 or (line.page > flow.lines[i - 1].page and flow.ends[i - 1])


_COMMA_LIKE = regex.compile(r"[，、；：,;]")
_PUNCT = regex.compile(r"\p{P}")
_BRACKETS = regex.compile(r"[（）()]")
# the number an item of a list opens with: `4、`, `四、`, `（四）`, `4.` (not `2、3号楼`, `1.5`)
_ITEM_NUMBER = regex.compile(r"(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|[（(](?:\d{1,2}|"
                             r"[一二三四五六七八九十]{1,3})[）)])(?![\d一二三四五六七八九十])")
# what a subhead may open with: a mark (`▲气温：…`, `■代理：…`) or an item's number
SUBHEAD_MARKS = "■□◆◇▲△●○★☆▌▍▶►"
# ... and what it does not hold: a sentence's end before its last character
_ENDS_INSIDE = regex.compile(r"[。；;…]|[！？!?](?=.)")


def marked_subhead(text: str) -> bool:
    """The line opens with a subhead's mark or an item's number and ends no sentence inside
    (it may ask at its end): a subhead, though it holds a colon or a comma
    (`▲气温：南北方同步“入冬”`, `一、设立“首贷服务中心”，破解“第一次”难题`)."""
    return ((text[:1] in SUBHEAD_MARKS or _ITEM_NUMBER.match(text) is not None)
            and not _ENDS_INSIDE.search(text) and not text.endswith(("，", "、", ",")))


# Cells of the narrowest column a page sets (four characters).
NARROWEST_COLUMN = 8
# the fewest characters of a headline line (fewer: a scrap, a glyph an extractor set alone)
HEADLINE_MIN = 4
# a line that asks or exclaims at its end (before a closing quote)
ASKS = regex.compile(r"[？！?!][”’」』]?$")
_SENTENCE_INSIDE = regex.compile(r"[。；、;]|……")
_COMMAS = regex.compile(r"[，,]")


def asks_after_kicker(text: str) -> bool:
    """A title that asks or exclaims after its kicker's colon, as `asks_alone` reads it
    (`益调查：你是否担心血荒常态化？`): it opens a headline group, no sentence goes on into it
    (an interview's question after its speaker's colon opens a paragraph)."""
    return kicker_led(text) and asks_alone(text)


def asks_alone(text: str) -> bool:
    """The line asks or exclaims at its end with no other sentence punctuation than a kicker's
    colon and one comma, as a headline line may hold (`调查：图书馆逾期不罚款，你赞成吗？`): no
    full stop, semicolon, enumeration comma or ellipsis."""
    return (bool(ASKS.search(text)) and not _SENTENCE_INSIDE.search(text)
            and len(_COMMAS.findall(text)) <= 1 and text.count("：") + text.count(":") <= 1
            and not unclosed(text))
