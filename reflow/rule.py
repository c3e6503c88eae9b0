"""A rule, declared once: its id, name, family, the docstring that says why, examples, function.

Layout rules and the inline rules a pattern cannot express are Python functions declared with
`@rule`, which turns the function into the `Rule` object of the same name: the code asks and
records through that object (`run.on(lost_indent)`, `run.decide(lost_indent, ...)`), never
through its id. Inline rules written as data (`rules/inline.toml`) become `Rule`s without a
function. This module imports nothing of the pipeline, so every stage can declare rules.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

from .cases import Example, examples_of

P = ParamSpec("P")
R = TypeVar("R")

FAMILIES = ("line", "structure", "inline", "pdf")


@dataclass(frozen=True, eq=False)
class Rule(Generic[P, R]):
    """A rule: identity and documentation, and (for rules written in code) the function."""

    id: str
    name: str
    family: str
    doc: str
    cases: tuple[Example, ...] | None = None   # examples given as data; None: its case file
    deletes: bool = False          # may change or remove characters other than white space
    default: bool = True           # on unless switched off
    func: Callable[P, R] | None = None

    @property
    def examples(self) -> tuple[Example, ...]:
        """The rule's examples: its own (inline rules), else those of `rules/cases/<ID>.txt`."""
        if self.cases is not None:
            return self.cases
        return examples_of(self.id)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        assert self.func is not None, f"rule {self.id} is data, not a function"
        return self.func(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<rule {self.id} {self.name}>"


def rule(id: str, name: str, family: str, deletes: bool = False,
         default: bool = True) -> Callable[[Callable[P, R]], Rule[P, R]]:
    """Declare a rule written in code: the decorated function's docstring is the rule's
    documentation, its examples are in `rules/cases/<ID>.txt`, and the name it is bound to is the
    `Rule` itself."""
    if family not in FAMILIES:
        raise ValueError(f"rule {id}: unknown family {family!r}")

    def declare(func: Callable[P, R]) -> Rule[P, R]:
        doc = " ".join((func.__doc__ or "").split())
        # the rule's own class calls the function itself: asking a rule costs no more than
        # calling its function (rules are asked for every line and pair of lines)
        own = type(f"Rule{id}", (Rule,), {"__call__": staticmethod(func), "__slots__": ()})
        made: Rule[P, R] = own(id, name, family, doc, None, deletes, default, func)
        return made

    return declare
