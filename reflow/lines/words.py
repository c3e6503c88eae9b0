"""Stage 2a, a pre-pass: the words a line end cuts, which tell what line goes on which.

A column's line that stops inside a sentence often stops inside a word (`昨天上` / `午`); where
an extractor read the columns across the page, the line that goes on is the one whose first
characters finish that word. Two things tell such a word: the pairs of characters the page
writes side by side inside its lines (a word it uses again), a number and its unit, and the
common words of Chinese in `rules/words.txt` (both scripts), which also tell the words a page
uses once.
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import lru_cache

import regex

from ..config import rules_folder
from ..model import Line

# the longest word looked for across a line end, in characters
LONGEST = 4
# a number at a line's end (`出资2000`, `选派600多`) ...
_NUMBER_END = regex.compile(r"\d(?:多|余|餘)?$")
# ... goes on with its unit or measure word (`万元`, `名志愿者`): of the lines that end so
# inside a sentence on development pages read in line order, 69% go on with one of these, a
# line picked at random 8%
UNITS = frozenset("年月日时時分秒万萬亿億千百元个個名人次家所件台辆輛座条條项項种種份位户戶岁歲倍"
                  "天周週米吨噸斤里度届屆场場批株棵栋棟层層只隻张張%％℃")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words of `rules/words.txt` (lines after its `#` header)."""
    text = rules_folder().joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def page_pairs(lines: list[Line]) -> set[str]:
    """The pairs of characters that stand side by side inside the page's lines: a pair across
    a line end that the page also has inside a line is likely a word the line end cut."""
    # (`split` parts a text at the characters `isspace` says are spaces)
    return {w[i:i + 2] for l in lines for w in l.text.split() for i in range(len(w) - 1)}


def makes_word(left: str, right: str, pairs: AbstractSet[str]) -> bool:
    """`left` and `right` joined make a word across the join: the two characters at the join
    are a pair the page writes inside a line (`pairs`), a number goes on with its unit
    (`出资2000` / `万元`), or a common word spans the join. On
    development pages, a common word spans 39% of the line ends inside a sentence of the
    extractors that keep line order, against 3% of a line end joined to a line at random."""
    if not left or not right:
        return False
    if left[-1] + right[0] in pairs:
        return True
    if right[0] in UNITS and _NUMBER_END.search(left):
        return True
    words = common_words()
    tail = left[-(LONGEST - 1):]
    joined = tail + right[:LONGEST - 1]
    for i in range(len(tail)):
        for j in range(len(tail) + 1, min(len(joined), i + LONGEST) + 1):
            if joined[i:j] in words:
                return True
    return False


# the quotes and brackets a line may open and the next line close (`“新` / `阶段”`)
_PAIRED = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "(": ")", "「": "」", "『": "』",
           "【": "】"}
_CLOSING = frozenset(_PAIRED.values())
_OPENING = frozenset(_PAIRED)


def left_open(text: str) -> str:
    """The closing mark that `text` leaves waiting: that of the last quote or bracket it opens
    and does not close ('' if none). A line that stops inside a quote goes on with the line
    that closes it: on development pages read in line order, 67% of the lines that stop so
    inside a sentence go on with a line that closes it first, against 2% of lines at random."""
    if _OPENING.isdisjoint(text):
        return ""       # (most lines open none: no need to walk them)
    waiting: list[str] = []
    for char in text:
        if char in _PAIRED:
            waiting.append(_PAIRED[char])
        elif waiting and char == waiting[-1]:
            waiting.pop()
    return waiting[-1] if waiting else ""


def closes_first(text: str) -> str:
    """The closing quote or bracket `text` holds before it opens any ('' if none)."""
    if _CLOSING.isdisjoint(text):
        return ""
    for char in text:
        if char in _CLOSING:
            return char
        if char in _PAIRED:
            return ""
    return ""
