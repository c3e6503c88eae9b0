"""Stage 2a, a pre-pass: a page written a glyph a line.

Some extractors (pypdfium2's `get_text_range` on some Chromium PDFs) end a line after every
glyph of a printed page: `绿` / `色` / `出` / `行`. Nothing is left of the printed lines, so no width
rule can tell a headline from a paragraph's end; read line by line, every glyph becomes a
headline or a paragraph of its own, and a digit alone reads as a page number. Where a long run
of lines holds a glyph each, reflow reads the run as the text it is (L47), and says once per
page on stderr, with a hint, that its paragraphs cannot be told apart. Its text still shows a
few seams (L48): the page header's fields, articles' openings and the headline groups right
above them; the rest of each story is one block.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from bisect import bisect_right

import regex

from ..config import Config
from ..model import GLYPH_HEADER, GLYPH_HEADLINE, Line
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


# the page header's fields at a page's top: the date, the weekday, the edition
_HEADER_FIELD = regex.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|[（(]?星期[一二三四五六日天][）)]?|第?[A-Z]?\d{1,3}(?:版|版面)")
# the header is read within this many characters of the page's first glyph, and holds at least
# this many of those fields
HEADER_READ = 48
HEADER_FIELDS = 2
# a headline group has at most this many characters, and no sentence punctuation inside
HEADLINE_MAX = 48
_INSIDE = regex.compile(r"[，。；、,;]")
# where a headline group's own lines end: a kicker's colon, a question, an exclamation
_GROUP_CUT = regex.compile(r"(?<=[：？！])(?=.)")
# a sentence's end (with its closing marks) or a closing tag: what a headline may follow
_SENTENCE_END = regex.compile(r"[。！？][”’」』）)]*|[（(](?:完|终|終)[）)]")
# an article opening is read within this many characters of where it may start
OPENING_READ = 64
# the part of a run that an article's opening starts (text, its first line an opening)
OPENING = "opening"


@rule("L48", "glyph-run-seams", "line")
def glyph_run_seams(text: str, page_top: bool, config: Config) -> list[tuple[int, str]]:
    """Where the text of a run of L47 shows its seams: (offset, part) for each part (OPENING,
    GLYPH_HEADER, GLYPH_HEADLINE or "": text). The printed lines are lost, but some parts still
    show: at a page's top, the header's fields (`清溪时报2026年2月27日（星期五）社会第B08版`:
    furniture, up to its last date, weekday or edition mark); an article's opening
    (`本报合肥18日电`); and right before it, after the header or a sentence's end, a short run
    with no sentence punctuation inside: the story's headline group, cut after a kicker's colon,
    a question or an exclamation (`问计于民：` / `社区夜校为何一座难求？` /
    `合肥12个街道开设夜校课程86门`). A group of several titles with no mark between them stays
    one headline: nothing shows where one ends."""
    seams: list[tuple[int, str]] = []
    header = 0
    if page_top:
        fields = [m.end() for m in _HEADER_FIELD.finditer(text, 0, HEADER_READ)]
        # (two fields at least: a story's first sentence may hold a date)
        header = fields[-1] if len(fields) >= HEADER_FIELDS else 0
        if header:
            seams.append((0, GLYPH_HEADER))
    ends = [0, header] + [m.end() for m in _SENTENCE_END.finditer(text, header)]
    for pos in _openings(text, header, config):
        seams.append((pos, OPENING))
        k = bisect_right(ends, pos) - 1
        # a headline group may ask or exclaim: its lines before a `？` or `！` are part of it
        while k > 0 and text[ends[k] - 1] in "？！" and pos - ends[k - 1] <= HEADLINE_MAX \
                and not _INSIDE.search(text, ends[k - 1], pos):
            k -= 1
        start = ends[k]
        if 0 < pos - start <= HEADLINE_MAX and not _INSIDE.search(text, start, pos):
            seams.append((start, GLYPH_HEADLINE))
            seams.extend((m.start(), GLYPH_HEADLINE)
                         for m in _GROUP_CUT.finditer(text, start, pos) if m.start() < pos)
    parts = dict(seams)     # one part an offset: where the header ends, the part after it
    if header:
        parts.setdefault(header, "")
    return sorted(parts.items())


def _openings(text: str, start: int, config: Config) -> list[int]:
    """Where articles open in `text` (from `start`): of openings that overlap, the one the more
    specific pattern finds (`新华社南昌7月12日电`, not `收割新华社…`: `…社…日电`), else the later."""
    chosen: list[tuple[int, int, int]] = []     # (start, pattern, end)
    for pos in range(start, len(text)):
        head = text[pos:pos + OPENING_READ]
        found = _first_opening(head, config)
        if found is None:
            continue
        k, end = found
        if chosen and pos < chosen[-1][2]:
            if k <= chosen[-1][1]:
                chosen[-1] = (pos, k, pos + end)
            continue
        chosen.append((pos, k, pos + end))
    return [pos for pos, _, _ in chosen]


def _first_opening(head: str, config: Config) -> tuple[int, int] | None:
    """The first of the opening patterns that `head` starts with, and where its match ends."""
    for k, pattern in enumerate(config.opening):
        m = pattern.match(head)
        if m is not None:
            return k, m.end()
    return None


def mark_glyph_runs(lines: list[Line], run: Run, warnings: list[str]) -> None:
    """Flag the lines of each run of L47 (`Line.glyph`), and say so once a page; mark the seams
    of each run (L48)."""
    if not run.on(glyph_per_line):
        return
    warned: set[int] = set()
    for start, end in glyph_per_line(lines, run.config):
        for line in lines[start:end]:
            line.glyph = True
        if run.on(glyph_run_seams):
            _mark_seams(lines, start, end, run)
        first, last = lines[start], lines[end - 1]
        run.decide(glyph_per_line, (first.no, last.no), HINT, weak=True)
        if first.page not in warned:
            warned.add(first.page)
            warnings.append(f"page {first.page} (lines {first.no}-{last.no}): {HINT}")


def _mark_seams(lines: list[Line], start: int, end: int, run: Run) -> None:
    """Mark the seams L48 finds in the run `lines[start:end]`: each part's first line starts a
    block, and its lines carry the part's kind."""
    owner: list[int] = []       # the line each character of the run's text comes from
    for k in range(start, end):
        owner.extend([k] * len(lines[k].text))
    text = "".join(lines[k].text for k in range(start, end))
    k = start - 1       # the page's first text starts the run: its header may come first
    while k >= 0 and lines[k].page == lines[start].page and not lines[k].text:
        k -= 1
    page_top = k < 0 or lines[k].page != lines[start].page
    seams = glyph_run_seams(text, page_top, run.config)
    bounds = seams + [(len(text), "")]
    for (a, part), (z, _) in zip(bounds, bounds[1:]):
        if a >= z:
            continue
        first, last = owner[a], owner[z - 1]
        if a > 0 and owner[a - 1] == first:
            continue        # a seam inside a line of the run (`营 ， 本`): no line starts there
        lines[first].glyph_seam = True
        if part == OPENING:
            lines[first].opening = True     # as `classify.article_opening` finds on a line
            part = ""
        for line in lines[first:last + 1]:
            line.glyph_part = part
        if part:
            run.decide(glyph_run_seams, (lines[first].no, lines[last].no),
                       f"a page written a glyph a line: its {part}", weak=True)
