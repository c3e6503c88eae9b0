"""The package ships `py.typed`, so its annotations are a promise to users: mypy must accept
them."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_accepts_the_package(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--ignore-missing-imports",
            "--cache-dir",
            str(tmp_path),
            "reflow",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (ROOT / "reflow" / "py.typed").is_file()


def public_modules() -> list[str]:
    """`reflow/__init__.py`, the modules of what it exports, and those of the run context their
    signatures name (`Run`, `Rule`, the pipeline's stages)."""
    import reflow
    names = {getattr(reflow, n).__module__ for n in reflow.__all__} | {
        "reflow.run", "reflow.rule", "reflow.cases", "reflow.options", "reflow.registry",
        "reflow.pipeline"}
    files = []
    for n in sorted(names):
        path = n.replace(".", "/")
        files.append(f"{path}.py" if (ROOT / f"{path}.py").is_file() else f"{path}/__init__.py")
    return ["reflow/__init__.py", *files]


def test_mypy_strict_on_the_public_api(tmp_path):
    files = public_modules()
    assert {"reflow/engine.py", "reflow/model.py", "reflow/run.py"} <= set(files)
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "--ignore-missing-imports", "--cache-dir", str(tmp_path), *files],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
