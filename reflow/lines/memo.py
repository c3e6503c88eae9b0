"""Stage 2a: what the line pre-passes ask of a line's text, asked once a window.

L46 (deinterleave.py), L41 and L42 (columns.py) and the line kinds (classify.py) each read every
line of a page: where its text parts at gaps (`pieces.cut`) and whether it is a running header
or footer (L01). Both answers depend on the text alone, so a window's lines are asked once and
the answers kept by text: the pre-passes work on the same lines, or on lines they cut from them.
"""
from __future__ import annotations

from ..config import Config
from ..model import Line
from .classify import furniture_pattern
from .pieces import Piece, cut


class LineMemo:
    """The pieces and the L01 answer of each text asked for, kept for one window's lines."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._pieces: dict[str, list[Piece]] = {}
        self._furniture: dict[str, bool] = {}

    def pieces(self, text: str) -> list[Piece]:
        """`cut(text)`: its pieces between gaps that may be column gaps. The list is shared by
        every caller: read it, do not change it."""
        found = self._pieces.get(text)
        if found is None:
            found = self._pieces[text] = cut(text, self.config)
        return found

    def furniture(self, line: Line) -> bool:
        """`furniture_pattern` (L01) of `line`: a running header or footer by its text."""
        found = self._furniture.get(line.text)
        if found is None:
            found = self._furniture[line.text] = furniture_pattern(line, self.config)
        return found
