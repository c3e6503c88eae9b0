"""Display widths: what a CJK font sets full width counts two cells, as the page measured it."""
from __future__ import annotations

import pytest

from reflow.lines.measure import display_width


@pytest.mark.parametrize(("text", "cells"), [
    ("汉字", 4),
    ("2024年", 6),
    ("……", 4),        # doubled ellipsis: full width in CJK fonts
    ("——", 4),        # doubled dash: the same
    ("-3℃～5℃", 9),   # the degree sign too, as a weather report's full line shows
    ("“汉”", 4),      # curly quotes stay ambiguous: one cell unless asked
])
def test_display_width_counts_what_cjk_fonts_set_full_width(text: str, cells: int) -> None:
    assert display_width(text) == cells


def test_ambiguous_characters_take_the_cells_asked_but_not_the_degree_sign() -> None:
    assert display_width("“汉”", ambiguous=2) == 6
    assert display_width("℃", ambiguous=2) == 2
