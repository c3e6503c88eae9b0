"""Load the rule files: the defaults shipped in `rules/` (package `reflow.default_rules`), then a user's.

Parameters and patterns live in TOML so that a house style can change them without touching Python.
A user file overrides keys of the same table; lists are replaced whole; inline rules with the id of
a default rule replace it, new ids are added.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex


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


@dataclass(frozen=True)
class Config:
    width: dict[str, float]
    headlines: dict[str, float]
    furniture_edge: int
    terminal: str
    closers: str
    opening: tuple[regex.Pattern[str], ...]
    closing: tuple[regex.Pattern[str], ...]
    credit: tuple[regex.Pattern[str], ...]
    author: tuple[regex.Pattern[str], ...]
    furniture: tuple[regex.Pattern[str], ...]
    separator: regex.Pattern[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    inline: tuple[InlineRule, ...] = field(default=())


def _default_files() -> list[tuple[str, str]]:
    try:
        folder = resources.files("reflow.default_rules")
    except ModuleNotFoundError:  # run from a source tree that was never installed
        folder = resources.files("reflow").joinpath("..", "rules")  # type: ignore[assignment]
    return [(f.name, f.read_text(encoding="utf-8"))
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml")]


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


def _inline_rules(raw: list[dict[str, Any]], source: str) -> tuple[InlineRule, ...]:
    by_id: dict[str, InlineRule] = {}
    for r in raw:
        missing = {"id", "name", "pattern"} - r.keys()
        if missing:
            raise ConfigError(f"{source}: inline rule {r.get('id', '?')}: missing {', '.join(sorted(missing))}")
        rid = r["id"]
        by_id[rid] = InlineRule(
            id=rid, name=r["name"], description=r.get("description", ""),
            pattern=_compile(source, f"rule {rid}", r["pattern"]),
            replacement=r.get("replacement", ""), deletes=bool(r.get("deletes", False)),
            examples=tuple((e["before"], e["after"]) for e in r.get("examples", [])),
            unchanged=tuple(r.get("unchanged", [])),
        )
    return tuple(by_id.values())


def build(data: dict[str, Any], source: str = "rules") -> Config:
    """Turn merged TOML data into a `Config`, compiling every pattern once."""
    try:
        pats, punct = data["patterns"], data["punctuation"]
        comp = lambda key: tuple(_compile(source, f"patterns.{key}", p) for p in pats[key])
        return Config(
            width=dict(data["width"]), headlines=dict(data["headlines"]),
            furniture_edge=int(data["furniture"]["edge"]),
            terminal=punct["terminal"], closers=punct["closers"],
            opening=comp("opening"), closing=comp("closing"), credit=comp("credit"),
            author=comp("author"), furniture=comp("furniture"),
            separator=_compile(source, "patterns.separator", pats["separator"]),
            surnames=frozenset(pats["surnames"]),
            compound_surnames=tuple(pats["compound_surnames"].split()),
            inline=_inline_rules(data.get("rule", []), source),
        )
    except KeyError as e:
        raise ConfigError(f"{source}: missing key {e.args[0]!r}") from None


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> Config:
    """The default rules, overridden by the files in `extra` (paths), in order. Cached: built once."""
    data: dict[str, Any] = {}
    for name, text in _default_files():
        _merge(data, tomllib.loads(text))
    for path in extra:
        try:
            _merge(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from None
    return build(data, source=", ".join(("default rules",) + extra))
