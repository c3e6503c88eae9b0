"""A real, non-editable install into a fresh venv: the `reflow` script runs and finds its default
rules.

The working tree is copied first (without .git, venvs and build leftovers) so that building the
wheel
leaves no `build/` or `*.egg-info` in the repository. pip needs PyPI for the build backend and the
runtime dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PAGE_A, ROOT

NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    ".nox",
    ".corpus",      # the benchmark's corpus and its v0.1.0 venv (benchmarks/, git-ignored)
    ".v0.1.0",
    "*.so",         # a compiled build in place (REFLOW_MYPYC=1 pip install -e .)
)


def sh(*args, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_pip_install_runs_the_installed_script_with_default_rules(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python, script = venv / "bin" / "python", venv / "bin" / "reflow"
    sh(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        source,
        cwd=tmp_path,
    )
    shutil.rmtree(source)  # the installed copy must stand on its own

    installed = sh(
        python, "-c", "import reflow; print(reflow.__file__)", cwd=tmp_path
    ).stdout.strip()
    assert Path(installed).is_relative_to(venv), installed

    rules = sh(
        python,
        "-c",
        "import importlib.resources as r; "
        "print('\\n'.join(p.name for p in r.files('reflow.default_rules').iterdir()))",
        cwd=tmp_path,
    )
    assert any(name.endswith(".toml") for name in rules.stdout.split()), rules.stdout

    (tmp_path / "page.txt").write_text(PAGE_A, encoding="utf-8")
    done = sh(script, "page.txt", cwd=tmp_path)
    assert done.stdout.strip(), done.stderr
    assert sh(script, "--version", cwd=tmp_path).stdout.strip()
