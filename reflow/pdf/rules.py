"""The rules of the PDF road, declared once: id, name and why. Decisions name them by these ids;
`reflow rules` lists them (family `pdf`).

They read geometry and fonts, which no text example can show, so they live in a table of their
own; `tests/test_pdf.py` checks that each is documented and fires on the generated pages.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfRule:
    id: str
    name: str
    doc: str
    deletes: bool = False


def _rule(id: str, name: str, doc: str, deletes: bool = False) -> PdfRule:
    return PdfRule(id, name, " ".join(doc.split()), deletes)


BASELINE = _rule("P01", "line-on-baseline", """Characters whose vertical middles share a band are
    one line, read left to right; spaces the PDF does not hold are put back where the gap between
    two glyphs is a fifth of an em beside a digit or Latin letter, or most of an em anywhere
    (justified Han lines spread their glyphs less than that).""")
COLUMNS = _rule("P02", "columns-from-gutters", """A vertical gap of half an em or more that runs the
    whole height of a region (pictures count as text) is a gutter: the region is cut there into
    columns, read left to right; where a region could be cut either way, the wider gap goes
    first. A first column that runs longer than the others is read whole before the next.""")
REGIONS = _rule("P03", "regions-from-bands", """A horizontal gap clearly wider than the page's line
    gap, or a change of type between two rows, cuts a region into parts read top to bottom, so a
    headline over several columns is read before them and each story before the next.""")
EDGE_FURNITURE = _rule("P04", "furniture-in-edge-band", """A single row in the top or bottom band
    of the page is a running header or footer when a rule line sets it off, when it holds
    several pieces spread across the page, or when it reads like one (a date, an edition, a
    page number).""")
REPEATED_FURNITURE = _rule("P05", "furniture-repeated", """A row in the edge band whose text, digits
    aside, comes back on another page is furniture.""")
HEADLINE_SIZE = _rule("P06", "headline-from-size", """A line set clearly larger than the body type
    is a headline; a group of them (kicker, title, subtitle, in reading order) opens an article. A
    short centred line over the whole text width is a headline too.""")
SUBHEAD = _rule("P07", "subhead-bold-or-centred", """A single line at body size, bold or centred in
    its column and not a paragraph's end, is a subhead inside the article.""")
CAPTION = _rule("P08", "caption-small-type", """Small type next to a picture box is its caption,
    kept as a paragraph of the article; a caption line that reads as a photo credit is the article's
    credit.""")
BYLINE = _rule("P09", "byline-line", """A line holding only an author (`文／记者 陈晶`), or a name of
    a common surname standing alone between the headline and the first paragraph, is the
    article's byline block.""")
KANGXI = _rule("P10", "kangxi-radical-to-ideograph", """Some PDFs map ideographs to the look-alike
    Kangxi radicals (`⽼` U+2F7C for 老): they are mapped back, an edit declared to change
    characters.""", deletes=True)
INDENT = _rule("P11", "paragraph-from-indent", """A line whose start is indented from its column's
    left edge by most of an em opens a paragraph.""")
SHORT_LAST = _rule("P12", "paragraph-end-short-line", """A line that stops an em or more before its
    column's right edge, more than the next line's first unbreakable piece would have needed,
    ends its paragraph; a full line goes on in the next, across columns and pages.""")

ALL = (BASELINE, COLUMNS, REGIONS, EDGE_FURNITURE, REPEATED_FURNITURE, HEADLINE_SIZE, SUBHEAD,
       CAPTION, BYLINE, KANGXI, INDENT, SHORT_LAST)


def listed() -> list:
    """The PDF rules as the registry's records, for `reflow rules` (family `pdf`)."""
    from ..rule import Rule
    return [Rule(r.id, r.name, "pdf", r.doc, (), r.deletes) for r in ALL]
