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


def articles(lines: list[tuple[Line, Leaf, str]], page: Page, size: float, simplified: bool) -> None:
    """Cut the lines into articles: a headline group opens one; paragraphs are joined from
    indents and short last lines, across columns and pages."""
    article = Article()
    paragraph: list[tuple[Line, Leaf]] = []
    style = ""

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
            article.headlines.append(text_of(line, page, simplified))
            article.headline_lines.append(line.no)
            continue
        if role == CREDIT:
            article.credits.append(text_of(line, page, simplified))
            article.credit_lines.append(line.no)
            continue
        if role in (SUBHEAD, BYLINE_ROLE):
            close_paragraph()
            _add_block(article, SUBHEAD_KIND if role == SUBHEAD else BYLINE, [line], page, simplified)
            continue
        kind = CAPTION if role == CAPTION else BODY
        if paragraph and (kind != style or _opens(line, leaf, size, page)
                          or _ends(*paragraph[-1], line, page)):
            close_paragraph()
        style = kind
        paragraph.append((line, leaf))
    close_paragraph()
    if article.blocks or article.headlines or article.credits:
        page.articles.append(article)


def _opens(line: Line, leaf: Leaf, size: float, page: Page) -> bool:
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
                                       f"{where(line)} ends a paragraph: {short:.0f}pt short of the column"))
        return True
    return False


# Characters that may not start a line (they go with the one before) and that may not end one.
_CLOSING = set("，。、；：！？）》」』”’〉】〕…%,.;:!?)]}·")
_OPENING = set("（《「『“‘〈【〔([{")


def first_unit(line: Line) -> float:
    """The width of what starts `line` and could not have been set at the end of the line before:
    a Han character or a run of Latin letters and digits, with the opening marks before it and
    the closing marks after it. A line ends short without ending its paragraph when the next
    unit did not fit (WeasyPrint, for one, does not stretch Han lines to the column's edge)."""
    chars = [c for c in line.chars if not c.text.isspace()]
    i = 0
    while i < len(chars) - 1 and chars[i].text in _OPENING:
        i += 1
    if i < len(chars) and chars[i].text.isascii() and chars[i].text.isalnum():
        while i + 1 < len(chars) and chars[i + 1].text.isascii() and (
                chars[i + 1].text.isalnum() or chars[i + 1].text in ".,-/%"):
            i += 1
    while i + 1 < len(chars) and chars[i + 1].text in _CLOSING:
        i += 1
    return chars[i].x1 - chars[0].x0 if chars else 0.0


def _add_block(article: Article, kind: str, lines: list[Line], page: Page, simplified: bool) -> None:
    texts = [text_of(l, page, simplified).strip() for l in lines]
    joined = texts[0]
    for t in texts[1:]:
        sep = " " if joined[-1:].isascii() and joined[-1:].isalpha() and t[:1].isascii() and t[:1].isalpha() else ""
        joined += sep + t
    model_lines = [TextLine(l.no, l.page, l.text, l.text.strip()) for l in lines]
    article.blocks.append(Block(kind, model_lines, joined))

