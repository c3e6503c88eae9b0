"""The data that flows through the pipeline: lines -> blocks -> articles -> page.

Every stage adds to these records instead of rewriting text behind the engine's back:
layout decisions are `Decision`s, text changes are `Edit`s. Both carry the id of the rule that made
them and the input line numbers they concern, so `--explain`, `--diff` and editor diagnostics are
all views of the same records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

# Line kinds decided by the line rules.
BODY = "body"
FURNITURE = "furniture"
CREDIT = "credit"
AUTHOR = "author"          # a standalone author line: `本报记者 杨丽萍`, `庄周`
SEPARATOR = "separator"    # `* * *`, reflow's own article separator

# Parts of a run of lines of a glyph each (L48): the page's header, a headline; else text.
GLYPH_HEADER = "header"
GLYPH_HEADLINE = "headline"

# Block kinds (the JSON schema's `kind`, plus the layout-only ones).
PARAGRAPH = "paragraph"
SUBHEAD = "subhead"
BYLINE = "byline"
HEADLINE = "headline"      # a standalone line that a structure rule moved to an article's top


@dataclass(slots=True)
class Line:
    """One physical input line (1-based `no`), as read, with what the line rules found out
    about it."""

    no: int
    page: int
    raw: str                    # the line without its line ending
    text: str                   # `raw` without leading and trailing white space
    indent: int = 0             # leading white space, in display cells
    width: int = 0              # display cells of `text` (East Asian Width)
    kind: str = BODY
    blank_before: bool = (
        False  # a blank line (or a page or furniture gap) separates it from the previous body line
    )
    page_break_before: bool = False
    opening: bool = False       # starts with an article opening such as `本报讯（记者 X）`
    closing: bool = False       # ends with a closing byline such as `（记者 X）`
    byline_head: bool = (
        False  # ends with the first part of a closing byline wrapped to the next line
    )
    # a line of white space alone came right before it: the space at a line's end, written by
    # some extractors as a line of its own
    space_before: bool = False
    drawn_twice: bool = False   # a headline line the PDF drew twice (L09 kept it once)
    glyph: bool = False         # one of a run of lines of a glyph each (L47)
    # where the run's text shows a seam (L48): a glyph that starts a part, and the part's kind
    glyph_seam: bool = False
    glyph_part: str = ""        # GLYPH_HEADER, GLYPH_HEADLINE or "": text
    col: int = 0  # where `raw` starts in its input line (after form feeds), for editors
    start: int = 0  # where `text` starts in the input (line endings read as one `\n`)
    # read region by region from a page written as laid out (L49): its place in the page's
    # reading order, not its input line's number, says where it stands
    laid_out: bool = False
    # put back in column order from a page read across its columns (L42, L46): within its
    # article, its place in that order, not its input line's number, says where it stands
    dealt: bool = False


# the column widths before and after each body line, kept by `column_key`
ColumnWidths = dict[tuple[int, int], tuple[Optional[int], Optional[int]]]


def column_key(line: Line) -> tuple[int, int]:
    """Where the column widths around a body line are kept: its input line, or on a page read
    region by region (L49), where an input line holds lines of several columns, the line itself.
    (Lines of columns dealt out of one input line, L42, keep sharing their input line's.)"""
    return (line.no, id(line) if line.laid_out else 0)


@dataclass(slots=True)
class Block:
    """A run of lines that belong together: a paragraph, or one standalone line."""

    kind: str
    lines: list[Line]
    text: str = ""
    standalone: bool = (
        False  # a short line that is not inside a sentence (headline or subhead candidate)
    )

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no


@dataclass
class Article:
    headlines: list[str] = field(default_factory=list)
    byline: str | None = None
    blocks: list[Block] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    # the input line of each headline and credit, for --explain and diagnostics
    headline_lines: list[int] = field(default_factory=list)
    credit_lines: list[int] = field(default_factory=list)
    # started only because the column width changed: may be the same story going on
    tentative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "headlines": list(self.headlines),
            "byline": self.byline,
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "credits": list(self.credits),
        }


@dataclass(frozen=True)
class Edit:
    """A change of text made by a rule: `before` became `after`.

    `lines` are the input lines (first, last) the change concerns; `span` is the character range of
    `before` in the block text the rule saw, when the rule works inside a block; `at` is where
    `before` starts in the input (line endings read as one `\n`), for an edit made where two lines
    are joined, before any block text exists.
    """

    rule: str
    lines: tuple[int, int]
    before: str
    after: str
    span: tuple[int, int] | None = None
    at: int | None = None


@dataclass(frozen=True)
class Decision:
    """A layout decision that moves or classifies text without changing it."""

    rule: str
    lines: tuple[int, int]
    message: str
    weak: bool = False          # the evidence was thin: said so in --explain


@dataclass
class Page:
    """The result of reflowing one input: articles, set-aside text, and the record of how."""

    articles: list[Article] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    # what the reader should know about the input (once per page): not part of the result
    warnings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        """A summary a REPL can show (the lines behind each block run to pages): the articles
        by their first headline, and how much was set aside and recorded."""
        titles = [a.headlines[0] if a.headlines else "" for a in self.articles]
        return (f"Page(articles={titles!r}, furniture={len(self.furniture)}, "
                f"unplaced={len(self.unplaced)}, edits={len(self.edits)}, "
                f"decisions={len(self.decisions)})")

    def to_dict(self) -> dict[str, Any]:
        """The JSON schema of `--format json`."""
        return {
            "articles": [a.to_dict() for a in self.articles],
            "furniture": list(self.furniture),
            "unplaced": list(self.unplaced),
        }

    def explain(self) -> list[str]:
        """Every decision and edit, in input order, one line each, as `--explain` prints them."""
        records: list[tuple[int, int, str]] = []
        for d in self.decisions:
            weak = " (weak evidence)" if d.weak else ""
            records.append((d.lines[0], 0, f"{_where(d.lines)} {d.rule} {d.message}{weak}"))
        for e in self.edits:
            records.append(
                (e.lines[0], 1, f"{_where(e.lines)} {e.rule} {e.before!r} -> {e.after!r}")
            )
        records.sort(key=lambda r: (r[0], r[1]))
        return [r[2] for r in records]


def _where(lines: tuple[int, int]) -> str:
    a, b = min(lines), max(lines)   # lines put back in column order may run backwards
    return f"L{a}" if a == b else f"L{a}-{b}"
