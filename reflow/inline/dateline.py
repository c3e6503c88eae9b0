"""SP12, in code: the space a paper sets after an opening dateline is its separator, not a gap.

`本报讯 据长江日报消息`, `本报合肥18日电 在辽阔的`, `人民网6月11日电 6月7日`: the dateline and the
story are set apart by one space, as the names in `（记者 文月婷）` are. The spacing rules would
read it as a gap between Han and digits, or inside a word; this rule finds it (the article
openings of `rules/layout.toml` say where a dateline ends) and the spacing rules leave it alone.
"""
from __future__ import annotations

import regex

from ..config import Config
from ..rule import rule

_SPACE = regex.compile(r"[ \u3000]+")


@rule("SP12", "keep-dateline-space", "inline")
def dateline_space(text: str, config: Config) -> list[tuple[int, int]]:
    """The spans of the space right after an article opening at the start of a paragraph
    (`本报讯 `, `新华社北京6月1日电 `), and of the spaces inside an opening set in brackets
    (`（搜狐体育 陶冶 4月22日广州报道）`, as in `（记者 文月婷）`): the spacing rules keep them.
    A space before the byline's bracket (`本报讯 （记者 文月婷）`) is no separator."""
    for pattern in config.opening:
        m = pattern.match(text)
        if m:
            spans = []
            if text[:1] in "（(":
                spans = [s.span() for s in _SPACE.finditer(text, 0, m.end())]
            space = _SPACE.match(text, m.end())
            # not before a bracket (`本报讯 (记者 X)`, as OCR reads it): a full-width bracket
            # carries its own space, and the paper sets none there
            if space and space.end() < len(text) and text[space.end()] not in "（(":
                spans.append(space.span())
            return spans
    return []
