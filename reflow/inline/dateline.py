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
# the names an opening's byline run after it (`南都讯 记者刘凡 周昌和 任笑一 继推出…`, `新快报讯
# 记者 罗琼 实习生 葛晶 报道 施工…`): it starts with a reporter's role, each word a run of Han
# characters no longer than a role and a name, one space after each
_ROLE = regex.compile(r"(?:本报|本報)?(?:实习|實習|见习|見習|特约|特約|摄影|攝影)?"
                      r"(?:记者|記者|通讯员|通訊員|实习生|實習生)")
_NAME_WORD = regex.compile(r"\p{Han}{2,7}(?=[ \u3000]\S)")
# a byline run has at most this many words
MAX_NAME_WORDS = 8


@rule("SP12", "keep-dateline-space", "inline")
def dateline_space(text: str, config: Config) -> list[tuple[int, int]]:
    """The spans of the space right after an article opening at the start of a paragraph
    (`本报讯 `, `新华社北京6月1日电 `), and of the spaces inside an opening set in brackets
    (`（搜狐体育 陶冶 4月22日广州报道）`, as in `（记者 文月婷）`): the spacing rules keep them.
    A space before the byline's bracket (`本报讯 （记者 文月婷）`) is no separator. A byline
    set without brackets after the opening's space, or right after the opening, keeps the
    spaces after its words, the last of them the separator before the story (`南都讯 记者刘凡
    周昌和 继推出…`, `【本报讯】记者何嘉欣 上周末…`)."""
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
                spans += _byline_run(text, space.end())
            elif space is None:   # a byline run right after the opening (`【本报讯】记者何嘉欣 `)
                spans += _byline_run(text, m.end())
            return spans
    return []


def _byline_run(text: str, at: int) -> list[tuple[int, int]]:
    """The spaces after the words of a byline run at `at`, right after an opening's space
    (`记者刘凡 周昌和 任笑一 `): the last one parts the byline from the story, as the opening's
    own space does; the others part the names. None unless the run starts with a role."""
    if not _ROLE.match(text, at):
        return []
    spans = []
    for _ in range(MAX_NAME_WORDS):
        word = _NAME_WORD.match(text, at)
        if word is None:
            break
        space = _SPACE.match(text, word.end())
        assert space is not None    # (the word's lookahead saw it)
        spans.append(space.span())
        at = space.end()
    return spans
