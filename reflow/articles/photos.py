"""Stage 4c, a structure rule: a photo set at the top of a story goes with that story.

A story's photo box (its caption, then the credit) is often set above the story's first paragraph,
under the headline. Where the headline is drawn elsewhere (after the body, or in a band above two
stories), the caption and the credit come right after the story before it, and read as that
story's last paragraph and credit. The caption's words tell which of the two it shows.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ..model import CREDIT, PARAGRAPH, SEPARATOR, Article, Block, Line
from ..rule import rule
from .headlines import tokens

if TYPE_CHECKING:
    from ..run import Run

# A caption is a sentence or two: a longer paragraph before a credit is the story's own text.
CAPTION_MAX = 80


def _credit_at_end(story: Article, nxt: Article, heads: list[int],
                   pages: dict[int, int]) -> int | None:
    """The index of `story`'s credit that stands after its text and right before `nxt`'s first
    paragraph, on the same printed page (no headline or separator between: `heads` are their
    lines, sorted; `pages`: the printed page of each credit's line), if any."""
    if not story.blocks or not nxt.blocks or not story.credits:
        return None
    k = max(range(len(story.credits)), key=lambda i: story.credit_lines[i])
    line, first = story.credit_lines[k], nxt.blocks[0].first
    if not story.blocks[-1].last <= line <= first:
        return None
    if pages.get(line) != nxt.blocks[0].lines[0].page:
        return None  # the credit ends a printed page: the photo stood under the story above
    at = bisect_right(heads, line)  # sorted: a page may hold thousands of articles
    if at < len(heads) and heads[at] < first:
        return None
    return k


def _caption(story: Article, line: int) -> Block | None:
    """`story`'s last block, when it may be the caption right above its credit on `line`. A
    paragraph that ends with a closing byline (`（记者 宋佳宁）`) ends a story: no caption."""
    caption = story.blocks[-1]
    if caption.kind != PARAGRAPH or len(caption.text) > CAPTION_MAX:
        return None
    if caption.lines[-1].closing:
        return None
    return caption if caption.last <= line <= caption.last + 1 else None


def _leans(text: str, story: Article, nxt: Article, rest: list[Block]) -> int:
    """How many more words `text` shares with `nxt` than with `story`'s headlines and blocks
    `rest`."""
    words = tokens(text)
    before = words & tokens(" ".join([*story.headlines, *(b.text for b in rest)]))
    after = words & tokens(" ".join([*nxt.headlines, *(b.text for b in nxt.blocks)]))
    return len(after) - len(before)


def _shows(caption: Block, story: Article, nxt: Article) -> bool:
    """The caption speaks of `nxt` rather than of the rest of `story`: it shares more words with
    it, or the story holds nothing else (a photo has no story of its own)."""
    rest = story.blocks[:-1]
    # (a headline cut from the run that heads the story below is no story's own either)
    if not rest and (not story.headlines
                     or _side_by_side(story.headline_lines, nxt.headline_lines)):
        return True
    return _leans(caption.text, story, nxt, rest) > 0


@rule("S13", "photo-above-story", "structure")
def photo_above_story(story: Article, nxt: Article, heads: list[int],
                      pages: dict[int, int]) -> tuple[int | None, bool]:
    """A photo box stands above the text of its story, under its headline; where the headline is
    drawn elsewhere, its caption and credit come right after the story before. A credit between
    one story's last paragraph and the next story's dateline is the next story's (unless its
    name is rather the story before's: `（记者 宋佳宁）` / `宋佳宁 摄`); so is the
    caption right above it when it shares more words with the next story than with the story
    before (or is all there is of it: then the story's headline group goes with it, to head the
    story below when that has none). Without a dateline after it, the caption's words alone
    decide, for both. A credit at the end of a printed page stays. Captions right above a credit
    that heads the next story (`captions_over_credit`) go with it. `heads`: the lines of the
    page's headlines; `pages`: the printed page of each credit line. Returns the index of the credit
    that moves, or None, and whether the caption moves with it."""
    k = _credit_at_end(story, nxt, heads, pages)
    if k is None:
        return None, False
    caption = _caption(story, story.credit_lines[k])
    shows = caption is not None and _shows(caption, story, nxt)
    if shows or (nxt.blocks[0].lines[0].opening
                 and _leans(story.credits[k], story, nxt, story.blocks) >= 0):
        return k, shows
    return None, False


def captions_over_credit(story: Article, nxt: Article) -> int:
    """How many of `story`'s last paragraphs are the captions of the photo whose credit stands
    right below them and heads `nxt` (the credit over its text, given to it): captions, each
    short and right above the next, each speaking of `nxt` rather than of the text of `story`
    above it, which keeps a paragraph of its own. 0: none."""
    if not nxt.credit_lines or not nxt.blocks or len(story.blocks) < 2:
        return 0
    line = min(nxt.credit_lines)
    if not story.blocks[-1].last < line < nxt.blocks[0].first:
        return 0
    n, below = 0, line
    for k in range(len(story.blocks) - 1, 0, -1):
        block = story.blocks[k]
        if block.kind != PARAGRAPH or len(block.text) > CAPTION_MAX or block.lines[-1].closing \
                or not block.last <= below <= block.last + 1 \
                or _leans(block.text, story, nxt, story.blocks[:k]) <= 0:
            break
        n, below = n + 1, block.first
    return n


def _side_by_side(lines: list[int], others: list[int]) -> bool:
    """Two headline groups that stand on lines right next to each other (or on one line, cut
    in two as two stories' titles side by side): parts of one run."""
    return bool(lines and others) and (others[-1] <= lines[0] <= others[-1] + 1
                                       or lines[-1] <= others[0] <= lines[-1] + 1)


def _in_line_order(nos: list[int], texts: list[str], text_of: dict[int, str]
                   ) -> tuple[list[int], list[str]]:
    """Headline lines in input order; pieces of one input line put back together as the line
    has them (the gap between them kept)."""
    keyed = sorted(zip(nos, texts), key=lambda nt: (nt[0], text_of.get(nt[0], "").find(nt[1])))
    out_nos: list[int] = []
    out: list[str] = []
    for no, text in keyed:
        line = text_of.get(no, "")
        if out_nos and out_nos[-1] == no and out[-1] in line and text in line:
            start = line.find(out[-1])
            end = line.find(text, start + len(out[-1])) + len(text)
            if start >= 0 and end > start:
                out[-1] = line[start:end]
                continue
        out_nos.append(no)
        out.append(text)
    return out_nos, out


def move_photos(articles: list[Article], lines: list[Line], run: Run) -> list[Article]:
    """Move each photo at a story's end to the story it stands above (S13); a story left with
    nothing is dropped."""
    if not run.on(photo_above_story):
        return articles
    # a headline or reflow's own separator between a credit and a story: not the top of it
    heads = sorted([no for a in articles for no in a.headline_lines]
                   + [line.no for line in lines if line.kind == SEPARATOR])
    pages = {line.no: line.page for line in lines if line.kind == CREDIT}
    # the text of each headline line, to put pieces of one line back together
    head_set = set(heads)
    text_of = {line.no: line.text for line in lines if line.no in head_set and line.text}
    for story, nxt in zip(articles, articles[1:]):
        k, caption_moves = photo_above_story(story, nxt, heads, pages)
        if k is None:
            n = captions_over_credit(story, nxt)
            if n:
                moved, story.blocks[-n:] = story.blocks[-n:], []
                nxt.blocks[:0] = moved
                run.decide(photo_above_story, (moved[0].first, moved[-1].last),
                           "photo captions over the credit of the story below")
            continue
        credit, line = story.credits.pop(k), story.credit_lines.pop(k)
        nxt.credits.insert(0, credit)
        nxt.credit_lines.insert(0, line)
        if caption_moves:
            caption = story.blocks.pop()
            nxt.blocks.insert(0, caption)
            run.decide(photo_above_story, (caption.first, line),
                       f"photo caption and credit of the story below: {credit}")
        else:
            run.decide(photo_above_story, (line, line),
                       f"photo credit of the story below: {credit}")
        if not story.blocks and not story.headlines:  # nothing of it is left but credits
            nxt.credits[:0], nxt.credit_lines[:0] = story.credits, story.credit_lines
            story.credits, story.credit_lines = [], []
        elif not story.blocks and not story.credits and (
                not nxt.headlines or _side_by_side(story.headline_lines, nxt.headline_lines)):
            # its caption was all its text: its headline group heads the story below (with the
            # lines of that story's group it was cut from, in their order)
            nxt.headline_lines, nxt.headlines = _in_line_order(
                story.headline_lines + nxt.headline_lines, story.headlines + nxt.headlines,
                text_of)
            story.headlines, story.headline_lines = [], []
            run.decide(photo_above_story, (nxt.headline_lines[0], nxt.headline_lines[-1]),
                       "headline of the photo's caption: it heads the story below")
    return [a for a in articles if a.blocks or a.headlines]
