"""Stage 2b, a pre-pass: a photo credit run on after its caption, or wrapped onto the next line.

Under a photo the caption and the credit often share a line (`…向观众致意。 本报记者 刘可 摄`,
`…致意。通讯员陈明摄`), and the column may wrap the credit itself (`…排队购买热干面。本报记者` /
`郑雅琪 摄`, `■图：本报` / `记者叶嘉朗`). Read as they come, the credit ends up inside the caption's
paragraph or in two pieces, neither of which reads as a credit. This pass cuts the credit from
the caption's last sentence and puts its two parts together, so that the line rules see one
credit line (L03) and the caption as a paragraph's last line. Extractors that read across the
columns may also put a credit and the next column's text on one line, a gap between. Nothing
is deleted: the pieces are
the lines' own text, in lines that point back to their input line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..config import Config
from ..model import Line
from ..rule import rule
from .classify import photo_credit
from .pieces import text_offset, width_of

if TYPE_CHECKING:
    from ..run import Run

# A credit is a short line: where it is wrapped, its second part is a name or a credit word.
CREDIT_MAX = 30
PART_MAX = 10
# a name: what follows a credit on its line is another column's text only when it is longer
NAME_MAX = 3
# Marks after which a caption's sentence is over: a colon or a semicolon is not, since a credit
# holds one itself (`■图：本报记者 X`).
_CAPTION_END = "。！？!?…"
_BRACKET_END = "）)"
_ENDS = frozenset(_CAPTION_END + _BRACKET_END)


def _closes_story(text: str, config: Config) -> bool:
    """`text` ends with a closing tag (`（完）`) or a closing byline."""
    return any(p.search(text) for p in (*config.closing_tag, *config.closing))


def _starts(text: str, config: Config) -> list[int]:
    """Where a credit may start in `text`: right after a sentence end (its closing marks and the
    spaces after it), or after a closing tag or byline and a space (`（完） 宋佳宁 摄`), within a
    credit's length of the line end; earliest first."""
    if _ENDS.isdisjoint(text[-(CREDIT_MAX + 2):]):  # most lines: no sentence ends near the end
        return []
    out = []
    i = len(text) - 1
    while i >= 0 and len(text) - i <= CREDIT_MAX + 2:
        if text[i] in _BRACKET_END:
            if i + 1 < len(text) and text[i + 1] in " \u3000" and _closes_story(text[:i + 1],
                                                                                config):
                out.append(len(text) - len(text[i + 1:].lstrip(" \u3000")))
        elif text[i] in _CAPTION_END:
            j = i + 1
            while j < len(text) and text[j] in config.closers:
                j += 1
            while j < len(text) and text[j] in " \u3000":
                j += 1
            if 0 < j < len(text):
                out.append(j)
        i -= 1
    return sorted(set(out))


def _name_cut(head: str, tail: str, config: Config) -> bool:
    """`tail` ends the name at the end of `head`: the two make a name of three characters at
    the most (`林雅` / `雯`, `本報記者葉嘉` / `朗`: the name after its role word), which two names
    or a name and a word do not."""
    m = _HAN_END.search(head)
    if not m or _HAN_ONLY.fullmatch(tail) is None:
        return False
    name = m.group()
    for role in config.roles:
        if len(role) >= 2 and role in name:     # (`文`, `图` alone may be a name's own)
            name = name[name.rindex(role) + len(role):]
    return 0 < len(name) and len(name) + len(tail) <= 3


_HAN_END = regex.compile(r"\p{Han}+$")
_HAN_ONLY = regex.compile(r"\p{Han}+")
_HAN_START = regex.compile(r"\p{Han}{2,3}(?=[ \u3000]*(?:摄|攝))")


def _is_credit(text: str, config: Config) -> bool:
    return len(text) <= CREDIT_MAX and photo_credit(text, config)


def credit_parts(text: str, config: Config) -> list[int]:
    """Where each credit of `text` starts, when `text` is credits one after another with a
    space between (`本报记者许向南摄 通讯员罗敏摄`, `记者赖冠宇摄 （图／读者提供）`): [0] for one
    credit, [] for none. Each is a credit of its own, and is read as one."""
    if _is_credit(text, config):
        return [0]
    for gap in _GAP.finditer(text, 0, CREDIT_MAX + 1):
        if _is_credit(text[:gap.start()], config):
            rest = credit_parts(text[gap.end():], config)
            if rest:
                return [0] + [gap.end() + r for r in rest]
    return []


@rule("L45", "credit-after-caption", "line")
def credit_after_caption(text: str, nxt: str | None, config: Config) -> tuple[int, bool] | None:
    """A photo credit run on after the caption's last sentence, with or without a space
    (`…向观众致意。 本报记者 刘可 摄`), or after a closing tag or byline and a space (`（完）
    宋佳宁 摄`), is cut from the caption; a credit the column wrapped
    (`…热干面。本报记者` / `郑雅琪 摄`, `新华社记者 蔡明轩` / `摄`) is read as one credit line with
    its second part (not a byline over a credit of the same name, `本报记者 程林` / `程林 摄`).
    Two credits one after the other (`…长势。 本报记者许向南摄 通讯员罗敏摄`) are two lines.
    Returns where the credit starts in `text` and whether it goes on in the next line `nxt`
    (None when there is none to look at). A credit is known by the credit patterns
    (L03) on the whole of it; its second part is a short line (a name or a credit word). A
    credit that starts a line, with another column's text after a gap (`credit_before_gap`), is
    cut from that text too. A credit between two lines, after a sentence's end, ends the caption's
    paragraph: the text after the photo box does not go on from its caption. On the PDF road the
    same cut takes a credit off the end of a caption in small type (`pdf.build`)."""
    starts = _starts(text, config)
    if nxt is not None and len(nxt) <= PART_MAX:
        # the whole line may be the credit's first part (`新华社记者 蔡明轩` / `摄`)
        for p in [*starts, 0]:
            head = text[p:]
            # a first part that is a credit itself goes on only where the wrap cut its role
            # (`■图：本报` / `记者叶嘉朗`) or a name (`…记者 林雅` / `雯`): the next line may be
            # a short headline or subhead (`图／记者 刘畅` / `环境`)
            # two credits one under the other (`宋佳宁 摄` / `通讯员 胡志刚 摄`) stay two
            whole = _is_credit(head, config)
            if whole and _is_credit(nxt, config):
                continue
            # a byline over a credit of the same name (`本报记者 王晓` / `王晓 摄`): no wrap
            name = _HAN_START.match(nxt)
            if name and head.rstrip().endswith(name.group()) and _is_credit(nxt, config):
                continue
            if credit_parts(head + nxt, config) and (
                    not whole or nxt.startswith(config.roles) or _name_cut(head, nxt, config)):
                return p, True
    for p in starts:
        if credit_parts(text[p:], config):
            return p, False
    return None


@rule("L50", "caption-beside-a-line", "line")
def caption_beside_a_line(text: str, after: list[str], config: Config
                          ) -> tuple[int, int] | None:
    """A photo's caption set beside the last line of a paragraph, on its baseline, comes out on
    that line after a space (`…不用在泥地上跑步了。 孩子们在新操场上做课间` / `操。本报记者 周立新 摄`):
    read as one line, the caption's first line ends up inside the paragraph. Body text sets no
    space after a sentence's end, so the line is cut there when the text after the space is a
    caption: its sentence ends within a few lines (`after`, the next lines' texts) and a photo
    credit follows it; the caption's lines are read as one. Not in a line with other spaces
    between characters (letter-spaced) or with Latin letters (a justified line may widen its
    gaps). Returns where the caption starts and how many of the next lines it goes on in, or
    None."""
    gap = _GAP_AFTER_SENTENCE.search(text)
    if gap is None or _SPACED.search(text, 0, gap.start()) or _SPACED.search(text, gap.end()) \
            or _LATIN.search(text):
        return None
    texts = [text[gap.end():], *after]
    for k, t in enumerate(texts):
        end = _SENTENCE_END.search(t)
        if end is None:
            continue
        tail = t[end.end():].strip()
        below = texts[k + 1] if k + 1 < len(texts) else ""
        credited = (_is_credit(tail, config) if tail else
                    bool(below) and (_is_credit(below, config)
                                     or credit_after_caption(below, None, config) is not None))
        return (gap.end(), k) if credited else None
    return None


# a sentence's end, its closing marks, a space, and text (not a comma or a Latin word)
_GAP_AFTER_SENTENCE = regex.compile(r"(?<=[。！？][”」』’]*)[ \u3000]+(?=[\p{Han}“「（【■])")
_SENTENCE_END = regex.compile(r"[。！？][”」』’]*")
_SPACED = regex.compile(r"[\p{Han}\p{P}][ \u3000]+[\p{Han}\p{P}]")
_LATIN = regex.compile(r"[A-Za-z]")
# a caption's sentence ends within this many lines after the one it starts on
CAPTION_LINES = 3


def credit_before_gap(text: str, config: Config) -> int | None:
    """Where a credit at the start of `text` ends, when a column gap (a space) and the text of
    another column follow it on the same line (`戴永胜摄 心水。”他说。`): the longest such
    credit. A line that is a credit as a whole is not cut (`图／记者 刘畅`), nor one where a name's
    worth of text follows."""
    head = text[:CREDIT_MAX + 1]
    if " " not in head and "\u3000" not in head:  # no gap: most lines, asked before the patterns
        return None
    if _is_credit(text, config):
        return None
    gaps: list[tuple[int, int]] = [m.span() for m in _GAP.finditer(text, 0, CREDIT_MAX + 1)]
    for start, end in gaps[::-1]:
        if len(text) - end > NAME_MAX and _is_credit(text[:start], config):
            return start
    return None


_GAP = regex.compile(r"[ \u3000]+")


def _piece(line: Line, start: int, end: int, text: str | None = None) -> Line:
    """Characters start..end of `line`'s text as a line of its own (`text`: what it reads, when
    a part from the next line is added)."""
    own = line.text[start:end].strip()
    lead = len(line.text[start:end]) - len(line.text[start:end].lstrip())
    text = own if text is None else text
    return Line(no=line.no, page=line.page, raw=text, text=text, indent=0,
                width=0, page_break_before=start == 0 and line.page_break_before,
                col=line.col + text_offset(line) + start + lead,
                start=line.start + start + lead, laid_out=line.laid_out)


def _following(nxt: Line | None, line: Line) -> str | None:
    """The text of the line `nxt` when it goes on from `line` on its page (None: no such line)."""
    if nxt is None or not nxt.text or nxt.page_break_before or nxt.page != line.page:
        return None
    return nxt.text


def _credit_cut(text: str, nxt: str | None, config: Config, on: bool) -> tuple[int, bool] | None:
    """L45 on a line's text, where it is on."""
    return credit_after_caption(text, nxt, config) if text and on else None


def uncredit_captions(lines: list[Line], run: Run) -> list[Line]:
    """Each credit run on after a caption or wrapped over two lines made a line of its own
    (L45); a caption beside a paragraph's last line cut from it (L50)."""
    if not (run.on(credit_after_caption) or run.on(caption_beside_a_line)):
        return lines
    config = run.config
    credits_on, captions_on = run.on(credit_after_caption), run.on(caption_beside_a_line)
    out: list[Line] = []
    skip = 0
    for k, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        found = _credit_cut(line.text, _following(nxt, line), config, credits_on)
        # (a line with no space in it, most lines, holds no caption beside it)
        beside = caption_beside_a_line(
            line.text, [l.text for l in lines[k + 1:k + 1 + CAPTION_LINES]], config
        ) if found is None and captions_on and (" " in line.text or "\u3000" in line.text) \
            else None
        if beside is not None:      # the caption, its lines read as one: a credit may follow
            start, more = beside
            text = line.text[start:].strip() + "".join(l.text for l in lines[k + 1:k + 1 + more])
            run.decide(caption_beside_a_line, (line.no, lines[k + more].no),
                       f"a caption beside the line: {text}")
            first, line = _piece(line, 0, start), _piece(line, start, len(line.text), text)
            first.width, line.width = width_of(first.text, config), width_of(text, config)
            out.append(first)
            skip, nxt = more, lines[k + 1 + more] if k + 1 + more < len(lines) else None
            found = _credit_cut(line.text, _following(nxt, line), config, credits_on)
        end = (credit_before_gap(line.text, config) if found is None and line.text and credits_on
               else None)
        if end is not None:
            first, rest = _piece(line, 0, end), _piece(line, end, len(line.text))
            first.width, rest.width = width_of(first.text, config), width_of(rest.text, config)
            out += [first, rest]
            run.decide(credit_after_caption, (line.no, line.no),
                       f"photo credit before a column gap: {first.text}")
            continue
        if found is None:
            out.append(line)
            continue
        p, wrapped = found
        if p:
            caption = _piece(line, 0, p)
            caption.width = width_of(caption.text, config)
            out.append(caption)
        credit = line.text[p:].strip()
        if wrapped:
            assert nxt is not None
            credit += nxt.text
            skip += 1
        parts = credit_parts(credit, config)
        for a, b in zip(parts, [*parts[1:], len(credit)]):
            # (each credit a line of its own, where it starts on the line)
            piece = _piece(line, min(p + a, len(line.text)), len(line.text), credit[a:b].strip())
            piece.width = width_of(piece.text, config)
            out.append(piece)
        last = nxt.no if wrapped and nxt is not None else line.no
        how = "wrapped onto the next line" if wrapped else "run on after the caption"
        run.decide(credit_after_caption, (line.no, last), f"photo credit {how}: {credit}")
    return out
