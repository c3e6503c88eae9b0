"""The rules of the PDF road, in one list: each is an ordinary `Rule` (family `pdf`), declared
with `@rule` in the module of its stage and listed in the registry, so that `reflow rules`,
`--explain`, `--ignore` and the case files treat it as any other rule.

P01-P03 read the lines and their reading order: without them there is no text to rebuild, so
switching one off is a usage error that says so (`FIXED`). The others can be switched off: the
page is then read without that evidence (no furniture set aside, no headline from its size,
radicals left as the PDF's character map gives them, ...).
"""
from __future__ import annotations

from typing import Any

from ..rule import Rule
from .build import paragraph_end_short_line, paragraph_from_indent, paragraph_from_space
from .glyphs import actual_text_over_character_map, kangxi_radical_to_ideograph
from .regions import columns_from_gutters, line_on_baseline, regions_from_bands
from .roles import (byline_line, caption_small_type, edge_row_repeated, furniture_in_edge_band,
                    headline_from_size, subhead_bold_or_centred)

ALL: tuple[Rule[..., Any], ...] = (
    line_on_baseline, columns_from_gutters, regions_from_bands, furniture_in_edge_band,
    edge_row_repeated, headline_from_size, subhead_bold_or_centred, caption_small_type,
    byline_line, kangxi_radical_to_ideograph, paragraph_from_indent, paragraph_end_short_line,
    actual_text_over_character_map, paragraph_from_space)

FIXED: tuple[Rule[..., Any], ...] = (line_on_baseline, columns_from_gutters, regions_from_bands)
