"""One measure, run in a process of its own: `python benchmarks/measures.py NAME CORPUS_DIR [ARG]`.

run.py starts this once per measure so that each measure's peak RSS is its own (a process's
`ru_maxrss` never goes down, and RUSAGE_CHILDREN is the largest of all children so far). It prints
one JSON object: mb (input processed), seconds (wall, without start-up and imports), cpu (seconds
of CPU, this process and its children), rss_mb (peak resident set), errors (pages that raised) and,
for some measures, more keys. Every tool writes its result to /dev/null, as a user would write it
somewhere, so that lazy work cannot be skipped.
"""
from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))   # this checkout's reflow, whatever is installed
sys.path.insert(1, str(HERE))

import corpus  # noqa: E402

WARM_UP = "本报讯 记者 张三\n今天，天气晴。\n"


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _rss_mb() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN
    )
    return max(me.ru_maxrss, kids.ru_maxrss) / 1024


def _timed(fn, *args) -> dict:
    """fn(*args) (a dict), with the wall and CPU seconds it took."""
    wall, cpu = time.perf_counter(), _cpu()
    result = fn(*args)
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu} | result


def _loop(folder: Path, fn, limit: float = float("inf")) -> dict:
    """fn on every page, one call a page, the result written to /dev/null. `splits`: the seconds
    from the start at which each further MB was done (to see the speed change within a run)."""
    mb = errors = 0
    splits: list[float] = []
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        for text in corpus.pages(folder, limit):
            mb += len(text.encode())
            try:
                out.write(fn(text))
            except Exception:
                errors += 1
            if mb >= (len(splits) + 1) * 1e6:
                splits.append(round(time.perf_counter() - start, 3))
    return {"mb": mb / 1e6, "errors": errors, "splits": splits}


# --- the floor
# -------------------------------------------------------------------------------------

def cat(folder: Path, _=None) -> dict:
    """`cat` of the corpus files to /dev/null, timed on the second run (the page cache warm). The
    first run goes through /usr/bin/time for cat's own peak RSS: Linux carries a process's peak
    over exec, so RUSAGE_CHILDREN would report this Python process's size for cat."""
    files = [str(p) for p in corpus.files(folder)]
    rss = None
    with open(os.devnull, "wb") as null, tempfile.NamedTemporaryFile("r") as report:
        timer = (
            ["/usr/bin/time", "-f", "%M", "-o", report.name]
            if os.path.exists("/usr/bin/time")
            else []
        )
        subprocess.run([*timer, "cat", *files], stdout=null, check=True)
        rss = int(report.read().split()[-1]) / 1024 if timer else None
        timed = _timed(lambda: subprocess.run(["cat", *files], stdout=null, check=True) and {})
    return timed | {"mb": sum(os.path.getsize(f) for f in files) / 1e6,
                    "rss_mb": rss or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def python_io(folder: Path, _=None) -> dict:
    """Plain Python: read each file as UTF-8 text, write it to /dev/null (decode + encode)."""
    mb = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        for p in corpus.files(folder):
            text = p.read_text(encoding="utf-8")
            out.write(text)
            mb += len(text.encode())
    return {"mb": mb / 1e6}


def python_jsonl(folder: Path, _=None) -> dict:
    """The harness alone: parse the JSONL records and write each page text to /dev/null."""
    return _loop(folder, lambda t: t)


# --- reflow --------------------------------------------------------------------------------------

def full(folder: Path, _=None) -> dict:
    """reflow's full pipeline, `reflow.reflow_text`, one call a page."""
    import reflow
    return _loop(folder, reflow.reflow_text)


def normalize(folder: Path, _=None) -> dict:
    """reflow's inline rules alone (`reflow.normalize`) on the raw page text: the like of the
    peers."""
    import reflow
    return _loop(folder, reflow.normalize)


def pool(folder: Path, arg: str | None = None) -> dict:
    """The full pipeline on `jobs` processes: multiprocessing.Pool.imap over the pages, in order.
    `arg` is "JOBS" or "JOBS:CHUNKSIZE". rss_mb is the parent's peak plus `jobs` times the largest
    worker's (an upper bound: forked workers share pages with the parent)."""
    import reflow
    jobs, _, chunk = (arg or "2").partition(":")
    jobs, chunk = int(jobs), int(chunk or 16)
    mb = 0

    def texts():
        nonlocal mb
        for t in corpus.pages(folder):
            mb += len(t.encode())
            yield t

    with open(os.devnull, "w", encoding="utf-8") as out, Pool(jobs) as workers:
        for result in workers.imap(reflow.reflow_text, texts(), chunksize=chunk):
            out.write(result)
        workers.close()
        workers.join()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN
    )
    return {
        "mb": mb / 1e6,
        "rss_mb": (me.ru_maxrss + jobs * kids.ru_maxrss) / 1024,
        "jobs": jobs,
        "chunksize": chunk,
    }


def stages(folder: Path, _=None) -> dict:
    """The time spent in each stage of `reflow.pipeline.STAGES` (the engine's own sequence) and
    in rendering; the first pages are checked to render as reflow_text does."""
    import reflow
    from reflow.pipeline import STAGES, start
    from reflow.render import render
    from reflow.run import Run

    names = [name for name, _ in STAGES] + ["render"]
    spent = dict.fromkeys(names, 0.0)
    clock = time.perf_counter
    base = Run.make()

    def run(text: str) -> str:
        work, page_run = start(text, base)
        for name, stage in STAGES:
            t0 = clock()
            stage(work, page_run)
            spent[name] += clock() - t0
        t0 = clock()
        out = render(work.page, "text")
        spent["render"] += clock() - t0
        return out

    result = _timed(_loop, folder, run)
    drift = sum(run(t) != reflow.reflow_text(t) for t in corpus.pages(folder, 300_000))
    return result | {"stages": spent, "drift": drift}


def profile(folder: Path, arg: str | None = None) -> dict:
    """cProfile of reflow_text over the first `arg` MB (default 3): the top 15 functions by
    cumulative and by own time, and the largest own times as shares of the profiled total."""
    import reflow
    prof = cProfile.Profile()
    prof.enable()
    result = _loop(folder, reflow.reflow_text, float(arg or 3) * 1e6)
    prof.disable()
    tables = {}
    for key in ("cumulative", "tottime"):
        s = io.StringIO()
        pstats.Stats(prof, stream=s).strip_dirs().sort_stats(key).print_stats(15)
        tables[key] = s.getvalue()[s.getvalue().find("   ncalls"):].rstrip()
    st = pstats.Stats(prof)
    total = st.total_tt
    top = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:5]
    shares = [(f"{Path(f).name}:{n}({fn})", tt / total) for (f, n, fn), (_, _, tt, _, _) in top]
    return result | {"tables": tables, "top_own": shares, "profiled_seconds": total}


def cli(folder: Path, arg: str | None = None) -> dict:
    """The CLI on the corpus folder, as a user would run it: `python -m reflow -j N --glob '*.jsonl'
    FOLDER -o OUT/` (JSON lines in and out, N = `arg`), start-up included; rss_mb is the largest
    process's (the CLI's or a worker's)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reflow",
                "-j",
                arg or "1",
                "--glob",
                "*.jsonl",
                str(folder),
                "-o",
                out + "/",
            ],
            cwd=HERE.parent,
            check=True,
        )
    return {"mb": corpus.describe(folder)["text_bytes"] / 1e6, "jobs": int(arg or 1),
            "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


# --- peers ---------------------------------------------------------------------------------------

def pangu(folder: Path, _=None) -> dict:
    """pangu's spacing step alone (`spacing_text`, called `space_text` since pangu 5)."""
    import pangu as p
    return _loop(folder, getattr(p, "spacing_text", None) or p.space_text) | {
        "version": p.__version__
    }


def autocorrect(folder: Path, _=None) -> dict:
    """autocorrect-py's formatter (`autocorrect_py.format`): spacing and punctuation, in Rust."""
    import autocorrect_py
    from importlib.metadata import version
    return _loop(folder, autocorrect_py.format) | {"version": version("autocorrect-py")}


MEASURES = {
    f.__name__: f
    for f in (
        cat,
        python_io,
        python_jsonl,
        full,
        normalize,
        pool,
        stages,
        profile,
        cli,
        pangu,
        autocorrect,
    )
}


def main() -> None:
    name, folder, arg = sys.argv[1], Path(sys.argv[2]), (sys.argv[3] if len(sys.argv) > 3 else None)
    fn = MEASURES[name]
    if name not in ("cat", "python_io", "python_jsonl"):   # the floor runs without reflow imported
        import reflow
        reflow.reflow_text(WARM_UP)          # rules loaded and compiled before the clock starts
        reflow.normalize(WARM_UP)
    result = _timed(fn, folder, arg)         # cat and stages time themselves: their keys win
    print(json.dumps(result | {"rss_mb": result.get("rss_mb") or _rss_mb()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
