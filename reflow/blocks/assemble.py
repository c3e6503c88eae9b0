"""Stage 3b, blocks: join the lines of each block into its text, and find standalone lines.

Joining puts nothing between CJK characters, digits or punctuation (`吞吐` + `量`, `2025` + `年`);
two Latin words split across lines get one space; a word hyphenated at the line end is rejoined
without the hyphen only when both halves are letters.
"""
from __future__ import annotations

import regex

from typing import TYPE_CHECKING

from ..config import Config
from ..model import PARAGRAPH, Block, Line
from ..rule import rule
from .boundaries import unclosed
from .flow import ends_sentence

if TYPE_CHECKING:
    from ..run import Run

_WORD = regex.compile(r"\w")
_LATIN_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.;:!?")


@rule("L20", "space-between-latin-words", "line")
def space_between_latin_words(left: str, right: str) -> bool:
    """Two Latin words (or a word and a number, `FRB` + `20240517A`) split across a line break
    get one space between them; a half-width run never breaks inside itself, so the line break
    stood for a space."""
    return (left[-1:] in _LATIN_END and right[:1].isascii() and right[:1].isalnum()
            and not (left[-1:].isdigit() and right[:1].isdigit()))


@rule("L21", "dehyphenate", "line", deletes=True)
def dehyphenate(left: str, right: str) -> bool:
    """A word hyphenated at the line end is rejoined without the hyphen, only when both halves are
    letters (`COVID-` + `19` keeps its hyphen)."""
    return (len(left) >= 2 and left[-1] == "-" and left[-2].isascii() and left[-2].isalpha()
            and right[:1].isascii() and right[:1].isalpha())


def join_lines(lines: list[Line], run: Run) -> str:
    """The text of a block: its lines joined, with the edits of L20 and L21 where they apply."""
    parts: list[str] = []
    prev: Line | None = None
    hyphens, spaces = run.on(dehyphenate), run.on(space_between_latin_words)
    for line in lines:
        text = line.text
        if prev is not None and parts:
            left = parts[-1]
            if hyphens and dehyphenate(left, text):
                parts[-1] = left[:-1]
                run.edit(dehyphenate, (prev.no, line.no), "-", "", at=prev.start + len(left) - 1)
            elif spaces and space_between_latin_words(left, text):
                parts.append(" ")
                run.edit(space_between_latin_words, (prev.no, line.no), "", " ",
                         at=prev.start + len(left))
        parts.append(text)
        prev = line
    return "".join(parts)


@rule("L16", "headline-like-block", "line")
def headline_like_block(block_lines: list[Line], config: Config) -> bool:
    """A run of lines that never ends a sentence and has no sentence punctuation inside is not a
    paragraph: each of its lines stands alone (headline, kicker, subtitle or subhead)."""
    if ends_sentence(block_lines[-1].text, config) or block_lines[-1].closing:
        return False
    if any(l.opening or l.text.endswith(("，", "、", ",")) for l in block_lines):
        return False  # an article opening or a comma at a line end is body text
    if not all(_WORD.search(l.text) for l in block_lines):
        return False  # a line of marks alone (`“`, `）`, left by OCR) is no headline: it stays text
    if unclosed("".join(l.text for l in block_lines)):
        return False  # a quote or bracket left open goes on in the text (L19)
    return all(("。" not in l.text and "；" not in l.text and l.text.count("，") <= 1
                and l.width <= config.width["max_column"]) for l in block_lines)


def assemble(flow_lines: list[Line], breaks: list[bool], run: Run) -> list[Block]:
    """Cut the flow at the breaks into blocks, split headline-like blocks into standalone lines."""
    runs: list[list[Line]] = []
    for line, brk in zip(flow_lines, breaks):
        if brk or not runs:
            runs.append([line])
        else:
            runs[-1].append(line)
    blocks: list[Block] = []
    headlines = run.on(headline_like_block)
    for lines in runs:
        if headlines and headline_like_block(lines, run.config):
            if len(lines) > 1:
                run.decide(headline_like_block, (lines[0].no, lines[-1].no),
                           "lines that never end a sentence stand alone")
            for line in lines:
                blocks.append(Block(PARAGRAPH, [line], line.text, standalone=True))
        else:
            blocks.append(Block(PARAGRAPH, lines, join_lines(lines, run)))
    return blocks
