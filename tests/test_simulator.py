"""reflow against simulated pages: clean articles laid out as broken pages must come back clean.

The pages come from tests/simulator.py (seeds 0-299, articles of tests/articles); each page's
expected result is built from the clean articles, and scored as shared/tools/score.py does (block
F1 over the blocks' texts, headline and credit placement, Han characters lost). The first tests
check the simulator itself. Run with `-s` to see the summary of the scores.

    python -m pytest tests/test_simulator.py -q -s
"""
from __future__ import annotations

import functools
import importlib.util
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import reflow
import simulator as sim

ROOT = Path(__file__).resolve().parents[1]

SEEDS = range(300)
SOGOUCS_SEEDS = range(1000, 1100)
SOGOUCS_F1 = 0.95


# --------------------------------------------------------------------------------------------------
# scoring, as shared/tools/score.py does it

def han(s: str) -> Counter:
    return Counter(c for c in s if unicodedata.category(c) == "Lo")


def all_text(page: dict) -> str:
    out = []
    for a in page.get("articles", []):
        out += a.get("headlines", []) or []
        out += [b["text"] for b in a.get("blocks", [])]
        out += a.get("credits", []) or []
    out += page.get("unplaced", []) or []
    out += page.get("furniture", []) or []
    return "".join(out)


def score(inp: str, gold: dict, res: dict) -> dict:
    """The figures of shared/tools/score.py (same definitions), plus the raw counts."""
    g_blocks = Counter((b["kind"], b["text"]) for a in gold["articles"] for b in a["blocks"])
    r_blocks = Counter(
        (b.get("kind"), b.get("text")) for a in res.get("articles", []) for b in a.get("blocks", [])
    )
    g_text = Counter(t for (_, t) in g_blocks.elements())
    r_text = Counter(t for (_, t) in r_blocks.elements())
    hit = sum((g_text & r_text).values())
    p = hit / max(1, sum(r_text.values()))
    r = hit / max(1, sum(g_text.values()))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    res_arts = res.get("articles", [])

    def home(ga):
        texts = {b["text"] for b in ga["blocks"]}
        best, bi = 0, None
        for i, ra in enumerate(res_arts):
            n = sum(1 for b in ra.get("blocks", []) if b.get("text") in texts)
            n += sum(0.5 for b in ra.get("blocks", []) if b.get("text") not in texts
                     and any(b.get("text", "") and b["text"][:12] in t for t in texts))
            if n > best:
                best, bi = n, i
        return bi

    h_ok = h_all = c_ok = c_all = 0
    for ga in gold["articles"]:
        i = home(ga)
        ra = res_arts[i] if i is not None else {}
        for h in ga.get("headlines", []):
            h_all += 1
            h_ok += h in (ra.get("headlines") or [])
        ok_homes = [home(gold["articles"][j]) for j in ga.get("credit_ok", [])] or [i]
        for c in ga.get("credits", []):
            c_all += 1
            c_ok += any(c in (res_arts[k].get("credits") or []) for k in ok_homes if k is not None)
    soft = lambda t: re.sub(r"\s+", "", unicodedata.normalize("NFKC", t or ""))
    gs = Counter(soft(t) for t in g_text.elements())
    rs = Counter(soft(t) for t in r_text.elements())
    shit = sum((gs & rs).values())
    sp = shit / max(1, sum(rs.values()))
    sr = shit / max(1, sum(gs.values()))
    sf1 = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    hi, ho = han(inp), han(all_text(res))
    return dict(
        block_f1=round(f1, 4),
        soft_f1=round(sf1, 4),
        block_p=round(p, 4),
        block_r=round(r, 4),
        headlines=f"{h_ok}/{h_all}",
        credits=f"{c_ok}/{c_all}",
        articles=f"{len(res_arts)}/{len(gold['articles'])}",
        han_lost=sum((hi - ho).values()),
        han_added=sum((ho - hi).values()),
        h_ok=h_ok,
        h_all=h_all,
        c_ok=c_ok,
        c_all=c_all,
    )


# --------------------------------------------------------------------------------------------------
# the pages and what reflow makes of them

@functools.lru_cache(maxsize=None)
def pool() -> tuple[sim.CleanArticle, ...]:
    articles = sim.load_articles()
    assert len(articles) >= 4, f"too few clean articles in {sim.ARTICLES_DIR} ({len(articles)})"
    return tuple(articles)


@functools.lru_cache(maxsize=None)
def layout(seed: int) -> tuple[str, dict, dict]:
    return sim.simulate(seed, list(pool()))


def run_reflow(page: str) -> dict:
    try:
        return reflow.analyze(page).to_dict()
    except Exception as e:  # a crash scores as an empty result, and is shown in the summary
        return {
            "articles": [],
            "furniture": [],
            "unplaced": [],
            "error": f"{type(e).__name__}: {e}",
        }


@functools.lru_cache(maxsize=None)
def results(seeds: tuple[int, ...], source: str = "articles") -> tuple[tuple[int, dict, dict], ...]:
    out = []
    for seed in seeds:
        page, expected, info = layout(seed) if source == "articles" else sogoucs_layout(seed)
        res = run_reflow(page)
        sc = score(page, expected, res)
        if "error" in res:
            sc["error"] = res["error"]
        out.append((seed, sc, info))
    return tuple(out)


def summary(runs, title: str) -> str:
    n = len(runs)
    mean = lambda xs: sum(xs) / max(1, len(xs))
    f1 = mean([s["block_f1"] for _, s, _ in runs])
    soft = mean([s["soft_f1"] for _, s, _ in runs])
    h_ok, h_all = sum(s["h_ok"] for _, s, _ in runs), sum(s["h_all"] for _, s, _ in runs)
    c_ok, c_all = sum(s["c_ok"] for _, s, _ in runs), sum(s["c_all"] for _, s, _ in runs)
    lost = [seed for seed, s, _ in runs if s["han_lost"]]
    errors = [(seed, s["error"]) for seed, s, _ in runs if "error" in s]
    lines = [
        f"{title}: {n} layouts",
        f"  mean block F1 {f1:.4f}  soft F1 {soft:.4f}  headlines {h_ok}/{h_all} = "
        f"{h_ok / max(1, h_all):.3f}"
        f"  credits {c_ok}/{c_all} = {c_ok / max(1, c_all):.3f}",
        f"  Han lost on {len(lost)} layouts {lost[:15]}" + (" ..." if len(lost) > 15 else ""),
        f"  reflow raised on {len(errors)} layouts"
        + (f", first: seed {errors[0][0]}: {errors[0][1]}" if errors else ""),
    ]
    # mean F1 by layout feature, to show which layouts reflow gets wrong
    groups = defaultdict(list)
    for _, s, info in runs:
        feats = [f"habit {info['habit']}", f"indent {info['indent'][:6]}",
                 f"{len(info['articles'])} article(s)",
                 "furniture" if info.get("furniture") else "no furniture",
                 "noise" if info.get("noise") else "no noise",
                 "width change" if any(x["width2"] for x in info["layout"]) else "one width"]
        feats += {f"headline {x['headline'].split('@')[0]}" for x in info["layout"]}
        for f in feats:
            groups[f].append(s["block_f1"])
    lines.append(
        "  mean block F1 by feature: "
        + ", ".join(
            f"{k} {mean(v):.3f} ({len(v)})"
            for k, v in sorted(groups.items(), key=lambda kv: mean(kv[1]))
        )
    )
    worst = sorted(runs, key=lambda r: (r[1]["block_f1"], -r[1]["han_lost"]))[:5]
    lines.append("  worst layouts:")
    for seed, s, info in worst:
        lines.append(
            f"    F1 {s['block_f1']:.3f} headlines {s['headlines']} articles {s['articles']} "
            f"han_lost {s['han_lost']} :: {sim.describe(info)}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# the simulator itself

WIDTHS = [20, 21, 24, 27, 33, 40, 58, 80]


def paragraphs():
    for a in pool():
        for kind, text in a.blocks:
            if kind == "paragraph":
                yield a.id, text


def check_wrapped(text: str, lines: list[str], budget, *, hyphenated: bool) -> None:
    assert sim.join_lines(lines) == text, (text, lines)
    for i, line in enumerate(lines):
        b = budget(i)
        assert line and line == line.strip(" "), (line, lines)
        assert line[0] not in sim.CLOSING and line[0] not in sim.ASCII_CLOSING_START, (line, lines)
        assert line[-1] not in sim.OPENING, (line, lines)
        if sim.cells(line) > b:
            tail = 2 if line.endswith("……") else 1
            single = len(sim.units_of(sim.atomize(line))) == 1
            assert single or (
                line[-tail:] in sim.CLOSING | {"……"} and sim.cells(line[:-tail]) <= b
            ), f"line {line!r} wider than {b} cells"
        if i + 1 < len(lines) and not hyphenated:
            # greedy: the next line's first unit would not have fit (a dropped space may take a
            # cell)
            assert sim.cells(line) + sim.first_unit_width(lines[i + 1]) > b - 1, (
                line,
                lines[i + 1],
                b,
            )
    if not hyphenated:
        for run in re.findall(r"[!-~]+", text):
            assert any(run in line for line in lines), f"ASCII run {run!r} broken: {lines}"


def test_wrap_keeps_width_kinsoku_and_ascii_runs():
    for aid, text in paragraphs():
        for w in WIDTHS:
            for first in (0, 4):
                budget = lambda i, w=w, first=first: w - (first if i == 0 else 0)
                check_wrapped(text, sim.wrap(text, budget), budget, hyphenated=False)


def test_wrap_hyphenation_and_latin_words_join_back():
    rng = random.Random(7)
    text = "该项目由international cooperation programme资助，负责人Diego Morales表示，PM2.5浓度下降20%，总投资1.5亿元。"
    seen_hyphen = False
    for w in range(20, 60):
        lines = sim.wrap(text, w, rng=rng, hyphenate=1.0)
        seen_hyphen |= any(re.search(r"[a-z]-$", l) for l in lines)
        check_wrapped(text, lines, lambda i, w=w: w, hyphenated=True)
        plain = sim.wrap(text, w)
        check_wrapped(text, plain, lambda i, w=w: w, hyphenated=False)
    assert seen_hyphen


def test_wrap_cases():
    # the space inside a byline is never a line break; kinsoku both ways; one closing mark hangs
    assert sim.wrap("本报讯（记者 李明远）今天", 12) == ["本报讯（记", "者 李明远）", "今天"]
    assert sim.wrap("他说：“好。”", 10) == ["他说：", "“好。”"]
    assert sim.wrap("甲乙丙丁。戊", 8) == ["甲乙丙丁。", "戊"]
    assert sim.wrap("甲乙丙丁。”戊", 8) == ["甲乙丙", "丁。”戊"]
    assert sim.wrap("约为1.5亿元", 6) == ["约为", "1.5亿", "元"]
    assert sim.wrap("New York Times报道", 10) == ["New York", "Times报道"]
    assert sim.join_lines(["New York", "Times报道"]) == "New York Times报道"
    assert sim.join_lines(["　　inter-", "national"]) == "international"
    assert sim.cells("“中a”") == 5


def test_noise_spaces_come_out():
    normal = lambda s: re.sub(
        r"(?<=[^\x00-\x7f]) +(?=[!-~])|(?<=[!-~]) +(?=[^\x00-\x7f])|(?<=[。！？”」]) +(?=（)", "", s
    )
    rng = random.Random(3)
    for aid, text in paragraphs():
        nz = sim._noise_positions(text, rng, 1.0, "both", True)
        shown = sim.noisy(text, nz)
        assert normal(shown) == text
        for w in (20, 33, 80):
            assert normal(sim.join_lines(sim.wrap(text, w, noise=nz))) == text


def test_same_seed_same_page():
    assert sim.simulate(5, list(pool())) == sim.simulate(5, list(pool()))
    assert sim.simulate(5, list(pool()))[0] != sim.simulate(6, list(pool()))[0]


def test_expected_matches_articles():
    by_title = {a.title: a for a in pool()}
    for seed in SEEDS:
        page, expected, info = layout(seed)
        assert set(expected) == {"articles", "furniture", "unplaced"}
        assert len(expected["articles"]) == len(info["articles"])
        for k, (got, aid) in enumerate(zip(expected["articles"], info["articles"])):
            clean = next(a for a in pool() if a.id == aid)
            want = clean.expected()
            ok = got.get("credit_ok", [k])
            assert k in ok and all(0 <= j < len(expected["articles"]) for j in ok)
            assert {x: v for x, v in got.items() if x != "credit_ok"} == want, (seed, aid)
            assert clean.title in got["headlines"] and by_title[clean.title] is clean
        # every Han character of the page is accounted for exactly once by the expected result
        assert han(page) == han(all_text(expected)), (seed, han(page) - han(all_text(expected)),
                                                      han(all_text(expected)) - han(page))
        # furniture lines are lines of the page, in order; form feeds only start lines
        lines = [l.lstrip("\f") for l in page.split("\n")]
        pos = 0
        for f in expected["furniture"]:
            pos = lines.index(f, pos) + 1
        assert all(l.startswith("\f") or "\f" not in l for l in page.split("\n"))
        assert page.count("\f") == max(0, info["printed_pages"] - 1)


def test_layouts_are_readable():
    for seed in SEEDS:
        page, expected, info = layout(seed)
        assert not info.get("unresolved"), sim.describe(info)
        for k, x in enumerate(info["layout"]):
            assert k == 0 or x["boundary"], sim.describe(info)


def test_layouts_vary():
    seen = Counter()
    for seed in SEEDS:
        page, expected, info = layout(seed)
        seen[f"habit {info['habit']}"] += 1
        seen[f"indent {info['indent'][:6]}"] += 1
        seen[f"{len(info['articles'])} articles"] += 1
        seen[f"script {info['script']}"] += 1
        for x in info["layout"]:
            seen[f"headline {x['headline'].split('@')[0]}"] += 1
            seen[f"credit {x['credit']}"] += 1
            seen["width change"] += bool(x["width2"])
        seen["noise"] += bool(info["noise"])
        seen["byline space"] += bool(re.search(r"[。！？”」] （", page))
        seen["furniture"] += bool(info["furniture"])
        seen["form feed"] += "\f" in page
        seen["mid-sentence column break"] += bool(info.get("mid_sentence_break"))
        seen["hyphenation"] += bool(re.search(r"[A-Za-z]-\n[a-z]", page))
        seen["credit_ok"] += any("credit_ok" in a for a in expected["articles"])
    wanted = (
        [f"habit {h}" for h in "abcd"]
        + ["indent lost", "indent fullwi", "indent spaces"]
        + [f"{n} articles" for n in (1, 2, 3, 4)]
        + ["script simplified", "script traditional", "script mixed"]
        + [f"headline {p}" for p in sim.PLACEMENTS]
        + [
            "credit group",
            "credit body",
            "width change",
            "noise",
            "byline space",
            "furniture",
            "form feed",
            "mid-sentence column break",
            "hyphenation",
            "credit_ok",
        ]
    )
    missing = [w for w in wanted if not seen[w]]
    assert not missing, (missing, seen)


# --------------------------------------------------------------------------------------------------
# reflow on the simulated pages

def test_block_f1():
    runs = results(tuple(SEEDS))
    text = summary(runs, "simulated pages (tests/articles)")
    print("\n" + text)
    mean = sum(s["block_f1"] for _, s, _ in runs) / len(runs)
    assert mean >= 0.98, text


def test_no_han_character_lost():
    runs = results(tuple(SEEDS))
    lost = [(seed, s["han_lost"], sim.describe(info)) for seed, s, info in runs if s["han_lost"]]
    assert not lost, f"{len(lost)} layouts lose Han characters, e.g.\n" + "\n".join(
        f"  seed {seed}: {n} lost :: {d}" for seed, n, d in lost[:8])


def test_headline_placement():
    runs = results(tuple(SEEDS))
    h_ok, h_all = sum(s["h_ok"] for _, s, _ in runs), sum(s["h_all"] for _, s, _ in runs)
    rate = h_ok / max(1, h_all)
    print(f"\nheadline placement {h_ok}/{h_all} = {rate:.3f}")
    bad = sorted(((s["h_ok"] / max(1, s["h_all"]), seed, s["headlines"], sim.describe(info))
                  for seed, s, info in runs if s["h_ok"] < s["h_all"]))[:8]
    assert rate >= 0.9, f"headline placement {h_ok}/{h_all} = {rate:.3f}; e.g.\n" + "\n".join(
        f"  seed {seed}: {h} :: {d}" for _, seed, h, d in bad)


# Layouts where headline scores tied up to the last bits of a float sum over a set of tokens, whose
# order changes with the string hash seed: the output changed from one run to the next.
HASH_SENSITIVE_SEEDS = (437, 837)


def test_output_does_not_depend_on_the_hash_seed():
    """The same page gives the same output in every process, whatever PYTHONHASHSEED is."""
    script = (
        "import hashlib, sys; sys.path.insert(0, 'tests'); import reflow, simulator as s; "
        "a = s.load_articles(); h = hashlib.sha1(); "
        f"[h.update(reflow.reflow_text(s.simulate(n, a)[0]).encode()) for n in "
        f"{HASH_SENSITIVE_SEEDS + tuple(range(20))}]; "
        "print(h.hexdigest())"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, PYTHONHASHSEED=str(seed)),
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outs) == 1, outs


def test_reflow_text_is_idempotent():
    """reflow_text(reflow_text(page)) == reflow_text(page) on every simulated layout, and
    format_text (what -i, --check, the language server and the hooks write) settles on all of them.
    (Over seeds 0-2999 one reading was not stable on 16 layouts, where the headlines went wrong.)"""
    failed = []
    for seed in SEEDS:
        page, _, info = layout(seed)
        try:
            out = reflow.reflow_text(page)
            again = reflow.reflow_text(out)
            settled = reflow.format_text(page)      # a simulated page is never clean already
        except Exception as e:
            failed.append(f"seed {seed}: {type(e).__name__}: {e} :: {sim.describe(info)}")
            continue
        with pytest.raises(reflow.NothingChanged):
            reflow.format_text(settled)
        if again != out:
            a, b = out.splitlines(), again.splitlines()
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            failed.append(
                f"seed {seed}: line {first + 1}: {a[first] if first < len(a) else None!r} -> "
                f"{b[first] if first < len(b) else None!r} :: {sim.describe(info)}"
            )
    assert (
        not failed
    ), f"{len(failed)} of {len(SEEDS)} outputs change when reflowed again:\n" + "\n".join(
        failed[:8]
    )


# --------------------------------------------------------------------------------------------------
# real articles from ../shared (SogouCS), when shared/ is there

@functools.lru_cache(maxsize=None)
def sogoucs_pool() -> tuple[sim.CleanArticle, ...]:
    return tuple(sim.load_sogoucs())


@functools.lru_cache(maxsize=None)
def sogoucs_layout(seed: int) -> tuple[str, dict, dict]:
    real = sogoucs_pool()
    rng = random.Random(seed)
    n = rng.choice([1, 2, 2, 3])
    ids = [rng.choice(real).id]
    others = [a.id for a in real + pool() if a.id not in ids and a.script == "simplified"]
    ids += rng.sample(others, n - 1)
    rng.shuffle(ids)
    return sim.simulate(seed, list(real + pool()), ids=ids)


def test_sogoucs_articles():
    if not sogoucs_pool():
        pytest.skip("shared/corpus/sogoucs is not there")
    for a in sogoucs_pool():
        assert a.title and a.blocks and not any(re.search(r"\s", t) for _, t in a.blocks)
        assert all(
            1 <= len(re.findall(r"[。！？]", t)) or i == len(a.blocks) - 1
            for i, (_, t) in enumerate(a.blocks)
        )
    runs = results(tuple(SOGOUCS_SEEDS), "sogoucs")
    text = summary(runs, "simulated pages (SogouCS + tests/articles)")
    print("\n" + text)
    mean = sum(s["block_f1"] for _, s, _ in runs) / len(runs)
    lost = [seed for seed, s, _ in runs if s["han_lost"]]
    # Lower bar than our own articles: the corpus glues print headlines and kickers into the body
    # (`…发声明本报讯（记者刘俊）…` is one "paragraph" in the expected text, though on a page the
    # dateline starts one), which no layout rule should reproduce.
    assert mean >= SOGOUCS_F1 and not lost, text


def test_score_matches_shared_tool():
    d = sim.shared_dir()
    path = d / "tools" / "score.py" if d else None
    if not path or not path.is_file():
        pytest.skip("shared/tools/score.py is not there")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for seed in range(10):
        page, expected, _ = layout(seed)
        for res in (run_reflow(page), expected, {"articles": []}):
            mine = score(page, expected, res)
            theirs = tool.score(page, expected, res)
            assert {k: mine[k] for k in theirs} == theirs


# --------------------------------------------------------------------------------------------------

def main(argv: list[str]) -> None:
    """`python tests/test_simulator.py`: the summary for seeds 0-299 (and the SogouCS pages, when
    there).
    `python tests/test_simulator.py SEED...`: each page, its layout, and the blocks reflow got
    wrong.
    """
    if not argv:
        print(summary(results(tuple(SEEDS)), "simulated pages (tests/articles)"))
        if sogoucs_pool():
            print(
                summary(
                    results(tuple(SOGOUCS_SEEDS), "sogoucs"),
                    "simulated pages (SogouCS + tests/articles)",
                )
            )
        return
    for seed in map(int, argv):
        page, expected, info = (
            layout(seed) if seed < 1000 or not sogoucs_pool() else sogoucs_layout(seed)
        )
        res = run_reflow(page)
        sc = score(page, expected, res)
        print(f"===== {sim.describe(info)}\n{page}")
        print({k: v for k, v in sc.items() if k not in ("h_ok", "h_all", "c_ok", "c_all")})
        want = [b["text"] for a in expected["articles"] for b in a["blocks"]]
        got = [b["text"] for a in res.get("articles", []) for b in a.get("blocks", [])]
        for t in want:
            if t not in got:
                print(f"  missing  {t[:30]} ... {t[-20:]}")
        for t in got:
            if t not in want:
                print(f"  wrong    {t[:30]} ... {t[-20:]}")
        for e, r in zip(expected["articles"], res.get("articles", [])):
            print(
                f"  headlines expected {e['headlines']}  got (article in same position) "
                f"{r.get('headlines')}"
            )
        if res.get("unplaced"):
            print(f"  unplaced {res['unplaced']}")


if __name__ == "__main__":
    import sys
    main(sys.argv[1:])
