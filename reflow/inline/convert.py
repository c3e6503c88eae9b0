"""Inline rules in code: Traditional/Simplified conversion (OpenCC) and the choice of quotes.

Both change characters, so both are declared to delete: the conservation check accounts for
every character they change through their edits.
"""
from __future__ import annotations

import os
from functools import lru_cache

import opencc

from typing import TYPE_CHECKING, Any

from ..config import ConfigError
from ..rule import Rule, rule

if TYPE_CHECKING:
    from ..run import Run

QUOTE_STYLES = ("corner", "curly")
_TO_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def conversions() -> tuple[str, ...]:
    """The OpenCC conversions available, by name (`t2s`, `s2tw`, `s2hk`, `tw2s`, ...)."""
    folder = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
    try:
        return tuple(sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")))
    except OSError:
        return ("hk2s", "s2hk", "s2t", "s2tw", "s2twp", "t2s", "tw2s", "tw2sp")


@lru_cache(maxsize=8)
def _converter(name: str) -> opencc.OpenCC:
    if name not in conversions():
        raise ConfigError(f"unknown conversion {name!r}; choose from {', '.join(conversions())}")
    return opencc.OpenCC(name)


def check(convert: str | None, quotes: str | None) -> None:
    """Fail early, with the choices, on a conversion or quote style that does not exist."""
    if convert is not None:
        _converter(convert)
    if quotes is not None and quotes not in QUOTE_STYLES:
        raise ConfigError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {quotes!r}")


def _record(
    rule: Rule[..., Any], before: str, after: str, lines: tuple[int, int], run: Run
) -> None:
    """One edit per run of changed characters (one for the whole text if the length changed)."""
    if before == after:
        return
    if len(before) != len(after):
        run.edit(rule, lines, before, after, (0, len(before)))
        return
    i = 0
    while i < len(before):
        if before[i] == after[i]:
            i += 1
            continue
        j = i
        while j < len(before) and before[j] != after[j]:
            j += 1
        run.edit(rule, lines, before[i:j], after[i:j], (i, j))
        i = j


@rule("CV01", "convert-script", "inline", deletes=True, default=False)
def convert_script(text: str, convert: str | None, lines: tuple[int, int], run: Run) -> str:
    """Convert between Traditional and Simplified Chinese with OpenCC (`--convert t2s`, `s2tw`,
    `s2hk`, `tw2s`, ...), phrases and regional words included, on every part of an article:
    headlines, paragraphs, credits. Off unless a conversion is asked for."""
    if not convert:
        return text
    out = _converter(convert).convert(text)
    _record(convert_script, text, out, lines, run)
    return out


@rule("QU01", "quote-style", "inline", deletes=True, default=False)
def quote_style(text: str, quotes: str | None, lines: tuple[int, int], run: Run) -> str:
    """Write quotes as corner brackets (`「」『』`, Taiwan and Hong Kong) or curly quotes (`“”‘’`,
    the mainland), only when asked (`--quotes corner|curly`): a conversion of script alone
    leaves the quotes as they were."""
    if not quotes:
        return text
    out = text.translate(_TO_CORNER if quotes == "corner" else _TO_CURLY)
    _record(quote_style, text, out, lines, run)
    return out
