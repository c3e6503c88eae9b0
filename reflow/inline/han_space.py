"""SP11, in code: a space between two Han characters is a layout artifact or a separator of names.

PDF extraction and justified columns leave spaces inside words (`能源政 策`); bylines and lists set
names apart with one (`记者 文月婷`, `赵鹏 文静`). A pattern cannot tell them apart, the lengths of
the Han runs on each side can: a name has two to four characters, so a run of one next to a longer
one, or a run of five or more, is a word that was cut; so are single characters spaced out inside a
sentence (`“105” 代 表 朝 阳 ，`: a justified line). Where both runs could be names, the space
is kept and reported (a weak decision in `--explain`), never guessed away.
"""
from __future__ import annotations

import regex

from typing import TYPE_CHECKING

from ..config import Config
from ..model import PARAGRAPH
from ..rule import rule

if TYPE_CHECKING:
    from ..run import Run

_GAP = regex.compile(r"(?<=\p{Han})[ \t\u00a0\u2009\u202f]+(?=\p{Han})")  # not U+3000: deliberate
_RUN = regex.compile(r"\p{Han}+")
_RUN_BEFORE = regex.compile(r"(?r)\p{Han}+")
_SPACED_OUT = regex.compile(r"\p{Han}(?:[ \u3000]\p{Han})+")
# four or more single characters spaced out: a justified line, whatever words they spell
_SPACED_RUN = regex.compile(r"(?<!\p{Han})\p{Han}(?: \p{Han}){3,}(?!\p{Han})")
_BRACKETS = regex.compile(r"[（(][^（）()\n]{1,40}[）)]")
NAME_MAX = 4   # the longest name: a compound surname and two characters


def _role_before(left: str, config: Config) -> bool:
    """`left` ends with a role written before a name: a word of two or more characters as its
    end (`本报记者`), a one-character role only as the whole run (`文 张三`, not `中文 教学`)."""
    return any(left.endswith(r) if len(r) > 1 else left == r for r in config.roles)


def _in_role_brackets(text: str, pos: int, config: Config) -> bool:
    """`pos` lies in brackets that hold a role: `（记者 张三 李四）`."""
    return any(m.start() < pos < m.end() and any(r in m.group() for r in config.roles if len(r) > 1)
               for m in _BRACKETS.finditer(text, max(0, pos - 42), pos + 42))


# a wider gap after a character spaced out from the one before it (`记 者  戴 永`): in a line an
# extractor spaced out character by character, the space the line itself held
_WIDER_GAP = regex.compile(r" \p{Han}[ ]{2,}\p{Han}")


def _wider(text: str, gap: regex.Match[str]) -> bool:
    """The `gap` (a match of `_GAP`) is a wider gap among characters spaced out."""
    at = gap.start()
    return at >= 2 and _WIDER_GAP.fullmatch(text, at - 2, gap.end() + 1) is not None


def _wider_gaps_as_spaces(text: str, lines: tuple[int, int], run: Run) -> str:
    """`text` with each wider gap among characters spaced out (`_WIDER_GAP`) made one space."""
    out: list[str] = []
    pos = 0
    for m in _GAP.finditer(text):
        if _wider(text, m):
            out.append(text[pos:m.start()] + " ")
            run.edit(no_space_inside_han_word, lines, m.group(), " ", (m.start(), m.end()))
            pos = m.end()
    return "".join(out) + text[pos:] if out else text


def gap_kind(left: str, right: str, names: bool) -> str:
    """What a space between the Han runs `left` and `right` is: "name" (keep), "split" (remove)
    or "unsure" (keep and report). `names`: the role words around it say names are here."""
    if names:
        return "name"
    short, long_ = sorted((len(left), len(right)))
    if long_ > NAME_MAX or (short == 1 and long_ > 1):
        return "split"
    return "unsure"


@rule("SP11", "no-space-inside-han-word", "inline")
def no_space_inside_han_word(text: str, kind: str, lines: tuple[int, int], run: Run,
                             kept: list[tuple[int, int]] | None = None) -> str:
    """Remove a space between two Han characters in a paragraph where it cuts a word (`能源政 策`
    -> `能源政策`): a run of five or more Han characters on one side, or of one character beside a
    longer run, is not a name. Kept after a role (`记者 文月婷`), before a credit word (`马海龙 摄`),
    inside a byline's brackets, and in headlines, subheads, bylines and credits, where a space
    separates phrases or names. Two runs of two to four characters (`赵鹏 文静`) could be names:
    the space is kept and reported as weak evidence. Single characters spaced out inside a
    sentence (a justified line) are joined, a one-character role among them too (`市 图 书 馆`).
    Both spacing modes. In a line spaced out character by character, a wider gap (`记 者  戴 永`)
    is the line's own space: one space, kept, in a block of any kind. `kept`: spans left alone
    (the spaces of a dateline, SP12)."""
    if not _GAP.search(text):
        return text
    if kind != PARAGRAPH:
        return _wider_gaps_as_spaces(text, lines, run)
    # a text of single characters spaced out and nothing else may be a list of one-character
    # names: left to SP09, which is off by default
    spaced_out = _SPACED_OUT.fullmatch(text) is not None
    config = run.config
    out: list[str] = []
    pos = 0
    letter_spaced = [] if spaced_out else [r.span() for r in _SPACED_RUN.finditer(text)]
    for m in _GAP.finditer(text):
        if kept and any(m.start() < k[1] and k[0] < m.end() for k in kept):
            continue
        left = _RUN_BEFORE.search(text, 0, m.start()).group()
        right = _RUN.match(text, m.end()).group()
        if _wider(text, m):
            # the line's own space among characters spaced out: one space, kept
            out.append(text[pos:m.start()] + " ")
            run.edit(no_space_inside_han_word, lines, m.group(), " ", (m.start(), m.end()))
            pos = m.end()
            continue
        # (a one-character role, `图`, spelt out in a justified line is no role: `市 图 书 馆`)
        names = not any(a < m.start() < b for a, b in letter_spaced) and (
            _role_before(left, config) or right in config.credit_words
            or _in_role_brackets(text, m.start(), config))
        verdict = gap_kind(left, right, names)
        if verdict == "unsure" and len(left) == len(right) == 1 and not spaced_out:
            verdict = "split"  # `代 表 朝 阳` inside a sentence: a justified line spaced out
        if verdict == "unsure":
            run.decide(no_space_inside_han_word, lines, f"kept the space in {left}{m.group()}"
                       f"{right}: names, or a word the layout split?", weak=True)
        if verdict != "split":
            continue
        out.append(text[pos:m.start()])
        run.edit(no_space_inside_han_word, lines, m.group(), "", (m.start(), m.end()))
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
