"""L49 (lines/layout_text.py): which pages count as laid out. How such a page is cut and read is
shown by the rule's examples (rules/cases/L49.txt) and a layout case of two stories side by side.

The pages are written for these tests, as `pdftotext -layout` writes a page: each printed row one
line, columns where they stand, runs of spaces between them, paragraph indents kept.
"""
from __future__ import annotations

from reflow.config import load
from reflow.lines.layout_text import MAX_ROWS, laid_out_page
from reflow.read import read_lines

CONFIG = load()

# two columns, a row each line, the second column at position 14
LAID_OUT = """\
  河西村的老人食堂    村委会主任说，食堂
开张一年了，每天中    开张以后，老人们每
午接待老人五十多人    天聚在一起吃饭聊天。
次。                  他们还打算明年再添
  饭菜由志愿者轮流    一台消毒柜。
做，两荤两素一汤。
"""


def _lines(text: str):
    return read_lines(text, CONFIG)


def test_a_page_of_columns_set_where_they_stand_is_laid_out() -> None:
    assert laid_out_page(_lines(LAID_OUT))


def test_ocr_rows_read_across_columns_are_not_laid_out() -> None:
    """OCR writes runs of spaces between the columns it reads across, but starts no line with
    one: its spaces are no positions."""
    ocr = "\n".join(line.lstrip() for line in LAID_OUT.splitlines())
    assert not laid_out_page(_lines(ocr))


def test_a_page_of_single_spaces_is_not_laid_out() -> None:
    flat = "\n".join(" ".join(line.split()) for line in LAID_OUT.splitlines())
    assert not laid_out_page(_lines(flat))


def test_a_page_longer_than_a_printed_one_is_not_cut() -> None:
    long = LAID_OUT * (MAX_ROWS // LAID_OUT.count("\n") + 1)
    assert not laid_out_page(_lines(long))
