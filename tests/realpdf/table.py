"""Score reflow on a folder of real-extraction pages, per extractor.

    python tests/realpdf/table.py                        # the fixtures (tests/realpdf/pages)
    python tests/realpdf/table.py ../shared/pages/realpdf
    python tests/realpdf/table.py FOLDER --show          # and one line per page
    python tests/realpdf/table.py FOLDER --reference-scorer ../shared/tools/score.py

A page is `NAME.EXTRACTOR.txt` with its gold `NAME.EXTRACTOR.json` beside it. Each text goes
through `reflow.analyze` with the default options (the reflow this Python imports), and its
`--format json` object is scored by score.py (or by the given reference scorer, a file with the
same `score(text, gold, result)` function returning a dict, to cross-check the definitions).
OCR texts (`NAME.ocr.txt`, made by `ocr.py`) are scored by near matches (`score_ocr`).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from realpdf.score import PageScore, han, page_text, score, score_ocr  # noqa: E402

PAGES = HERE / "pages"


@dataclass
class Row:
    """The figures of one extractor's pages."""
    extractor: str
    pages: int = 0
    block_f1: float = 0.0            # mean over pages
    soft_f1: float = 0.0
    headlines: list[int] = field(default_factory=lambda: [0, 0])   # placed, all
    credits: list[int] = field(default_factory=lambda: [0, 0])
    han_lost: int = 0
    failed: list[str] = field(default_factory=list)   # pages reflow raised on
    # pages whose result lost Han characters that no rule declared to delete removed
    losing: list[str] = field(default_factory=list)

    def add(self, name: str, s: PageScore, undeclared: int = 0) -> None:
        n = self.pages
        self.block_f1 = (self.block_f1 * n + s.block_f1) / (n + 1)
        self.soft_f1 = (self.soft_f1 * n + s.soft_f1) / (n + 1)
        self.pages = n + 1
        for total, (ok, of) in ((self.headlines, s.headlines), (self.credits, s.credits)):
            total[0] += ok
            total[1] += of
        self.han_lost += s.han_lost
        if undeclared:
            self.losing.append(f"{name}: {undeclared} lost")

    @staticmethod
    def rate(pair: list[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def pages_of(folder: Path) -> list[tuple[str, Path, Path]]:
    """(extractor, text, gold) for every page of the folder, sorted by name."""
    out = []
    for txt in sorted(folder.glob("*.txt")):
        gold = txt.with_suffix(".json")
        if gold.exists() and txt.stem.count(".") >= 1:
            out.append((txt.stem.rsplit(".", 1)[1], txt, gold))
    return out


def reference(path: Path):
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def adapted(text: str, gold: dict, result: dict) -> PageScore:
        r = module.score(text, gold, result)
        pair = lambda s: tuple(int(x) for x in s.split("/"))  # noqa: E731
        return PageScore(r["block_f1"], r["soft_f1"], pair(r["headlines"]), pair(r["credits"]),
                         r["han_lost"], r["han_added"])
    return adapted


def measure(folder: Path, scorer=score, show=None) -> dict[str, Row]:
    """Run reflow on every page of the folder and gather the figures per extractor."""
    import reflow
    from reflow.run import Run
    deleting = Run.make().rules.deleting
    rows: dict[str, Row] = {}
    for extractor, txt, gold_path in pages_of(folder):
        row = rows.setdefault(extractor, Row(extractor))
        text = txt.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        deleted: Counter[str] = Counter()
        try:
            page = reflow.analyze(text)
            result = page.to_dict()
            for edit in page.edits:   # what rules declared to delete took away (doubled titles)
                if edit.rule in deleting:
                    deleted += han(edit.before) - han(edit.after)
        except Exception as e:  # a page reflow cannot read is reported, and scores nothing
            row.failed.append(f"{txt.name}: {type(e).__name__}: {e}")
            result = {"articles": []}
        # OCR misreads characters: its pages are scored by near matches (score.py)
        s = (score_ocr if extractor == "ocr" and scorer is score else scorer)(text, gold, result)
        row.add(txt.name, s, sum((han(text) - han(page_text(result)) - deleted).values()))
        if show:
            show(f"{txt.name} {json.dumps(asdict(s), ensure_ascii=False)}")
    return dict(sorted(rows.items()))


def format_table(rows: dict[str, Row]) -> str:
    lines = ["| extractor | pages | block F1 | soft F1 | headlines placed | credits placed "
             "| Han lost |", "|---|---|---|---|---|---|---|"]
    for r in rows.values():
        h, c = r.headlines, r.credits
        lines.append(f"| {r.extractor} | {r.pages} | {r.block_f1:.3f} | {r.soft_f1:.3f} "
                     f"| {h[0]}/{h[1]} ({Row.rate(h):.0%}) | {c[0]}/{c[1]} ({Row.rate(c):.0%}) "
                     f"| {r.han_lost} |")
    for r in rows.values():
        lines += [f"reflow failed on {f}" for f in r.failed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=PAGES)
    ap.add_argument("--show", action="store_true", help="one line per page")
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    ap.add_argument("--reference-scorer", type=Path, help="score with this file's score()")
    args = ap.parse_args(argv)
    if not pages_of(args.folder):
        print(f"no NAME.EXTRACTOR.txt with its .json in {args.folder}", file=sys.stderr)
        return 2
    scorer = reference(args.reference_scorer) if args.reference_scorer else score
    rows = measure(args.folder, scorer, print if args.show else None)
    if args.json:
        print(json.dumps({k: asdict(r) for k, r in rows.items()}, indent=1))
    else:
        print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
