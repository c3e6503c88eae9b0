"""Snapshot reflow's outputs on a set of pages in every format, and compare two snapshots.

    python benchmarks/same_output.py write SNAP/ [--sim 600]   # run the CLI, keep every output
    python benchmarks/same_output.py compare OLD/ NEW/          # exit 1 and name what differs

A change made for speed must not change a byte of any output. The pages: simulated pages of the
benchmark corpus (seeds 0..N-1), the real extractions of tests/realpdf/pages, the pages of the
case files (rules/cases, tests/cases/layout) and the inputs of the spacing tables, and, when it is
beside the repository, every page of ../shared/pages. They run through `python -m reflow` (the
interpreter running this script, so the reflow it imports) as a user runs it: a folder to a
folder in each format (text, markdown, json, jsonl, diagnostics), `--explain` (its stderr kept),
`--inline-only` (text and diagnostics), other options (spaced, curly quotes, OpenCC), and the
JSON-lines road (one record a page, `-f text` and `-f json`). Exit codes and stderr are kept too.
CI writes a snapshot with the pure-Python build and compares the compiled build's with it.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "pages"
sys.path.insert(0, str(HERE))

# (name, options): each runs over the folder of pages, to a folder of outputs
RUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text", ("-f", "text")),
    ("markdown", ("-f", "markdown")),
    ("json", ("-f", "json")),
    ("jsonl", ("-f", "jsonl")),
    ("diagnostics", ("-f", "diagnostics")),
    ("explain", ("--explain",)),
    ("inline-only", ("--inline-only",)),
    ("inline-diagnostics", ("--inline-only", "-f", "diagnostics")),
    ("spaced-curly", ("--spacing", "spaced", "--quotes", "curly")),
    ("s2t", ("--convert", "s2t", "-f", "json")),
)
JSONL_RUNS = (("records-text", ("-f", "text")), ("records-json", ("-f", "json")))


def _unescape(text: str) -> str:
    """A cell of the spacing tables (tests/cases/spacing_*.tsv): \\t, \\uXXXX, \\\\."""
    return re.sub(r"\\(u[0-9a-fA-F]{4}|t|\\)", lambda m: "\t" if m[1] == "t" else
                  "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), text)


def pages(sim: int) -> dict[str, str]:
    """Relative path -> page text, for every page of the set."""
    sys.path.insert(0, str(ROOT))
    from reflow.cases import parse

    import corpus
    out: dict[str, str] = {}
    if sim:
        with corpus.pool(max(sim, 1)).open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["seed"] < sim:
                    out[f"sim/{r['seed']:05d}.txt"] = r["text"]
    for p in sorted((ROOT / "tests" / "realpdf" / "pages").glob("*.txt")):
        out[f"realpdf/{p.name}"] = p.read_text(encoding="utf-8")
    for folder in (ROOT / "rules" / "cases", ROOT / "tests" / "cases" / "layout"):
        for p in sorted(folder.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            examples = (parse(text, p.name) if "=== output --ignore" in text else
                        [type("E", (), {"before": text.split("=== output", 1)[0]})])
            for i, e in enumerate(examples):
                out[f"cases/{folder.name}-{p.stem}-{i}.txt"] = e.before
    for p in sorted((ROOT / "tests" / "cases").glob("spacing_*.tsv")):
        rows = [l.split("\t")[0] for l in p.read_text(encoding="utf-8").split("\n")
                if l.strip() and not l.startswith("#")]
        out[f"spacing/{p.stem}.txt"] = "\n".join(_unescape(r) for r in rows) + "\n"
    if SHARED.is_dir():
        for p in sorted(SHARED.rglob("*.txt")):
            out[f"shared/{p.relative_to(SHARED)}"] = p.read_text(encoding="utf-8")
    else:
        print(f"NOTE: {SHARED} is absent: its pages are not in the snapshot", file=sys.stderr)
    return out


def _reflow(args: list[str], out: Path, name: str, cwd: Path) -> None:
    """`python -m reflow ARGS`, its stdout, stderr and exit code kept under `out`."""
    r = subprocess.run([sys.executable, "-m", "reflow", "--no-config", "-q", *args],
                       capture_output=True, cwd=cwd)
    (out / f"{name}.stdout").write_bytes(r.stdout)
    (out / f"{name}.stderr").write_bytes(r.stderr)
    (out / f"{name}.exit").write_text(f"{r.returncode}\n")


def write(snap: Path, sim: int, jobs: int) -> None:
    if snap.exists():
        shutil.rmtree(snap)
    snap.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pages"
        texts = pages(sim)
        for rel, text in texts.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_text(text, encoding="utf-8")
        records = Path(tmp) / "records.jsonl"
        records.write_text("".join(json.dumps({"id": rel, "text": t}, ensure_ascii=False) + "\n"
                                   for rel, t in texts.items()), encoding="utf-8")
        for name, options in RUNS:
            print(f"  {name} ...", file=sys.stderr, flush=True)
            _reflow(["pages", *options, "-j", str(jobs), "-o", str(snap / name) + "/"],
                    snap, name, Path(tmp))
        for name, options in JSONL_RUNS:
            _reflow(["records.jsonl", *options, "-j", str(jobs)], snap, name, Path(tmp))
    print(f"{len(texts)} pages, {len(RUNS) + len(JSONL_RUNS)} runs: {snap}", file=sys.stderr)


def compare(old: Path, new: Path) -> int:
    """The files that differ, are missing or are extra in `new`; 0 if none."""
    bad: list[str] = []

    def walk(c: filecmp.dircmp, at: str) -> None:
        bad.extend(f"only in {old}: {at}{n}" for n in c.left_only)
        bad.extend(f"only in {new}: {at}{n}" for n in c.right_only)
        bad.extend(f"differs: {at}{n}" for n in c.common_files
                   if not filecmp.cmp(os.path.join(c.left, n), os.path.join(c.right, n), False))
        for n, sub in c.subdirs.items():
            walk(sub, f"{at}{n}/")

    walk(filecmp.dircmp(old, new), "")
    files = sum(len(f) for _, _, f in os.walk(old))
    for line in bad[:40]:
        print(line)
    print(f"{len(bad)} of {files} files differ" if bad else f"all {files} files are the same")
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write", help="write a snapshot of the outputs")
    w.add_argument("snap", type=Path)
    w.add_argument("--sim", type=int, default=600, help="simulated pages (default 600)")
    w.add_argument("-j", "--jobs", type=int, default=2, help="reflow -j (default 2)")
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    a = ap.parse_args()
    if a.cmd == "write":
        write(a.snap, a.sim, a.jobs)
    else:
        sys.exit(compare(a.old, a.new))


if __name__ == "__main__":
    main()
