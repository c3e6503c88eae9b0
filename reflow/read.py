"""Stage 1, read: text -> physical lines, with page numbers and widths.

Line endings may be LF, CRLF or CR; a form feed starts a new page (pdftotext puts one at the start
of each page's first line). Line numbers are those of the input, 1-based, so that every later
record can point back to it.
"""
from __future__ import annotations

import regex

from .config import Config
from .lines.measure import display_width, indent_width
from .model import Line


# Spaces that justification put between CJK text and a half-width run, or one space between two
# Han characters (a stretched gap that extraction wrote out), take no room of their own in the
# column.
_LAYOUT_SPACE = regex.compile(
    r"(?<=[^\x00-\x7f]) +(?=[!-~])|(?<=[!-~]) +(?=[^\x00-\x7f])|(?<=\p{Han}) (?=\p{Han})"
)


def read_lines(text: str, config: Config) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    ambiguous = config.width["ambiguous"]
    lines: list[Line] = []
    page = 1
    offset = 0  # where the input line starts
    for no, raw in enumerate(text.split("\n"), start=1):
        parts = raw.split("\f")
        col = 0
        for i, part in enumerate(parts):
            if i:
                page += 1
            stripped = part.strip()
            lead = len(part) - len(part.lstrip())
            line = Line(no=no, page=page, raw=part, text=stripped,
                        indent=indent_width(part),
                        width=display_width(_LAYOUT_SPACE.sub("", stripped) if " " in stripped
                                            else stripped, ambiguous),
                        page_break_before=bool(i), col=col, start=offset + col + lead)
            lines.append(line)
            col += len(part) + 1
        offset += len(raw) + 1
    return lines
