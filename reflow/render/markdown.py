"""Markdown: `#` for the title (kicker and subtitle as their own lines), `##` for subheads."""
from __future__ import annotations

from ..model import SUBHEAD, Article, Page


def title_index(headlines: list[str]) -> int:
    """The title is the longest headline line, but for a line with two commas or more where
    another has fewer (a subtitle that reads like a sentence may run longer than its title);
    lines above it are kickers, below it subtitles."""
    titles = [i for i, h in enumerate(headlines) if h.count("，") < SENTENCE_COMMAS] \
        or range(len(headlines))
    return max(titles, key=lambda i: len(headlines[i]))


# a headline line with this many commas reads like a sentence: a subtitle, not the title
SENTENCE_COMMAS = 2


def article_markdown(article: Article) -> list[str]:
    out: list[str] = []
    if article.headlines:
        t = title_index(article.headlines)
        for i, h in enumerate(article.headlines):
            out += [f"# {h}" if i == t else h, ""]
    for block in article.blocks:
        out += [f"## {block.text}" if block.kind == SUBHEAD else block.text, ""]
    for credit in article.credits:
        out += [f"*{credit}*", ""]
    return out[:-1] if out else out


def render_markdown(page: Page) -> str:
    out: list[str] = []
    sections = [article_markdown(a) for a in page.articles]
    if page.unplaced:
        sections.append([line for u in page.unplaced for line in (u, "")][:-1])
    for section in sections:
        if out:
            out += ["", "* * *", ""]
        out += section
    return "\n".join(out) + "\n" if out else ""
