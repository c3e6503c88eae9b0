"""Every regular expression reflow runs must take time linear in its input, on purpose-built bad
input too: a page is whatever a PDF extractor or an OCR engine wrote, and one pattern that
backtracks over a long run of spaces or dots turns a 1 MB file into minutes.

Collected: the inline rules and the layout patterns of the default rules, every module-level
compiled pattern of the package, and every pattern written as a literal in a `regex.`/`re.` call.
Each runs (as the package runs it: `finditer` (timed as `findall`, the same scan), or `match`
where only that is used) over inputs of
n and 4n characters; 4n must not take more than about 12 times n (4 for linear, 3 for noise), and
neither may take over 4 microseconds a character (4 s for 1 MB; they take 0.1-1 s).

A pattern that fails here is rewritten (possessive quantifiers, atomic groups, a lookbehind that
reads back only to the previous match with `\\G`: see WD06, SP09, SP20 and credit[0] in the rules),
never listed as an exception; tests/test_regex_equivalence.py shows the rewrites match as before.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import time
from functools import lru_cache
from typing import Any, Callable

import pytest
import regex

import reflow
from reflow import config as config_module

N = 32_000                 # characters of the smaller input; the larger one has 4N
PER_CHAR = 4e-6  # absolute bound, seconds per character: 4 s for 1 MB on a busy shared machine
SLACK = 0.05               # seconds: timer noise on a shared machine

# Runs of the characters that the patterns count, look around or repeat.
UNITS = {
    "spaces": " ",
    "mixed-spaces": " \t\u3000\u00a0\u2009\u202f",
    "digits": "1",
    "digit-punct": "1.1,",
    "digit-marks": "1：1/",
    "quotes": "“”‘’\"'",
    "mixed-scripts": "汉a1 ，é“",
    "han": "汉",
    "han-space": "汉 ",
    "han-ideographic-space": "汉\u3000",
    "han-newline": "汉\n",
    "dots": ".",
    "ideographic-dots": "。 ",
    "ellipsis": "…⋯",
    "fullwidth-open-paren": "（",
    "open-paren": "(",
    "paren-han": "（汉(",
    "plus": "+",
    "question-bang": "?!",
    "han-question": "汉?",
    "reporter": "记者王五 ",
    "latin-space": "a ",
}

# How the package uses a pattern, where that is not `finditer`/`search` over a whole line.
ONLY_MATCH = {"reflow.blocks.flow._PUSHED"}   # `.match` at the start of a line


def _module_patterns() -> dict[str, Any]:
    """Compiled patterns bound at module level (also inside tuples, lists and dicts), and literal
    patterns passed to `regex.*`/`re.*` in the source. `__main__` would run the CLI; a module
    whose optional dependency is missing is skipped."""
    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(reflow.__path__, "reflow."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for attr, value in vars(module).items():
            values = (
                value.values()
                if isinstance(value, dict)
                else value if isinstance(value, (tuple, list)) else [value]
            )
            for i, v in enumerate(values):
                if isinstance(v, (re.Pattern, regex.Pattern)):
                    found[f"{info.name}.{attr}" + (f"[{i}]" if v is not value else "")] = v
        try:
            tree = ast.parse(inspect.getsource(module))
        except (OSError, TypeError):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                lib = regex if node.func.value.id == "regex" else re
                try:
                    found[f"{info.name}:{node.lineno}"] = lib.compile(node.args[0].value)
                except (re.error, regex.error):
                    pass
    return found


def collect() -> dict[str, Any]:
    """Pattern key -> compiled pattern (str or bytes; `regex` or `re`), each source once."""
    config = config_module.load()
    patterns: dict[str, Any] = {f"inline {r.id}": r.pattern for r in config.inline}
    for key in ("opening", "closing", "credit", "author", "furniture"):
        patterns.update({f"{key}[{i}]": p for i, p in enumerate(getattr(config, key))})
    patterns["separator"] = config.separator
    # the line patterns of a kind joined into one search (classify): joining can undo the engine's
    # pre-checks that keep each pattern linear alone
    patterns.update({f"joined {key}": p for key, p in config.joined.items() if p is not None})
    seen = {p.pattern for p in patterns.values()}
    found = _module_patterns()
    # compiled objects first: a literal in a call is compiled here without its flags, so it only
    # counts where no compiled object has the same source
    for key in sorted(found, key=lambda k: ":" in k):
        if found[key].pattern not in seen:
            seen.add(found[key].pattern)
            patterns[key] = found[key]
    return patterns


PATTERNS = collect()


@lru_cache(maxsize=None)
def text_of(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@lru_cache(maxsize=None)
def bytes_of(unit: str, n: int) -> bytes:
    """The same run in UTF-8, for a bytes pattern (decode's)."""
    return text_of(unit, n).encode()


def cost(pattern: Any, text: str | bytes, only_match: bool, timeout: float) -> float | None:
    """Seconds to run the pattern over `text`, or None past `timeout` (regex stops itself)."""
    start = time.perf_counter()
    try:
        if only_match:
            pattern.match(text, timeout=timeout)
        else:
            pattern.findall(text, timeout=timeout)    # finditer's scan, without a Python loop
    except TimeoutError:
        return None
    return time.perf_counter() - start


def nonlinear(key: str, unit: str, attempts: int = 2) -> str | None:
    """Why the pattern is not linear on runs of `unit`, or None. Measured twice before failing.
    A stdlib `re` pattern is timed as `regex` compiles it (same backtracking, and a timeout)."""
    p = PATTERNS[key]
    if isinstance(p, re.Pattern):
        p = regex.compile(p.pattern, p.flags & (re.I | re.M | re.S | re.X))
    only_match = key in ONLY_MATCH
    subject = bytes_of if isinstance(p.pattern, bytes) else text_of
    why = ""
    small, big = subject(unit, N), subject(unit, 4 * N)
    for _ in range(attempts):
        t1 = cost(p, small, only_match, len(small) * PER_CHAR)
        if t1 is None:
            why = f"over {len(small) * PER_CHAR:.2f} s on {len(small)} characters"
            continue
        limit = min(len(big) * PER_CHAR, 12 * t1 + SLACK)
        t4 = cost(p, big, only_match, limit)
        if t4 is not None:
            return None
        why = f"{t1:.3f} s on {len(small)} characters, over {limit:.2f} s on {len(big)}"
    return why


def test_patterns_were_found() -> None:
    assert sum(k.startswith("inline ") for k in PATTERNS) >= 20
    assert sum(k.startswith("reflow.") for k in PATTERNS) >= 10


@pytest.mark.parametrize("key", sorted(PATTERNS))
def test_pattern_is_linear(key: str) -> None:
    slow = {unit: why for unit in UNITS if (why := nonlinear(key, UNITS[unit]))}
    assert not slow, f"{key} {PATTERNS[key].pattern!r} backtracks: {slow}"


# --- the whole engine --------------------------------------------------------------------------

def _lines(unit: str, n: int) -> str:
    return unit * n


def _line(unit: str, n: int) -> str:
    return text_of(unit, n)


def _nested(unit: str, n: int) -> str:
    """`unit` (an opening and a closing bracket) nested n deep around one word: `（（汉））`."""
    return unit[0] * n + "汉" + unit[1] * n


NEWS = "城东第三中学今天上午举行新校区启用仪式，全校师生搬进了新建的教学楼。"
MIXED = "汉a1 ，“”（）…. ?!　记者王五 2023年5月"
# (builder, unit, n): the input is builder(unit, n), then builder(unit, 4 * n). Sizes keep the
# smaller run near 0.1-0.5 s, so that a quadratic stage (16 times slower) stands out of the noise;
# a million one-character lines would take half a minute even when linear, so 40,000 stand for it.
ENGINE_INPUTS: list[Any] = [
    pytest.param(_line, MIXED, 250_000, id="1MB-mixed-line"),
    pytest.param(_line, NEWS, 62_500, id="news-line"),
    pytest.param(_line, "汉 ", 12_500, id="han-space-line"),
    pytest.param(_line, "汉?!", 12_500, id="question-bang-line"),
    pytest.param(_line, "（汉", 25_000, id="open-paren-line"),
    pytest.param(_lines, "。\n", 10_000, id="one-character-lines"),
    pytest.param(_lines, NEWS + "\n", 1_000, id="news-lines"),
    pytest.param(_line, " ", 25_000, id="spaces-line"),
    pytest.param(_line, ".", 25_000, id="dots-line"),
    pytest.param(_lines, "汉\n", 25_000, id="one-han-lines"),
    # lines that each look like a headline (short, no punctuation, set apart): headline groups
    pytest.param(_lines, "城东新校区今天启用\n\n", 2_500, id="headline-like-lines"),
    pytest.param(_lines, "城东新校区启用\n师生搬进新楼\n\n", 1_500, id="headline-pairs"),
    pytest.param(_nested, "（）", 25_000, id="deep-brackets"),
    pytest.param(_nested, "「『", 25_000, id="deep-quotes"),
    # lines of two side-by-side columns (L41, L42) and pages (form feeds)
    pytest.param(_lines, "城东第三中学今天上午举行新校区启用仪式，全校 师生搬进了新建的教学楼，"
                 "孩子们在操场上奔跑\n", 500, id="side-by-side-lines"),
    pytest.param(_lines, "\f" + NEWS + "\n", 1_000, id="many-pages"),
]


@pytest.mark.parametrize(
    "function", [reflow.normalize, reflow.reflow_text], ids=["normalize", "reflow_text"]
)
@pytest.mark.parametrize("build, unit, n", ENGINE_INPUTS)
def test_engine_is_linear(
    function: Callable[[str], str], build: Callable[[str, int], str], unit: str, n: int
) -> None:
    """4 times the input takes about 4 times the time: a ratio of process times (CPU seconds of
    this process, which other work on the machine disturbs less than wall time), not a limit."""
    small, big = build(unit, n), build(unit, 4 * n)
    for attempt in range(2):
        start = time.process_time()
        function(small)
        t1 = time.process_time() - start
        start = time.process_time()
        function(big)
        t4 = time.process_time() - start
        if t4 < 4 * t1 * 3 + 0.2:
            break
    assert (
        t4 < 4 * t1 * 3 + 0.2
    ), f"{t1:.2f} s for {len(small)} characters, {t4:.2f} s for {len(big)}"
