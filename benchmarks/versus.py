"""reflow now against reflow v0.1.0 (commit 3d120d4), side by side in one run, with the peers.

    python benchmarks/versus.py --mb 10 --repeat 3      # about 10-15 minutes on 2 quiet cores

v0.1.0 is installed from `git archive 3d120d4` into a venv of its own (~/.cache/reflow-v0.1.0/,
built once; its dependencies from the package index), and the current code is this checkout
(`python -m reflow` run from the repository root, with the interpreter running this script). Both
run as a user runs them, on the same pages: a folder of page files to a folder (`reflow DIR -o
OUT/`) and JSON lines to a folder (`reflow DIR --glob '*.jsonl' -o OUT/`), each with `-j 1` and
`-j 2`, the full pipeline and `--inline-only`. The two versions alternate, run after run, so that
the machine's changing load falls on both alike. Beside them, in the same run: autocorrect-py,
pangu and plain Python reading and writing the pages (benchmarks/measures.py).

Each figure is the median of `--repeat` runs. CPU is the process time of the whole process tree
(user + system, from wait4; workers included), the figure to compare on a machine shared with
other work; wall MB/s is what a user waits, start-up included. Peak memory is the largest
process's resident set. The table is printed and written into benchmarks/RESULTS.md between
the lines `<!-- versus -->` and `<!-- /versus -->`.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASE = "3d120d4"
# outside the repository: the project's checks read every file in it
BASE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reflow-v0.1.0"
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

MARK, END = "<!-- versus -->", "<!-- /versus -->"


def baseline() -> Path:
    """The Python of a venv holding reflow v0.1.0, installed from the commit's archive."""
    python = BASE_DIR / "venv" / "bin" / "python"
    if python.exists():
        return python
    src = BASE_DIR / "src"
    shutil.rmtree(BASE_DIR, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", BASE], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(BASE_DIR / "venv")], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(src)], check=True)
    shutil.rmtree(src)      # installed: its sources would read as the project's own files
    return python


def _where(python: str, cwd: Path) -> str:
    """The folder of the reflow package `python -m reflow` runs from `cwd`, and its rules."""
    code = ("import reflow, importlib.resources as r; print(reflow.__file__); "
            "print(r.files('reflow.default_rules'))")
    return subprocess.run([python, "-c", code], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def page_folder(jsonl: Path) -> Path:
    """The pages of a JSON-lines corpus as files, one page a file (cached beside it)."""
    folder = jsonl.with_name(jsonl.name + "-txt")
    done = folder / "done.json"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i, text in enumerate(corpus.pages(jsonl)):
        (folder / f"{i // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{i // 1000:03d}" / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    done.write_text("{}")
    return folder


def timed(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Run `cmd`; its wall seconds, CPU seconds (the whole process tree) and peak RSS in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


# (label, input: "folder" or "jsonl", options)
ROADS = (
    ("folder, -j 1", "folder", ["-j", "1"]),
    ("folder, -j 2", "folder", ["-j", "2"]),
    ("JSON lines, -j 1", "jsonl", ["-j", "1"]),
    ("JSON lines, -j 2", "jsonl", ["-j", "2"]),
    ("folder, --inline-only, -j 1", "folder", ["-j", "1", "--inline-only"]),
    ("JSON lines, --inline-only, -j 1", "jsonl", ["-j", "1", "--inline-only"]),
)


def compare(jsonl: Path, repeat: int) -> list[dict]:
    """Both versions on every road, alternating, `repeat` times: the medians."""
    versions = {"v0.1.0": str(baseline()), "now": sys.executable}
    cwd = {"v0.1.0": Path(tempfile.gettempdir()), "now": ROOT}
    for name, python in versions.items():
        where = _where(python, cwd[name])
        print(f"{name}: {where.split()[0]}", file=sys.stderr)
        if name == "now" and not all(p.startswith(str(ROOT)) for p in where.split()):
            raise SystemExit(f"`python -m reflow` from {ROOT} does not run this checkout: {where}")
    inputs = {"folder": page_folder(jsonl), "jsonl": jsonl}
    mb = corpus.describe(jsonl)["text_bytes"] / 1e6
    rows = []
    for label, road, options in ROADS:
        runs: dict[str, list[dict[str, float]]] = {n: [] for n in versions}
        for r in range(repeat):
            for name in (list(versions) if r % 2 == 0 else list(versions)[::-1]):
                glob = ["--glob", "*.jsonl"] if road == "jsonl" else []
                with tempfile.TemporaryDirectory() as out:
                    cmd = [versions[name], "-m", "reflow", "-q", "--no-config", *options, *glob,
                           str(inputs[road]), "-o", out + "/"]
                    runs[name].append(timed(cmd, cwd[name]))
                t = runs[name][-1]
                print(f"  {label:<32} {name:<7} {t['cpu']:7.1f} s CPU {t['wall']:7.1f} s wall",
                      file=sys.stderr, flush=True)
        row = {"road": label, "mb": mb}
        for name in versions:
            for key in ("wall", "cpu", "rss"):
                row[f"{name} {key}"] = statistics.median(t[key] for t in runs[name])
        rows.append(row)
    return rows


def peers(jsonl: Path) -> list[dict]:
    """autocorrect-py, pangu and plain Python on the same pages (benchmarks/measures.py)."""
    out = []
    for name in ("python_io", "python_jsonl", "pangu", "autocorrect"):
        done = subprocess.run([sys.executable, str(HERE / "measures.py"), name, str(jsonl)],
                              capture_output=True, text=True)
        if done.returncode == 0:
            out.append(json.loads(done.stdout) | {"name": name})
        else:
            print(f"  {name}: not measured ({done.stderr.strip().splitlines()[-1:]})",
                  file=sys.stderr)
    return out


def section(rows: list[dict], others: list[dict], repeat: int, command: str) -> str:
    """The Markdown of the comparison."""
    head = ("| road | MB | v0.1.0 CPU s | now CPU s | CPU ratio | v0.1.0 MB/s | now MB/s "
            "| wall ratio | peak MB v0.1.0 / now |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        lines.append(
            f"| {r['road']} | {r['mb']:.1f} | {r['v0.1.0 cpu']:.1f} | {r['now cpu']:.1f} "
            f"| **{r['v0.1.0 cpu'] / r['now cpu']:.2f}x** | {r['mb'] / r['v0.1.0 wall']:.2f} "
            f"| {r['mb'] / r['now wall']:.2f} | {r['v0.1.0 wall'] / r['now wall']:.2f}x "
            f"| {r['v0.1.0 rss']:.0f} / {r['now rss']:.0f} |")
    by = {r["road"]: r for r in rows}
    j1, j2 = by["folder, -j 1"], by["folder, -j 2"]
    notes = {"python_io": "plain Python: read each file, write it (the floor)",
             "python_jsonl": "plain Python: parse each record, write its text",
             "pangu": "pangu, spacing only", "autocorrect": "autocorrect-py (Rust), format"}
    peer_lines = [f"| {notes[p['name']]}{' ' + p['version'] if p.get('version') else ''} "
                  f"| {p['mb']:.1f} | {p['cpu']:.1f} | {p['mb'] / p['seconds']:.2f} "
                  f"| {p['rss_mb']:.0f} |" for p in others]
    when = datetime.datetime.now(datetime.timezone.utc)
    return "\n".join([
        MARK, "## Against v0.1.0 (issue 15)", "",
        f"Written by `{command}` on {when:%Y-%m-%d %H:%M} UTC. The same corpus for both "
        f"versions, run alternately, each figure the median of {repeat} runs; the whole "
        "command timed (start-up, reading and writing included), one output file a page or a "
        "JSON-lines file. **CPU** is the process time of the command's whole process tree: "
        "it is the figure to compare on a machine shared with other work (wall time there "
        "moves by tens of per cent with the load). The ratio is v0.1.0 over now (2x: now takes "
        "half the time).", "",
        *lines, "",
        f"`-j 2` against `-j 1` on the folder road: {j1['now wall'] / j2['now wall']:.2f}x in "
        f"wall time now (v0.1.0: {j1['v0.1.0 wall'] / j2['v0.1.0 wall']:.2f}x); the CPU of "
        f"-j 2 is {j2['now cpu'] / j1['now cpu']:.2f} times that of -j 1, so on two free cores "
        f"the speed-up could reach {2 * j1['now cpu'] / j2['now cpu']:.2f}x.", "",
        "The peers on the same pages, in one process (imports and start-up left out):", "",
        "| tool | MB | CPU s | MB/s | peak MB |", "|---|---|---|---|---|", *peer_lines, "",
        END])


def write_results(text: str, results: Path) -> None:
    """Put the section into RESULTS.md, in place of the last one."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if MARK in old and END in old:
        new = old[:old.index(MARK)] + text + old[old.index(END) + len(END):]
    else:
        new = (old.rstrip() + "\n\n" if old else "") + text + "\n"
    results.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10, help="MB of page text (default 10)")
    ap.add_argument("--pages", type=int, default=3000, help="distinct pages (default 3000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each, median (default 3)")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    a = ap.parse_args()
    jsonl = corpus.build(a.mb, a.pages)
    rows = compare(jsonl, a.repeat)
    text = section(rows, peers(jsonl), a.repeat,
                   "python benchmarks/versus.py " + " ".join(sys.argv[1:]))
    print(text)
    write_results(text, a.results)


if __name__ == "__main__":
    main()
