"""Time and profile `reflow.reflow_text` over simulated pages, one page a call, in this process.

    PYTHONPATH=. python benchmarks/hotspots.py                 # 600 pages: speed, then top
    functions
    PYTHONPATH=. python benchmarks/hotspots.py --pages 200 --repeat 5 --top 0

Speed is in process time (the minimum over the repeats), so that other work on the machine counts
less than in wall time. The pages come from the simulator (seeds 0..N-1), cached under .corpus/.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

import reflow  # noqa: E402


def pages(n: int) -> list[str]:
    with corpus.pool(n).open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=600)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument(
        "--top", type=int, default=25, help="functions to list by own time (0: no profile)"
    )
    a = p.parse_args()
    texts = pages(a.pages)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    best = float("inf")
    for _ in range(a.repeat):
        t0 = time.process_time()
        for t in texts:
            reflow.reflow_text(t)
        best = min(best, time.process_time() - t0)
    print(
        f"{a.pages} pages, {mb:.2f} MB: {best:.2f} s process time (min of {a.repeat}), "
        f"{mb / best:.3f} MB/s"
    )
    if a.top:
        prof = cProfile.Profile()
        prof.runcall(lambda: [reflow.reflow_text(t) for t in texts])
        pstats.Stats(prof).sort_stats("tottime").print_stats(a.top)


if __name__ == "__main__":
    main()
