#!/usr/bin/env python3
"""atheris fuzz target for reflow's public API: raw bytes in, every entry point exercised.

    python fuzz/fuzz_reflow.py -max_total_time=60 /tmp/work fuzz/corpus   # see fuzz/README.md

The checks themselves are in fuzz_checks.py (importable without atheris, for the regression tests).

A crash is any exception other than the documented `reflow.decode.DecodeError` for bytes that are
not text, or a broken invariant:

- `decode`: with errors="replace" only binary input may raise; with "surrogateescape" a UTF-8
  result encodes back to the input bytes exactly;
- `analyze`: no `ConservationError` (the engine refusing its own output is a bug); every non-space
  character of the input is in the JSON output parts, less what rules declared to delete, plus
  what they added (tests/accounting.py), and no edit of another rule changes more than spaces;
- `reflow_text` is the rendering of that page; every format renders to a string ending in a
  newline (or ""), and the JSON (and each JSON line) parses;
- `normalize` returns a string; `diagnose` locates every record inside the input.

- `format_text` settles: formatting its output again changes nothing (idempotence of what
  -i, --check, editors and hooks write). A single `reflow_text` pass is not asserted idempotent on
  arbitrary bytes: a second reading of its output may decide differently (a short line that stood
  alone reads as text once clean); `format_text` rereads until the text settles.
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["reflow", "accounting", "fuzz_checks"]):
    from fuzz_checks import one_input


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
