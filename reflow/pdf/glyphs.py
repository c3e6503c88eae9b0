"""What a glyph's character is, where the font's character map says it badly: the PDF's own
ActualText (P13), and Kangxi radicals and CJK radical forms mapped back to ideographs (P10).

Chromium's PDFs of Noto CJK, for instance, give `⽼` (U+2F7C KANGXI RADICAL OLD) where the page
shows 老 in the font's character map, and write the right character in an ActualText span around
the glyph. The Kangxi block has compatibility mappings (NFKC); the simplified forms of the CJK
Radicals Supplement have none, so the ones used as whole characters are listed (in
`lines/radicals.py`, which maps them back in text input too, L52).
"""
from __future__ import annotations

from ..lines.radicals import RADICAL, ideograph
from ..rule import rule

# Look-alikes some fonts' character maps give in Chinese text: the wave dash of Japanese for the
# full-width tilde of ranges (4～10岁), the horizontal bar for the dash (——), the division
# slash for the full-width solidus of bylines (文／记者).
_LOOK_ALIKE = {"\u301c": "\uff5e", "\u2015": "\u2014", "\u2215": "\uff0f"}


def _ideograph(ch: str, simplified: bool) -> str:
    return _LOOK_ALIKE[ch] if ch in _LOOK_ALIKE else ideograph(ch, simplified)


def has_radicals(text: str) -> bool:
    """A radical, a compatibility ideograph (`radicals.RADICAL`) or a look-alike is in `text`."""
    return RADICAL.search(text) is not None or any(ch in text for ch in _LOOK_ALIKE)


@rule("P10", "kangxi-radical-to-ideograph", "pdf", deletes=True)
def kangxi_radical_to_ideograph(text: str, simplified: bool = True) -> str:
    """Some PDFs map ideographs to the look-alike Kangxi radicals (`⽼` U+2F7C for 老), or to
    other look-alikes (the wave dash of Japanese for ～): where the PDF gives no ActualText for
    them (P13), they are mapped back, an edit declared to change characters. `simplified`: the
    document is in Simplified characters (⼾ is 户 there, 戶 in Traditional)."""
    return "".join(_ideograph(ch, simplified) for ch in text) if has_radicals(text) else text


@rule("P13", "actual-text-over-character-map", "pdf", deletes=True)
def actual_text_over_character_map(raw: str, actual: str) -> str:
    """A PDF may say what a run of glyphs stands for in an ActualText span (`/Span
    <</ActualText (戶)>> BDC ... EMC`) where its font's character map (ToUnicode) gives a
    radical or a look-alike (`⼾`, 户): the span is the author's text, so it wins, an edit
    declared to change characters. Extractors such as pdftotext and PyMuPDF read it too."""
    return actual
