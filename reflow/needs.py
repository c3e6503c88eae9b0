"""A character every match of a line pattern holds, read from the pattern's source (issue 15).

A pattern searched alone is fast where the `regex` engine first looks for a literal it needs
(L01's header of fields needs `年`); joined with others (`config.any_of`) it loses that check and
is tried on every line. A pattern with such a character is asked alone, and only on a text that
holds the character. The reading is conservative: where the source holds anything it does not
follow (a nested set, a comment, flags that change what a literal matches), no character.
"""
from __future__ import annotations

import regex

# Flags under which a literal may match another character, or the source is not read as here.
_OTHER_READING = regex.IGNORECASE | regex.VERBOSE | regex.V1
# After a literal: a quantifier that lets the literal be absent.
_OPTIONAL = ("?", "*", "{")


def needed_char(pattern: regex.Pattern[str]) -> str | None:
    """The first non-ASCII literal of `pattern` outside groups and sets and not made optional by
    a quantifier, when no alternation sits at the pattern's top: every match holds it. None if
    there is none. ASCII characters are never taken (they may be syntax: `.`, `^`, `{`)."""
    s = pattern.pattern
    if pattern.flags & _OTHER_READING or "(?#" in s:
        return None
    depth, i = 0, 0
    found: str | None = None
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2  # an escape: `\d`, `\(`; what follows it (`{Han}` of `\p{Han}`) is ASCII
            continue
        if c == "[":
            i = _set_end(s, i)
            if i < 0:
                return None
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return None  # `a|b`: a match may hold either side's characters only
        elif (found is None and depth == 0 and not c.isascii()
              and s[i + 1:i + 2] not in _OPTIONAL):
            found = c
        i += 1
    return found


def _set_end(s: str, i: int) -> int:
    """The index after the set that opens at `s[i]` (`[`), or -1 if the set holds a nested set or
    a POSIX class (not followed here) or does not close."""
    j = i + 1
    if s[j:j + 1] == "^":
        j += 1
    if s[j:j + 1] == "]":  # a `]` first in a set is a literal
        j += 1
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "[":
            return -1
        if s[j] == "]":
            return j + 1
        j += 1
    return -1
