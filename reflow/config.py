"""Load the rule files: the defaults shipped in `rules/` (package `reflow.default_rules`), then a
user's.

Parameters and patterns live in TOML so that a house style can change them without touching Python.
A user file overrides keys of the same table; lists are replaced whole; inline rules with the id of
a default rule replace it, new ids are added.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import regex

from .needs import needed_char, needed_run


class ConfigError(ValueError):
    """A rules file that cannot be used: the message names the file and the key."""


@dataclass(frozen=True)
class InlineRule:
    id: str
    name: str
    description: str
    pattern: regex.Pattern[str]
    replacement: str
    deletes: bool = False
    examples: tuple[tuple[str, str], ...] = ()
    unchanged: tuple[str, ...] = ()
    spacing: str | None = None   # the rule applies only in this spacing mode ("compact", "spaced")
    default: bool = True         # on unless deselected; False: off unless selected
    table: dict[str, str] | None = None  # instead of one replacement: each match -> table[match]
    # every match holds one of these characters: a text without any is not scanned (None: any)
    needs: frozenset[str] | None = None


# A pattern asked alone: the character it needs, the run of atoms around it, the pattern.
Needing = tuple[str, "regex.Pattern[str] | None", "regex.Pattern[str]"]


@dataclass(frozen=True)
class Config:
    width: dict[str, Any]          # TOML numbers: cells (int), outer_weight (float)
    headlines: dict[str, float]
    furniture_edge: int
    terminal: str
    closers: str
    opening: tuple[regex.Pattern[str], ...]
    closing: tuple[regex.Pattern[str], ...]
    closing_tag: tuple[regex.Pattern[str], ...]
    trailing_credit: tuple[regex.Pattern[str], ...]
    credit: tuple[regex.Pattern[str], ...]
    author: tuple[regex.Pattern[str], ...]
    furniture: tuple[regex.Pattern[str], ...]
    separator: regex.Pattern[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    roles: tuple[str, ...] = ()             # words before a name: `记者 文月婷`
    section: regex.Pattern[str] | None = None   # a section's name alone: `综合新闻`, `文化`
    credit_words: frozenset[str] = frozenset()  # words after a name: `马海龙 摄`
    inline: tuple[InlineRule, ...] = field(default=())

    @cached_property
    def long_roles(self) -> tuple[str, ...]:
        """The roles of two characters or more (`记者`, `通讯员`): a word that ends in one of them
        is a role before a name; one character (`图`) ends too many words to say so."""
        return tuple(r for r in self.roles if len(r) >= 2)

    @cached_property
    def joined(self) -> dict[str, regex.Pattern[str] | None]:
        """The line patterns of each kind that need no character joined into one (`any_of`), to ask
        them in one search. Joined, patterns lose the engine's pre-checks that keep some fast alone
        (a literal they need), so tests/test_regex_safety.py times these too; the inline rules are
        not joined."""
        return {kind: any_of(self.unjoined[kind]) for kind in LINE_KINDS}

    @cached_property
    def unjoined(self) -> dict[str, tuple[regex.Pattern[str], ...]]:
        """The line patterns of each kind that need no character (`needed_char`), in order."""
        return {kind: tuple(p for p in getattr(self, kind) if needed_char(p) is None)
                for kind in LINE_KINDS}

    @cached_property
    def needing(self) -> dict[str, tuple[Needing, ...]]:
        """The line patterns of each kind that need a character, with it and the run of atoms
        around it that every match holds (`needed_run`, or None): each asked alone, only on a
        text that holds the character and the run. Joined, L01's header of fields (which needs
        `年`) took 0.3 s of 1.5 s on 200 simulated pages, tried on every line; alone, on every
        line with `年` (a tenth of them) it took 0.08 s of 1.2 s, where `\\d{4}\\s*年` is rare."""
        out: dict[str, tuple[Needing, ...]] = {}
        for kind in LINE_KINDS:
            needs = ((needed_char(p), p) for p in getattr(self, kind))
            out[kind] = tuple((c, needed_run(p), p) for c, p in needs if c is not None)
        return out


# The kinds of line patterns asked by `classify._found`.
LINE_KINDS = ("opening", "closing", "credit", "author", "furniture")


# What joining patterns into one alternation could change: references to groups (`\1`, `\g<x>`,
# `(?P=x)`, `(?1)`, `(?(1)...)`) and flags set for the whole pattern (`(?i)`), which would reach
# the others.
_NOT_JOINABLE = regex.compile(r"\\[1-9g]|\(\?(?:P[=>]|[0-9R&+(-])|\(\?[a-zA-Z-]+\)")


def any_of(patterns: tuple[regex.Pattern[str], ...]) -> regex.Pattern[str] | None:
    """One pattern that finds a match wherever one of `patterns` does; None if there are none or
    they cannot be joined without changing what one of them means."""
    if not patterns or any(
        _NOT_JOINABLE.search(p.pattern) or p.flags != patterns[0].flags for p in patterns
    ):
        return None
    return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def rules_folder() -> Traversable:
    """The folder of the default rules: `rules/`, installed as the package
    `reflow.default_rules`."""
    try:
        return resources.files("reflow.default_rules")
    except ModuleNotFoundError:  # run from a source tree that was never installed
        return resources.files("reflow").joinpath("..", "rules")


def _default_files() -> list[tuple[str, str]]:
    folder = rules_folder()
    return [(f.name, f.read_text(encoding="utf-8"))
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml")]


def _check_keys(defaults: dict[str, Any], new: dict[str, Any], source: str) -> None:
    """A user file may only set keys the defaults know: a typo is an error, not a no-op."""
    for key, value in new.items():
        if key == "rule":
            continue
        if key not in defaults:
            raise ConfigError(f"{source}: unknown key {key!r}")
        if isinstance(value, dict) and isinstance(defaults[key], dict):
            unknown = set(value) - set(defaults[key])
            if unknown:
                raise ConfigError(f"{source}: unknown key {key}.{sorted(unknown)[0]}")


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if key == "rule":
            into.setdefault("rule", []).extend(value)
        elif isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key].update(value)
        else:
            into[key] = value


def _compile(source: str, key: str, pattern: str) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as e:
        raise ConfigError(f"{source}: {key}: bad pattern {pattern!r}: {e}") from None


RULE_KEYS = {"id", "name", "description", "pattern", "replacement", "deletes", "examples",
             "unchanged", "spacing", "default", "table", "needs"}
SPACING_MODES = ("compact", "spaced")
# Keys of a project file (`reflow.toml`) that are choices of the call, not rule tables.
PROJECT_KEYS = ("select", "ignore", "spacing", "extend", "convert", "quotes")


def _inline_rules(raw: list[dict[str, Any]], source: str) -> tuple[InlineRule, ...]:
    by_id: dict[str, InlineRule] = {}
    for r in raw:
        missing = {"id", "name"} - r.keys() or ({"pattern or table"} - ({"pattern or table"}
                                                  if {"pattern", "table"} & r.keys() else set()))
        if missing:
            raise ConfigError(
                f"{source}: inline rule {r.get('id', '?')}: missing {', '.join(sorted(missing))}"
            )
        rid = r["id"]
        unknown = set(r) - RULE_KEYS
        if unknown:
            raise ConfigError(
                f"{source}: inline rule {rid}: unknown key {', '.join(sorted(unknown))}"
            )
        if r.get("spacing") not in (None, *SPACING_MODES):
            raise ConfigError(f"{source}: inline rule {rid}: spacing must be one of "
                              f"{', '.join(SPACING_MODES)}, not {r['spacing']!r}")
        table = r.get("table")
        pattern = r.get("pattern") or "|".join(
            regex.escape(k) for k in sorted(table or {}, key=len, reverse=True))
        by_id[rid] = InlineRule(
            id=rid, name=r["name"], description=r.get("description", ""),
            pattern=_compile(source, f"rule {rid}", pattern), table=table,
            replacement=r.get("replacement", ""), deletes=bool(r.get("deletes", False)),
            examples=tuple((e["before"], e["after"]) for e in r.get("examples", [])),
            unchanged=tuple(r.get("unchanged", [])),
            spacing=r.get("spacing"), default=bool(r.get("default", True)),
            needs=_needs(r.get("needs"), table),
        )
    return tuple(by_id.values())


def _needs(given: str | None, table: dict[str, str] | None) -> frozenset[str] | None:
    """The characters one of which every match of a rule holds: as given (`needs`), or, for a
    table, the first characters of its keys (a match is one of them)."""
    if given is not None:
        return frozenset(given) or None
    firsts = frozenset(k[:1] for k in table or {})
    return firsts if table and "" not in firsts else None


def build(data: dict[str, Any], source: str = "rules") -> Config:
    """Turn merged TOML data into a `Config`, compiling every pattern once."""
    try:
        pats, punct = data["patterns"], data["punctuation"]

        def comp(key: str) -> tuple[regex.Pattern[str], ...]:
            return tuple(_compile(source, f"patterns.{key}", p) for p in pats[key])

        return Config(
            width=dict(data["width"]), headlines=dict(data["headlines"]),
            furniture_edge=int(data["furniture"]["edge"]),
            terminal=punct["terminal"], closers=punct["closers"],
            opening=comp("opening"), closing=comp("closing"), closing_tag=comp("closing_tag"),
            trailing_credit=comp("trailing_credit"), credit=comp("credit"),
            author=comp("author"), furniture=comp("furniture"),
            separator=_compile(source, "patterns.separator", pats["separator"]),
            section=_compile(source, "patterns.section", pats["section"]),
            surnames=frozenset(pats["surnames"]),
            compound_surnames=tuple(pats["compound_surnames"].split()),
            roles=tuple(data["names"]["roles"].split()),
            credit_words=frozenset(data["names"]["credits"].split()),
            inline=_inline_rules(data.get("rule", []), source),
        )
    except KeyError as e:
        raise ConfigError(f"{source}: missing key {e.args[0]!r}") from None


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> Config:
    """The default rules, overridden by the files in `extra` (paths), in order. Cached: built
    once."""
    data: dict[str, Any] = {}
    for name, text in _default_files():
        _merge(data, tomllib.loads(text))
    for path in extra:
        try:
            new = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from None
        new = {k: v for k, v in new.items() if k not in PROJECT_KEYS}
        _check_keys(data, new, str(path))
        _merge(data, new)
    return build(data, source=", ".join(("default rules",) + extra))
