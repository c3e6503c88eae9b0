"""The OCR road: the PDFs `build.py` printed, rendered to images and read back by tesseract.

    python tests/realpdf/build.py --first 800 --seeds 810 --out /tmp/set   # the PDFs first
    python tests/realpdf/ocr.py --first 800 --seeds 810 --out /tmp/set     # then their OCR
    python tests/realpdf/table.py /tmp/set/pages                           # `ocr` is a road

Each printed page is rendered by `pdftoppm` (grey, `--dpi`, 200 by default) and read by
`tesseract` (`chi_sim` or `chi_tra`, as the page is Simplified or Traditional; its default page
segmentation) with one thread, two pages at once. The page texts are joined with a form feed
after each, as `pdftotext` does. The text goes to `pages/NAME.ocr.txt` beside the layout's gold,
`NAME.ocr.json`, as it is: OCR changes characters, so no text is dropped for that, and the
table scores these pages by near matches (`score.py`, `score_ocr`). Needs Debian's
`poppler-utils`, `tesseract-ocr`, `tesseract-ocr-chi-sim` and `tesseract-ocr-chi-tra`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from realpdf import layout  # noqa: E402
from realpdf.build import ENGINES  # noqa: E402


def read_page(image: Path, language: str) -> str:
    """tesseract's text of one page image, on one thread (two pages run side by side)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    done = subprocess.run(["tesseract", str(image), "-", "-l", language], env=env,
                          check=True, capture_output=True, timeout=600)
    return done.stdout.decode("utf-8")


def ocr_pdf(pdf: Path, language: str, dpi: int, pool: ThreadPoolExecutor) -> str:
    """The OCR text of every printed page of `pdf`, a form feed after each."""
    with tempfile.TemporaryDirectory(prefix="realpdf-ocr-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf),
                        str(Path(tmp) / "page")], check=True, capture_output=True)
        images = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        texts = list(pool.map(lambda image: read_page(image, language), images))
    return "".join(t.rstrip("\n") + "\n\f" for t in texts)


def missing_tools() -> list[str]:
    missing = [f"{tool} (apt-get install {pkg})" for tool, pkg in
               (("pdftoppm", "poppler-utils"), ("tesseract", "tesseract-ocr"))
               if not shutil.which(tool)]
    if not missing:
        have = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
        missing += [f"tesseract's {lang} (apt-get install tesseract-ocr-{lang.replace('_', '-')})"
                    for lang in ("chi_sim", "chi_tra") if lang not in have.split()]
    return missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--seeds", type=int, default=40, help="page files FIRST..N-1")
    ap.add_argument("--out", type=Path, default=HERE, help="the folder build.py wrote")
    ap.add_argument("--work", type=Path, default=None, help="the PDFs (default OUT/build)")
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args(argv)
    if missing := missing_tools():
        print("missing: " + "; ".join(missing), file=sys.stderr)
        return 2
    work = args.work or args.out / "build"
    pages = args.out / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    articles = layout.load_articles()
    done = 0
    with ThreadPoolExecutor(2) as pool:
        for seed in range(args.first, args.seeds):
            for engine in ENGINES:
                lay = layout.layout(seed, engine, articles)
                pdf = work / f"{lay.name}.pdf"
                if not pdf.exists():
                    print(f"no {pdf}: run build.py with the same seeds first", file=sys.stderr)
                    return 2
                text = ocr_pdf(pdf, "chi_tra" if lay.info["trad"] else "chi_sim", args.dpi, pool)
                (pages / f"{lay.name}.ocr.txt").write_text(text, encoding="utf-8")
                gold = dict(lay.gold, ocr=f"tesseract, {args.dpi} dpi: near matches")
                (pages / f"{lay.name}.ocr.json").write_text(
                    json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                done += 1
    print(f"{done} OCR texts in {pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
