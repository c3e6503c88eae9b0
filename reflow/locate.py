"""Where each record of a page stands in the input: edits and decisions as editor diagnostics.

The pipeline records an edit against the text it worked on (a block's joined lines, after the rules
before it ran), which is cheap and enough for `--explain`. Editors need input positions instead, so
this module replays the records: it rebuilds each piece of text from its input lines, keeps for
every character the input offset it came from, and moves that map through the edits in the order
they were made. Nothing here runs unless diagnostics are asked for.

Positions are 1-based lines and columns, columns counted in Unicode code points; the end is
exclusive (the column after the last character of the range).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Block, Decision, Edit, Page

NONE = -1  # a character that no input character stands behind (an inserted space)


@dataclass(frozen=True)
class Diagnostic:
    """One edit or decision, located in the input."""

    rule: str
    message: str
    start: tuple[int, int]          # (line, column), 1-based
    end: tuple[int, int]            # exclusive
    replacement: str | None         # what replaces the range; None for a decision or a report
    weak: bool = False              # a decision made on thin evidence, or a space kept and reported

    def to_dict(self, file: str | None = None) -> dict[str, Any]:
        """The record of `--format diagnostics` (one JSON object a line)."""
        return {
            "file": file,
            "start": {"line": self.start[0], "column": self.start[1]},
            "end": {"line": self.end[0], "column": self.end[1]},
            "rule": self.rule,
            "message": self.message,
            "replacement": self.replacement,
            "severity": "info" if self.replacement is None else "warning",
        }


class _Input:
    """The input as the reader saw it: line endings made `\\n`, with the offset of each line."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines = self.text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self.starts, offset) - 1
        return row + 1, offset - self.starts[row] + 1

    def line_end(self, no: int) -> int:
        return self.starts[no - 1] + len(self.lines[no - 1])

    def stripped(self, no: int, text: str | None = None, col: int = 0) -> list[int]:
        """Offsets of the characters of line `no` without its surrounding white space (or of
        `text`, the part of it a form feed set apart, found from column `col` on)."""
        raw = self.lines[no - 1]
        if text is None:
            text = raw.strip()
        at = raw.find(text, col) if text else col
        base = self.starts[no - 1] + max(at, 0)
        return list(range(base, base + len(text)))


def _block_origin(block: Block, joins: set[int]) -> list[int]:
    """The input offset of each character of a block's joined text: its lines' characters, less
    a hyphen and plus a space where the join edits say so (`joins`: their input offsets)."""
    origin: list[int] = []
    for line in block.lines:
        if origin and origin[-1] in joins:       # L21 took the hyphen that ends the line before
            origin.pop()
        elif origin and origin[-1] + 1 in joins:  # L20 put a space after it
            origin.append(NONE)
        origin += range(line.start, line.start + len(line.text))
    return origin


def _joins(page: Page) -> set[int]:
    """The input offsets of the edits made where two lines were joined."""
    return {e.at for e in page.edits if e.at is not None}


def _span(origin: Sequence[int], s: int, e: int, fallback: int) -> tuple[int, int]:
    """The input range behind characters s..e of a text whose characters came from `origin`."""
    known = [o for o in origin[s:e] if o != NONE]
    if known:
        return min(known), max(known) + 1
    for o in origin[e:]:             # an insertion, or only inserted characters: a point
        if o != NONE:
            return o, o
    for o in reversed(origin[:s]):
        if o != NONE:
            return o + 1, o + 1
    return fallback, fallback


def _replay(
    edits: list[Edit], origin: list[int], fallback: int
) -> tuple[list[tuple[Edit, int, int]], list[int]]:
    """Locate edits of one piece, made rule after rule (each rule's spans refer to the text
    before it ran), carrying the origin map through each rule's changes; and the final map.
    A replacement of another length keeps the origins of the characters it overwrites in order."""
    out = []
    i = 0
    while i < len(edits):
        j = i
        while j < len(edits) and edits[j].rule == edits[i].rule:
            j += 1
        new: list[int] = []
        pos = 0
        for e in edits[i:j]:
            s, t = e.span or (0, len(origin))
            out.append((e, *_span(origin, s, t, fallback)))
            new += origin[pos:s]
            kept = origin[s:min(t, s + len(e.after))]
            new += kept + [NONE] * (len(e.after) - len(kept))
            pos = t
        origin = new + origin[pos:]
        i = j
    return out, origin


def _final(text: str, origin: list[int], s: int, t: int) -> str:
    """The characters of the final `text` that stand for input range s..t: those that came from
    it, and those inserted inside it (or, for an empty range, at it)."""
    out = []
    before = -1                                  # the origin of the last known character seen
    for c, o in zip(text, origin):
        if o == NONE:
            if (s <= before < t - 1) if s < t else before + 1 == s:
                out.append(c)
        else:
            if s <= o < t:
                out.append(c)
            before = o
    return "".join(out)


def _pieces(
    source: _Input, page: Page, output: str | None
) -> dict[tuple[int, int], tuple[list[int], str]]:
    """The origin map and final text of every piece the inline rules ran on, by its input lines."""
    if output is not None:
        finals = output.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return {(no, no): (list(range(source.starts[no - 1], source.line_end(no))), finals[no - 1])
                for no in range(1, min(len(source.lines), len(finals)) + 1)}
    pieces: dict[tuple[int, int], tuple[list[int], str]] = {}
    joins = _joins(page)
    for a in page.articles:
        for no, final in (*zip(a.headline_lines, a.headlines), *zip(a.credit_lines, a.credits)):
            pieces[(no, no)] = (source.stripped(no, _part(source.lines[no - 1])), final)
        for b in a.blocks:
            pieces[(b.first, b.last)] = (_block_origin(b, joins), b.text)
    return pieces


def _part(raw: str) -> str:
    """The text of a line that a form feed may cut: its first part that holds anything."""
    return next((p.strip() for p in raw.split("\f") if p.strip()), "")


def _message(e: Edit, names: dict[str, str]) -> str:
    name = names.get(e.rule, "")
    if not e.after:
        what = f"remove {e.before!r}"
    elif not e.before:
        what = f"insert {e.after!r}"
    else:
        what = f"{e.before!r} -> {e.after!r}"
    return f"{name}: {what}" if name else what


def diagnostics(text: str, page: Page, names: dict[str, str] | None = None,
                inline_output: str | None = None) -> list[Diagnostic]:
    """Every edit and decision of `page` (made from `text`) located in `text`, in input order.

    `names` maps rule ids to names for the messages. `inline_output`: `page` is the record of
    `normalize_and_explain`, which made this text; its pieces are whole lines. The replacement of
    each edit is the final text of its range, once every rule has run: where one rule changed what
    another made (two spaces made one, then removed), each fix still gives the formatted result."""
    source = _Input(text)
    names = names or {}
    pieces = _pieces(source, page, inline_output)
    by_piece: dict[tuple[int, int], list[Edit]] = {}
    out: list[Diagnostic] = []
    for e in page.edits:
        if e.at is not None:  # a line join: L20 inserts a space, L21 a hyphen goes
            out.append(_diag(source, e, e.at, e.at + len(e.before), names))
        else:
            by_piece.setdefault(e.lines, []).append(e)
    for key, edits in by_piece.items():
        origin, final = pieces.get(key, (None, None))
        if origin is None:                       # not a piece we know: the whole lines
            origin = list(range(source.starts[min(key) - 1], source.line_end(max(key))))
        located, after = _replay(edits, origin, source.starts[key[0] - 1])
        for e, s, t in located:
            fix = (
                _final(final, after, s, t)
                if final is not None and len(after) == len(final)
                else e.after
            )
            out.append(_diag(source, e, s, t, names, fix))
    out += [_decision(source, d) for d in page.decisions]
    out.sort(key=lambda d: (d.start, d.end, d.replacement is None, d.rule))
    return out


def _diag(
    source: _Input, e: Edit, s: int, t: int, names: dict[str, str], fix: str | None = None
) -> Diagnostic:
    return Diagnostic(e.rule, _message(e, names), source.position(s), source.position(t),
                      e.after if fix is None else fix)


def _decision(source: _Input, d: Decision) -> Diagnostic:
    # lines put back in column order (L42) may make a pair of lines run backwards in the input
    first, last = min(d.lines), max(d.lines)
    return Diagnostic(
        d.rule, d.message, (first, 1), source.position(source.line_end(last)), None, d.weak
    )


def _neg(pos: tuple[int, int]) -> tuple[int, int]:
    return -pos[0], -pos[1]


def apply(text: str, located: Iterable[Diagnostic]) -> str:
    """`text` with the replacements of `located` made (non-overlapping, any order): what an
    editor does with a set of quick fixes."""
    source = _Input(text)

    def offset(pos: tuple[int, int]) -> int:
        return source.starts[pos[0] - 1] + pos[1] - 1

    out: list[str] = []
    pos = 0
    fixes = sorted((d for d in located if d.replacement is not None),
                   key=lambda d: (d.start, d.start != d.end, _neg(d.end)))
    for d in fixes:                              # at one start: an insertion, then the widest range
        s, t = offset(d.start), offset(d.end)
        if s < pos:
            continue                             # overlaps one already made
        out += [source.text[pos:s], d.replacement or ""]
        pos = t
    return "".join(out) + source.text[pos:]
