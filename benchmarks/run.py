"""The benchmark of issue 5: how fast reflow is, against the floor (cat, plain Python I/O) and
against peers that only insert spaces (pangu, autocorrect-py), on a simulated corpus.

    python benchmarks/run.py              # 100 MB, about 15-25 minutes on 2 cores
    python benchmarks/run.py --mb 5       # a quick try

Each measure runs in a process of its own (benchmarks/measures.py), so that its peak RSS is its
own; all but the -j comparison use one core. The table is printed and written with the machine,
the corpus and the targets of issue 5 to benchmarks/RESULTS.md; when a target is missed, a cProfile
of reflow says where the time goes.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
import versus  # noqa: E402



def build(mb: float, pages: int) -> Path:
    """corpus.build in a process of its own: Linux carries a process's peak RSS over fork and exec,
    so this process must stay small for the measures it starts to report their own peaks."""
    out = subprocess.run(
        [sys.executable, str(HERE / "corpus.py"), "--mb", str(mb), "--pages", str(pages)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    folder = Path(out.split()[0])
    print(f"corpus: {folder}", file=sys.stderr)
    return folder


def busy() -> float:
    """CPU seconds spent so far on all cores, by anyone (idle and iowait left out; steal, the
    hypervisor running other machines on our cores, counted)."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(f) - f[3] - f[4]) / os.sysconf("SC_CLK_TCK")


def others(seconds: float = 3.0) -> float:
    """Cores kept busy by other work, sampled over `seconds` while we run nothing."""
    b = busy()
    time.sleep(seconds)
    return (busy() - b) / seconds


wait_left = 0.0   # seconds the run may still spend waiting for a quiet machine (--quiet-wait)


def measure(name: str, folder: Path, arg: str | None = None) -> dict:
    """One measure in a fresh process: its JSON result, plus `others`, the cores other work kept
    busy
    meanwhile (all cores' busy time less our processes' CPU, over the wall time). First, while
    `wait_left` lasts, wait for the machine to be quiet (other work under 0.2 cores)."""
    global wait_left
    while wait_left > 0 and (o := others()) > 0.2:
        wait_left -= 3
        print(
            f"  (waiting: other work uses {o:.1f} cores; {wait_left:.0f} s of waiting left)",
            file=sys.stderr,
            flush=True,
        )
    print(f"  {name:<12} {folder.name} {arg or ''} ...", end=" ", file=sys.stderr, flush=True)
    cmd = [sys.executable, str(HERE / "measures.py"), name, str(folder)] + ([arg] if arg else [])
    kids = lambda: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_CHILDREN))
    b0, c0, w0 = busy(), kids(), time.perf_counter()
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    other = max(0.0, (busy() - b0 - (kids() - c0)) / (time.perf_counter() - w0))
    r |= {"name": name, "others": other, "mbps": r["mb"] / r["seconds"]}
    print(
        f"{r['seconds']:.2f} s, {r['mbps']:.2f} MB/s, other work {other:.2f} cores",
        file=sys.stderr,
        flush=True,
    )
    return r


def cli_has_jobs() -> bool:
    """Whether `python -m reflow` reads JSON lines and runs on several cores (-j, new in
    2026-11)."""
    help = subprocess.run([sys.executable, "-m", "reflow", "--help"], cwd=HERE.parent,
                          capture_output=True, text=True).stdout
    return "--jobs" in help and "--jsonl-field" in help


def row(label: str, r: dict, seconds: float | None = None, note: str = "") -> list[str]:
    s = r["seconds"] if seconds is None else seconds
    cpu = f"{r['cpu'] / r['seconds']:.2f}" if r.get("cpu") is not None else ""
    return [label, f"{r['mb']:.1f}", f"{s:.2f}", f"{r['mb'] / s:,.2f}", f"{r['rss_mb']:.0f}", cpu,
            f"{r['others']:.2f}", note]


HEAD = ["tool / stage", "MB", "seconds", "MB/s", "peak RSS MB", "CPU/wall", "others", "note"]


def table(rows: list[list[str]]) -> str:
    """A Markdown table, its columns padded so that it reads as well in a terminal."""
    widths = [max(len(r[i]) for r in [HEAD, *rows]) for i in range(len(HEAD))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) if i in (0, 7) else c.rjust(w)
                                      for i, (c, w) in enumerate(zip(r, widths))) + " |"
    rule = (
        "|"
        + "|".join("-" * (w + 1) + (":" if i not in (0, 7) else "-") for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([fmt(HEAD), rule, *map(fmt, rows)])


def machine() -> list[str]:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model name")),
        platform.processor(),
    )
    osr = Path("/etc/os-release")
    pretty = next((l.split("=", 1)[1].strip('"') for l in osr.read_text().splitlines()
                   if l.startswith("PRETTY_NAME")), "") if osr.exists() else ""
    git = lambda *a: subprocess.run(
        ["git", *a], cwd=HERE.parent, capture_output=True, text=True
    ).stdout.strip()
    dirty = len(git("status", "--porcelain", "reflow").splitlines())
    return [
        f"- CPU: {model}, {os.cpu_count()} cores (os.cpu_count)",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{pretty or platform.system()} (kernel {platform.release()})",
        f"- reflow: commit {git('rev-parse', '--short', 'HEAD')}"
        + (
            f", with {dirty} uncommitted changed files under reflow/ (other engineers at work)"
            if dirty
            else ""
        ),
    ]


def verdicts(r: dict, a) -> list[tuple[str, bool, str]]:
    """The four targets of issue 5, each (text, met, by how much)."""
    full, j2, small = r["full"], r["pool"], r["small"]
    out = []
    x = r["autocorrect"]["mbps"] / full["mbps"]
    out.append(
        (
            "(a) full pipeline at least as fast as autocorrect-py's spacing alone",
            x <= 1,
            f"reflow {full['mbps']:.2f} MB/s vs autocorrect-py {r['autocorrect']['mbps']:.2f} "
            f"MB/s: "
            + (
                f"{1 / x:.2f}x as fast"
                if x <= 1
                else f"{x:.1f}x slower, needs to be {x:.1f}x faster"
            ),
        )
    )
    x = r["python_io"]["mbps"] / full["mbps"]
    out.append(("(b) within 20x of plain Python reading and writing the corpus", x <= 20,
                f"plain Python {r['python_io']['mbps']:.0f} MB/s is {x:,.0f}x reflow"
                + ("" if x <= 20 else f": reflow needs to be {x / 20:.0f}x faster")))
    t_small = statistics.median(s["seconds"] for s in small)
    size = full["mb"] / small[0]["mb"]
    x = full["seconds"] / t_small * 10 / size          # the time ratio for exactly 10x the text
    out.append(
        (
            f"(c) {small[0]['mb']:.3g} MB -> {full['mb']:.3g} MB takes 10x (±15%)",
            abs(x / 10 - 1) <= 0.15,
            f"{full['seconds']:.1f} s / {t_small:.2f} s (median of {len(small)}: "
            + ", ".join(f"{s['seconds']:.2f}" for s in small)
            + f") = {full['seconds'] / t_small:.2f}x for {size:.2f}x the text, {x:.2f}x per 10x "
            + f"({(x / 10 - 1) * 100:+.1f}%)"
            + tenths(full, small, x / 10 - 1),
        )
    )
    x = full["seconds"] / j2["seconds"]
    out.append(
        (
            f"(d) -j {a.jobs} at least 1.7x faster than -j 1 on {full['mb']:.3g} MB",
            x >= 1.7,
            f"{full['seconds']:.1f} s / {j2['seconds']:.1f} s = {x:.2f}x"
            + ("" if x >= 1.7 else f", {1.7 - x:.2f} short of 1.7x")
            + f" (CPU: -j 1 {full['cpu']:.0f} s, -j {a.jobs} {j2['cpu']:.0f} s in all processes, "
              f"so on "
            f"{a.jobs} otherwise idle cores the speed-up could reach "
            f"{a.jobs * full['cpu'] / j2['cpu']:.2f}x;"
            f" the {a.jobs} processes got {j2['cpu'] / j2['seconds']:.2f} cores on average)"
            + (
                f"; the CLI: -j 1 {r['cli1']['seconds']:.1f} s / -j {a.jobs} "
                f"{r['cli2']['seconds']:.1f} s = "
                f"{r['cli1']['seconds'] / r['cli2']['seconds']:.2f}x"
                if "cli1" in r
                else ""
            ),
        )
    )
    return out


def tenths(full: dict, small: list[dict], miss: float) -> str:
    """How steady the machine was: the seconds each tenth of the big run took, against the small
    runs. When they vary by more than the linearity ratio missed by, the machine moved the ratio."""
    marks = full.get("splits", [])
    step = len(marks) // 10
    if step < 1:
        return ""
    ends = [0.0] + [marks[step * (i + 1) - 1] for i in range(10)]
    parts = [b - a for a, b in zip(ends, ends[1:])]
    spread = (max(parts) - min(parts)) / statistics.mean(parts)
    return (
        f". Within the {full['mb']:.3g} MB run, each tenth ({step} MB) took "
        f"{min(parts):.1f}-{max(parts):.1f} s "
        f"(mean {statistics.mean(parts):.1f} s, spread {spread:.0%}); the {small[0]['mb']:.3g} "
        f"MB runs took "
        f"{min(s['seconds'] for s in small):.1f}-{max(s['seconds'] for s in small):.1f} s"
        + (
            ". The same work took times that differ by more than the miss: the machine's speed "
            "changed "
            "during the run (see the note on interference), so this verdict is not reflow's"
            if abs(miss) > 0.15 and spread > abs(miss)
            else ""
        )
    )


def profile_section(p: dict, stages: dict) -> list[str]:
    total = sum(stages["stages"].values())
    shares = sorted(stages["stages"].items(), key=lambda kv: -kv[1])
    said = ", ".join(f"{k} {v / total:.0%}" for k, v in shares)
    own = ", ".join(f"`{f}` {s:.0%}" for f, s in p["top_own"][:3])
    return ["## Where reflow's time goes", "",
            f"The stages, by share of the pipeline's time (stage measure above): {said}. "
            f"By own time under cProfile, the top functions are {own} of the profiled time.", "",
            f"cProfile of `reflow.reflow_text` over the first {p['mb']:.1f} MB of the corpus "
            f"({p['profiled_seconds']:.1f} s under the profiler), top 15 by cumulative time:", "",
            "```", p["tables"]["cumulative"], "```", "", "Top 15 by own (total) time:", "",
            "```", p["tables"]["tottime"], "```", ""]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--mb",
        type=float,
        default=100,
        help="size of the main corpus in MB of page text (default 100)",
    )
    ap.add_argument(
        "--small-mb", type=float, help="size of the linearity corpus (default: --mb / 10)"
    )
    ap.add_argument(
        "--small-repeat",
        type=int,
        default=3,
        help="runs on the small corpus, median taken (default 3)",
    )
    ap.add_argument(
        "--stages-mb", type=float, help="corpus for the per-stage timings (default: --mb)"
    )
    ap.add_argument(
        "--pages", type=int, default=3000, help="distinct simulated pages, cycled (default 3000)"
    )
    ap.add_argument(
        "--jobs", type=int, default=2, help="processes for the -j comparison (default 2)"
    )
    ap.add_argument(
        "--chunksize", type=int, default=16, help="Pool.imap chunksize, in pages (default 16)"
    )
    ap.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                    help="cProfile reflow when a target is missed (auto), always or never")
    ap.add_argument(
        "--profile-mb", type=float, default=3, help="MB of pages to profile (default 3)"
    )
    ap.add_argument(
        "--quiet-wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="wait up to SECONDS in all, before measures, for other work to stop (default 0)",
    )
    ap.add_argument(
        "--results", type=Path, default=HERE / "RESULTS.md", help="where to write the report"
    )
    ap.add_argument("--versus-mb", type=float, default=10,
                    help="MB for the comparison with v0.1.0 (benchmarks/versus.py; 0: none)")
    ap.add_argument("--versus-repeat", type=int, default=3,
                    help="runs of each version in that comparison, median (default 3)")
    a = ap.parse_args()
    start, when = time.perf_counter(), datetime.datetime.now().astimezone()
    small_mb, stages_mb = a.small_mb or a.mb / 10, a.stages_mb or a.mb
    big, small, stage_dir = (build(mb, a.pages) for mb in (a.mb, small_mb, stages_mb))

    global wait_left
    wait_left = a.quiet_wait
    r = {n: measure(n, big) for n in ("cat", "python_io", "python_jsonl")}
    r["small"] = [measure("full", small)]           # 10 MB runs on both sides of the 100 MB one
    r["full"] = measure("full", big)
    r["small"] += [measure("full", small) for _ in range(a.small_repeat - 1)]
    r["pool"] = measure("pool", big, f"{a.jobs}:{a.chunksize}")
    if cli_has_jobs():
        r["cli1"], r["cli2"] = measure("cli", big, "1"), measure("cli", big, str(a.jobs))
    for n in ("normalize", "pangu", "autocorrect", "stages"):
        r[n] = measure(n, stage_dir if n == "stages" else big)
    checks = verdicts(r, a)
    p = None
    if a.profile == "always" or (a.profile == "auto" and not all(ok for _, ok, _ in checks)):
        p = measure("profile", big, str(a.profile_mb))

    st = r["stages"]
    label = "" if stages_mb == a.mb else f" ({stages_mb:g} MB subset)"
    rows = [
        row("cat > /dev/null", r["cat"], note="the floor; MB of the JSONL files"),
        row(
            "Python read + write", r["python_io"], note="read_text, write to /dev/null; MB of files"
        ),
        row("Python JSONL parse + write", r["python_jsonl"], note="the harness alone, per page"),
        row("reflow full pipeline (-j 1)", r["full"], note="reflow_text, one call a page"),
        row(
            f"reflow full pipeline (-j {a.jobs})",
            r["pool"],
            note=f"Pool({a.jobs}).imap, chunksize {a.chunksize}; RSS parent + {a.jobs} workers",
        ),
        *[
            row(
                f"python -m reflow -j {c['jobs']} (CLI)",
                c,
                note="JSONL folder in, -o folder out; start-up included; "
                "RSS of the largest process",
            )
            for c in (r.get("cli1"), r.get("cli2"))
            if c
        ],
        *[
            row(f"reflow full pipeline, {s['mb']:.3g} MB, run {i + 1}", s, note="linearity")
            for i, s in enumerate(r["small"])
        ],
        row("reflow.normalize (inline only)", r["normalize"], note="on the raw page text"),
        row(f"pangu {r['pangu']['version']} space_text", r["pangu"], note="spacing only"),
        row(
            f"autocorrect-py {r['autocorrect']['version']} format",
            r["autocorrect"],
            note="spacing + punctuation",
        ),
        row(
            f"reflow stages, all{label}", st, note=f"timers around each stage; drift {st['drift']}"
        ),
    ]
    total = sum(st["stages"].values())
    rows += [row(f"  stage: {k}{label}", st, v, note=f"{v / total:.0%} of the stages")
             for k, v in st["stages"].items()]
    errors = {k: v.get("errors") for k, v in r.items() if isinstance(v, dict) and v.get("errors")}
    disturbed = [k for k, v in r.items() if isinstance(v, dict) and v["others"] > 0.2]
    disturbed += ["full 10 MB"] * any(s["others"] > 0.2 for s in r["small"])
    meta, smeta = corpus.describe(big), corpus.describe(small)
    elapsed = time.perf_counter() - start

    out = [
        "# reflow benchmark (issue 5)",
        "",
        f"Written by `python benchmarks/run.py {' '.join(sys.argv[1:])}`".rstrip()
        + f" on {when:%Y-%m-%d %H:%M %Z}; "
        f"the run took {elapsed / 60:.1f} minutes"
        + (
            f", {(a.quiet_wait - wait_left) / 60:.1f} of them waiting for other work to stop."
            if a.quiet_wait
            else "."
        ),
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Corpus",
        "",
        f"{meta['pool']} distinct pages from `tests/simulator.py` (`simulate(seed, "
        f"load_articles())`, seeds "
        f"0-{meta['pool'] - 1}, the {len(list(corpus.simulator.ARTICLES_DIR.glob('*.txt')))} "
        f"articles of "
        f"tests/articles), cycled in seed order: {meta['pages']} pages, "
        f"{meta['text_bytes'] / 1e6:.1f} MB of page "
        f"text (UTF-8, 1 MB = 10^6 bytes) in {meta['files']} JSONL files of ~1 MB "
        f"({meta['file_bytes'] / 1e6:.1f} MB "
        f"on disk), one `{{\"seed\", \"text\"}}` record a page (pages may hold form feeds, so "
        f"form feeds do not "
        f"separate them). The linearity corpus is the same cycle cut at "
        f"{smeta['text_bytes'] / 1e6:.1f} MB "
        f"({smeta['pages']} pages). Cached under benchmarks/.corpus/.",
        "",
        "## Results",
        "",
        "MB/s is input MB over wall seconds (start-up and imports excluded); each row is one "
        "process on one "
        "core except -j; CPU/wall is the measure's CPU seconds over its wall seconds; others is "
        "the number of "
        "cores that other work kept busy meanwhile, on average (from /proc/stat), 0 on a quiet "
        "machine.",
        "",
        table(rows),
        "",
    ]
    if disturbed:
        out += [
            f"Interference: other work (other engineers' tests) kept more than 0.2 cores busy "
            f"during "
            f"{', '.join(disturbed)}; those rows are slower than the machine alone would give "
            f"(on this VM "
            "a shared core slows a process without lowering its CPU/wall).",
            "",
        ]
    if errors:
        out += [f"Pages that raised (skipped): {errors}.", ""]
    out += ["## Targets of issue 5", ""]
    out += [f"- {text}: **{'met' if ok else 'missed'}** — {how}" for text, ok, how in checks] + [""]
    if p:
        out += profile_section(p, st)
    report = "\n".join(out)
    a.results.write_text(report + ("\n" if not report.endswith("\n") else ""), encoding="utf-8")
    if a.versus_mb:
        # v0.1.0 beside the current code, alternating, on both roads (benchmarks/versus.py)
        jsonl = corpus.build(a.versus_mb, a.pages)
        versus.write_results(versus.section(versus.compare(jsonl, a.versus_repeat),
                                            versus.peers(jsonl), a.versus_repeat,
                                            f"python benchmarks/run.py {' '.join(sys.argv[1:])}"),
                             a.results)
    print(
        "\n"
        + table(rows)
        + "\n\n"
        + "\n".join(f"{'met   ' if ok else 'MISSED'} {t}: {h}" for t, ok, h in checks)
    )
    print(f"\nwritten: {a.results} ({elapsed / 60:.1f} min)")


if __name__ == "__main__":
    main()
