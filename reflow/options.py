"""What a call may ask for, the same names for the CLI and the Python API; and rule selection.

Rules are selected as ruff does: `select` (ids or id prefixes) replaces the set of rules on by
default, `ignore` takes rules away; a name that matches no rule is an error, not a no-op. A project
may keep its choices in `reflow.toml` (or `[tool.reflow]` in `pyproject.toml`), found upward from
the input: the keys below, plus any table of a rules file.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from .config import PROJECT_KEYS, SPACING_MODES, Config, ConfigError, InlineRule
from .inline.convert import check as check_conversion
from .registry import all_rules, code_rules, deleting_rules
from .rule import Rule


@dataclass(frozen=True)
class Options:
    rules: tuple[str, ...] = ()      # extra rules files (TOML), applied over the defaults in order
    select: tuple[str, ...] = ()     # rule ids or prefixes: only these (empty: the default set)
    ignore: tuple[str, ...] = ()     # rule ids or prefixes to leave out
    spacing: str | None = None       # "compact" (newspaper, the default) or "spaced" (pangu style)
    convert: str | None = None       # an OpenCC conversion: t2s, s2t, s2tw, s2hk, tw2s, hk2s, ...
    quotes: str | None = None        # "corner" (「」) or "curly" (“”), only when asked

    @classmethod
    def make(cls, **options: Any) -> Options:
        """Options from keyword arguments, with a clear error for a name or value that is off."""
        names = {f.name for f in fields(cls)}
        unknown = set(options) - names
        if unknown:
            raise TypeError(
                f"unknown option {sorted(unknown)[0]!r}; options are {', '.join(sorted(names))}"
            )
        values: dict[str, Any] = {k: (_split(v) if k in ("rules", "select", "ignore") else v)
                                  for k, v in options.items() if v is not None}
        out = cls(**values)
        if out.spacing not in (None, *SPACING_MODES):
            raise ConfigError(
                f"spacing must be one of {', '.join(SPACING_MODES)}, not {out.spacing!r}"
            )
        check_conversion(out.convert, out.quotes)
        return out


def _split(value: str | Iterable[str]) -> tuple[str, ...]:
    """`"SP,PU01"` or `["SP", "PU01"]` -> `("SP", "PU01")`."""
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(str(v).strip() for v in items if str(v).strip())


def _matches_any(name: str, ids: Sequence[str]) -> bool:
    return any(_matches(i, (name,)) for i in ids)


def _check_names(names: Sequence[str], ids: Sequence[str]) -> None:
    for name in names:
        if not _matches_any(name, ids):
            raise ConfigError(f"no rule has the id or prefix {name!r} (see `reflow rules`)")


def _refuse_fixed(names: Sequence[str]) -> None:
    """The rules of the PDF road build the page from its geometry: without one of them there is
    no page to rebuild, so switching one off is a usage error that says so."""
    from .pdf.rules import FIXED
    for name in names:
        fixed = [r for r in FIXED if _matches(r.id, (name,))]
        if fixed:
            raise ConfigError(
                f"{fixed[0].id} ({fixed[0].name}) cannot be switched off: P01-P03 read the "
                "lines of a PDF and their order from its geometry, and no page can be built "
                "without them")


def _matches(rule_id: str, names: Sequence[str]) -> bool:
    """Rule ids and prefixes are case-insensitive everywhere: `sp01` is SP01."""
    return any(rule_id.upper().startswith(n.upper()) for n in names)


def find_project_config(start: Path) -> Path | None:
    """`reflow.toml`, or a `pyproject.toml` with a `[tool.reflow]` table, in `start` or above."""
    folder = start if start.is_dir() else start.parent
    for d in (folder.resolve(), *folder.resolve().parents):
        if (d / "reflow.toml").is_file():
            return d / "reflow.toml"
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                if "reflow" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def with_project(options: Options, path: Path) -> Options:
    """Options with a project file's choices under the caller's: what the call says wins.

    The project file's own rule tables become a rules file applied before the call's `rules`.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("reflow", {})
    own = {k: data.pop(k) for k in PROJECT_KEYS if k in data}
    rules = tuple(str((path.parent / f).resolve()) for f in _split(own.get("extend", ())))
    if data:  # rule tables in the project file itself
        rules += (str(path),) if path.name == "reflow.toml" else ()
    return replace(
        options,
        rules=rules + options.rules,
        select=options.select or _split(own.get("select", ())),
        ignore=_split(own.get("ignore", ())) + options.ignore,
        spacing=options.spacing or own.get("spacing"),
        convert=options.convert or own.get("convert"),
        quotes=options.quotes or own.get("quotes"),
    )


def resolve(start: Path | None, **given: Any) -> dict[str, Any]:
    """The options of one input as keyword arguments: `given` (the caller's) over the project
    file found upward from `start` (none when `start` is None). The CLI and the language server
    both ask this."""
    opts = Options.make(**given)
    project = find_project_config(start) if start is not None else None
    return asdict(with_project(opts, project) if project is not None else opts)


@dataclass(frozen=True)
class RuleSet:
    """The rules of one run, resolved once against the registry."""

    off: frozenset[str]                 # rules written in code that are switched off
    inline: tuple[InlineRule, ...]      # the pattern rules to run, in file order
    deleting: frozenset[str]            # rules declared to delete characters
    names: tuple[tuple[str, str], ...]  # (id, name) of every rule, for messages


def select_rules(options: Options, config: Config) -> RuleSet:
    """Which rules run: the one place where `select` and `ignore` are worked out."""
    code = code_rules()
    return RuleSet(code_off(options, code), inline_rules(config, options, code),
                   deleting_rules(config), tuple((r.id, r.name) for r in all_rules(config)))


def inline_rules(config: Config, options: Options,
                 code_rules: Sequence[Rule[..., Any]]) -> tuple[InlineRule, ...]:
    """The inline rules to run, in file order: selected (or on by default), not ignored, and
    meant for the spacing mode. `select` picks among the inline rules; the layout rules stay on
    unless ignored, since a page cannot be rebuilt without them."""
    inline_ids = [r.id for r in config.inline]
    code_ids = [r.id for r in code_rules]
    for name in options.select:
        other = [r for r in code_rules if r.family != "inline" and _matches(r.id, (name,))]
        if other and not _matches_any(name, inline_ids):
            raise ConfigError(
                f"select picks among the inline rules: {name!r} names {other[0].family} rules,"
                f" which stay on unless ignored (`--ignore {name}`)")
    _check_names(options.select, inline_ids + [r.id for r in code_rules if r.family == "inline"])
    _refuse_fixed(options.ignore)
    _check_names(options.ignore, [*code_ids, *inline_ids])
    return tuple(
        r for r in config.inline
        if (_matches(r.id, options.select) if options.select else r.default)
        and not _matches(r.id, options.ignore)
        and r.spacing in (None, options.spacing or SPACING_MODES[0]))


def code_off(options: Options, code_rules: Sequence[Rule[..., Any]]) -> frozenset[str]:
    """The rules written in code switched off: those ignored, and, when `select` is given, the
    inline ones on by default that it does not name. (Rules off by default, such as the script
    conversion, run when their option asks for them, whatever `select` says.)"""
    return frozenset(
        r.id for r in code_rules
        if _matches(r.id, options.ignore)
        or (options.select and r.family == "inline" and r.default
            and not _matches(r.id, options.select)))
