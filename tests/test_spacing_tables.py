"""The spacing tables: `tests/cases/spacing_<mode>.tsv`, one case a line, run through
`reflow.normalize(text, spacing=mode)`.

compact is the newspaper style (the default); spaced is the pangu / autocorrect style. Each row is
two tests: the output is the expected text, and normalizing is idempotent (the output, and the
expected text, come back unchanged).

Table format: `input<TAB>expected`; `#` starts a comment line; blank lines are skipped. `\\t`,
`\\uXXXX` and `\\\\` are escapes, so that tabs, no-break, thin and ideographic spaces, invisible
characters and look-alike ideographs can be written visibly.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import reflow

CASES = Path(__file__).resolve().parent / "cases"
MODES = ("compact", "spaced")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|t|\\)")


def unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return "\t" if code == "t" else "\\" if code == "\\" else chr(int(code[1:], 16))
    return _ESCAPE.sub(one, text)


def load(mode: str) -> list[tuple[int, str, str]]:
    """(line number, input, expected) for each case of the table of `mode`."""
    rows = []
    path = CASES / f"spacing_{mode}.tsv"
    for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        assert len(parts) == 2, f"{path.name}:{no}: want input<TAB>expected, got {line!r}"
        rows.append((no, unescape(parts[0]), unescape(parts[1])))
    return rows


ROWS = [pytest.param(mode, text, expected, id=f"{mode}-{no}")
        for mode in MODES for no, text, expected in load(mode)]


def test_tables_are_large_enough():
    for mode in MODES:
        assert len(load(mode)) >= 60, mode


@pytest.mark.parametrize("mode,text,expected", ROWS)
def test_table_row(mode, text, expected):
    assert reflow.normalize(text, spacing=mode) == expected


@pytest.mark.parametrize("mode,text,expected", ROWS)
def test_table_row_is_idempotent(mode, text, expected):
    once = reflow.normalize(text, spacing=mode)
    assert reflow.normalize(once, spacing=mode) == once
    assert reflow.normalize(expected, spacing=mode) == expected
