"""The rule registry: every rule of every family, with a stable id, a readable name and examples.

Layout rules (families `line` and `structure`) are small Python predicates or actions declared with
`@rule`; inline rules are data in `rules/*.toml`. Both are listed here, built once, so that
`--explain`, rule selection and the test that every rule is documented see one list.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

FAMILIES = ("line", "structure", "inline")


@dataclass(frozen=True)
class Example:
    """A page (`before`) and the text output reflow must make of it (`after`)."""

    before: str
    after: str


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: str
    doc: str
    examples: tuple[Example, ...] = ()
    deletes: bool = False
    default: bool = True   # on unless switched off


_LAYOUT: dict[str, Rule] = {}


def rule(id: str, name: str, family: str, examples: Iterable[tuple[str, str]] = (),
         deletes: bool = False) -> Callable[[F], F]:
    """Declare a layout rule: the decorated function's docstring is the rule's documentation."""
    if family not in FAMILIES[:2]:
        raise ValueError(f"layout rule {id}: unknown family {family!r}")

    def register(func: F) -> F:
        if id in _LAYOUT:
            raise ValueError(f"rule id {id} declared twice ({_LAYOUT[id].name}, {name})")
        doc = " ".join((func.__doc__ or "").split())
        _LAYOUT[id] = Rule(id, name, family, doc, tuple(Example(b, a) for b, a in examples), deletes)
        func.rule_id = id  # type: ignore[attr-defined]
        return func

    return register


def all_rules(config: Any = None) -> list[Rule]:
    """Every rule, layout rules first, then the inline rules of `config` (the defaults if None)."""
    from . import config as config_module
    from .articles import headlines, split  # noqa: F401  (importing registers their rules)
    from .blocks import assemble, boundaries  # noqa: F401
    from .lines import classify  # noqa: F401

    cfg = config or config_module.load()
    inline = [Rule(r.id, r.name, "inline", r.description,
                   tuple(Example(b, a) for b, a in r.examples), r.deletes, r.default)
              for r in cfg.inline]
    return sorted(_LAYOUT.values(), key=lambda r: r.id) + inline


def layout_ids() -> tuple[str, ...]:
    """The ids of the layout rules (families `line` and `structure`)."""
    if not _LAYOUT:
        all_rules()  # importing the stages registers their rules
    return tuple(sorted(_LAYOUT))


def deleting_rules(config: Any) -> set[str]:
    """Ids of the rules declared to delete characters other than white space."""
    if not _LAYOUT:
        all_rules(config)
    return {i for i, r in _LAYOUT.items() if r.deletes} | {r.id for r in config.inline if r.deletes}
