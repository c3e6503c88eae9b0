"""The package ships `py.typed`, so its annotations are a promise to users: mypy must accept them."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_accepts_the_package(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--cache-dir", str(tmp_path),
                           "reflow"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (ROOT / "reflow" / "py.typed").is_file()
