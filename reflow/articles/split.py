"""Stage 4a, structure rules: cut the page into articles; tell headline groups from subheads.

Between the paragraphs lie clusters of standalone lines, author lines and credits. A cluster that
marks a boundary (several lines, a credit, an opening after it, a change of column...) is a
headline group, to be placed by `headlines.place`; a lone short line inside one story is a subhead
and stays where it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from typing import TYPE_CHECKING

from ..blocks.flow import CLOSING_MARKS
from ..config import Config
from ..model import (AUTHOR, BYLINE, CREDIT, SEPARATOR, SUBHEAD, Article, Block, Line,
                     ColumnWidths, column_key)
from ..rule import rule
from .inside import (column_before, credits_inside_story, item_lead, signed_and_dated,
                     subhead_group, summary_before_dateline, take_trailing_credit,
                     trailing_credit, wrapped_subheads)
from .topics import gapped_title_apart, new_topic

if TYPE_CHECKING:
    from ..run import Run


@dataclass
class Cluster:
    """Standalone lines, author lines and credits that stand together between paragraphs."""

    items: list[Block | Line] = field(default_factory=list)
    below: int | None = None    # the article whose last paragraph comes right before
    above: int | None = None    # the article whose first paragraph comes right after

    @property
    def lines(self) -> tuple[int, int]:
        nos = [i.first if isinstance(i, Block) else i.no for i in self.items]
        return (min(nos), max(nos))


@dataclass
class Layout:
    articles: list[Article]
    clusters: list[Cluster]     # headline clusters only, in reading order
    inner_credits: list[tuple[Line, int]]   # credits found inside a paragraph: (line, article)


@rule("S03", "name-line-is-author", "structure")
def name_line_is_author(text: str, config: Config) -> bool:
    """A standalone line of two or three characters that starts with a common surname (four with
    a compound surname) is the author (`庄周`, `林静`), kept as the article's byline block; like
    an author line, it marks the start of an article."""
    if not regex.fullmatch(r"\p{Han}{2,4}", text):
        return False
    if text[:2] in config.compound_surnames:
        return len(text) <= 4
    return len(text) <= 3 and text[0] in config.surnames


def _events(blocks: list[Block], lines: list[Line]):
    """Blocks and set-aside lines in reading order; credits inside a paragraph are marked inner."""
    # where each line stands in reading order: pieces of one input line (a caption and the
    # credit cut from it, L45) keep their order
    place = _places(lines)
    spans = [(place[id(b.lines[0])], place[id(b.lines[-1])]) for b in blocks
             if not b.standalone and b.last > b.first]
    events: list[tuple[tuple[int, int, int], int, object]] = [
        (place[id(b.lines[0])], 1, b) for b in blocks]
    for line in lines:
        if line.kind in (CREDIT, AUTHOR, SEPARATOR) and line.text:
            at = place[id(line)]
            inner = line.kind == CREDIT and any(a < at < z for a, z in spans)
            events.append((at, 0, ("inner", line) if inner else line))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


def _places(lines: list[Line]) -> dict[int, tuple[int, int, int]]:
    """Where each line stands, to order blocks by: its page, then its input line (lines of
    columns put back in order, L42 and L46, are read where the extractor wrote them), or on a
    page read region by region (L49) its place in the reading order, then its place in `lines`."""
    return {id(line): (line.page, i if line.laid_out else line.no, i)
            for i, line in enumerate(lines)}


@rule("S01", "headline-or-subhead", "structure")
def headline_or_subhead(cluster: Cluster, prev: Block | None, nxt: Block | None,
                        columns: ColumnWidths, config: Config,
                        authors: bool = True, story: str = "") -> str:
    """A lone short line between two paragraphs of one story is a subhead and stays in place.
    A cluster is a headline group (and an article boundary) when it starts or ends the page, holds
    several lines, a credit or an author line, sits before an opening or after a closing byline,
    or stands where the column width changes (the paragraph above measured before its last line,
    or, where nothing above it was, after its first or last line) or is wider than the columns
    around it (or than the column below, past what a closing mark may hang: a subhead fits its
    column), or where the text below shares no word (two Han characters, not one any story may
    hold, `进行`) with the `story` above it. Lines that are each set apart by an empty line
    between one-line paragraphs (reflow's own text, where subheads in a row are one block each)
    are judged one by one. A line in two parts with a gap between them is a title, unless the
    text below goes on with the story above: subheads too are set in two parts."""
    if prev is None or nxt is None:
        return "at the start or end of the page"
    if len(cluster.items) == 1:
        return (_lone_line(cluster.items[0], prev, nxt, columns, config, authors)
                or gapped_title_apart(cluster.items[0], story, nxt.text)
                or new_topic(story, nxt.text))
    if not _apart_in_unwrapped_story(cluster, prev, nxt):
        return "several lines stand together"
    return next((r for r in (_lone_line(i, prev, nxt, columns, config, authors)
                             for i in cluster.items) if r), "")


def _apart_in_unwrapped_story(cluster: Cluster, prev: Block, nxt: Block) -> bool:
    """Lines that do not stand together: each set apart by an empty line, between paragraphs
    of one line each (text unwrapped, as reflow writes it), where subheads in a row are written
    one block each and a headline group's lines stand together."""
    return (len(cluster.items) <= SUBHEADS_IN_A_ROW and len(prev.lines) == 1
            and len(nxt.lines) == 1 and nxt.lines[0].blank_before
            and all(isinstance(i, Block) and len(i.lines) == 1 and i.lines[0].blank_before
                    for i in cluster.items))


SUBHEADS_IN_A_ROW = 4  # the most S08 reads as one story's subheads


def _lone_line(item: Block | Line, prev: Block, nxt: Block,
               columns: ColumnWidths, config: Config,
               authors: bool) -> str:
    """Why a lone line between two paragraphs is a headline group, or "" for a subhead."""
    if not isinstance(item, Block) or (authors and name_line_is_author(item.text, config)):
        return "credit or author line"
    if nxt.lines[0].opening:
        return "an article opening follows"
    if prev.lines[-1].closing:
        return "a closing byline comes before"
    col_next = columns[column_key(nxt.lines[0])][1]
    # (where nothing above the paragraph was measured, it is read after its first line and after
    # its last, whose window takes in the lone line and what follows: the nearer to the column
    # below)
    col_prev = column_before(prev, columns, config) or min(
        (c for c in (columns[column_key(prev.lines[0])][1], columns[column_key(prev.lines[-1])][1])
         if c), key=lambda c: abs(c - (col_next or c)), default=None)
    slack = config.width["full_slack"]
    if len(prev.lines) == 1 or len(nxt.lines) == 1:  # one-line paragraphs show no column
        return ""
    if col_prev and col_next and abs(col_prev - col_next) > 2 * slack:
        return "the column width changes"
    cols = [c for c in (col_prev, col_next) if c]
    if cols and item.lines[0].width > max(cols) + config.width["overhang"]:
        return "wider than the column"
    # a subhead is set inside the column of the text it heads: only a closing mark may hang
    line = item.lines[0]
    past = config.width["overhang"] if line.text[-1:] in CLOSING_MARKS else slack
    if col_next and line.width > col_next + past:
        return "wider than the column below"
    return ""


def _without_credits(c: Cluster) -> Cluster | None:
    """The cluster without its photo credits, if it holds both credits and other lines."""
    rest = [i for i in c.items if not (isinstance(i, Line) and i.kind == CREDIT)]
    return Cluster(rest) if rest and len(rest) < len(c.items) else None


@rule("S02", "article-boundary", "structure")
def article_boundary(block: Block, last_par: Block | None,
                   columns: ColumnWidths, config: Config) -> str:
    """A new article starts at a paragraph that opens with a dateline (`本报讯…`), after a
    paragraph that ends with a closing byline, after a headline group, after reflow's own
    `* * *` separator, and where the next paragraph is set in a column of another width."""
    if block.lines[0].opening:
        return OPENING
    if last_par is None:
        return ""
    if last_par.lines[-1].closing:
        return "after a closing byline"
    if len(last_par.lines) > 1 and len(block.lines) > 1:
        col_prev = column_before(last_par, columns, config)
        col_next = columns[column_key(block.lines[0])][1]
        if col_prev and col_next and abs(col_prev - col_next) > 2 * config.width["full_slack"]:
            return WIDTH_ONLY
    return ""


WIDTH_ONLY = "the column width changes"
OPENING = "an article opening"


def merge_tentative(articles: list[Article], run: Run) -> list[Article]:
    """An article started only by a change of column width that got no headline and no byline of
    its own is the story before it going on in a column of another width: merge it back. So is
    the body of a story after its summary lead (S12)."""
    out: list[Article] = []
    summaries = run.on(summary_before_dateline)
    for a in articles:
        if out and summaries and summary_before_dateline(out[-1], a):
            out[-1].blocks += a.blocks
            out[-1].credits += a.credits
            out[-1].credit_lines += a.credit_lines
            first = a.blocks[0].first
            run.decide(summary_before_dateline, (first, first), "the dateline's story goes on "
                       "from its summary lead", weak=True)
        elif (out and a.tentative and not a.headlines
              and not any(b.kind == BYLINE for b in a.blocks)):
            out[-1].blocks += a.blocks
            out[-1].credits += a.credits
            out[-1].credit_lines += a.credit_lines
            first = a.blocks[0].first if a.blocks else 0
            run.decide(article_boundary, (first, first), "no new article after all: the story "
                       "goes on in a column of another width", weak=True)
        else:
            out.append(a)
    return out


def _trailing_credits(cluster: Cluster) -> list[Line]:
    """The photo credits that end `cluster`."""
    out: list[Line] = []
    for item in reversed(cluster.items):
        if not (isinstance(item, Line) and item.kind == CREDIT):
            break
        out.insert(0, item)
    return out


def split(blocks: list[Block], lines: list[Line], columns: ColumnWidths,
          run: Run) -> Layout:
    """Cut the blocks into articles, and gather the headline groups between them. With S01 off
    every cluster is a headline group; with S02 off nothing but a separator starts an article."""
    config = run.config
    subheads, boundaries = run.on(headline_or_subhead), run.on(article_boundary)
    authors = run.on(name_line_is_author)
    inner_credits, story_subheads = run.on(credits_inside_story), run.on(subhead_group)
    credit_at_end, leads = run.on(trailing_credit), run.on(item_lead)
    signatures = run.on(signed_and_dated)
    name_line = lambda text: authors and name_line_is_author(text, config)  # noqa: E731
    articles: list[Article] = []
    clusters: list[Cluster] = []
    inner: list[tuple[Line, int]] = []
    current: Article | None = None
    pending: Cluster | None = None
    last_par: Block | None = None
    after_lead = False   # the last block was an item's lead (S14): its dateline opens no article
    events = _events(blocks, lines)

    def new_article(at: int, message: str) -> None:
        nonlocal current
        if current is None or current.blocks:
            current = Article()
            articles.append(current)
            if len(articles) > 1 and boundaries:  # (with S02 off: after a separator)
                run.decide(article_boundary, (at, at), message)

    def add_lead(lead: Block) -> None:
        nonlocal after_lead
        assert current is not None
        lead.kind = SUBHEAD
        current.blocks.append(lead)
        after_lead = True
        run.decide(item_lead, (lead.first, lead.last), "the lead of an item inside the story")

    def close_cluster(nxt: Block | None) -> None:
        nonlocal pending
        if pending is None:
            return
        c, pending = pending, None
        signed = signed_and_dated(c, last_par) if signatures and current is not None else 0
        if signed:
            assert current is not None
            sign = [i for i in c.items[:signed] if isinstance(i, Block)]
            current.blocks += sign
            run.decide(signed_and_dated, (sign[0].first, sign[-1].last),
                       "the story's signer and date")
            c.items = c.items[signed:]
            if not c.items:
                return
        if leads and current is not None and current.blocks and nxt is not None \
                and all(isinstance(i, Block) and item_lead(i) for i in c.items):
            for item in c.items:
                assert isinstance(item, Block)
                add_lead(item)
            return
        credits = Cluster(list(_trailing_credits(c)))
        above = Cluster(c.items[:len(c.items) - len(credits.items)])
        if inner_credits and subheads and current is not None and credits.items and above.items \
                and credits_inside_story(credits, last_par, nxt) \
                and not headline_or_subhead(above, last_par, nxt, columns, config, authors):
            # a subhead with the credit of the photo above it: the credit stays in the story
            for credit in _trailing_credits(c):
                inner.append((credit, len(articles) - 1))
            run.decide(credits_inside_story, credits.lines,
                       "credit between two paragraphs of one story, after a subhead")
            c = above
        if inner_credits and credits_inside_story(c, last_par, nxt) and current is not None:
            for line in c.items:
                assert isinstance(line, Line)
                inner.append((line, len(articles) - 1))
            run.decide(credits_inside_story, c.lines, "credit between two paragraphs of one story")
            return
        rest = _without_credits(c)
        kept = {id(i) for i in rest.items} if rest is not None else set()
        photo = Cluster([i for i in c.items if id(i) not in kept])
        if (inner_credits and current is not None and rest is not None
                and credits_inside_story(photo, last_par, nxt)
                and _inside_story(rest, last_par, nxt)):
            for line in photo.items:
                assert isinstance(line, Line)
                inner.append((line, len(articles) - 1))
                run.decide(credits_inside_story, (line.no, line.no),
                           "credit beside the subheads of one story")
            c = rest
        story = "".join(b.text for b in current.blocks) if current is not None else ""
        # (not over text that shares no word with the story above: another story's headlines)
        column = (subhead_group(c, last_par, nxt, name_line, columns, config)
                  if story_subheads and not (nxt and new_topic(story, nxt.text)) else None)
        if column and current is not None:
            writers = [i for i in c.items if isinstance(i, Line) and i.kind == AUTHOR]
            if writers:  # the story's byline, set under its lead: one block
                current.blocks.append(Block(BYLINE, writers, " ".join(l.text for l in writers)))
                run.decide(subhead_group, (writers[0].no, writers[-1].no),
                           "byline inside the story, above its subheads")
            for line in c.items:
                if isinstance(line, Line) and line.kind == CREDIT:  # the story's photo credit
                    inner.append((line, len(articles) - 1))
            heads = [i for i in c.items if isinstance(i, Block)]
            for block in wrapped_subheads(heads, column, config):
                current.blocks.append(block)
                run.decide(subhead_group, (block.first, block.last),
                           "subhead: fits the story's column, which goes on")
            return
        reason = (headline_or_subhead(c, last_par, nxt, columns, config, authors, story)
                  if subheads else "headline-or-subhead is off")
        if reason:
            last = c.items[-1]
            lead = (last if leads and nxt is not None and len(c.items) > 1
                    and isinstance(last, Block) and item_lead(last) else None)
            if lead is not None:   # the group's last line leads the story's first item
                c.items.pop()
            clusters.append(c)
            c.below = len(articles) - 1 if (current and current.blocks and last_par) else None
            if subheads:
                run.decide(headline_or_subhead, c.lines, f"headline group: {reason}")
            if nxt is not None:
                if boundaries or current is None:
                    new_article(nxt.first, "new article after a headline group")
                c.above = len(articles) - 1
                if lead is not None:
                    add_lead(lead)
        else:
            assert current is not None
            for item in c.items:
                assert isinstance(item, Block)
                item.kind = SUBHEAD
                current.blocks.append(item)
            run.decide(headline_or_subhead, c.lines, "subhead: a lone short line inside one story"
                       if len(c.items) == 1 else "subheads: lines set apart inside one story",
                       weak=True)

    def _inside_story(rest: Cluster, prev: Block | None, nxt: Block | None) -> bool:
        """The cluster without its credits reads as the subheads of the story that goes on."""
        if story_subheads and subhead_group(rest, prev, nxt, name_line, columns, config):
            return True
        if not subheads or len(rest.items) != 1 or nxt is None:
            return False
        head = rest.items[0]
        # set apart by gaps, as a page of blocks sets a headline group (as S08 reads it)
        gaps = isinstance(head, Block) and head.lines[0].blank_before and nxt.lines[0].blank_before
        return not gaps and not headline_or_subhead(rest, prev, nxt, columns, config, authors)

    for ev in events:
        if isinstance(ev, tuple):  # a credit inside a paragraph's lines
            inner.append((ev[1], max(len(articles) - 1, 0)))
            continue
        if isinstance(ev, Line) and ev.kind == SEPARATOR:
            close_cluster(None)
            current, last_par = None, None
            continue
        if isinstance(ev, Line) or (isinstance(ev, Block) and ev.standalone):
            if pending is None:
                pending = Cluster()
            pending.items.append(ev)
            continue
        block = ev
        if pending is not None:
            close_cluster(block)
        reason = article_boundary(block, last_par, columns, config) if boundaries else ""
        if after_lead and reason == OPENING:
            reason = ""
            run.decide(item_lead, (block.first, block.first),
                       "the dateline opens an item of the story, not an article")
        after_lead = False
        if current is None or reason:
            new_article(block.first, f"new article: {reason or 'first paragraph'}")
            assert current is not None
            current.tentative = reason == WIDTH_ONLY
        assert current is not None
        current.blocks.append(block)
        if credit_at_end:
            take_trailing_credit(block, current, run)
        last_par = block
    close_cluster(None)
    return Layout(articles, clusters, inner)
