"""The README's worked example of a house rules file does what the README says."""
from __future__ import annotations

import re

from conftest import ROOT


def test_house_rules_example(run, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    toml = re.search(r"```toml\n(\[\[rule\]\].*?)```", readme, re.S).group(1)
    line = re.search(r"^reflow --rules house\.toml.*$", readme, re.M).group(0)
    command, example = line.split("#", 1)
    before, after = (part.strip() for part in example.split("->"))
    args = command.split()[1:]
    (tmp_path / "house.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "page.txt").write_text(before + "\n", encoding="utf-8")
    done = run(*[a for a in args if a != "page.txt"], "page.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == after + "\n"
