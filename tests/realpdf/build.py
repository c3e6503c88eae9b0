"""Build the real-extraction fixtures: lay out, print, extract, keep what lost no Han character.

    python tests/realpdf/build.py                # seeds 0-39, both engines, all extractors
    python tests/realpdf/build.py --seeds 5 --out /tmp/try   # a quick look elsewhere
    python tests/realpdf/build.py --first 100 --seeds 124 --out /tmp/held   # a held-out set

For each seed, `layout.py` makes one page file (1-3 printed pages) and its gold; WeasyPrint and
Chromium print it; nine extractors read each PDF. A text is kept, with its gold, only when it holds
exactly the Han characters of the gold (as multisets); every text, kept or not, is listed in
BUILD_REPORT.json with what it dropped or added and why. Deterministic given the seeds (the PDFs
carry dates, the texts do not). Needs the tools listed in README.md.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))
from realpdf import engines, layout  # noqa: E402
from reflow.lines.radicals import ideograph  # noqa: E402

ENGINES = ("weasyprint", "chromium")


def han(s: str) -> Counter:
    """The Han (and other letter-like CJK) characters of a string, as a multiset."""
    return Counter(c for c in s if unicodedata.category(c) == "Lo")


def gold_strings(gold: dict) -> list[str]:
    out = []
    for a in gold["articles"]:
        out += a["headlines"] + [b["text"] for b in a["blocks"]] + a["credits"]
    return out + gold["furniture"] + gold["unplaced"]


def _context(chars: str) -> str:
    return r"\s*".join(re.escape(c) for c in chars)


def space_kept(s: str, i: int, text: str) -> bool:
    """Does the extracted text still show the space at s[i]?

    The few characters on each side locate the spot (line ends and extractor spaces allowed between
    them). The space counts as dropped only when every place they are found has no white space
    there, or only a line end between two characters that are not both Latin letters or digits
    (joining the lines cannot tell that a space was there)."""
    left = s[:i].replace(" ", "")[-4:]
    right = s[i + 1:].replace(" ", "")[:4]
    if not left or not right:
        return True
    found = [m.group(1) for m in re.finditer(_context(left) + r"(\s*)" + _context(right), text)]
    if not found:
        return True
    latin = left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()
    return any(w.strip("\n\f") or (w and latin) for w in found)


def adapt_spaces(s: str, text: str) -> str:
    """The gold string without the spaces this extraction lost beyond recovery."""
    if " " not in s:
        return s
    return "".join(c for i, c in enumerate(s) if c != " " or space_kept(s, i, text))


def adapt(gold: dict, text: str) -> dict:
    arts = [dict(a, headlines=[adapt_spaces(h, text) for h in a["headlines"]],
                 blocks=[dict(b, text=adapt_spaces(b["text"], text)) for b in a["blocks"]],
                 credits=[adapt_spaces(c, text) for c in a["credits"]]) for a in gold["articles"]]
    return dict(gold, articles=arts, furniture=[adapt_spaces(f, text) for f in gold["furniture"]])


RADICALS = re.compile(r"[\u2e80-\u2fdf]")


def why_lost(text: str, missing: Counter, extra: Counter) -> str:
    radicals = RADICALS.findall(text)
    if radicals:
        return (f"{len(radicals)} Han characters came out as CJK radical code points "
                f"(e.g. {''.join(sorted(set(radicals))[:5])}): the font's ToUnicode map")
    if missing and not extra:
        return "characters dropped by the extractor"
    return "characters changed by the extractor"


def doubled_titles(info: dict) -> str:
    return "".join(s["doubled"] or "" for page in info["pages"] for row in page for s in row)


def as_read(text: str, trad: bool) -> str:
    """`text` with the radicals a PDF's character map gave for ideographs read as the ideographs
    (reflow's L52 reads them so: `⽇` is 日)."""
    return "".join(ideograph(c, not trad) for c in text) if RADICALS.search(text) else text


def check(name: str, text: str, gold: dict, doubled: str, trad: bool = False) -> dict:
    """Kept when no Han character of the gold is missing and none is in excess, except the copies
    of the titles the PDF draws twice (an extractor may give them twice, as a reader would), the
    radicals a PDF's character map gave for ideographs read as the ideographs."""
    want, got = han("".join(gold_strings(gold))), han(as_read(text, trad))
    missing, extra = want - got, got - want
    unexplained = extra - han(doubled)
    entry = dict(name=name, kept=not missing and not unexplained, han=sum(want.values()),
                 missing=sum(missing.values()), extra=sum(extra.values()),
                 doubled_title_chars=sum((extra - unexplained).values()))
    if not entry["kept"]:
        entry["why"] = why_lost(as_read(text, trad), missing, unexplained)
        entry["sample"] = "".join(sorted(missing.elements()))[:40] + " | " + \
            "".join(sorted(unexplained.elements()))[:40]
    return entry


def render_all(layouts: list[tuple[layout.Layout, str]], work: Path) -> None:
    """WeasyPrint in this process while Chromium runs one browser at a time beside it (2 cores)."""
    chrome = [(work / f"{lay.name}.html", work / f"{lay.name}.pdf")
              for lay, engine in layouts if engine == "chromium"]
    thread = threading.Thread(target=engines.chromium_batch, args=(chrome, 1))
    thread.start()
    for lay, engine in layouts:
        if engine == "weasyprint":
            engines.weasyprint_pdf(work / f"{lay.name}.html", work / f"{lay.name}.pdf")
    thread.join()


def pdf_pages(pdf: Path) -> int:
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def copy_pdfs(layouts: list[layout.Layout], work: Path, pdf_dir: Path, budget: float) -> None:
    """The PDFs of the first seeds (both engines), while they fit the budget, with their HTML."""
    shutil.rmtree(pdf_dir, ignore_errors=True)
    seeds: dict[int, list[layout.Layout]] = {}
    for lay in layouts:
        seeds.setdefault(lay.info["seed"], []).append(lay)
    total = 0
    for lays in seeds.values():
        size = sum((work / f"{lay.name}.pdf").stat().st_size for lay in lays)
        if total + size > budget:
            break
        total += size
        pdf_dir.mkdir(exist_ok=True)
        for lay in lays:
            shutil.copy(work / f"{lay.name}.pdf", pdf_dir)
        # both engines print the same HTML: one copy, named without the engine
        html_name = re.sub(r"-(weasyprint|chromium)", "", lays[0].name) + ".html"
        (pdf_dir / html_name).write_text(lays[0].html, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=40, help="page files 0..N-1 (default 40)")
    ap.add_argument("--first", type=int, default=0,
                    help="start at this seed: a held-out set, `--first 100 --seeds 124`")
    ap.add_argument("--out", type=Path, default=HERE, help="where pages/ and the report go")
    ap.add_argument("--work", type=Path, default=None, help="HTML and PDFs (default OUT/build)")
    ap.add_argument("--pdf-mb", type=float, default=10.0,
                    help="copy the PDFs (and their HTML) of the first seeds to OUT/pdf/, both "
                         "engines of a seed or neither, up to this many MB in all (0: none)")
    ap.add_argument("--extract-only", metavar="EXTRACTOR", choices=engines.EXTRACTORS,
                    help="no printing: read the PDFs already in WORK with this extractor alone "
                         "and add its pages (the report's entries for it replaced)")
    ap.add_argument("--widest", type=int, default=layout.WIDEST,
                    help="the widest column in characters (default %(default)s, as the committed "
                         "pages; 40 for the guide's whole range, other layouts for a seed)")
    ap.add_argument("--articles", type=Path, default=None,
                    help="lay out the articles of this folder instead of the project's (a set "
                         "of articles no rule was fitted to: `heldout-articles/`)")
    args = ap.parse_args(argv)
    layout.WIDEST = args.widest
    if args.articles is not None:
        layout.ARTICLE_DIRS = (args.articles,)
    if missing := engines.missing_tools():
        print("missing: " + "; ".join(missing), file=sys.stderr)
        return 2
    if args.extract_only:
        return extract_only(args.extract_only, args.first, args.seeds, args.out,
                            args.work or args.out / "build")
    t0 = time.time()
    pool = layout.load_articles()
    work = args.work or args.out / "build"
    work.mkdir(parents=True, exist_ok=True)
    layouts = [(layout.layout(seed, engine, pool), engine)
               for seed in range(args.first, args.seeds) for engine in ENGINES]
    for lay, _ in layouts:
        (work / f"{lay.name}.html").write_text(lay.html, encoding="utf-8")
    render_all(layouts, work)
    t_render = time.time() - t0

    pages = args.out / "pages"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    report = []
    for lay, engine in layouts:
        pdf = work / f"{lay.name}.pdf"
        printed = pdf_pages(pdf)
        for extractor in engines.EXTRACTORS:
            report.append(extract_and_keep(lay, engine, pdf, printed, extractor, pages))
    copy_pdfs([lay for lay, _ in layouts], work, args.out / "pdf", args.pdf_mb * 1e6)
    summary = summarize(report)
    summary["seconds"] = dict(render=round(t_render), total=round(time.time() - t0))
    (args.out / "BUILD_REPORT.json").write_text(
        json.dumps(dict(summary=summary, pages=report), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


def extract_and_keep(lay: layout.Layout, engine: str, pdf: Path, printed: int, extractor: str,
                     pages: Path) -> dict:
    """Read `pdf` with `extractor`; keep the text and its gold in `pages` if it lost no Han
    character. Returns the report's entry for it."""
    name = f"{lay.name}.{extractor}"
    text = engines.extract(pdf, extractor)
    entry = dict(check(name, text, lay.gold, doubled_titles(lay.info), lay.info["trad"]),
                 engine=engine, extractor=extractor, trad=lay.info["trad"],
                 printed_pages=printed, laid_out_pages=len(lay.info["pages"]))
    if entry["kept"]:
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = adapt(lay.gold, as_read(text, lay.info["trad"]))
        (pages / f"{name}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return entry


def extract_only(extractor: str, first: int, seeds: int, out: Path, work: Path) -> int:
    """Read the PDFs of seeds FIRST..N-1 that WORK holds with `extractor` alone, keep what lost
    no Han character beside the other pages, and put its entries in the report in place of those
    of the same texts (the PDFs of `pdf/`, the first seeds, for an extractor added after the
    last full build)."""
    pool = layout.load_articles()
    pages = out / "pages"
    path = out / "BUILD_REPORT.json"
    before = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new: list[dict] = []
    for seed in range(first, seeds):
        for engine in ENGINES:
            lay = layout.layout(seed, engine, pool)
            pdf = work / f"{lay.name}.pdf"
            if pdf.exists():
                new.append(extract_and_keep(lay, engine, pdf, pdf_pages(pdf), extractor, pages))
    read = {e["name"] for e in new}
    report = [e for e in before.get("pages", []) if e["name"] not in read] + new
    summary = summarize(report)
    if "seconds" in before.get("summary", {}):     # the last full build's times
        summary["seconds"] = before["summary"]["seconds"]
    path.write_text(json.dumps(dict(summary=summary, pages=report), ensure_ascii=False, indent=1)
                    + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in summary["by_road"].items() if k.endswith("/" + extractor)},
                     ensure_ascii=False, indent=1))
    return 0


def summarize(report: list[dict]) -> dict:
    by: dict[str, dict] = {}
    for e in report:
        key = f"{e['engine']}/{e['extractor']}"
        s = by.setdefault(key, dict(kept=0, dropped=0, han_missing=0, han_extra=0, why=[]))
        s["kept" if e["kept"] else "dropped"] += 1
        s["han_missing"] += e["missing"]
        s["han_extra"] += e["extra"]
        if not e["kept"] and e["why"] not in s["why"]:
            s["why"].append(e["why"])
    return dict(texts=len(report), kept=sum(e["kept"] for e in report),
                overflowed=sorted({e["name"].split(".")[0] for e in report
                                   if e["printed_pages"] != e["laid_out_pages"]}),
                by_road=by)


if __name__ == "__main__":
    sys.exit(main())
