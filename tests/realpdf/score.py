"""How close one reflow result is to a page's gold (both in the `--format json` schema).

The figures, as defined for the real-extraction pages:
- block F1: the block texts of all articles (kind aside) as multisets, result against gold;
- soft F1: the same after NFKC and with every white space removed (a wrong space is forgiven);
- headlines placed: a gold headline counts when the result article that is its article's "home"
  holds it verbatim. An article's home is the result article with most of its blocks (a block
  equal to one of the gold article's blocks counts 1, one whose first 12 characters occur in one
  of them counts 0.5; the first such article wins a tie; none when nothing matches);
- credits placed: the same for credits, where the home may also be that of any gold article listed
  in `credit_ok` (a credit between two stories may belong to either);
- Han lost / added: Han characters (Unicode category Lo) of the input missing from the result's
  text (headlines, blocks, credits, unplaced, furniture), or there in excess.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

PARTIAL_PREFIX = 12


@dataclass
class PageScore:
    block_f1: float
    soft_f1: float
    headlines: tuple[int, int]   # placed, all
    credits: tuple[int, int]
    han_lost: int
    han_added: int


def han(text: str) -> Counter:
    return Counter(c for c in text if unicodedata.category(c) == "Lo")


def page_text(page: dict) -> str:
    """Every string of a page object, in no particular order."""
    parts: list[str] = []
    for art in page.get("articles", []):
        parts += art.get("headlines") or []
        parts += [b.get("text") or "" for b in art.get("blocks", [])]
        parts += art.get("credits") or []
    return "".join(parts + (page.get("unplaced") or []) + (page.get("furniture") or []))


def block_texts(page: dict) -> Counter:
    return Counter(b.get("text") for art in page.get("articles", []) for b in art.get("blocks", []))


def f1(gold: Counter, got: Counter) -> float:
    hit = sum((gold & got).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(got.values()), hit / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def soft(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def home(gold_article: dict, result_articles: list[dict]) -> int | None:
    """The index of the result article holding most of a gold article's blocks."""
    texts = {b["text"] for b in gold_article["blocks"]}

    def weight(block: dict) -> float:
        text = block.get("text")
        if text in texts:
            return 1.0
        head = (text or "")[:PARTIAL_PREFIX]
        return 0.5 if head and any(head in t for t in texts) else 0.0

    best, best_i = 0.0, None
    for i, art in enumerate(result_articles):
        w = sum(weight(b) for b in art.get("blocks", []))
        if w > best:
            best, best_i = w, i
    return best_i


def placed(gold: dict, result: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """(headlines placed, headlines), (credits placed, credits)."""
    arts = result.get("articles", [])
    homes = [home(g, arts) for g in gold["articles"]]
    h_ok = h_all = c_ok = c_all = 0
    for g, i in zip(gold["articles"], homes):
        held = arts[i].get("headlines") or [] if i is not None else []
        h_all += len(g.get("headlines", []))
        h_ok += sum(h in held for h in g.get("headlines", []))
        credit_homes = [homes[j] for j in g.get("credit_ok", [])] or [i]
        credit_homes = [k for k in credit_homes if k is not None]
        for c in g.get("credits", []):
            c_all += 1
            c_ok += any(c in (arts[k].get("credits") or []) for k in credit_homes)
    return (h_ok, h_all), (c_ok, c_all)


def score(text: str, gold: dict, result: dict) -> PageScore:
    gold_blocks, got_blocks = block_texts(gold), block_texts(result)
    soft_gold = Counter(soft(t) for t in gold_blocks.elements())
    soft_got = Counter(soft(t) for t in got_blocks.elements())
    headlines, credits = placed(gold, result)
    have, kept = han(text), han(page_text(result))
    return PageScore(round(f1(gold_blocks, got_blocks), 4), round(f1(soft_gold, soft_got), 4),
                     headlines, credits, sum((have - kept).values()), sum((kept - have).values()))
