"""The rule registry: every rule of every family, with a stable id, a readable name and examples.

The rules written in code are declared in the stage modules listed here, in this one place: a
module that declares rules is added to `RULE_MODULES`, and the test of the registry fails if a
declared rule is missing from it. Inline rules are data in `rules/*.toml`. Both are listed by
`all_rules`, so that `--explain`, rule selection and the documentation see one list.
"""
from __future__ import annotations

from types import ModuleType
from typing import Any

from .articles import headlines, inside, photos, split
from .blocks import assemble, boundaries, headline_lines, sentence_goes_on
from .config import Config, load
from .inline import convert, dateline, han_space, title_gap
from .lines import (classify, columns, credits, deal, deinterleave, doubled, flattened,
                    glyph_lines, interleaved, layout_text, radicals)
from .pdf import build as pdf_build, glyphs as pdf_glyphs, regions as pdf_regions
from .pdf import roles as pdf_roles
from .cases import Example
from .rule import Rule

RULE_MODULES: tuple[ModuleType, ...] = (radicals, layout_text, deinterleave, columns, deal,
                                        flattened, interleaved, glyph_lines, classify, doubled,
                                        credits, boundaries, headline_lines, sentence_goes_on,
                                        assemble, split, inside, headlines, photos, han_space,
                                        dateline, title_gap, convert, pdf_regions, pdf_roles,
                                        pdf_build, pdf_glyphs)


def _declared(module: ModuleType) -> list[Rule[..., Any]]:
    return [v for v in vars(module).values() if isinstance(v, Rule)]


CODE_RULES: tuple[Rule[..., Any], ...] = tuple(sorted(
    {r.id: r for m in RULE_MODULES for r in _declared(m)}.values(), key=lambda r: r.id))


def _check_unique() -> None:
    seen: dict[str, str] = {}
    for m in RULE_MODULES:
        for r in _declared(m):
            if seen.setdefault(r.id, r.name) != r.name:
                raise ValueError(f"rule id {r.id} declared twice ({seen[r.id]}, {r.name})")


_check_unique()


def inline_rule_objects(config: Config) -> list[Rule[..., Any]]:
    """The inline rules of `config` (written as data) as `Rule`s."""
    return [Rule(r.id, r.name, "inline", r.description, tuple(Example(b, a) for b, a in r.examples),
                 r.deletes, r.default) for r in config.inline]


def all_rules(config: Config | None = None) -> list[Rule[..., Any]]:
    """Every rule, the rules written in code first, then the inline rules of `config` (the
    defaults if None)."""
    return [*CODE_RULES, *inline_rule_objects(config or load())]


def code_rules() -> tuple[Rule[..., Any], ...]:
    """The rules written in code, by id: layout rules, and inline rules a pattern cannot express
    (script conversion, quotes, spaces inside Han words)."""
    return CODE_RULES


def deleting_rules(config: Config) -> frozenset[str]:
    """Ids of the rules declared to delete characters other than white space."""
    return frozenset({r.id for r in CODE_RULES if r.deletes}
                     | {r.id for r in config.inline if r.deletes})
