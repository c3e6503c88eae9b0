"""L52 (lines/radicals.py): the radicals a PDF's character map gave for ideographs are read as
the ideographs before any other line rule reads a line. The rule's own example is
rules/cases/L52.txt; here, any page of the simulator with look-alikes put in for its ideographs
reads as the page itself, and ⼾ follows the page's script."""
from __future__ import annotations

import random
import tomllib
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reflow
from reflow.config import rules_folder
from reflow.lines.radicals import SUPPLEMENT, ideograph
from simulator import load_articles, simulate

# the look-alike a PDF may give for each ideograph: the Kangxi radical whose compatibility
# mapping it is, or the simplified radical form
LOOK_ALIKE = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)}
LOOK_ALIKE.update({v: k for k, v in SUPPLEMENT.items()})
del LOOK_ALIKE["戶"]        # ⼾ is 户 or 戶 by the page's script: below
ARTICLES = load_articles()


def test_every_kangxi_radical_is_read_as_a_unified_ideograph() -> None:
    for c in range(0x2F00, 0x2FD6):
        assert "\u4e00" <= ideograph(chr(c), simplified=True) <= "\u9fff", hex(c)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 100_000), share=st.floats(0.05, 1.0), picks=st.randoms())
def test_a_page_with_look_alikes_for_its_ideographs_reads_as_the_page_itself(
        seed: int, share: float, picks: random.Random) -> None:
    assert ARTICLES, "tests/articles holds no article"
    page, _, _ = simulate(seed, ARTICLES)
    swapped = "".join(LOOK_ALIKE[ch] if ch in LOOK_ALIKE and picks.random() < share else ch
                      for ch in page)
    assert reflow.reflow_text(swapped) == reflow.reflow_text(page)
    assert reflow.reflow_text(swapped, format="json") == reflow.reflow_text(page, format="json")


def test_the_radical_of_door_follows_the_pages_script() -> None:
    simplified = "本报讯 ⼾外广场今天开放，附近的居民都来这里散步。\n"
    traditional = "本報訊 ⼾外廣場今天開放，附近的居民都來這裡散步。\n"
    assert "户外广场" in reflow.reflow_text(simplified)
    assert "戶外廣場" in reflow.reflow_text(traditional)


def test_each_mapping_is_an_edit_of_l52() -> None:
    page = "河滨公园新添⼀处⼉童乐园\n\n本报讯 公园⼀处新建的⼉童乐园昨天对外开放。\n"
    edits = [e for e in reflow.analyze(page).edits if e.rule == "L52"]
    assert [(e.before, e.after) for e in edits] == [
        ("河滨公园新添⼀处⼉童乐园", "河滨公园新添一处儿童乐园"),
        ("本报讯 公园⼀处新建的⼉童乐园昨天对外开放。", "本报讯 公园一处新建的儿童乐园昨天对外开放。"),
    ]
    # off, the inline look-alike table (CH03) still reads them, after the layout
    off = reflow.analyze(page, ignore="L52").edits
    assert not [e for e in off if e.rule == "L52"] and [e for e in off if e.rule == "CH03"]


def test_the_inline_table_reads_each_look_alike_as_l52_does() -> None:
    """CH03 (rules/inline.toml) is what `--inline-only` reads the look-alikes by: the same
    ideographs as L52, every Kangxi radical but ⼾ (户 or 戶 by the script) among them."""
    rules = tomllib.loads(rules_folder().joinpath("inline.toml").read_text(encoding="utf-8"))[
        "rule"]
    table = next(r["table"] for r in rules if r["id"] == "CH03")
    assert {chr(c) for c in range(0x2F00, 0x2FD6)} - set(table) == {"⼾"}
    assert set(SUPPLEMENT) <= set(table)
    assert all(ideograph(k, simplified=True) == v for k, v in table.items())
    assert reflow.normalize("海港⽇报⼉童⻓⾼") == "海港日报儿童长高"
