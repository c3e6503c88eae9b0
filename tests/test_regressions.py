"""Inputs the fuzzer (fuzz/fuzz_reflow.py) found, replayed through the same checks without atheris.

Every file in fuzz/regressions/ must pass `fuzz_checks.one_input`. A file whose bug is not fixed yet
is listed in OPEN with the exception it raises: it is a strict xfail, so the day the bug is fixed
the
test turns red and the entry is to be removed.
"""

from __future__ import annotations

import sys

import pytest

import reflow
from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from fuzz_checks import one_input  # noqa: E402

REGRESSIONS = ROOT / "fuzz" / "regressions"

# file name -> (exception, why), for a bug found but not fixed yet.
OPEN: dict[str, tuple[type[Exception], str]] = {}


def _cases() -> list:
    cases = []
    for path in sorted(REGRESSIONS.iterdir()):
        marks = []
        if path.name in OPEN:
            error, why = OPEN[path.name]
            marks = [pytest.mark.xfail(raises=error, strict=True, reason=why)]
        cases.append(pytest.param(path, id=path.name, marks=marks))
    return cases


@pytest.mark.parametrize("path", _cases())
def test_fuzz_regression(path) -> None:
    one_input(path.read_bytes())


def test_open_entries_have_files() -> None:
    assert all((REGRESSIONS / name).is_file() for name in OPEN)


@pytest.mark.parametrize("text", ["汉\n" * 8 + "汉", "a\n" * 9, "汉\r汉\r汉\fa\na\ra\na\na\na"])
def test_nine_short_lines_keep_their_text(text: str) -> None:
    """Minimal forms of the fuzzer's first crashes: nine or more short lines that never end a
    sentence form one headline group; with more than 8 lines articles.headlines._best_plan scored
    only the all-cuts plan, -cut * (n - 1) <= -1.2, which never beat its starting best of -1.0:
    an empty plan, the lines neither placed nor unplaced, ConservationError."""
    page = reflow.analyze(text).to_dict()
    assert "".join(page["unplaced"]) or page["articles"]


def test_eight_short_lines_are_kept() -> None:
    assert reflow.analyze("汉\n" * 7 + "汉").to_dict()["unplaced"] == ["汉"] * 8


def test_diagnostics_ranges_run_forwards() -> None:
    """The fuzzer's second crash: in layout mode an SP06 edit was located from (1, 40) to (1, 21),
    end before start, when page breaks (form feeds) stood inside the line."""
    text = (REGRESSIONS / "diagnose-range-backwards.txt").read_text(encoding="utf-8")
    for d in reflow.diagnose(text):
        assert d.start <= d.end, d
