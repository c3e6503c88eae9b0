"""The checks of the fuzz target, importable without atheris (tests/test_regressions.py replays
fuzz/regressions/ through `one_input`). See fuzz_reflow.py for what counts as a crash."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))   # accounting helpers

import reflow
from accounting import declared_changes, nonspace, output_parts
from reflow.decode import DecodeError, decode

FORMATS = ("text", "markdown", "json", "jsonl")
# While a known bug is open, REFLOW_FUZZ_IGNORE lets the fuzzer look past it for others (comma-
# separated): `layout-loss`, a ConservationError of the layout stages ends the input quietly;
# `diagnose-range`, the ranges of `diagnose` are not checked.
IGNORE = frozenset(os.environ.get("REFLOW_FUZZ_IGNORE", "").split(","))


def check_decode(data: bytes) -> str:
    """Decode `data` three ways, check the invariants, and return text for the engine."""
    try:
        text = decode(data, "fuzz").text
    except DecodeError:
        text = None
    try:
        replaced = decode(data, "fuzz", errors="replace").text
    except DecodeError as e:
        if "looks binary" not in str(e):
            raise AssertionError(f"errors='replace' raised for text: {e}") from e
        replaced = data.decode("utf-8", "replace")
    try:
        escaped = decode(data, "fuzz", errors="surrogateescape")
    except DecodeError:
        pass
    else:
        if escaped.encoding == "utf-8":
            assert (
                escaped.text.encode("utf-8", "surrogateescape") == data
            ), "surrogateescape lost bytes"
    return text if text is not None else replaced


def check_engine(text: str, options: dict[str, str]) -> None:
    try:
        page = reflow.analyze(text, **options)
    except reflow.ConservationError as e:
        if "layout-loss" in IGNORE and "layout stages" in str(e):
            return
        raise
    removed, added = declared_changes(page)
    got = nonspace("".join(output_parts(page.to_dict())))
    assert got == nonspace(text) - removed + added, (got, nonspace(text), removed, added)
    # Each format rendered from the one page (analyze is the costly part); reflow_text once, to
    # check that it is that rendering and that analyze is deterministic.
    assert reflow.reflow_text(text, **options) == reflow.render(page, "text")
    for fmt in FORMATS:
        out = reflow.render(page, fmt)
        assert isinstance(out, str) and (out == "" or out.endswith("\n")), (fmt, out[-20:])
        if fmt == "json":
            json.loads(out)
        elif fmt == "jsonl":
            for line in out.split("\n"):  # not splitlines(): U+2028 may stand raw in a JSON string
                if line:
                    json.loads(line)
    assert isinstance(reflow.normalize(text, **options), str)
    check_settles(text, options)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for inline_only in (False, True):
        for d in reflow.diagnose(text, inline_only=inline_only, **options):
            if "diagnose-range" not in IGNORE:
                assert 1 <= d.start[0] <= d.end[0] <= len(lines), d
                assert d.start <= d.end, d


def check_settles(text: str, options: dict[str, str]) -> None:
    """What `format_text` writes (-i, --check, editors, hooks) is left as it is when formatted
    again: formatting is idempotent on any text, even where one reflow_text pass is not."""
    try:
        out = reflow.format_text(text, **options)
    except reflow.NothingChanged:
        out = text
    try:
        again = reflow.format_text(out, **options)
    except reflow.NothingChanged:
        return
    raise AssertionError(f"formatting twice changed the text: {out!r} -> {again!r}")


def one_input(data: bytes) -> None:
    """Everything the fuzzer checks for one input; raises on a crash."""
    text = check_decode(data)
    # The last byte picks the spacing mode, so that both modes' rules are fuzzed.
    options = {"spacing": "spaced"} if data and data[-1] & 1 else {}
    check_engine(text, options)
