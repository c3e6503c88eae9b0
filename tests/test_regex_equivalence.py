"""Patterns rewritten for linear time (test_regex_safety) still find exactly what they found before.

Each pattern below was quadratic or worse on long runs (`?!?!…`, `+++…`, `汉 汉 …`, `记者王五 …`)
and was rewritten with possessive quantifiers, lookbehinds tried once per run and `\\G` (the end of
the previous match: reflow runs a rule's `finditer` from the start of the text). The old pattern
is kept here as a literal, on purpose: it is the specification, slow only on long input. Both run
over a few thousand short random strings over the characters the pattern cares about (random
mixes, and near-misses of the shape it looks for); the matches (inline rules: every span and
text that `finditer` yields; layout patterns: whether `search` finds the line, and where) must be
the same.
"""
from __future__ import annotations

import random
from typing import Callable

import pytest
import regex

from reflow import config as config_module

OLD = {
    "inline WD06": r'(?<=[\p{Han}\p{Bopomofo}\p{Hiragana}\p{Katakana}”’）》】」』][ \t\u00a0\u2009'
                   r'\u202f\u3000]*(?:[?!？！][ \t\u00a0\u2009\u202f\u3000]*)*)\?',
    "inline WD07": r'(?<=[\p{Han}\p{Bopomofo}\p{Hiragana}\p{Katakana}”’）》】」』][ \t\u00a0\u2009'
                   r'\u202f\u3000]*(?:[?!？！][ \t\u00a0\u2009\u202f\u3000]*)*)!',
    "inline SP09": r'(?<=^(?=\p{Han}(?:[ \u3000]\p{Han}){2,}$)[^\n]*)[ \u3000]',
    "inline SP20": r'(?<=[\p{Han}\p{Bopomofo}\p{Hiragana}\p{Katakana}])[ \t\u00a0\u2009\u202f'
                   r'\u3000]*(?=[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0391-\u03a9'
                   r'\u03b1-\u03c9]|[$¥€£][0-9]|[-+][0-9])|(?<=[A-Za-z0-9\u00c0-\u00d6\u00d8-'
                   r'\u00f6\u00f8-\u024f\u0391-\u03a9\u03b1-\u03c9]|[0-9][%‰°℃℉]|[A-Za-z0-9][+#]+'
                   r')[ \t\u00a0\u2009\u202f\u3000]*(?=[\p{Han}\p{Bopomofo}\p{Hiragana}\p{Katakan'
                   r'a}])',
    "credit[0]": r'^(?:(?:本报|本報|新华社|新華社|中新社)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者)\s*)?[\p{Han}·]{2,5}(?:[ '
                 r'　、]+[\p{Han}·]{2,5})*[ 　]+(?:摄|攝|摄影|攝影)$',
    "author[0]": r'^(?:本报记者|本報記者|本报通讯员|本報通訊員|特约记者|特約記者|记者|記者|通讯员|通訊員|本报评论员|本報評論員|特约评论员|特約評論員|评论员|'
                 r'評論員)[ 　]*[\p{Han}·]{2,5}(?:[ 　、]+(?:(?:记者|記者|通讯员|通訊員)[ 　]*)?[\p{Han}·]{2,5})*$',
}
STRINGS = 10_000   # a pattern: half random mixes, half near-misses

NOISE = list("汉字 \u3000\n\ta·、,?!？！+#1摄记") + ["记者", "摄影", "\n\n"]
NAMES = ["王五", "李", "李四", "王小明", "欧阳小明", "司马相如之", "马·可", "摄影", "记者", "记者王五", "通讯员李四",
         "記者張三李", "王五六七八九", "摄"]
SEPS = [" ", "　", "、", " 、", "  ", "\t", "", "\n"]


def _mix(rng: random.Random, pieces: list[str], most: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _mutate(rng: random.Random, text: str) -> str:
    """Zero to two random insertions, deletions or replacements."""
    chars = list(text)
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        i, op = rng.randint(0, len(chars)), rng.random()
        if op < 0.4:
            chars.insert(i, rng.choice(NOISE))
        elif op < 0.7 and chars:
            del chars[min(i, len(chars) - 1)]
        elif chars:
            chars[min(i, len(chars) - 1)] = rng.choice(NOISE)
    return "".join(chars)


def question_bang(rng: random.Random) -> str:
    return _mix(
        rng,
        [
            "汉",
            "?",
            "!",
            "？",
            "！",
            " ",
            "\u3000",
            "\t",
            "a",
            "”",
            "》",
            "あ",
            "?!",
            "??",
            "!!",
            "\n",
            "x?",
        ],
        12,
    )


def plus(rng: random.Random) -> str:
    return _mix(
        rng,
        [
            "汉",
            "C",
            "+",
            "#",
            "++",
            "+#",
            "1",
            "a",
            " ",
            "\u3000",
            "%",
            "℃",
            "-",
            "$",
            "é",
            "α",
            "あ",
            "，",
            "\t",
            "C++ ",
        ],
        12,
    )


def letter_spaced(rng: random.Random) -> str:
    hans = [rng.choice("汉字城南小学两会特刊") for _ in range(rng.randint(1, 8))]
    text = hans[0] + "".join(
        rng.choice([" ", "\u3000", " ", "\u3000", " ", "  ", ""]) + h for h in hans[1:]
    )
    if rng.random() < 0.3:
        text += rng.choice(["\n", " ", "\n\n", "\u3000", "\na"])
    if rng.random() < 0.2:
        text = rng.choice(["\n", " ", "a"]) + text
    return text


def credit(rng: random.Random) -> str:
    pre = rng.choice(["", "", "记者", "本报记者", "新华社记者", "特约记者", "通讯员", "本报", "记者 ", "记者\n", "中新社特约记者"])
    names = rng.choice(NAMES) + "".join(
        rng.choice(SEPS) + rng.choice(NAMES) for _ in range(rng.randint(0, 4))
    )
    return (
        pre
        + names
        + rng.choice(
            [" 摄", "　摄影", " 攝", "  攝影", "摄", " 摄 ", " 摄\n", " 摄影\n\n", "", " 图"]
        )
    )


def author(rng: random.Random) -> str:
    pre = rng.choice(["本报记者", "记者", "通讯员", "本报评论员", "特约评论员", "記者", "评论员", "本报", "", "本报记者 ", "记者　"])
    names = rng.choice(NAMES) + "".join(
        rng.choice(SEPS) + rng.choice(NAMES) for _ in range(rng.randint(0, 5))
    )
    return pre + names + rng.choice(["", "", "\n", " ", "\n\n"])


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "inline WD06": question_bang, "inline WD07": question_bang, "inline SP20": plus,
    "inline SP09": letter_spaced, "credit[0]": credit, "author[0]": author,
}


def _current() -> dict[str, regex.Pattern[str]]:
    config = config_module.load()
    found = {f"inline {r.id}": r.pattern for r in config.inline}
    found.update(
        {
            f"{key}[{i}]": p
            for key in ("credit", "author")
            for i, p in enumerate(getattr(config, key))
        }
    )
    return found


def _found(pattern: regex.Pattern[str], key: str, text: str) -> object:
    if key.startswith("inline "):
        return [(m.span(), m.group()) for m in pattern.finditer(text)]
    m = pattern.search(text)
    return m and m.span()


@pytest.mark.parametrize("key", sorted(OLD))
def test_rewritten_pattern_finds_the_same(key: str) -> None:
    old, new = regex.compile(OLD[key], regex.V0), _current()[key]
    assert new.pattern != OLD[key], "the old pattern is back: this test has nothing left to compare"
    rng = random.Random(key)
    matched = 0
    for i in range(STRINGS):
        text = GENERATORS[key](rng)
        text = _mutate(rng, text) if i % 2 else _mix(rng, list(text) + NOISE, len(text) + 2)
        expected = _found(old, key, text)
        assert _found(new, key, text) == expected, f"{key} on {text!r}"
        matched += bool(expected)
    assert matched > STRINGS // 50, f"{key}: only {matched} strings match, the test says little"
