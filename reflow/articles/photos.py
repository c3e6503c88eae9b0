"""Stage 4c, a structure rule: a photo set at the top of a story goes with that story.

A story's photo box (its caption, then the credit) is often set above the story's first paragraph,
under the headline. Where the headline is drawn elsewhere (after the body, or in a band above two
stories), the caption and the credit come right after the story before it, and read as that
story's last paragraph and credit. The caption's words tell which of the two it shows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import PARAGRAPH, Article, Block
from ..rule import rule
from .headlines import tokens

if TYPE_CHECKING:
    from ..run import Run

# A caption is a sentence or two: a longer paragraph before a credit is the story's own text.
CAPTION_MAX = 80


def _photo_at_end(story: Article, nxt: Article) -> tuple[Block, int] | None:
    """The caption block and the index of its credit, when `story` ends with a caption whose
    credit stands between it and `nxt`'s first paragraph."""
    if not story.blocks or not nxt.blocks or not story.credits:
        return None
    caption, line = story.blocks[-1], story.credit_lines[-1]
    if (caption.kind != PARAGRAPH or len(caption.text) > CAPTION_MAX
            or not caption.last <= line <= caption.last + 1
            or not line <= nxt.blocks[0].first):
        return None
    return caption, len(story.credits) - 1


@rule("S13", "photo-above-story", "structure")
def photo_above_story(story: Article, nxt: Article) -> bool:
    """A caption and its credit between one story's text and the next story's first paragraph
    belong to the next story when the caption shares more words with it than with the story before
    it (or when they are all there is of the story before: a photo has no story of its own). A
    photo box stands above the text of its story, under its headline; a story's last paragraph is
    not followed by the credit of a photo of its own."""
    found = _photo_at_end(story, nxt)
    if found is None:
        return False
    caption = found[0]
    rest = story.blocks[:-1]
    if not rest and not story.headlines:
        return True
    words = tokens(caption.text)
    before = words & tokens(" ".join([*story.headlines, *(b.text for b in rest)]))
    after = words & tokens(" ".join([*nxt.headlines, *(b.text for b in nxt.blocks)]))
    return len(after) > len(before)


def move_photos(articles: list[Article], run: Run) -> list[Article]:
    """Move each photo at a story's end to the story it stands above (S13); a story left with
    nothing is dropped."""
    if not run.on(photo_above_story):
        return articles
    for story, nxt in zip(articles, articles[1:]):
        if not photo_above_story(story, nxt):
            continue
        caption, k = _photo_at_end(story, nxt)  # type: ignore[misc]
        story.blocks.pop()
        credit, line = story.credits.pop(k), story.credit_lines.pop(k)
        nxt.blocks.insert(0, caption)
        nxt.credits.insert(0, credit)
        nxt.credit_lines.insert(0, line)
        run.decide(photo_above_story, (caption.first, line),
                   f"photo caption and credit of the story below: {credit}")
        if not story.blocks and not story.headlines:  # nothing of it is left but credits
            nxt.credits[:0], nxt.credit_lines[:0] = story.credits, story.credit_lines
            story.credits, story.credit_lines = [], []
    return [a for a in articles if a.blocks or a.headlines]
