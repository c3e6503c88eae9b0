"""The run context: what one call of reflow asks for, resolved once, and the record of a page.

A `Run` is built at the entry point (the Python API, the command line, the language server) from
the options: the `Options` checked, the `Config` loaded, the `RuleSet` resolved against the
registry. It is frozen, and every stage takes it. Each page gets its own copy with an empty
`Record` (`for_page`), into which rules record their decisions and edits through `decide` and
`edit`: those ask the rule object, so a record always carries the id of the rule that made it,
and a rule that is switched off cannot record anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .config import Config, load
from .model import Decision, Edit
from .options import Options, RuleSet, select_rules
from .rule import Rule


@dataclass
class Record:
    """The decisions and edits of one page, in the order they were made."""

    decisions: list[Decision] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


class RuleOff(RuntimeError):
    """Code recorded a decision or edit for a rule that is switched off: a bug in reflow."""


@dataclass(frozen=True)
class Run:
    options: Options
    config: Config
    rules: RuleSet
    record: Record = field(default_factory=Record, compare=False)

    @staticmethod
    def make(**options: Any) -> Run:
        """The run for keyword options (the CLI's names); an unknown option is a `TypeError`,
        an unknown rule or a bad value a `ConfigError`."""
        return run_for(Options.make(**options))

    def for_page(self) -> Run:
        """The same run with an empty record, for one page."""
        return replace(self, record=Record())

    def on(self, rule: Rule[..., Any]) -> bool:
        """Whether `rule` runs in this call."""
        return rule.id not in self.rules.off

    def decide(self, rule: Rule[..., Any], lines: tuple[int, int], message: str,
               weak: bool = False) -> None:
        """Record a layout decision of `rule` about input `lines`."""
        if rule.id in self.rules.off:
            raise RuleOff(f"rule {rule.id} is switched off but recorded a decision: {message}")
        self.record.decisions.append(Decision(rule.id, lines, message, weak))

    def edit(self, rule: Rule[..., Any], lines: tuple[int, int], before: str, after: str,
             span: tuple[int, int] | None = None, at: int | None = None) -> None:
        """Record a change of text made by `rule`: at `span` of the text it worked on, or at input
        offset `at`."""
        if rule.id in self.rules.off:
            raise RuleOff(f"rule {rule.id} is switched off but made an edit")
        self.record.edits.append(Edit(rule.id, lines, before, after, span, at))

    def names(self) -> dict[str, str]:
        """Rule id -> name, for the rules of this run (its rules files included)."""
        return dict(self.rules.names)

    def __reduce__(self) -> tuple[Any, ...]:
        # sent to worker processes as its options: each process resolves them once (run_for)
        return (run_for, (self.options,))


@lru_cache(maxsize=32)
def run_for(options: Options) -> Run:
    """The run of `options`, built once per process for each distinct set of options."""
    config = load(options.rules)
    return Run(options, config, select_rules(options, config))
