"""SP13, in code: the space that parts a headline or a subhead in two is the title's own gap.

Titles are set in two parts with a space between them (`公交司机拾金不昧 寻回乘客钱包`). Where a
part ends or starts with a number or a Latin word (`年化收益18% 专挑退休老人下手`, `地铁上线“无感
过闸” 5G信号年底覆盖全线`), the spacing rules would read that space as one the text puts beside a
number, and take it away; this rule finds it and they leave it alone.
"""
from __future__ import annotations

import regex

from ..rule import rule

# one gap, with a part of four characters or more on each side of it (a title's two parts)
_TWO_PARTS = regex.compile(r"\S{4,}([ \u3000])\S{4,}")


@rule("SP13", "keep-title-gap", "inline")
def title_gap(text: str) -> list[tuple[int, int]]:
    """The span of the one space that parts a headline or a subhead into two parts of four
    characters or more: the spacing rules keep it. A title with more spaces (a Latin name's,
    `Harbour Digital Bank`) has no such gap."""
    m = _TWO_PARTS.fullmatch(text)
    return [m.span(1)] if m else []
