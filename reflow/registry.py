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
    """A page (`before`) and the text output reflow must make of it (`after`), with `options`
    (pairs of name and value) for rules that only run when asked."""

    before: str
    after: str
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: str
    doc: str
    examples: tuple[Example, ...] = ()
    deletes: bool = False
    default: bool = True   # on unless switched off


_CODE: dict[str, Rule] = {}


def rule(id: str, name: str, family: str, examples: Iterable[tuple] = (),
         deletes: bool = False, default: bool = True) -> Callable[[F], F]:
    """Declare a rule written in code (the layout rules, and inline rules that a pattern cannot
    express): the decorated function's docstring is the rule's documentation."""
    if family not in FAMILIES:
        raise ValueError(f"rule {id}: unknown family {family!r}")

    def register(func: F) -> F:
        if id in _CODE:
            raise ValueError(f"rule id {id} declared twice ({_CODE[id].name}, {name})")
        doc = " ".join((func.__doc__ or "").split())
        _CODE[id] = Rule(id, name, family, doc,
                         tuple(Example(e[0], e[1], tuple(sorted(e[2].items())) if len(e) > 2 else ())
                               for e in examples), deletes, default)
        func.rule_id = id  # type: ignore[attr-defined]
        return func

    return register


def all_rules(config: Any = None) -> list[Rule]:
    """Every rule, layout rules first, then the inline rules of `config` (the defaults if None)."""
    from . import config as config_module
    from .articles import headlines, split  # noqa: F401  (importing registers their rules)
    from .blocks import assemble, boundaries  # noqa: F401
    from .inline import convert, han_space  # noqa: F401
    from .lines import classify, columns, flattened, interleaved  # noqa: F401

    cfg = config or config_module.load()
    inline = [Rule(r.id, r.name, "inline", r.description,
                   tuple(Example(b, a) for b, a in r.examples), r.deletes, r.default)
              for r in cfg.inline]
    return sorted(_CODE.values(), key=lambda r: r.id) + inline


def code_rules() -> tuple[Rule, ...]:
    """The rules written in code, by id: layout rules, and inline rules a pattern cannot express
    (script conversion, quotes, spaces inside Han words)."""
    if not _CODE:
        all_rules()  # importing the stages registers their rules
    return tuple(_CODE[i] for i in sorted(_CODE))


def code_ids() -> tuple[str, ...]:
    """The ids of `code_rules()`."""
    return tuple(r.id for r in code_rules())


def deleting_rules(config: Any) -> set[str]:
    """Ids of the rules declared to delete characters other than white space."""
    if not _CODE:
        all_rules(config)
    return {i for i, r in _CODE.items() if r.deletes} | {r.id for r in config.inline if r.deletes}
