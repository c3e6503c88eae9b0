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

OCR pages (`score_ocr`) cannot match their gold to the character: the same figures, where two
strings match when they are near (`near`: equal after `soft`, but for a few characters misread).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

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


def near(a: str, b: str) -> bool:
    """Soft strings that differ by no more than OCR misreads: one character in twelve, at least
    one (a short subhead with a character misread matches; a paragraph cut in two does not)."""
    if a == b:
        return True
    n = max(len(a), len(b))
    allowed = max(1, n // 12)
    if not n or abs(len(a) - len(b)) > allowed:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False)
    # matched characters, at most: a cheap bound before the real count
    if m.quick_ratio() * (len(a) + len(b)) / 2 < n - allowed:
        return False
    return m.ratio() * (len(a) + len(b)) / 2 >= n - allowed


def pair_near(gold: list[str], got: list[str]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, result index) of near strings: equal ones first, then the
    others in order."""
    pairs: list[tuple[int, int]] = []
    free = set(range(len(got)))
    soft_got = [soft(t) for t in got]
    by_text: dict[str, list[int]] = {}
    for j, t in enumerate(soft_got):
        by_text.setdefault(t, []).append(j)
    rest = []
    for i, t in enumerate(soft(g) for g in gold):
        same = [j for j in by_text.get(t, []) if j in free]
        if same:
            pairs.append((i, same[0]))
            free.discard(same[0])
        else:
            rest.append((i, t))
    for i, t in rest:
        j = next((j for j in sorted(free) if near(t, soft_got[j])), None)
        if j is not None:
            pairs.append((i, j))
            free.discard(j)
    return pairs


def score_ocr(text: str, gold: dict, result: dict) -> PageScore:
    """`score` for an OCR text: blocks, headlines and credits match when `near`."""
    g_arts, r_arts = gold["articles"], result.get("articles", [])
    g_blocks = [(a, b["text"]) for a, art in enumerate(g_arts) for b in art["blocks"]]
    r_blocks = [(a, b.get("text") or "") for a, art in enumerate(r_arts)
                for b in art.get("blocks", [])]
    pairs = pair_near([t for _, t in g_blocks], [t for _, t in r_blocks])
    hit = len(pairs)
    f = 0.0 if not hit else 2 * hit / (len(g_blocks) + len(r_blocks))
    # an article's home: the result article holding most of its blocks
    held: list[Counter] = [Counter() for _ in g_arts]
    for i, j in pairs:
        held[g_blocks[i][0]][r_blocks[j][0]] += 1
    homes = [c.most_common(1)[0][0] if c else None for c in held]
    h_ok = h_all = c_ok = c_all = 0
    for g, home_i in zip(g_arts, homes):
        for key in ("headlines", "credits"):
            want = g.get(key) or []
            places = [homes[k] for k in g.get("credit_ok", [])] if key == "credits" else []
            places = [k for k in places or [home_i] if k is not None]
            have = [t for k in places for t in r_arts[k].get(key) or []]
            ok = len(pair_near(want, have))
            if key == "headlines":
                h_ok, h_all = h_ok + ok, h_all + len(want)
            else:
                c_ok, c_all = c_ok + ok, c_all + len(want)
    have, kept = han(text), han(page_text(result))
    f = round(f, 4)
    return PageScore(f, f, (h_ok, h_all), (c_ok, c_all), sum((have - kept).values()),
                     sum((kept - have).values()))
