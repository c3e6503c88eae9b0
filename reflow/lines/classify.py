"""Stage 2, line rules that classify: furniture, credits, author lines, openings, closing bylines.

Each rule looks at one line (or, for repeated furniture, at the same line across pages) and sets
its `kind` or a flag. The patterns are parameters in `rules/layout.toml`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import regex

from ..config import Config
from ..model import AUTHOR, BODY, CREDIT, FURNITURE, SEPARATOR, Line
from ..rule import Rule, rule

if TYPE_CHECKING:
    from ..run import Run

_DIGITS = regex.compile(r"\d+")


def _match(patterns, text: str) -> regex.Match[str] | None:
    """The match of the first of `patterns` that matches."""
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None


def _found(config: Config, kind: str, text: str) -> bool:
    """Whether a pattern of `kind` (`furniture`, `credit`, ...) matches: one search where they
    join."""
    joined = config.joined[kind]
    if joined is not None:
        return joined.search(text) is not None
    return _match(getattr(config, kind), text) is not None


@rule("L01", "furniture-pattern", "line")
def furniture_pattern(line: Line, config: Config) -> bool:
    """A line that is a page number, a date line, a header of fields around a full date
    (`05  社會  2021年1月2日 星期六`, `2023-01-12  臨海商報`), the paper's name with the date or
    the edition (`濱江日報  第5版`), `页数 1 / 2` or `责任编辑：X` is a running header or footer:
    set aside as furniture, not mixed into an article."""
    return _found(config, "furniture", line.text)


@rule("L02", "furniture-repeated", "line")
def furniture_repeated(lines: list[Line], edge: int) -> set[int]:
    """A line that comes back near the top or bottom of two or more pages (page numbers aside) is
    a running header or footer, whatever it says: the paper's name, a section name."""
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            pages[line.page].append(i)
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[int]] = defaultdict(list)
    for page, idx in pages.items():
        for i in idx[:edge] + idx[-edge:]:
            key = _DIGITS.sub("#", lines[i].text)
            if i not in where[key]:
                where[key].append(i)
            seen[key].add(page)
    return {i for key, pgs in seen.items() if len(pgs) >= 2 for i in where[key]}


@rule("L03", "photo-credit", "line")
def photo_credit(line: Line, config: Config) -> bool:
    """A photo credit (`马海龙 摄`, `本报记者 刘可 摄`, `■文/圖：新華社`) is attached to an article
    as a credit, never left inside a paragraph."""
    return _found(config, "credit", line.text)


@rule("L04", "author-line", "line")
def author_line(line: Line, config: Config) -> bool:
    """A line holding only an author (`本报记者 杨丽萍`) is kept as the article's byline block."""
    return _found(config, "author", line.text)


@rule("L05", "article-opening", "line")
def article_opening(line: Line, config: Config) -> bool:
    """A line that starts with an article opening (`本报讯（记者 X）`, `本报北京2月23日电`,
    `新华社…电`, `【本市讯】`, `本報訊`) starts a new paragraph and a new article."""
    return _found(config, "opening", line.text)


@rule("L06", "closing-byline", "line")
def closing_byline(line: Line, config: Config) -> bool:
    """A line that ends with a byline in brackets (`（记者 张弘靓）`) ends its paragraph and its
    article."""
    return _found(config, "closing", line.text)


@rule("L07", "article-separator", "line")
def article_separator(line: Line, config: Config) -> bool:
    """A line holding only `* * *` (reflow's own text output) separates two articles; it is set
    aside with the furniture, so that reflowing clean output changes nothing."""
    return config.separator.match(line.text) is not None


_DATELINE_END = regex.compile(r"(?:电|電|讯|訊)\s*[（(][^（）()]*[）)]\s*$")


def dateline_byline(text: str, config: Config) -> bool:
    """The bracket at the line end belongs to a dateline (`本报讯（记者 X）`, `…3日电（记者 X）`,
    maybe wrapped from the line before), not a closing byline."""
    opened = _match(config.opening, text)
    return bool(opened and opened.end() >= len(text)) or bool(_DATELINE_END.search(text))


def classify(lines: list[Line], run: Run) -> None:
    """Set each line's kind and flags, recording why. Rules switched off are not asked."""
    config = run.config
    repeated = (furniture_repeated(lines, config.furniture_edge) if run.on(furniture_repeated)
                else set())
    separator, furniture = run.on(article_separator), run.on(furniture_pattern)
    credit, author = run.on(photo_credit), run.on(author_line)
    opening, closing = run.on(article_opening), run.on(closing_byline)

    def note(line: Line, rule: Rule[..., Any], message: str) -> None:
        run.decide(rule, (line.no, line.no), message)

    for i, line in enumerate(lines):
        if not line.text:
            continue
        if separator and article_separator(line, config):
            line.kind = SEPARATOR
            note(line, article_separator, "article separator")
        elif furniture and furniture_pattern(line, config):
            line.kind = FURNITURE
            note(line, furniture_pattern, f"furniture: {line.text}")
        elif i in repeated:
            line.kind = FURNITURE
            note(line, furniture_repeated, f"furniture (repeated on several pages): {line.text}")
        elif credit and photo_credit(line, config):
            line.kind = CREDIT
            note(line, photo_credit, f"photo credit: {line.text}")
        elif author and author_line(line, config):
            line.kind = AUTHOR
            note(line, author_line, f"author line: {line.text}")
        else:
            line.kind = BODY
            if opening and article_opening(line, config):
                line.opening = True
                note(line, article_opening, "article opening")
            # the byline in brackets that ends an opening line belongs to the opening
            if closing and closing_byline(line, config) and not dateline_byline(line.text, config):
                line.closing = True
                note(line, closing_byline, "closing byline")
