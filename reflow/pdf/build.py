"""Stages 5-6 of the PDF road: lines with their roles -> paragraphs -> articles, the same `Page`
the text road makes; then the inline rules and the conservation check against the text layer."""
from __future__ import annotations

from ..model import BYLINE, PARAGRAPH, SUBHEAD as SUBHEAD_KIND
from ..model import Article, Block, Decision, Edit, Line as TextLine, Page
from . import rules as R
from .glyphs import has_radicals, map_radicals
from .regions import Leaf, Line
from .roles import BODY, BYLINE as BYLINE_ROLE, CAPTION, CREDIT, HEADLINE, SUBHEAD, where

INDENT_EM = 0.8           # an indent of most of an em opens a paragraph
SHORT_EM = 1.0            # a line ending an em before the column's edge ends its paragraph


def text_of(line: Line, page: Page, simplified: bool = True) -> str:
    """The line's text with radicals mapped back (P10, recorded as an edit)."""
    if not has_radicals(line.text):
        return line.text
    mapped = map_radicals(line.text, simplified)
    if mapped != line.text:
        page.edits.append(Edit(R.KANGXI.id, (line.no, line.no), line.text, mapped))
    return mapped


def articles(lines: list[tuple[Line, Leaf, str]], page: Page, simplified: bool) -> None:
    """Cut the lines into articles: a headline group opens one; paragraphs are joined from
    indents and short last lines, across columns and pages."""
    article = Article()
    paragraph: list[tuple[Line, Leaf]] = []
    style = ""
    held: Leaf | None = None     # the leaf of the last headline or subhead
    size_of_last = 0.0

    def close_paragraph() -> None:
        if paragraph:
            _add_block(article, PARAGRAPH, [l for l, _ in paragraph], page, simplified)
            paragraph.clear()

    for line, leaf, role in lines:
        if role == HEADLINE:
            close_paragraph()
            if article.blocks or article.credits:
                page.articles.append(article)
                article = Article()
            text = text_of(line, page, simplified).strip()
            if article.headlines and held is leaf and line.size == size_of_last:
                article.headlines[-1] += text       # a title set on two lines
            else:
                article.headlines.append(text)
                article.headline_lines.append(line.no)
            held, size_of_last = leaf, line.size
            continue
        if role == CREDIT:
            article.credits.append(text_of(line, page, simplified))
            article.credit_lines.append(line.no)
            continue
        if role in (SUBHEAD, BYLINE_ROLE):
            close_paragraph()
            last = article.blocks[-1] if article.blocks else None
            if role == SUBHEAD and last is not None and last.kind == SUBHEAD_KIND and held is leaf:
                _extend(last, line, page, simplified)     # a subhead set on two lines
            else:
                kind = SUBHEAD_KIND if role == SUBHEAD else BYLINE
                _add_block(article, kind, [line], page, simplified)
            held = leaf
            continue
        kind = CAPTION if role == CAPTION else BODY
        if paragraph and (kind != style or _opens(line, leaf, page)
                          or _ends(*paragraph[-1], line, page)):
            close_paragraph()
        style = kind
        paragraph.append((line, leaf))
    close_paragraph()
    if article.blocks or article.headlines or article.credits:
        page.articles.append(article)


def _opens(line: Line, leaf: Leaf, page: Page) -> bool:
    indent = line.x0 - leaf.frame[0]
    if indent >= INDENT_EM * line.size:
        page.decisions.append(Decision(R.INDENT.id, (line.no, line.no),
                                       f"{where(line)} opens a paragraph: indented {indent:.0f}pt"))
        return True
    return False


def _ends(line: Line, leaf: Leaf, following: Line, page: Page) -> bool:
    short = leaf.frame[1] - line.x1
    if short >= SHORT_EM * line.size and short > first_unit(following) + SHORT_EM * line.size / 3:
        page.decisions.append(Decision(R.SHORT_LAST.id, (line.no, line.no),
                                       f"{where(line)} ends a paragraph: {short:.0f}pt short "
                                       "of the column"))
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


def _add_block(article: Article, kind: str, lines: list[Line], page: Page,
               simplified: bool) -> None:
    block = Block(kind, [], "")
    for line in lines:
        _extend(block, line, page, simplified)
    article.blocks.append(block)


def _extend(block: Block, line: Line, page: Page, simplified: bool) -> None:
    """Add a line to a block: Han lines join with nothing between, Latin words with a space
    (a hyphen at the line's end holds the word together)."""
    text = text_of(line, page, simplified).strip()
    before = block.text[-1:]
    latin = (before.isascii() and before.isprintable() and before not in "-/" and before != ""
             and text[:1].isascii() and text[:1].isalnum())
    block.text += (" " if latin else "") + text
    block.lines.append(TextLine(line.no, line.page, line.text, line.text.strip()))

