"""How well `reflow page.pdf` reads real PDFs: one row per PDF, scored against its gold.

    python benchmarks/pdf_quality.py [SHARED]     # SHARED: the shared pages (default ../shared)

For each `pages/realpdf/*.pdf`, the PDF is read with `reflow.analyze_pdf` and scored by
`tools/score.py` against the page's `.pymupdf.json` gold (its `.pymupdf.txt` is the input whose
characters must all come back). `pages/xiaoyaoyou-two-column.pdf` must give its expected JSON
exactly. Exit 1 when a target is missed: block F1 >= 0.98, soft F1 >= 0.99, every headline and
credit placed, no character lost, the two-column page exact.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import reflow

TARGETS = {"block_f1": 0.98, "soft_f1": 0.99}


def score(tool: Path, text: Path, gold: Path, result: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(result, f, ensure_ascii=False)
    try:
        out = subprocess.run([sys.executable, str(tool), str(text), str(gold), f.name],
                             capture_output=True, text=True, check=True).stdout
    finally:
        Path(f.name).unlink()
    return json.loads(out)


def placed(fraction: str) -> bool:
    got, of = fraction.split("/")
    return got == of


def main(shared: Path) -> int:
    tool = shared / "tools" / "score.py"
    pdfs = sorted((shared / "pages" / "realpdf").glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs under {shared / 'pages' / 'realpdf'}", file=sys.stderr)
        return 2
    ok = True
    print(f"{'page':32} {'block F1':>8} {'soft F1':>8} {'headlines':>9} {'credits':>8} {'lost':>5}")
    sums = {"block_f1": 0.0, "soft_f1": 0.0}
    for pdf in pdfs:
        stem = pdf.with_suffix("")
        page = reflow.analyze_pdf(pdf)
        s = score(tool, Path(f"{stem}.pymupdf.txt"), Path(f"{stem}.pymupdf.json"), page.to_dict())
        good = (all(s[k] >= v for k, v in TARGETS.items()) and placed(s["headlines"])
                and placed(s["credits"]) and s["han_lost"] == 0)
        ok &= good
        for k in sums:
            sums[k] += s[k]
        print(f"{pdf.name:32} {s['block_f1']:8.4f} {s['soft_f1']:8.4f} {s['headlines']:>9} "
              f"{s['credits']:>8} {s['han_lost']:5d}{'' if good else '  <- below target'}")
    print(f"{'mean':32} {sums['block_f1'] / len(pdfs):8.4f} {sums['soft_f1'] / len(pdfs):8.4f}")
    two = shared / "pages" / "xiaoyaoyou-two-column.pdf"
    gold = two.with_name("xiaoyaoyou-two-column.pdftotext-raw.expected.json")
    expected = json.loads(gold.read_text("utf-8"))
    got = reflow.analyze_pdf(two).to_dict()
    same = all(got[k] == expected.get(k, []) for k in ("articles", "furniture", "unplaced"))
    ok &= same
    verdict = 'matches the expected JSON exactly' if same else 'DIFFERS from the expected JSON'
    print(f"{two.name}: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1].parent / "shared"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
