"""The default text output: what a reader wants, and what reflow reads back unchanged.

Each article: its headline lines, a blank line, then its blocks separated by blank lines, then its
credits; articles separated by a line holding only `* * *`. Furniture is left out (see JSON);
unplaced text follows as a last section, so nothing read is silently dropped.
"""
from __future__ import annotations

from ..model import Article, Page

ARTICLE_SEPARATOR = "* * *"


def article_lines(article: Article) -> list[str]:
    out: list[str] = []
    if article.headlines:
        out += article.headlines
    for block in article.blocks:
        if out:
            out.append("")
        out.append(block.text)
    if article.credits:
        if out:
            out.append("")
        out += article.credits
    return out


def render_text(page: Page) -> str:
    sections = [article_lines(a) for a in page.articles]
    if page.unplaced:
        sections.append(list(page.unplaced))
    out: list[str] = []
    for section in sections:
        if out:
            out += ["", ARTICLE_SEPARATOR, ""]
        out += section
    return "\n".join(out) + "\n" if out else ""
