"""Whether the text below a line goes on with the story above it: the words they share.

Within one story, paragraphs keep naming its people, places and things; a paragraph that
shares none of the story's words starts another story (S01, S08), and a title in two parts is
a subhead only over text that goes on with the story above.
"""
from __future__ import annotations

import regex

from ..blocks.headline_lines import gapped_title
from ..model import Block, Line


_HAN_RUN = regex.compile(r"\p{Han}{2,}")
# The least Han characters of a story above and of a paragraph below to judge their words by
TOPIC_MIN_STORY, TOPIC_MIN_PARAGRAPH = 120, 40


# Pairs any story may hold (function words, the paper's own words): no sign of a shared topic
_COMMON = frozenset("""
进行 進行 表示 今年 去年 明年 目前 已经 已經 可以 我们 我們 他们 他們 没有 沒有 这个 這個 一个 一個
时间 時間 工作 问题 問題 通过 通過 同时 同時 其中 以及 以上 以来 以來 记者 記者 本报 本報 今天 昨天
日前 近日 相关 相關 有关 有關 介绍 介紹 了解 瞭解 负责 負責 部分 不少 很多 一些 其他 成为 成為 开始
開始 需要 能够 能夠 还有 還有 不是 就是 也是 因为 因為 所以 如果 但是 而且 并且 並且 自己 一起 之后
之後 之前 以后 以後 一步 下一 这些 這些 那些 这样 這樣 已有 正在 将会 將會 达到 達到 超过 超過 共有
""".split())


def gapped_title_apart(item: Block | Line, story: str, below: str) -> str:
    """A line in two parts with a gap between them (`老街早点铺 百年手艺传新人`) is a title,
    unless the text below goes on with the story above (a subhead in two parts: `书店进驻老车间
    周末客流翻番`, over a paragraph that names the story's things again)."""
    if not isinstance(item, Block) or not gapped_title(item.lines[0].text):
        return ""
    below_runs = _HAN_RUN.findall(below)
    same = (sum(len(r) for r in below_runs) >= GAPPED_MIN_PARAGRAPH
            and sum(len(r) for r in _HAN_RUN.findall(story)) >= GAPPED_MIN_STORY
            and sum(word in story for word in _words(below_runs)) >= GAPPED_SHARED)
    return "" if same else "a title in two parts, a gap between them"


# the least Han characters of the story above and of the paragraph below, and the least words
# they share, to read a line in two parts as a subhead (its story's lead may be all above it)
GAPPED_MIN_STORY, GAPPED_MIN_PARAGRAPH, GAPPED_SHARED = 60, 30, 2


def _words(runs: list[str]) -> set[str]:
    """The pairs of Han characters in a text's runs of Han (`_HAN_RUN`), but for those any
    story may hold: its words, roughly."""
    return {run[k:k + 2] for run in runs for k in range(len(run) - 1)} - _COMMON


def new_topic(story: str, below: str) -> str:
    """A paragraph that shares no word with the story above it (of some length) starts another
    story: within one story, paragraphs keep naming its people, places and things."""
    below_runs = _HAN_RUN.findall(below)
    if sum(len(r) for r in below_runs) < TOPIC_MIN_PARAGRAPH \
            or sum(len(r) for r in _HAN_RUN.findall(story)) < TOPIC_MIN_STORY:
        return ""
    # (a pair of Han characters found in the story stands in one of its runs of Han: no need
    # to gather the story's own pairs)
    if any(word in story for word in _words(below_runs)):
        return ""
    return "the text below shares no word with the story above"
