"""How well reflow's line pre-passes put a page's lines in reading order, per extractor.

    python tests/realpdf/order.py                       # the fixtures (tests/realpdf/pages)
    python tests/realpdf/order.py FOLDER --extractor pdfplumber --show

The line stage (L41-L49: columns read across the page dealt back out, lines of neighbouring
columns put back in column order) comes first, and on the roads that read across the columns
what block F1 loses is mostly lost there. This measures that stage alone, against the gold:
of the lines it writes whose text (NFKC, no white space) occurs once in the gold's blocks, how
often the next such line is the one that follows it in the gold (in the same block, or opening
the next block). Headlines, furniture and lines not cut into their columns are left out. 1.0:
every line where it belongs. `--show` lists each page and its breaks (the end of one line, the
start of the next).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from realpdf.table import PAGES, pages_of  # noqa: E402


def soft(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def gold_stream(gold: dict) -> str:
    """The gold's blocks, soft, each between NUL characters."""
    blocks = [soft(b["text"]) for a in gold.get("articles", []) for b in a.get("blocks", [])]
    return "\0" + "\0".join(blocks) + "\0"


def once(stream: str, text: str) -> tuple[int, int] | None:
    """Where `text` occurs in the stream, if it does exactly once (and is three characters or
    more: shorter ones occur by chance)."""
    at = stream.find(text) if len(text) >= 3 else -1
    if at < 0 or stream.find(text, at + 1) >= 0:
        return None
    return at, at + len(text)


def in_order(text: str, gold: dict) -> tuple[int, int, list[str]]:
    """(pairs in order, pairs out of order, the breaks) for one page."""
    from reflow.pipeline import lines_stage, read_stage, start
    from reflow.run import Run
    work, run = start(text, Run.make())
    read_stage(work, run)
    lines_stage(work, run)
    stream = gold_stream(gold)
    found = [(line.text, at) for line in work.lines
             if (at := once(stream, soft(line.text))) is not None]
    ok, breaks = 0, []
    for (a, (_, end)), (b, (begin, _)) in zip(found, found[1:]):
        if begin == end or (begin == end + 1 and stream[end] == "\0"):
            ok += 1
        else:
            breaks.append(f"{a[-10:]} | {b[:10]}")
    return ok, len(breaks), breaks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=PAGES)
    ap.add_argument("--extractor", help="only this extractor's pages")
    ap.add_argument("--show", action="store_true", help="each page and its breaks")
    args = ap.parse_args(argv)
    pages = [p for p in pages_of(args.folder) if args.extractor in (None, p[0])]
    if not pages:
        print(f"no NAME.EXTRACTOR.txt with its .json in {args.folder}", file=sys.stderr)
        return 2
    totals: Counter[tuple[str, bool]] = Counter()
    for extractor, txt, gold_path in pages:
        ok, bad, breaks = in_order(txt.read_text(encoding="utf-8"),
                                   json.loads(gold_path.read_text(encoding="utf-8")))
        totals[extractor, True] += ok
        totals[extractor, False] += bad
        if args.show:
            print(f"{txt.name}: {ok} in order, {bad} out")
            for b in breaks:
                print(f"    {b}")
    print("| extractor | pairs in order | out of order | share in order |\n|---|---|---|---|")
    for extractor in sorted({e for e, _ in totals}):
        ok, bad = totals[extractor, True], totals[extractor, False]
        print(f"| {extractor} | {ok} | {bad} | {ok / max(1, ok + bad):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
