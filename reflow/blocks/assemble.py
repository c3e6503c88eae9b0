"""Stage 3b, blocks: join the lines of each block into its text, and find standalone lines.

Joining puts nothing between CJK characters, digits or punctuation (`吞吐` + `量`, `2025` + `年`);
two Latin words split across lines get one space; a word hyphenated at the line end is rejoined
without the hyphen only when both halves are letters.
"""
from __future__ import annotations

import regex

from typing import TYPE_CHECKING

from ..articles.split import name_line_is_author
from ..config import Config
from ..lines.pieces import ends_sentence
from ..model import GLYPH_HEADLINE, PARAGRAPH, Block, ColumnWidths, Line, column_key
from ..rule import rule
from .boundaries import HEADLINE_MIN, asks_alone
from .sentence_goes_on import unclosed
from .flow import CLOSING_MARKS, headline_text, kicker_led, kicker_shape

if TYPE_CHECKING:
    from ..run import Run

_WORD = regex.compile(r"\w")
_KICKER_WORD = regex.compile(r"\p{Han}{2,4}")
_LATIN_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.;:!?")


@rule("L20", "space-between-latin-words", "line")
def space_between_latin_words(left: str, right: str) -> bool:
    """Two Latin words (or a word and a number, `FRB` + `20240517A`) split across a line break
    get one space between them; a half-width run never breaks inside itself, so the line break
    stood for a space."""
    return (left[-1:] in _LATIN_END and right[:1].isascii() and right[:1].isalnum()
            and not (left[-1:].isdigit() and right[:1].isdigit()))


@rule("L21", "dehyphenate", "line", deletes=True)
def dehyphenate(left: str, right: str) -> bool:
    """A word hyphenated at the line end is rejoined without the hyphen, only when both halves are
    letters (`COVID-` + `19` keeps its hyphen)."""
    return (len(left) >= 2 and left[-1] == "-" and left[-2].isascii() and left[-2].isalpha()
            and right[:1].isascii() and right[:1].isalpha())


_ROLE_OPEN = regex.compile(r"[（(](?:本报|本報)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者)$")


@rule("L32", "dateline-space-line", "line")
def dateline_space_line(block_text: str, line: Line, config: Config) -> bool:
    """Some extractors write the space at a line's end as a line of white space of its own. Where
    the block so far is an opening dateline (`本报讯`) or a byline's role in brackets
    (`本报讯（记者`), that space is the paper's separator (`本报讯 据…`, `（记者 施永康）`, as
    SP12 keeps them): the lines are joined with it, not glued."""
    if not line.space_before:
        return False
    if _ROLE_OPEN.search(block_text):
        return True
    return any((m := p.match(block_text)) is not None and m.end() == len(block_text)
               for p in config.opening)


def join_lines(lines: list[Line], run: Run) -> str:
    """The text of a block: its lines joined, with the edits of L20, L21 and L32 where they
    apply."""
    parts: list[str] = []
    prev: Line | None = None
    hyphens, spaces = run.on(dehyphenate), run.on(space_between_latin_words)
    datelines = run.on(dateline_space_line)
    for line in lines:
        text = line.text
        if prev is not None and parts:
            left = parts[-1]
            if datelines and line.space_before and dateline_space_line(
                    "".join(parts), line, run.config):
                parts.append(" ")
                run.edit(dateline_space_line, (prev.no, line.no), "", " ",
                         at=prev.start + len(left))
            elif hyphens and dehyphenate(left, text):
                parts[-1] = left[:-1]
                run.edit(dehyphenate, (prev.no, line.no), "-", "", at=prev.start + len(left) - 1)
            elif spaces and not (prev.glyph and line.glyph) and space_between_latin_words(
                    left, text):
                parts.append(" ")
                run.edit(space_between_latin_words, (prev.no, line.no), "", " ",
                         at=prev.start + len(left))
        parts.append(text)
        prev = line
    return "".join(parts)


@rule("L16", "headline-like-block", "line")
def headline_like_block(block_lines: list[Line], config: Config,
                        over_opening: bool = False) -> bool:
    """A run of lines that never ends a sentence and has no sentence punctuation inside is not a
    paragraph: each of its lines stands alone (headline, kicker, subtitle or subhead), but for
    a headline wrapped inside a quote or a bracket, which its next line closes. Not a block of
    glyphs written a line each (L47): its printed lines, and so its headlines, are lost. A
    comma at a line's end says body text, but not in two or three lines right over an
    article's opening with no story's text above them (`over_opening`): a title wrapped at its
    comma (`稳住菜篮子，` / `保障好民生` over `本报讯…`)."""
    if len(block_lines) > 1 and all(l.glyph for l in block_lines):
        # its seams show it (L48), a kicker's colon or a question at its end as well
        return block_lines[0].glyph_part == GLYPH_HEADLINE
    if ends_sentence(block_lines[-1].text, config) or block_lines[-1].closing:
        return False
    if any(l.opening for l in block_lines) or not (over_opening and len(block_lines) <= 3) \
            and any(l.text.endswith(("，", "、", ",")) for l in block_lines):
        return False  # an article opening or a comma at a line end is body text
    if not all(_WORD.search(l.text) for l in block_lines):
        return False  # a line of marks alone (`“`, `）`, left by OCR) is no headline: it stays text
    if unclosed("".join(l.text for l in block_lines)):
        return False  # a quote or bracket left open goes on in the text (L19)
    return all((headline_text(l.text)
                and l.width <= config.width["max_column"]) for l in block_lines)




# a subtitle may hold this many commas: it reads like a sentence, but it is one line
DECK_COMMAS = 3
# ... and is wider than the column below by a part of it this large at least
DECK_WIDER = 3


@rule("L53", "subtitle-under-headline", "line")
def subtitle_under_headline(run_lines: list[Line], column_after: int | None,
                            config: Config) -> bool:
    """A subtitle under its title may read like a sentence, commas and all (`在老街，他守着一万
    多册旧书，也守着一座城市的阅读习惯`), which keeps L16 from reading it as a headline line. A
    line alone right under a headline line, that ends no sentence, holds no full stop or
    semicolon, opens no article, and is clearly wider than the column of the paragraph below
    it, spans its story's columns as its title does: it stands alone, a headline line. A
    paragraph's line fits its column. At the end of a printed page, where a headline group set
    after its story comes out, the column is the one above the title."""
    if len(run_lines) != 1 or column_after is None or run_lines[0].dealt:
        return False    # (a line of columns read across, dealt out: no line as printed)
    line = run_lines[0]
    text = line.text
    if line.opening or ends_sentence(text, config) or "。" in text or "；" in text \
            or text.count("，") > DECK_COMMAS:
        return False
    # (clearly wider: a third of the column more; a line of text as wide as its column, cut
    # from its sentence by another rule switched off, is no subtitle)
    return line.width > column_after + max(config.width["overhang"], column_after // DECK_WIDER)


def _scrap(lines: list[Line], after: list[Line] | None) -> bool:
    """A line of one character alone between empty lines: no headline line (a wrapped
    headline's tail stands right under it), a scrap of text."""
    return (len(lines) == 1 and len(lines[0].text) < 2 and lines[0].blank_before
            and (after is None or after[0].blank_before))


@rule("L23", "question-headline", "line")
def question_headline(run_lines: list[Line], before: list[Line] | None,
                      after: list[Line] | None, columns: tuple[int | None, int | None],
                      config: Config, after_headline: bool = False,
                      story_ended: bool = False, story_start: bool = False,
                      opening_next: bool = False, author_next: bool = False) -> bool:
    """A headline may ask or exclaim (`调查：图书馆逾期不罚款，你赞成吗？`) and so end like a
    sentence. A line alone between two paragraphs that ends with `？` or `！`, with no other
    sentence punctuation than a kicker's colon and one comma (as a headline line may hold), is a
    headline where an article boundary shows: the paragraph before ends with a closing byline,
    the next line opens an article (`本报讯…`, an author line) or is a headline line itself (the
    question's subtitle), the column width changes across the line, or the line is wider than
    the column after it; or, at the page's end, it follows a headline line or a kicker
    (`消防科技：`, alone or after a gap at the end of a line of titles side by side), or opens
    with its own kicker (`调查：…？`, the title set after its body); or it follows a headline
    line or kicker with nothing of a story before that on its printed page (the page's top, a
    closing byline: `守护一江清水` / `千名志愿者沿江捡拾垃圾3.6吨！`), a kicker of one word
    (`评论`) too; or under a headline line and over a photo's caption of a line or two right
    above an article's dateline.
    Elsewhere (an interview's question between its answers) it stays a paragraph. A title
    wrapped once, or its final mark on a line of its own, is read as the one line it was. A
    line that asks or exclaims after its kicker's colon (`益调查：你是否担心血荒常态化？`) is
    never joined into the line above it, whatever that line says (see `breaks`).
    `columns`: the widths before and after the line; `after_headline`: the next run is one line
    that stands alone as a headline; `story_ended`: no story's text stands before `before` on
    its page; `story_start`: the line opens an article (it comes right after reflow's own
    separator); `opening_next`: the run after `after` opens an article; `author_next`: an
    author line stands between the line and `after`."""
    if run_lines[0].opening:  # a dateline opens a story's text
        return False
    # one printed line (its closing marks may have come on a line of their own, L22), or a
    # title wrapped once in a narrow column: read as one, as reflow's own output writes it
    if len([line for line in run_lines if not CLOSING_MARKS.issuperset(line.text)]) > 2:
        return False
    text = "".join(line.text for line in run_lines)
    if len(text) - text.count(" ") - text.count("\u3000") < HEADLINE_MIN or not asks_alone(text):
        return False
    # the subtitle of a headline line or kicker, at the page's end (a title set after its body)
    # or above a line alone (a photo's caption)
    # (under a run of headline lines, each standing alone, the last is its title)
    subtitle = (before is not None
                and (headline_like_block(before, config)
                     or (len(before) == 1 and (kicker_shape(before[0].text)
                                               or _titles_then_kicker(before[0].text))))
                and len(_WORD.findall(before[-1].text)) >= 4 and len(_WORD.findall(text)) >= 6)
    # a printed page's last line after its story's text, led by a kicker: the title set after
    # its body (a story's own closing question has no kicker's colon before it)
    if before is not None and (after is None or after[0].page != run_lines[-1].page) \
            and kicker_led(text):
        return True
    if after is None:
        return subtitle
    if subtitle and story_ended:  # under a title, where no story's text stands before it
        return True
    # under a kicker of one word (`评论`, `面对面`) that opens its page's stories
    if story_ended and before is not None and len(before) == 1 \
            and _KICKER_WORD.fullmatch(before[0].text) and len(_WORD.findall(text)) >= 6:
        return True
    # (an author line opens a story as a dateline does)
    if after[0].opening or author_next or story_start or (after_headline and len(after) == 1):
        return True
    # under its title and over a photo's caption that stands right above the story's dateline:
    # the subtitle (the photo box sits between the headline group and the text)
    if subtitle and opening_next and len(after) <= 2:
        return True
    # (above a line alone, a photo's caption, its closing marks on a line of their own or not,
    # or above a scrap of a few characters)
    printed = [line for line in after if not CLOSING_MARKS.issuperset(line.text)]
    if len(printed) < 2 or sum(len(line.text) for line in after) < HEADLINE_MIN:
        return subtitle
    if before is None or before[-1].closing:
        return True
    col_before, col_after = columns
    slack = config.width["full_slack"]
    if col_before and col_after and abs(col_before - col_after) > 2 * slack:
        return True
    return bool(col_after and run_lines[0].width > col_after + config.width["overhang"])


_GAP = regex.compile(r"[ \u3000]+")
_SENTENCE_MARKS = regex.compile(r"[，。；！？,;!?]")


def _titles_then_kicker(text: str) -> bool:
    """A line of headline words (no sentence punctuation) and, after its last gap, a kicker."""
    gaps = list(_GAP.finditer(text.strip()))
    if not gaps:
        return False
    head, kicker = text.strip()[:gaps[-1].start()], text.strip()[gaps[-1].end():]
    return (kicker_shape(kicker) and len(head) >= HEADLINE_MIN
            and not _SENTENCE_MARKS.search(head) and "：" not in head and ":" not in head)


@rule("L24", "kicker-with-colon", "line")
def kicker_with_colon(run_lines: list[Line], after: list[Line] | None, config: Config,
                      after_headline: bool = False) -> bool:
    """A kicker may end with a colon, the speaker of the title below it (`徐大發：`): a short
    line of a few words and that colon, alone, above a line that stands alone as a headline (a
    title, or a question as L23 reads it: `问计于民：` / `社区夜校为何一座难求？`), is no
    sentence's end but part of the headline group. So is such a kicker at the end of a line of
    titles side by side, after a gap (`乒乓球公开赛落幕 问计于民：`): the band of headlines above
    two stories, read across."""
    return (len(run_lines) == 1 and (kicker_shape(run_lines[0].text)
                                     or _titles_then_kicker(run_lines[0].text))
            and after is not None and (after_headline or headline_like_block(after, config)))


def assemble(flow_lines: list[Line], breaks: list[bool], run: Run,
             columns: ColumnWidths | None = None,
             story_starts: set[int] | None = None,
             after_authors: set[int] | None = None) -> list[Block]:
    """Cut the flow at the breaks into blocks, split headline-like blocks into standalone lines.
    `columns` (a line's column widths before and after it, see `column_key`) lets a question or
    exclamation at an article boundary stand alone as a headline (L23); `story_starts`: input
    lines where an article surely starts (after reflow's own separator); `after_authors`: the
    input lines that come right after an author line."""
    runs: list[list[Line]] = []
    for line, brk in zip(flow_lines, breaks):
        if brk or not runs:
            runs.append([line])
        else:
            runs[-1].append(line)
    headlines = run.on(headline_like_block)
    questions = columns is not None and run.on(question_headline)
    kickers = run.on(kicker_with_colon)
    # from the last run to the first: a kicker or a question sees whether the run after it
    # stands alone as a headline
    alone: list[str | None] = [None] * len(runs)
    for k in range(len(runs) - 1, -1, -1):
        lines = runs[k]
        before = runs[k - 1] if k else None
        after = runs[k + 1] if k + 1 < len(runs) else None
        after_headline = after is not None and alone[k + 1] is not None
        if questions and question_headline(
                lines, before, after,
                (columns[column_key(before[-1])][0] if before else None,  # type: ignore[index]
                 columns[column_key(after[0])][1] if after else None),  # type: ignore[index]
                run.config, after_headline,
                story_ended=k < 2 or runs[k - 2][-1].closing
                or runs[k - 2][-1].page != runs[k - 1][0].page,
                story_start=lines[0].no in (story_starts or ()),
                opening_next=k + 2 < len(runs) and runs[k + 2][0].opening,
                author_next=after is not None and after[0].no in (after_authors or ())):
            alone[k] = "question"
        elif kickers and kicker_with_colon(lines, after, run.config, after_headline):
            alone[k] = "kicker"
        elif headlines and headline_like_block(lines, run.config, _over_opening(before, after)) \
                and not _scrap(lines, after):
            alone[k] = "headline"
    if columns is not None and run.on(subtitle_under_headline):
        for k in range(1, len(runs)):
            if alone[k] is not None or alone[k - 1] not in ("headline", "kicker"):
                continue
            # the column below, measured on a paragraph of two lines or more; at the end of a
            # printed page (a group set after its story), the column above its title
            if k + 1 == len(runs) or runs[k + 1][0].page != runs[k][-1].page:
                column = (columns[column_key(runs[k - 1][0])][0]
                          if k >= 2 and len(runs[k - 2]) >= 2 else None)
            else:
                column = columns[column_key(runs[k + 1][0])][1] if len(runs[k + 1]) >= 2 else None
            if subtitle_under_headline(runs[k], column, run.config):
                alone[k] = "subtitle"
    blocks: list[Block] = []
    for lines, why in zip(runs, alone):
        if why == "question":
            run.decide(question_headline, (lines[0].no, lines[0].no),
                       "a question or exclamation at an article boundary: headline")
        elif why == "kicker":
            run.decide(kicker_with_colon, (lines[0].no, lines[0].no),
                       "a kicker ending with a colon above a headline")
        elif why == "subtitle":
            run.decide(subtitle_under_headline, (lines[0].no, lines[0].no),
                       "a line wider than the column below, under a headline: its subtitle")
        elif why == "headline" and len(lines) > 1:
            run.decide(headline_like_block, (lines[0].no, lines[-1].no),
                       "lines that never end a sentence stand alone")
        if why is None:
            blocks.append(Block(PARAGRAPH, lines, join_lines(lines, run)))
        elif why == "question":
            blocks.append(Block(PARAGRAPH, lines, join_lines(lines, run), standalone=True))
        else:
            blocks.extend(Block(PARAGRAPH, group, join_lines(group, run) if len(group) > 1
                                else group[0].text, standalone=True)
                          for group in _printed_headlines(lines))
    return headline_tail(blocks, run) if run.on(headline_tail) else blocks


def _over_opening(before: list[Line] | None, after: list[Line] | None) -> bool:
    """A run sits right over an article's opening with no story's text above it: the page's
    top, or a story's closing line."""
    return after is not None and after[0].opening and (before is None or before[-1].closing)


def _printed_headlines(lines: list[Line]) -> list[list[Line]]:
    """The lines of a headline-like block, each standing alone, but for a headline wrapped
    inside a quote or bracket (`公共意识缺失使“厕所革` / `命”再蒙阴影`): one headline."""
    if all(l.glyph for l in lines):
        return [lines]      # a headline of glyphs a line each (L48): one headline
    groups: list[list[Line]] = []
    for line in lines:
        if groups and unclosed("".join(l.text for l in groups[-1])):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


_TAIL = regex.compile(r"\w{1,2}")


@rule("L30", "headline-tail", "line")
def headline_tail(blocks: list[Block], run: Run) -> list[Block]:
    """A headline that wraps can leave one or two characters on a line of their own (`紅粉筆河南
    站—在千年古縣留下熱愛的足` / `跡`): no headline line is that short, so the tail joins the line
    above it, which stands alone, into one headline."""
    out: list[Block] = []
    names = run.on(name_line_is_author)  # `林静` under a title is its author, not its tail
    for b in blocks:
        prev = out[-1] if out else None
        # (a line already given a tail takes the next too: read again, it is one line)
        if (prev is not None and prev.standalone and b.standalone and len(b.lines) == 1
                and all(_TAIL.fullmatch(l.text) for l in prev.lines[1:])
                and _TAIL.fullmatch(b.text) and len(prev.text) >= 6
                and not b.lines[0].blank_before and prev.last < b.first
                and not (names and name_line_is_author(b.text, run.config))):
            out[-1] = Block(PARAGRAPH, prev.lines + b.lines, prev.text + b.text, standalone=True)
            run.decide(headline_tail, (prev.first, b.first),
                       "the wrapped tail of a headline joins it")
        else:
            out.append(b)
    return out
