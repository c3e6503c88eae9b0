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


# Escapes that stand for one character of a class or a literal, whatever comes around them
_CLASS_ESCAPES = frozenset("dDsSwW")
# ... and those that match where they stand, no character
_ANCHOR_ESCAPES = frozenset("bBAZzGmM")
_QUANTIFIER = regex.compile(r"[*+?]|\{\d+(?:,\d*)?\}|\{,\d+\}")
_PROPERTY = regex.compile(r"\\[pP](?:\{[^{}\\]*\}|[A-Za-z])")


def needed_run(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """A pattern every match of `pattern` holds a match of, stricter than its `needed_char`:
    the run of atoms next to that character at the pattern's top that match a character each
    whatever stands around them (literals, sets, class escapes, `.`), each with its quantifier
    (L01's header of fields: `\\d{4}\\s*年`). Searched first, it spares the whole pattern's
    backtracking on the many lines that hold the character but not the run. None where there
    is no such character, the run is the character alone, or the source holds what is not
    followed here."""
    char = needed_char(pattern)
    atoms = _atoms(pattern.pattern) if char is not None else None
    if atoms is None:
        return None
    at = next((k for k, (src, quant, _) in enumerate(atoms)
               if src == char and quant[:1] not in _OPTIONAL), None)
    if at is None:
        return None
    first = last = at
    while first > 0 and atoms[first - 1][2]:
        first -= 1
    while last + 1 < len(atoms) and atoms[last + 1][2]:
        last += 1
    if first == last:
        return None
    return regex.compile("".join(src + quant for src, quant, _ in atoms[first:last + 1]),
                         pattern.flags)


def _atoms(s: str) -> list[tuple[str, str, bool]] | None:
    """The atoms at the top of pattern source `s`, in order: (source, quantifier, simple), where
    a simple atom matches one character by itself, with no lazy or possessive quantifier. None
    where the source holds an alternation at its top or anything not followed here."""
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            prop = _PROPERTY.match(s, i)
            if prop:
                end, simple = prop.end(), True
            else:
                nxt = s[i + 1:i + 2]
                end = i + 2
                simple = nxt in _CLASS_ESCAPES or nxt.isascii() and not nxt.isalnum()
                if not simple and nxt not in _ANCHOR_ESCAPES:
                    return None     # `\x41`, `\1`, `\N{...}`: longer than two characters
        elif c == "[":
            end, simple = _set_end(s, i), True
            if end < 0:
                return None
        elif c == "(":
            end, simple = _group_end(s, i), False
            if end < 0:
                return None
        elif c == "|" or c in "])}":
            return None
        elif c in "^$":
            end, simple = i + 1, False
        else:       # `.`, or a literal (`{`, `*`, `+`, `?` here would follow no atom)
            if c in "{*+?":
                return None
            end, simple = i + 1, True
        quant = _QUANTIFIER.match(s, end)
        q = quant.group() if quant else ""
        if q and s[end + len(q):end + len(q) + 1] in ("?", "+"):
            return None     # lazy or possessive: not followed
        if not q and s[end:end + 1] == "{":
            return None     # a brace that is no quantifier
        out.append((s[i:end], q, simple))
        i = end + len(q)
    return out


def _group_end(s: str, i: int) -> int:
    """The index after the group that opens at `s[i]`, or -1 (a set not followed, no close)."""
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _set_end(s, j)
            if j < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1
