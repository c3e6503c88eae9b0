"""The pre-commit hooks, run the way a user tries them: `pre-commit try-repo ROOT HOOK --files
PAGE`.

pre-commit builds the hook's own environment from this repository (pip needs PyPI for the
dependencies), in a PRE_COMMIT_HOME of the test's own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PAGE_A, ROOT

import reflow


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")

    def try_repo(hook: str, folder: Path, *files: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PRE_COMMIT_HOME"] = str(home)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    return try_repo


@pytest.fixture
def project(tmp_path):
    if shutil.which("git") is None:
        pytest.fail("git is needed for pre-commit")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "page.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(reflow.reflow_text(PAGE_A), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    return tmp_path


@pytest.mark.slow
def test_check_hook_fails_on_a_broken_page_and_passes_a_clean_one(try_repo, project):
    done = try_repo("reflow-check", project, "page.txt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "would reflow page.txt" in done.stdout
    assert try_repo("reflow-check", project, "clean.txt").returncode == 0
    assert (project / "page.txt").read_text(encoding="utf-8") == PAGE_A


@pytest.mark.slow
def test_fix_hook_rewrites_the_page(try_repo, project):
    done = try_repo("reflow-fix", project, "page.txt")
    assert done.returncode == 1 and "files were modified by this hook" in done.stdout
    assert (project / "page.txt").read_text(encoding="utf-8") == reflow.reflow_text(PAGE_A)
