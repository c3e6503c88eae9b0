"""Peak memory and time of one huge input through the command line (issue 13, point 13).

    python benchmarks/memory.py one-char 1000000     # 1,000,000 one-character lines (4 MB)
    python benchmarks/memory.py page 100             # one page of 100 MB (no form feed)
    python benchmarks/memory.py record 60            # one JSON-lines record of 60 MB
    python benchmarks/memory.py form-feed 100        # 100 MB of pages split by form feeds

Each input is built under benchmarks/.memory/ (git-ignored) from the page simulator
(tests/simulator.py, 200 distinct pages cycled), then `python -m reflow INPUT -j 1 -o OUT` runs
in a child process. Printed: the input's UTF-8 bytes, the child's process time (user + system),
its peak RSS, the peak RSS of the same command on an empty input (the interpreter and reflow's
imports: the baseline), and the ratio the issue bounds:

    (peak RSS - baseline RSS) / UTF-8 bytes of the largest page

For a form-feed file the largest page is the largest run between two form feeds. Time is
process time, not wall time, so other work on the machine moves it little.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".memory"
sys.path.insert(0, str(ROOT / "tests"))

import simulator  # noqa: E402  (tests/simulator.py)

# one character a line: Han characters and marks, so that the lines are what a broken page
# holds at its worst (every line a block candidate), 3 UTF-8 bytes and a line end each
ONE_CHARS = "中文报道新闻城市发展，。经济社会人民"


def simulated_pages(n: int = 200) -> list[str]:
    """`n` distinct simulated pages, form feeds inside them taken out (each is one page)."""
    articles = simulator.load_articles()
    return [simulator.simulate(seed, articles)[0].replace("\f", "\n") for seed in range(n)]


def page_text(mb: float) -> str:
    """Simulated pages cycled into one page of about `mb` MB (no form feed)."""
    return "\n".join(_cycled(mb))


def _cycled(mb: float) -> list[str]:
    pool, out, size, i = simulated_pages(), [], 0, 0
    while size < mb * 1e6:
        out.append(pool[i % len(pool)])
        size += len(out[-1].encode("utf-8")) + 1
        i += 1
    return out


def build(kind: str, amount: float) -> Path:
    """The input file of `kind` and size `amount` (lines for one-char, MB otherwise)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{kind}-{amount:g}.{'jsonl' if kind == 'record' else 'txt'}"
    if path.exists():
        return path
    if kind == "one-char":
        n = int(amount)
        text = "".join(ONE_CHARS[i % len(ONE_CHARS)] + "\n" for i in range(n))
    elif kind == "page":
        text = page_text(amount)
    elif kind == "record":
        text = json.dumps({"id": 1, "text": page_text(amount)}, ensure_ascii=False) + "\n"
    elif kind == "form-feed":
        text = "\f".join(_cycled(amount))
    else:
        raise SystemExit(f"unknown kind {kind!r}")
    path.with_suffix(".tmp").write_text(text, encoding="utf-8")
    path.with_suffix(".tmp").rename(path)
    return path


def largest_page_bytes(path: Path) -> int:
    """UTF-8 bytes of the largest page: a record's field, or a run between form feeds."""
    data = path.read_bytes()
    if path.suffix == ".jsonl":
        return max(len(json.loads(line)["text"].encode("utf-8")) for line in data.splitlines())
    return max(len(part) for part in data.split(b"\f"))


def measure(path: Path, extra: list[str] = ()) -> dict:
    """`python -m reflow PATH -j 1 -o OUT` in a child: process seconds and peak RSS (MB)."""
    out = path.with_name(path.stem + ".out" + path.suffix)
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(r.returncode, u.ru_utime + u.ru_stime, u.ru_maxrss)")
    cmd = [sys.executable, "-m", "reflow", str(path), "-j", "1", "-o", str(out), *extra]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, *cmd], env=env, capture_output=True,
                          text=True, check=True)
    rc, seconds, rss_kb = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"reflow exited {rc}: {done.stderr[-2000:]}")
    return {"seconds": float(seconds), "rss_mb": int(rss_kb) / 1024}


def baseline(suffix: str) -> dict:
    """The same command on an empty input: the interpreter, reflow's imports, the output."""
    CACHE.mkdir(exist_ok=True)
    empty = CACHE / f"empty{suffix}"
    empty.write_text("", encoding="utf-8")
    return measure(empty)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["one-char", "page", "record", "form-feed"])
    parser.add_argument("amount", type=float, help="lines (one-char) or MB")
    args = parser.parse_args()
    path = build(args.kind, args.amount)
    base = baseline(path.suffix)
    got = measure(path)
    page = largest_page_bytes(path)
    ratio = (got["rss_mb"] - base["rss_mb"]) * 2**20 / page
    print(json.dumps({
        "input": path.name, "input_mb": round(path.stat().st_size / 1e6, 1),
        "largest_page_mb": round(page / 1e6, 2), "seconds": round(got["seconds"], 1),
        "peak_rss_mb": round(got["rss_mb"]), "baseline_rss_mb": round(base["rss_mb"]),
        "ratio": round(ratio, 2),
    }))


if __name__ == "__main__":
    main()
