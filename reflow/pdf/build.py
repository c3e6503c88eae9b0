"""Stages 5-6 of the PDF road: lines with their roles -> paragraphs -> articles, the same `Page`
the text road makes; then the inline rules and the conservation check against the text layer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..lines.credits import credit_after_caption
from ..model import BYLINE, PARAGRAPH, SUBHEAD as SUBHEAD_KIND
from ..model import Article, Block, Line as TextLine, Page
from ..rule import rule
from .glyphs import actual_text_over_character_map, kangxi_radical_to_ideograph
from .regions import Leaf, Line
from .roles import BODY, BYLINE as BYLINE_ROLE, CAPTION, CREDIT, HEADLINE, SUBHEAD, where

if TYPE_CHECKING:
    from ..run import Run

INDENT_EM = 0.8           # an indent of most of an em opens a paragraph
SHORT_EM = 1.0            # a line ending an em before the column's edge ends its paragraph
SPACE_EM = 1.0            # white of an em or more between two pieces of a column: an empty row


def clean_lines(lines: list[Line], simplified: bool, run: Run) -> None:
    """Each line's text as the roles read it: the PDF's ActualText over its character map (P13),
    then radicals mapped back (P10). The edits are recorded where the text is used (`text_of`)."""
    for line in lines:
        text = line.text
        if run.on(actual_text_over_character_map):
            text = actual_text_over_character_map(text, line.actual)
        if run.on(kangxi_radical_to_ideograph):
            text = kangxi_radical_to_ideograph(text, simplified)
        line.clean = text


def text_of(line: Line, run: Run) -> str:
    """The line's clean text, recording the edits that made it (P13, P10)."""
    lines = (line.no, line.no)
    text = line.text
    if run.on(actual_text_over_character_map) and line.actual != text:
        run.edit(actual_text_over_character_map, lines, text, line.actual)
        text = line.actual
    if text != line.clean:
        run.edit(kangxi_radical_to_ideograph, lines, text, line.clean)
    return line.clean


def articles(lines: list[tuple[Line, Leaf, str]], page: Page, run: Run) -> None:
    """Cut the lines into articles: a headline group opens one; paragraphs are joined from
    indents and short last lines, across columns and pages."""
    article = Article()
    paragraph: list[tuple[Line, Leaf]] = []
    style = ""
    held: Leaf | None = None     # the leaf of the last headline or subhead
    size_of_last = 0.0
    brackets = 0                 # brackets opened in the paragraph and not closed yet

    def close_paragraph() -> None:
        nonlocal brackets
        if paragraph:
            _add_block(article, PARAGRAPH, [l for l, _ in paragraph], run)
            if style == CAPTION:
                _credit_off_caption(article, run)
            paragraph.clear()
        brackets = 0

    for line, leaf, role in lines:
        if role == HEADLINE:
            close_paragraph()
            if article.blocks or article.credits:
                page.articles.append(article)
                article = Article()
            text = text_of(line, run).strip()
            if article.headlines and held is leaf and line.size == size_of_last:
                article.headlines[-1] += text       # a title set on two lines
            else:
                article.headlines.append(text)
                article.headline_lines.append(line.no)
            held, size_of_last = leaf, line.size
            continue
        if role == CREDIT:
            article.credits.append(text_of(line, run))
            article.credit_lines.append(line.no)
            continue
        if role in (SUBHEAD, BYLINE_ROLE):
            close_paragraph()
            last = article.blocks[-1] if article.blocks else None
            kind = SUBHEAD_KIND if role == SUBHEAD else BYLINE
            if last is not None and last.kind == kind and held is leaf:
                # a subhead set on two lines; a byline's next line (its photographer's)
                _extend(last, line, run, " " if kind == BYLINE else "")
            else:
                _add_block(article, kind, [line], run)
            held = leaf
            continue
        kind = CAPTION if role == CAPTION else BODY
        if paragraph and (kind != style or _opens(line, leaf, run)
                          or (not brackets and _ends(*paragraph[-1], line, run))
                          or _spaced(*paragraph[-1], line, leaf, run)):
            close_paragraph()
        style = kind
        paragraph.append((line, leaf))
        brackets = open_brackets(brackets, line.clean)
    close_paragraph()
    if article.blocks or article.headlines or article.credits:
        page.articles.append(article)


@rule("P11", "paragraph-from-indent", "pdf")
def paragraph_from_indent(line: Line, leaf: Leaf) -> float | None:
    """A line whose start is indented from its column's left edge by most of an em opens a
    paragraph."""
    indent = line.x0 - leaf.frame[0]
    return indent if indent >= INDENT_EM * line.size else None


@rule("P12", "paragraph-end-short-line", "pdf")
def paragraph_end_short_line(line: Line, leaf: Leaf, following: Line) -> float | None:
    """A line that stops an em or more before its column's right edge, more than the next
    line's first unbreakable piece would have needed, ends its paragraph, unless a bracket
    opened in the paragraph is still open; a full line goes on in the next, across columns and
    pages."""
    short = leaf.frame[1] - line.x1
    if short >= SHORT_EM * line.size and short > first_unit(following) + SHORT_EM * line.size / 3:
        return short
    return None


_BRACKETS = set("（(《〈【〔[")
_CLOSERS = set("）)》〉】〕]")


def open_brackets(depth: int, text: str) -> int:
    """How many brackets and book titles are open after `text`, `depth` being open before it. A
    paragraph cannot end inside one (quotation marks are not counted: a quotation of several
    paragraphs closes only at its last)."""
    for ch in text:
        if ch in _BRACKETS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth


@rule("P14", "paragraph-from-space", "pdf")
def paragraph_from_space(last: Line, last_leaf: Leaf, line: Line, leaf: Leaf,
                         config: Config) -> float | None:
    """A line that opens a piece of a column below the piece before it, with white of an em or
    more between them (an empty row), opens a paragraph when the line before ends a sentence:
    paragraphs set without an indent are set apart by space. A sentence that goes on across the
    white (around a picture) is one paragraph."""
    if leaf is last_leaf or leaf.page != last_leaf.page or line is not leaf.lines[0]:
        return None
    if not (leaf.x0 < last_leaf.x1 and last_leaf.x0 < leaf.x1):     # another column
        return None
    gap = line.top - last.bottom
    ends = last.clean.rstrip().rstrip(config.closers).endswith(tuple(config.terminal))
    if gap >= SPACE_EM * line.size and ends:
        return gap
    return None


def _spaced(last: Line, last_leaf: Leaf, line: Line, leaf: Leaf, run: Run) -> bool:
    gap = run.on(paragraph_from_space) and paragraph_from_space(
        last, last_leaf, line, leaf, run.config)
    if gap:
        run.decide(paragraph_from_space, (line.no, line.no),
                   f"{where(line)} opens a paragraph: {gap:.0f}pt of white above it")
        return True
    return False


def _opens(line: Line, leaf: Leaf, run: Run) -> bool:
    indent = run.on(paragraph_from_indent) and paragraph_from_indent(line, leaf)
    if indent:
        run.decide(paragraph_from_indent, (line.no, line.no),
                   f"{where(line)} opens a paragraph: indented {indent:.0f}pt")
        return True
    return False


def _ends(line: Line, leaf: Leaf, following: Line, run: Run) -> bool:
    short = run.on(paragraph_end_short_line) and paragraph_end_short_line(line, leaf, following)
    if short:
        run.decide(paragraph_end_short_line, (line.no, line.no),
                   f"{where(line)} ends a paragraph: {short:.0f}pt short of the column")
        return True
    return False


# Line breaking (Unicode's UAX #14, roughly): no break before closing marks, after opening
# marks, on either side of an ambiguous quotation mark, or inside a run of Latin letters and digits.
_CLOSING = set("，。、；：！？）》」』〉】〕…‥．｡％,.;:!?)]}·")
_OPENING = set("（《「『〈【〔([{")
_QUOTES = set("“”‘’\"'")
_NUMBER = set(".,-/%")


def _joined(a: str, b: str) -> bool:
    """No line may break between characters `a` and `b`."""
    return (b in _CLOSING or a in _OPENING or a in _QUOTES or b in _QUOTES
            or (a.isascii() and (a.isalnum() or a in _NUMBER) and b.isascii()
                and (b.isalnum() or b in _NUMBER)))


def first_unit(line: Line) -> float:
    """The width of what starts `line` and could not have been set at the end of the line before
    (a Han character or a run of Latin letters and digits, with the marks that hold to it). A line
    ends short without ending its paragraph when the next unit did not fit (WeasyPrint, for one,
    does not stretch Han lines to the column's edge)."""
    chars = [c for c in line.chars if not c.text.isspace()]
    if not chars:
        return 0.0
    i = 0
    while i + 1 < len(chars) and _joined(chars[i].text[-1], chars[i + 1].text[0]):
        i += 1
    return chars[i].x1 - chars[0].x0


def _credit_off_caption(article: Article, run: Run) -> None:
    """A photo credit run on after the caption in the caption's own small type (`…交售新麦。马海龙
    摄`) is the article's credit, as on the text road (L45)."""
    block = article.blocks[-1]
    found = credit_after_caption(block.text, None, run.config) \
        if run.on(credit_after_caption) else None
    if found is None or not found[0]:
        return
    credit = block.text[found[0]:].strip()
    block.text = block.text[:found[0]].rstrip()
    article.credits.append(credit)
    article.credit_lines.append(block.lines[-1].no)
    run.decide(credit_after_caption, (block.lines[-1].no, block.lines[-1].no),
               f"photo credit run on after the caption: {credit}")


def _add_block(article: Article, kind: str, lines: list[Line], run: Run) -> None:
    block = Block(kind, [], "")
    for line in lines:
        _extend(block, line, run)
    article.blocks.append(block)


def _extend(block: Block, line: Line, run: Run, between: str = "") -> None:
    """Add a line to a block: Han lines join with nothing between (or `between`), Latin words
    with a space (a hyphen at the line's end holds the word together)."""
    text = text_of(line, run).strip()
    before = block.text[-1:]
    latin = (before.isascii() and before.isprintable() and before not in "-/" and before != ""
             and text[:1].isascii() and text[:1].isalnum())
    block.text += (" " if latin else between if block.text else "") + text
    block.lines.append(TextLine(line.no, line.page, line.text, line.text.strip(),
                                start=line.start))
