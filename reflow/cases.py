"""The examples of the rules written in code, as case files: `rules/cases/<ID>.txt`.

A case file holds, for each example, the page as it comes in, the text reflow makes of it, and
the text made with the rule switched off, one section each, so that a reviewer reads pages, not
escaped strings:

    === input [--OPTION VALUE ...]
    <the page>
    === output
    <the text output>
    === output --ignore [(why it is the same text, naming the rules that then decide)]
    <the text output with --ignore ID>

Lines starting with `#` before the first section are comments. A section's text is its lines,
each with its line ending. The test suite runs every example (`tests/test_rule_cases.py`), and
`reflow rules ID` shows them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .config import ConfigError, rules_folder

MARK = "=== "


@dataclass(frozen=True)
class Example:
    """A page (`before`) and the text output reflow must make of it (`after`), with `options`
    (pairs of name and value) for rules that only run when asked; `ignored` is the output with
    the rule switched off (`--ignore ID`), None where not given, and `note` says why that is the
    same text where it is."""

    before: str
    after: str
    options: tuple[tuple[str, Any], ...] = ()
    ignored: str | None = None
    note: str = ""


def parse(text: str, source: str = "case file") -> tuple[Example, ...]:
    """The examples of a case file's text."""
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith(MARK):
            sections.append((line[len(MARK):].rstrip("\n"), []))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip() and not line.startswith("#"):
            raise ConfigError(f"{source}: text before the first section: {line.strip()!r}")
    examples: list[Example] = []
    for i in range(0, len(sections), 3):
        heads = [h for h, _ in sections[i:i + 3]]
        if len(heads) != 3 or not heads[0].startswith("input") or heads[1] != "output" \
                or not heads[2].startswith("output --ignore"):
            raise ConfigError(
                f"{source}: want sections input, output, output --ignore; got {heads}"
            )
        flags = heads[0].split()[1:]
        if len(flags) % 2 or not all(f.startswith("--") for f in flags[::2]):
            raise ConfigError(f"{source}: options are --NAME VALUE pairs, not {flags}")
        options = tuple(sorted((k[2:], v) for k, v in zip(flags[::2], flags[1::2])))
        before, after, ignored = ("".join(lines) for _, lines in sections[i:i + 3])
        note = heads[2][len("output --ignore"):].strip().strip("()")
        examples.append(Example(before, after, options, ignored, note))
    return tuple(examples)


@lru_cache(maxsize=None)
def examples_of(rule_id: str) -> tuple[Example, ...]:
    """The examples in the case file of a rule (none if it has no case file)."""
    path = rules_folder().joinpath("cases", f"{rule_id}.txt")
    if not path.is_file():
        return ()
    return parse(path.read_text(encoding="utf-8"), f"rules/cases/{rule_id}.txt")
