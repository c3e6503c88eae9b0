"""SP13, in code: the space that parts a headline or a subhead in two is the title's own gap.

Titles are set in two parts with a space between them (`公交司机拾金不昧 寻回乘客钱包`). Where a
part ends or starts with a number or a Latin word (`年化收益18% 专挑退休老人下手`, `地铁上线“无感
过闸” 5G信号年底覆盖全线`), the spacing rules would read that space as one the text puts beside a
number, and take it away; this rule finds it and they leave it alone.
"""
from __future__ import annotations

from ..rule import rule

# each part of a title in two holds this many characters at least
PART = 4


@rule("SP13", "keep-title-gap", "inline")
def title_gap(text: str) -> list[tuple[int, int]]:
    """The span of the one space that parts a headline or a subhead into two parts of four
    characters or more: the spacing rules keep it. A title with more spaces (a Latin name's,
    `Harbour Digital Bank`) has no such gap."""
    parts = text.split()
    if len(parts) != 2 or min(len(p) for p in parts) < PART:
        return []
    gap = len(parts[0])
    # (one space, a plain or an ideographic one, and nothing around the parts)
    return [(gap, gap + 1)] if len(text) == gap + 1 + len(parts[1]) \
        and text[gap] in " \u3000" else []
