"""The atheris fuzz target (fuzz/fuzz_reflow.py) runs for a bounded time: about a minute.

The run is nearly repeatable: a fixed libFuzzer seed, a fixed number of inputs (RUNS: 75 s on a
busy 2-core machine) and a fixed hash seed, so that it explores nearly the same inputs wherever it
runs (coverage still differs a little between two runs). A crash is kept by libFuzzer as a file
and printed in base64 in the log (see fuzz/README.md; keep it in fuzz/regressions/ once fixed).
SECONDS caps a slow machine. Skipped only where atheris has no
wheel (it is in the test extra for x86_64 Linux, where CI runs).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3000
SECONDS = 150

atheris = pytest.importorskip("atheris", reason="atheris has no wheel for this platform")


def test_fuzz_target_finds_no_crash(tmp_path):
    env = dict(
        os.environ,
        PYTHON=sys.executable,
        FUZZ_SEED="1",
        FUZZ_RUNS=str(RUNS),
        FUZZ_SECONDS=str(SECONDS),
        FUZZ_ARTIFACTS=str(tmp_path / "crashes"),
        PYTHONHASHSEED="0",
    )
    run = subprocess.run(["bash", str(ROOT / "fuzz" / "run_ci.sh")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=SECONDS + 120)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-4000:]
    assert "fuzz: no crash" in log, log[-2000:]
    done = [
        line
        for line in log.splitlines()
        if line.startswith("#") and ("DONE" in line or "pulse" in line)
    ]
    assert done, "libFuzzer printed no progress: did the target run at all?\n" + log[-2000:]
