"""The body lines of a page as a flow, and what each line looks like in its column.

Widths are judged against the width of the column around each line (`measure.column_width`),
looked up separately before and after it, since one page may hold columns of several widths.
A line's room is what it fills of its column; its core leaves out a closing mark that may hang
past the column's end (kinsoku); its reach adds the unit that had to go down to the next line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..config import Config
from ..lines.classify import dateline_byline
from ..lines.measure import display_width
from ..lines.pieces import ends_sentence
from ..model import AUTHOR, BODY, CREDIT, SEPARATOR, Line
from .column_estimates import INNER_PUNCT, estimate_columns, set_to_the_cell

# The unit a line break may not split: an opening bracket with what follows, a half-width run,
# a character with the closing marks after it (kinsoku: no line starts with `。` or `”`).
# The unit a line pushed down: spaces that the spacing rules would remove (`0 ，`) do not cut it.
# Marks no typeset line starts with (kinsoku): a line that does ends the printed line above it
# (L22), and a line of them alone is measured with it.
CLOSING_MARKS = frozenset("，。、；：？！）》」』”’】〕…．")
_BOUND_TO_QUOTE = regex.compile(r"\p{Han}[“‘「『]")
_PUSHED = regex.compile(r"[“‘（《「『【〔]*(?:[!-~]+|.)(?:[ \t\u00a0]*[，。、；：？！”’」』）》】〕…])*"
                        r"(?:[“‘]+(?:[!-~]+|.))?")


@dataclass
class Flow:
    """The body lines of a page in reading order, with the column widths around each."""

    lines: list[Line]
    before: list[int | None]   # column width of the lines up to line i
    after: list[int | None]    # column width of the lines from line i on
    hard: list[bool]           # an author line or separator stands between line i-1 and line i
    rooms: list[int]           # cells a line fills in its column, its kept indent included
    cores: list[int]           # the same without a closing mark at the end, which may hang
    reach: list[int]           # room plus the unit pushed down to the next line (see `_pushed`)
    indents_mean_paragraphs: bool
    empty_before: list[bool]   # an empty line (not a page break or furniture) comes before line i
    overhang: int              # cells a line may run past its column (a hanging mark)
    ends: list[bool]  # line i ends a sentence or a closing byline (`line_ends`), asked once
    credit_before: list[bool] = field(default_factory=list)  # a photo credit stands before line i
    # cells of an ellipsis drawn as full stops (`．．．．．．`) at the end of line i: the run is not
    # broken, so it may run past the column's end
    dot_runs: list[int] = field(default_factory=list)
    to_the_cell: bool = False  # see `_set_to_the_cell`
    # line i holds only the closing marks of the printed line above it (`_measure_closers...`)
    closes_line_above: list[bool] = field(default_factory=list)
    # cells line i may fill beyond its count, its one-cell characters set wider (`set_wider`)
    wider: list[int] = field(default_factory=list)
    # measures (in cells) whose paragraphs' first lines fall three characters short of them, on
    # a page set to the cell, not two (`_short_first_lines`)
    wide_indents: frozenset[int] = frozenset()

    def room(self, i: int) -> int:
        """The cells line i fills in its column."""
        return self.rooms[i]

    def core(self, i: int) -> int:
        """The cells line i fills without a final closing mark: what tells a first line, whose
        last comma may hang past the column (kinsoku), from a full one."""
        return self.cores[i]

    def lead(self, i: int) -> int:
        """The core of line i plus the unit pushed to the next line: what a paragraph's first
        line filled of its (shorter, indented) measure."""
        return self.cores[i] + self.reach[i] - self.rooms[i]

    def first_line(self, i: int, column: int | None, config: Config) -> bool:
        """Line i is as wide as a paragraph's first line of `column` that lost its indent. A line
        of wide characters alone (Han, full-width marks) is set to the cell: as a first line it
        fills its measure, the column less an indent of two characters, unless a unit was pushed
        down to the next line (`reach`); a line a character shorter is not one."""
        lead = self.lead(i)
        if not is_first_line(lead, column, config):
            return False
        line = self.lines[i]
        if column is None or not self.to_the_cell or line.width != 2 * len(line.text):
            return True
        # the column's measure in whole characters: a full line with half-width digits in it
        # may fill an odd cell that a line of characters alone cannot
        measure = column // 2 * 2 - self.first_indent(column)
        # a character before an opening quote goes down with it (no break between them)
        bound = i + 1 < len(self.lines) and bool(_BOUND_TO_QUOTE.match(self.lines[i + 1].text))
        return lead + (2 if bound else 0) >= measure

    def first_indent(self, column: int) -> int:
        """Cells a paragraph's first line falls short of the measure of `column` (set to the
        cell): two characters, or three (`wide_indents`)."""
        return FIRST_LINE_INDENT + (2 if column // 2 * 2 in self.wide_indents else 0)

    def broke_at_first_measure(self, i: int, column: int | None) -> bool:
        """On a page set to the cell, line i broke where a paragraph's first line does: it
        fills the first line's measure, two characters shorter than the column's, or the unit
        it pushed down to the next line fits the column's measure but not the first line's.
        (Wide characters alone in the line, and in the unit or a short number: the widths of
        others are not exact.)"""
        line = self.lines[i]
        if (column is None or not self.to_the_cell or line.width != 2 * len(line.text)
                or i + 1 >= len(self.lines) or not _EXACT_UNIT.match(self.lines[i + 1].text)):
            return False
        measure = column // 2 * 2
        return self.rooms[i] <= measure - self.first_indent(column) <= self.reach[i] <= measure

    def short_of_the_measure(self, i: int, column: int | None) -> bool:
        """On a page set to the cell, line i, of wide characters alone, falls a character or
        more short of the column's measure, counting the unit it pushed down: no full line."""
        line = self.lines[i]
        return (column is not None and self.to_the_cell and line.width == 2 * len(line.text)
                and self.reach[i] < column // 2 * 2)

    def past_the_measure(self, i: int, column: int, spare: int = 2) -> bool:
        """On a page set to the cell, line i, of wide characters alone, runs past the column's
        measure by more than `spare` cells (a character, for an estimate a character short), not
        counting a hung closing mark: a line of a wider box (a photo caption, a headline); a
        full line overruns by that mark alone."""
        line = self.lines[i]
        return (self.to_the_cell and line.width == 2 * len(line.text)
                and self.cores[i] > column // 2 * 2 + spare)

    def opens_with_wide_quotes(self, i: int, column: int | None, config: Config) -> bool:
        """Line i is as wide as a paragraph's first line of `column` that lost its indent once
        its curly quotes are counted wide, as the font may have set them."""
        lead = self.lead(i)
        if column is None or lead >= column - slack(config):
            return False
        gained = quotes_set_wide(self.lines[i].text, config)
        return gained > 0 and is_first_line(lead + gained, column, config)

    def measured(self, i: int) -> bool:
        """A column width is known on either side of the break before line i."""
        return any(
            c is not None
            for c in (self.before[i - 1], self.before[i], self.after[i - 1], self.after[i])
        )

    def column_of(self, i: int) -> int | None:
        """The column line i was set in: the one after it, else the one before it; but not a
        column the line is too wide for (the next article's, or a few stacked headlines')."""
        fitting = [c for c in (self.after[i], self.before[i])
                   if c is not None and self.rooms[i] <= c + self.overhang]
        return fitting[0] if fitting else (self.after[i] or self.before[i])


# a paragraph's first-line indent: two characters
FIRST_LINE_INDENT = 4
# a unit pushed down whose width is known to the cell: a wide character, or a whole number of up
# to four digits (not a Latin word, whose letters vary in width, nor `0.9%`)
_EXACT_UNIT = regex.compile(r"[^\x00-\x7f]|\d{1,4}(?![\d.,%])")


def build_flow(lines: list[Line], config: Config) -> Flow:
    body: list[Line] = []
    hard: list[bool] = []
    credited: list[bool] = []
    empty: list[bool] = []
    gap = hard_gap = empty_gap = layout_gap = credit_gap = spaced = False
    for line in lines:
        if line.page_break_before:
            gap = layout_gap = True
        if not line.text:
            gap = empty_gap = True
            spaced = bool(line.raw) and not line.page_break_before
        elif line.kind == BODY:
            line.blank_before = gap
            line.space_before = spaced
            body.append(line)
            hard.append(hard_gap)
            credited.append(credit_gap)
            # only empty lines, no page break or furniture: a gap the page's author made
            empty.append(empty_gap and not layout_gap)
            gap = hard_gap = empty_gap = layout_gap = credit_gap = spaced = False
        else:
            gap, spaced = True, False
            # reflow's own separator stands between blocks as an empty line does
            layout_gap = layout_gap or line.kind != SEPARATOR
            hard_gap = hard_gap or line.kind in (AUTHOR, SEPARATOR)
            credit_gap = credit_gap or line.kind == CREDIT
    _closing_across_lines(body, config)
    w = config.width
    # A kept indent is part of the room a line fills in its column; a punctuation mark hung past
    # the column's end (kinsoku) is not, so column widths are measured without it.
    rooms = [l.indent + l.width for l in body]
    cores = [r - _hanging(l.text, w["ambiguous"]) for r, l in zip(rooms, body)]
    # (a line ending in a run of full stops, an ellipsis so drawn, may run past its column)
    dots = [_dot_run(l.text, w["ambiguous"]) for l in body]
    widths = [c if l.width <= w["max_column"] and not d else None
              for c, l, d in zip(cores, body, dots)]
    ends = [line_ends(l, config) for l in body]
    reach = [r + (_pushed(body[i + 1], w["ambiguous"]) if i + 1 < len(body) else 0)
             for i, r in enumerate(rooms)]
    closers = _measure_closers_with_their_line(body, rooms, cores, widths, reach)
    _dots_of_printed_lines(body, closers, dots, widths, w["ambiguous"])
    _unmeasured_at_a_quote(body, ends, widths)
    (before, after), (before_exact, after_exact) = estimate_columns(body, widths, hard, ends,
                                                                     config, reach)
    to_the_cell = set_to_the_cell(body, before_exact, after_exact, reach, ends)
    if to_the_cell:     # its full lines of wide characters show the column to the cell
        before, after = before_exact, after_exact
    indented = sum(1 for l in body if l.indent >= 2)
    wide_indents = (_short_first_lines(body, before, after, reach, ends) if to_the_cell
                    else frozenset())
    return Flow(body, before, after, hard, rooms, cores, reach, 0 < indented <= len(body) // 2,
                empty, w["overhang"], ends, credited,
                dots, to_the_cell, closers,
                [set_wider(l.text) for l in body], wide_indents)


def _short_first_lines(body: list[Line], before: list[int | None], after: list[int | None],
                       reach: list[int], ends: list[bool]) -> frozenset[int]:
    """On a page set to the cell, the measures whose paragraphs' first lines fall three
    characters short of them: where a first line of wide characters, after a sentence's end and
    above a full line, does so and none falls two short (an engine that measured the column a
    hair under a whole number of characters leaves the indented line a character short)."""
    gaps: dict[int, set[int]] = {}
    for i in range(1, len(body) - 1):
        line, below = body[i], body[i + 1]
        column = after[i] or before[i]
        if (column is None or not ends[i - 1] or ends[i] or ends[i + 1]
                or line.width != 2 * len(line.text) or reach[i] != line.width):
            continue
        measure = column // 2 * 2
        # the line below is full: it fills the measure, its digits maybe set wider (not by the
        # unit it pushed down, whose digits' widths are not known either)
        if below.width + set_wider(below.text) >= measure - 1:
            gaps.setdefault(measure, set()).add(measure - reach[i])
    wide = FIRST_LINE_INDENT + 2
    return frozenset(m for m, seen in gaps.items()
                     if wide in seen and FIRST_LINE_INDENT not in seen)


_HANGING = frozenset("，。、；：？！”’」』）》")


def _hanging(text: str, ambiguous: int) -> int:
    """Cells of a closing punctuation mark at the line end, which typesetters may hang."""
    return display_width(text[-1], ambiguous) if text and text[-1] in _HANGING else 0


def _measure_closers_with_their_line(body: list[Line], rooms: list[int], cores: list[int],
                                     widths: list[int | None], reach: list[int]) -> list[bool]:
    """A line of closing marks alone (`”`, which some extractors put on a line of its own) is the
    end of the printed line above it (L22 joins them): measured together, as the one line they
    were, so that the line's width tells whether its paragraph goes on; the part above alone is
    no line to measure a column by. Says which lines are such."""
    closers = [False] * len(body)
    for i in range(1, len(body)):
        line = body[i]
        if line.blank_before or not line.text or not CLOSING_MARKS.issuperset(line.text):
            continue
        closers[i] = True
        rooms[i] += rooms[i - 1]
        cores[i] += rooms[i - 1]
        reach[i] += rooms[i - 1]
        if widths[i] is not None and widths[i - 1] is not None:
            widths[i] = cores[i]
        widths[i - 1] = None
    return closers


OPENING_MARKS = frozenset("“‘（《「『【〔")


def _unmeasured_at_a_quote(body: list[Line], ends: list[bool], widths: list[int | None]) -> None:
    """A line that opens with a quote or a bracket while the line above ends no sentence goes on
    that sentence: on the same printed line, which some extractors break where a quote begins
    (`居民纷纷报名，` / `“我家阳台太`, L31), or on the next. Neither of the two measures a column:
    two parts of one printed line would make up a narrow column of their own."""
    for i in range(1, len(body)):
        if body[i].text[:1] in OPENING_MARKS and not ends[i - 1] and not body[i].blank_before:
            widths[i - 1] = widths[i] = None


def _dots_of_printed_lines(body: list[Line], closers: list[bool], dots: list[int],
                           widths: list[int | None], ambiguous: int) -> None:
    """An ellipsis drawn as full stops that the extractor wrote a stop a line (`薄荷．` / `．` /
    `．`) ends the printed line of the last of them: the run is measured there, as on a line
    that holds it whole, and that line measures no column."""
    printed = ""
    for i, line in enumerate(body):
        # (its end alone: a page of ten thousand stops, a line each, costs no more than its length)
        printed = (printed + line.text)[-RUN_READ:] if closers[i] else line.text[-RUN_READ:]
        if closers[i] and line.text.endswith(("．", "。", ".")):
            dots[i] = _dot_run(printed, ambiguous)
            if dots[i]:
                widths[i] = None


# an ellipsis drawn as full stops is read in this many characters at a printed line's end
RUN_READ = 40
_DOT_RUN = regex.compile(r"[．。.]{3,}$")


def _dot_run(text: str, ambiguous: int) -> int:
    """Cells of a run of full stops (three or more) ending the line: an ellipsis so drawn."""
    if not text.endswith(("．", "。", ".")):
        return 0
    m = _DOT_RUN.search(text)
    return display_width(m.group(), ambiguous) if m else 0


def _closing_across_lines(body: list[Line], config: Config) -> None:
    """A closing byline may itself be wrapped (`（记者 戴` / `永胜）`), even twice where its name
    was cut too (`（記者` / `戴永` / `勝）`): mark its last line closing, the lines before it its
    head."""
    for i in range(1, len(body)):
        line = body[i]
        if line.closing or line.opening or not line.text.endswith(("）", ")")) \
                or len(line.text) > 40:
            continue
        # the line before it, or the two before it when the middle one is a name's part
        for k in (1, 2):
            heads = body[max(0, i - k):i]
            if len(heads) < k or any(h.closing for h in heads) \
                    or any(len(h.text) > SHORT_PART for h in heads[1:]):
                break
            joined = "".join(h.text for h in heads) + line.text
            if any(p.search(joined) for p in config.closing) and not dateline_byline(
                joined, config
            ):
                line.closing = True
                for h in heads:
                    h.byline_head = True
                break


# the most characters of a byline's middle part on a line of its own (`戴永`)
SHORT_PART = 4


def _pushed(next_line: Line, ambiguous: int) -> int:
    """A line ends early when the next unit does not fit: a Latin word or a number is not broken,
    an opening bracket is not left at a line end, a closing mark does not start a line. That
    unit's width counts as the line's (a unit of one character is the slack's business), with
    the cells its digits and `%` may take beyond their count."""
    unit = _PUSHED.match(next_line.text)
    text = "".join(unit.group().split()) if unit else ""
    if len(text) < 2:
        return 0
    # (its digits and `%` may take more cells than they count: `set_wider`; its quotes are
    # the slack's business, as a first line's are)
    return display_width(text, ambiguous) + set_wider(text.translate(_NO_QUOTES))


_NO_QUOTES = str.maketrans("", "", "“”‘’")


# --- what a line looks like -------------------------------------------------------------------

def line_ends(line: Line, config: Config) -> bool:
    """The line ends a sentence, or ends with a closing byline."""
    return line.closing or line.byline_head or ends_sentence(line.text, config)


def slack(config: Config) -> int:
    """How far short of its column a full line may fall."""
    return config.width["full_slack"]


def indent_drop(column: int, config: Config) -> int:
    """How much shorter than full a paragraph's first line may be: two characters of indent, and
    more in wide columns where justification stretches it (a fifth of the column, within limits
    set in the rules file)."""
    w = config.width
    return min(w["indent_drop_max"], max(w["indent_drop_min"], column // 5))


# Hundredths of a cell that characters counted one cell take beyond it in a CJK font, as the
# glyphs of Noto CJK measure where Chromium and WeasyPrint set them: digits 0.56-0.58 of a
# character, capitals 0.61, small letters 0.52, `%` 0.82-0.92, curly quotes 0.73-1 (counted up);
# a space, a full stop or a hyphen takes less than its cell. Fonts differ: these say what a line
# may fill, not what it does.
_SET_WIDER = {**dict.fromkeys("0123456789", 14),
              **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 22),
              **dict.fromkeys("abcdefghijklmnopqrstuvwxyz", 4),
              "%": 72, "“": 100, "”": 100, "‘": 100, "’": 100, " ": -48, ".": -40, "-": -34}
_WIDER_CHARS = regex.compile("[" + regex.escape("".join(_SET_WIDER)) + "]")


def quotes_set_wide(text: str, config: Config) -> int:
    """Cells `text` gains when its curly quotes (East Asian ambiguous) are counted two cells
    wide, as CJK fonts set them, rather than the configured `ambiguous` width."""
    ambiguous = config.width["ambiguous"]
    return display_width(text, 2) - display_width(text, ambiguous) if ambiguous < 2 else 0


def set_wider(text: str) -> int:
    """Whole cells (rounded) a line of `text` may fill beyond its count of cells: a full line
    with many digits, Latin capitals, a `%` or curly quotes in it counts short of its column."""
    found = _WIDER_CHARS.findall(text)     # (the characters of `_SET_WIDER` alone)
    if not found:
        return 0
    return max(0, (sum(map(_SET_WIDER.__getitem__, found)) + 50) // 100)


def fills(flow: Flow, i: int, column: int | None, config: Config, core: bool = False) -> bool:
    """Line i is a full line of `column`: it fills it, counting the unit that had to go to the
    next line (and the cells its digits, `%` and curly quotes may take beyond their count), and
    does not overrun it by more than a hanging mark (or an ellipsis drawn as a run of full
    stops, which is not broken). With `core`, a closing mark
    at the end does not count: next to a sentence end, a first line's hung comma or a last line's
    final mark must not pass for a full line."""
    reach = flow.reach[i] - (flow.room(i) - flow.core(i) if core else 0)
    return (column is not None
            and flow.room(i) - flow.dot_runs[i] <= column + config.width["overhang"]
            and reach >= column - slack(config) - flow.wider[i])


def broken_at_a_mark(flow: Flow, i: int) -> bool:
    """Line i ends no sentence and the next line, right under it, opens with a quote or a
    bracket, or with a closing mark that no printed line starts with: maybe the two are one
    printed line, which some extractors break where a quote begins or ends
    (`居民纷纷报名，` / `“我家阳台太`, `民“点单”` / `，每个小区`)."""
    if i + 1 >= len(flow.lines):
        return False
    head = flow.lines[i + 1].text[:1]
    return ((head in OPENING_MARKS or head in CLOSING_MARKS) and not flow.ends[i]
            and not flow.lines[i + 1].blank_before and not flow.hard[i + 1])


def fills_with_its_rest(flow: Flow, i: int, column: int | None, config: Config) -> bool:
    """Line i and the next line, a printed line broken at a quote or a closing mark
    (`broken_at_a_mark`), fill `column` together as `fills` measures one line."""
    if column is None or not broken_at_a_mark(flow, i):
        return False
    room = flow.room(i) + flow.room(i + 1)
    return (room - flow.dot_runs[i + 1] <= column + config.width["overhang"]
            and flow.room(i) + flow.reach[i + 1]
            >= column - slack(config) - flow.wider[i] - flow.wider[i + 1])


def is_first_line(width: int, column: int | None, config: Config) -> bool:
    """As wide as a paragraph's first line that lost its indent: a little shorter than full."""
    return (column is not None
            and column - indent_drop(column, config) <= width < column - slack(config))


_KICKER = regex.compile(r"[\p{Han}\p{Latin}\d·“”「」《》 ]{1,12}[：:]")


def headline_text(text: str) -> bool:
    """Text a headline line may hold: no full stop or semicolon, and one comma at most (a title
    wrapped at its comma, `稳住菜篮子，`; a title with a comma, `十二年，她把…`)."""
    return "。" not in text and "；" not in text and text.count("，") <= 1


def kicker_shape(text: str) -> bool:
    """A few words and a colon, the whole line: a kicker naming the speaker or the topic of the
    title below it (`徐大發：`, `消防科技：`)."""
    return bool(_KICKER.fullmatch(text))


# a headline of two halves, a question or exclamation and a space between them
_TWO_HALVES = regex.compile(
    r"^[^\s，、；：。！？…,;]++[！？!?](?:[ 　]++[^\s，、；：。！？…,;]++)++[！？!?]?$")


def in_two_halves(text: str) -> bool:
    """The line is a headline of two halves, a question or exclamation and a space between
    them (`老街停车难怎么解？ 街道给出三条办法`): body text never spaces a sentence from the
    next, so the line is no paragraph's first line, however full."""
    return bool(_TWO_HALVES.fullmatch(text))


def kicker_led(text: str) -> bool:
    """The line opens with a kicker's words and colon, and goes on after them
    (`调查：图书馆逾期不罚款，你赞成吗？`)."""
    m = _KICKER.match(text)
    return m is not None and m.end() < len(text.rstrip())


def is_short(width: int, column: int | None, config: Config) -> bool:
    """Clearly shorter than a full line of `column`."""
    return column is not None and width < column - slack(config)
