"""Stage 4a, structure rules: what stays inside a story though it looks like a boundary.

A photo credit between two paragraphs, a few subheads in the story's column, a credit after a
paragraph's last sentence, a summary lead between the headline and the dateline: each of these
stands where `split` would otherwise start a new article or leave text in a paragraph.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import regex

from ..blocks.column_estimates import INNER_PUNCT
from ..config import Config
from ..lines.classify import DATE_ALONE
from ..model import (AUTHOR, BYLINE, CREDIT, PARAGRAPH, SUBHEAD, Article, Block, Line,
                     ColumnWidths, column_key)
from ..rule import rule

if TYPE_CHECKING:
    from ..run import Run
    from .split import Cluster

# Whether a standalone line is an author's name (S03, `split.name_line_is_author`).
NameLine = Callable[[str], bool]


@rule("S14", "item-lead", "structure")
def item_lead(block: Block) -> bool:
    """A lone line (or one wrapped once) that opens with a box or a bullet (`■ 城东新增3处口袋公园`,
    `◆ 夜班公交加密`) and holds no sentence punctuation is the lead of an item inside a story: a
    roundup of short items sets each under such a lead, and each item may open with its own
    dateline (`本报讯`). The lead is a subhead of the story it stands in, and the dateline after
    it opens an item, not an article. A headline group that ends with such a line leaves it to
    the story below. (Titles of stories are not set behind a bullet; credits and author lines
    that are, such as `■新华社` or `□本报评论员 X`, are told apart before.)"""
    text = block.text
    return (len(block.lines) <= 2 and text[:1] in ITEM_MARKS
            and ITEM_LEAD_MIN <= len(text.lstrip(ITEM_MARKS + " \u3000")) <= ITEM_LEAD_MAX
            and not INNER_PUNCT.search(text))


ITEM_MARKS = "■□◆◇▲△●○★☆"
# the shortest and the longest lead (characters after the mark)
ITEM_LEAD_MIN, ITEM_LEAD_MAX = 2, 30


@rule("S15", "signed-and-dated", "structure")
def signed_and_dated(cluster: Cluster, prev: Block | None) -> int:
    """How many of the lines that open `cluster` sign the story above: a notice or a letter
    ends with its signer (`江阳市医疗保障局`) and its date (`2024年8月20日`), each on a line of its
    own after the last paragraph. A date alone is no headline, and the short line right above
    it, no punctuation in it, is who signed: both are the story's last paragraphs."""
    if prev is None:
        return 0
    items = cluster.items
    for n in (2, 1):
        if len(items) >= n and all(isinstance(i, Block) for i in items[:n]) \
                and DATE_ALONE.fullmatch(items[n - 1].text) \
                and (n == 1 or (len(items[0].text) <= SIGNER_MAX
                                and not INNER_PUNCT.search(items[0].text))):
            return n
    return 0


SIGNER_MAX = 20   # the most characters of a signer's line (an office's full name)


@rule("S07", "credit-inside-story", "structure")
def credits_inside_story(cluster: Cluster, prev: Block | None, nxt: Block | None) -> bool:
    """A photo credit alone between two paragraphs (after its caption, where the photo box broke
    the column) is not an article boundary: it is a credit of the story it stands in, unless an
    opening follows or a closing byline comes before. So is a credit beside lines that read as
    the story's subheads without it (`…老夜市吹起一股年輕風。` / `黃詩婷攝` / `青年返鄉接手攤位`):
    the photo box stood before the subhead."""
    return (prev is not None and nxt is not None
            and all(isinstance(i, Line) and i.kind == CREDIT for i in cluster.items)
            and not nxt.lines[0].opening and not prev.lines[-1].closing)


def column_before(par: Block, columns: ColumnWidths,
                  config: Config) -> int | None:
    """The column width of the paragraph `par`, read at its last line. The estimate there looks
    back over a few lines, and after a change of column a short paragraph may not have shown it
    yet: where a line of `par` is too wide for that estimate, the estimate after its first line
    is the paragraph's."""
    col = columns[column_key(par.lines[-1])][0]
    if col and max(l.width for l in par.lines) > col + config.width["overhang"]:
        return columns[column_key(par.lines[0])][1]
    return col


@rule("S08", "subheads-inside-story", "structure")
def subhead_group(cluster: Cluster, prev: Block | None, nxt: Block | None, name_line: NameLine,
                  columns: ColumnWidths, config: Config) -> int | None:
    """A few short lines between two paragraphs set in the same column, each no wider than the
    column the story goes on in, with no dateline after them and no closing byline before, are
    the subheads of the story that goes on (`环境` / `楼外门窗已拆除`), not a new article's
    headline group: a story's headline spans the columns of its story, and a new story opens
    with a dateline or sits in columns of its own (or, split.py asks, opens text that shares no
    word with the story above), and lines that open a printed page head that page's own story.
    Author lines before them are the story's byline, set under its lead; a photo credit among
    them is the story's (`阅片效率明显提升` / `本报记者刘可摄`: one subhead and a credit are
    enough). Returns the column width, or None."""
    if prev is None or nxt is None:
        return None
    if nxt.lines[0].opening or prev.lines[-1].closing:
        return None
    # author lines may come first: the byline set under the story's lead
    items = cluster.items
    authors = next((k for k, i in enumerate(items) if not isinstance(i, Line) or i.kind != AUTHOR),
                   len(items))
    # a photo's credit may stand among them, where the photo box broke the column (S07)
    heads = [i for i in items[authors:] if not (isinstance(i, Line) and i.kind == CREDIT)]
    credited = len(heads) < len(items) - authors
    if not (2 if not (authors or credited) else 1) <= len(heads) <= 4:
        return None
    if not all(isinstance(i, Block) and not name_line(i.text) for i in heads):
        return None
    first = heads[0].lines[0]  # type: ignore[union-attr]
    if first.page > prev.lines[-1].page and not (first.dealt or first.laid_out):
        return None  # a printed page's first lines: its own story's headline group
    if (any(i.lines[0].blank_before for i in heads[1:])  # type: ignore[union-attr]
            or (first.blank_before and nxt.lines[0].blank_before)):
        return None  # set apart by gaps, as a page of blocks sets a headline group
    col_prev = column_before(prev, columns, config)
    col_next = columns[column_key(nxt.lines[0])][1]
    w = config.width
    if not col_prev or not col_next or abs(col_prev - col_next) > 2 * w["full_slack"]:
        return None
    # each line fits the column the story goes on in (the one before may read wider, where
    # Latin words or digits in its lines were set narrow)
    if any(l.width > col_next + w["full_slack"]
           for i in heads for l in i.lines):  # type: ignore[union-attr]
        return None
    return max(col_prev, col_next)


def wrapped_subheads(items: list[Block], column: int, config: Config) -> list[Block]:
    """Subhead blocks of the standalone lines `items`: a line that fills the column is a subhead
    wrapped to the next line (`环卫所：曾经劝他们搬离，正研` / `究解决`), and joins it."""
    out: list[Block] = []
    carry = False
    for b in items:
        if carry and not (out[-1].text[-1:].isascii() and b.text[:1].isascii()):
            out[-1] = Block(SUBHEAD, out[-1].lines + b.lines, out[-1].text + b.text)
        else:
            out.append(Block(SUBHEAD, list(b.lines), b.text))
        carry = b.lines[-1].width >= column - config.width["full_slack"]
    return out


@rule("S10", "credit-at-paragraph-end", "structure")
def trailing_credit(text: str, config: Config) -> regex.Match[str] | None:
    """A credit set after a paragraph's last sentence with a space between (`……出生。 ■新华社`,
    `……山村。 本报记者 刘可 摄`) is the article's credit, not the paragraph's last words."""
    for p in config.trailing_credit:
        m = p.search(text)
        if m:
            return m
    return None


def take_trailing_credit(block: Block, article: Article, run: Run) -> None:
    """Move the credit at the end of `block` (S10) to `article`'s credits."""
    config = run.config
    m = trailing_credit(block.text, config)
    if m is None:
        return
    block.text = block.text[:m.start()]
    article.credits.append(m.group("credit"))
    article.credit_lines.append(block.last)
    run.decide(trailing_credit, (block.last, block.last),
               f"credit at the paragraph's end: {m.group('credit')}")


SUMMARY_MAX = 120  # characters of a summary lead (导语) set above a story's dateline


@rule("S12", "summary-before-dateline", "structure")
def summary_before_dateline(story: Article, opened: Article) -> bool:
    """A story may open with a short summary (导语) between its headline and its dateline: an
    article that starts with a dateline but got no headline, right after a headlined article of
    one or two short paragraphs, is that story's body, not a story of its own."""
    return (bool(story.headlines) and not opened.headlines and bool(opened.blocks)
            and opened.blocks[0].lines[0].opening and 0 < len(story.blocks) <= 2
            and all(b.kind == PARAGRAPH for b in story.blocks)
            and sum(len(b.text) for b in story.blocks) <= SUMMARY_MAX
            and not any(b.kind == BYLINE for b in opened.blocks))
