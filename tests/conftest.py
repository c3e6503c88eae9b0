"""Shared fixtures: the repository root, small hand-written pages, and `run` for the CLI in a
subprocess."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests run on a fixed sequence of examples, so that a red run means a regression,
# not a lucky draw. `REFLOW_EXPLORE=1 pytest tests/test_properties.py` searches new examples
# instead (and keeps what fails in .hypothesis/; the fixed sequence never reads it back).
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("explore" if os.environ.get("REFLOW_EXPLORE") else "fixed")


def _import_the_package() -> None:
    """Import every module of reflow. Hypothesis draws some examples from the constants of the
    project's modules that are loaded when a test runs, so the fixed sequence depends on which
    modules are: with all of them loaded, a property test draws alone what it draws in the
    whole suite (where tests/test_regex_safety.py loads them all)."""
    import reflow
    for info in pkgutil.walk_packages(reflow.__path__, "reflow."):
        if not info.name.endswith("__main__"):
            try:
                importlib.import_module(info.name)
            except ImportError:  # an optional dependency is missing
                pass


_import_the_package()

ROOT = Path(__file__).resolve().parents[1]

# Two small pages written for these tests (not copied from any newspaper).
PAGE_A = """城南小学种下二十棵小树

　　本报讯（记者 王小明）今年春天，城南小学的学生们在老师的
带领下，在操场边种下了二十棵小树。孩子们给每棵树都起了
名字，还约定每周轮流浇水。
　　校长说，这样的活动能让孩子们亲近自然，也学会照顾
别人。
李华 摄
"""
PAGE_B = """河边公园重新开放

　　经过一年的整修，河边公园于本月起重新开放。公园里新修了
步道和长椅，傍晚时分常有附近居民来这里散步。
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: builds a venv and installs the package (runs by default)"
    )


@pytest.fixture(scope="session")
def cli_env() -> dict[str, str]:
    """The environment for CLI subprocesses, after checking they import this working tree's
    reflow."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    found = subprocess.run([sys.executable, "-c", "import reflow, reflow.blocks.flow as f; "
                            "print(reflow.__file__); print(f.__file__)"], cwd="/",
                           env=env, capture_output=True, text=True)
    package, stage = (found.stdout.split("\n") + ["", ""])[:2]
    if found.returncode or Path(package).resolve() != ROOT / "reflow" / "__init__.py":
        pytest.fail(
            f"`python -m reflow` does not run this working tree "
            f"({found.stdout.strip() or found.stderr.strip()}); "
            f"install it first: pip install -e '.[test]'",
            pytrace=False,
        )
    # the build under test is the one asked for: compiled in place by mypyc (REFLOW_MYPYC=1
    # pip install -e .), or the pure Python sources with no compiled module left over
    compiled = os.environ.get("REFLOW_MYPYC") == "1"
    if stage.endswith(".py") == compiled:
        pytest.fail(f"REFLOW_MYPYC={os.environ.get('REFLOW_MYPYC', '')!r} but the pipeline runs "
                    f"{stage}: build it with REFLOW_MYPYC=1 pip install -e . (compiled) or "
                    "remove reflow/**/*.so (pure)", pytrace=False)
    return env


@pytest.fixture
def run(tmp_path: Path, cli_env: dict[str, str]):
    """run(*args, input=None, cwd=tmp_path) -> CompletedProcess of `python -m reflow ARGS` (str
    streams)."""

    def run(
        *args: str, input: str | bytes | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess:
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(
            [sys.executable, "-m", "reflow", *map(str, args)],
            cwd=cwd or tmp_path,
            env=cli_env,
            input=data,
            stdin=None if data is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
        )
        done.stdout, done.stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        return done

    return run


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path]:
    """PAGE_A and PAGE_B written as a.txt and b.txt in tmp_path."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PAGE_A, encoding="utf-8")
    b.write_text(PAGE_B, encoding="utf-8")
    return a, b


SHARED = ROOT.parent / "shared"


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say it when the tests that read ../shared were skipped for want of it: a clone without the
    shared folder must not look like a full run."""
    if SHARED.is_dir():
        return
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "shared" in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(
            f"NOTE: {SHARED} is absent: {len(skipped)} tests that need it were skipped",
            yellow=True, bold=True)
