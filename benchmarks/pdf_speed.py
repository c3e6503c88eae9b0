"""Pages per second for `reflow page.pdf` (the PDF read directly) against `pdftotext -raw` +
`reflow` (the text road), on the same PDFs.

    python benchmarks/pdf_speed.py                 # 40 generated files (tests/pdfgen.py)
    python benchmarks/pdf_speed.py --pdfs FOLDER   # the PDFs of a folder instead
    python benchmarks/pdf_speed.py --repeat 3      # the best of 3 runs of each road

Each road runs as the command line does, in one process for the whole folder (`-j 1`, so the
figure is one core's): `reflow FOLDER --glob '*.pdf' -o OUT/` against `pdftotext -raw` for each
file, then `reflow TXT_FOLDER -o OUT/`. Wall time, Python start included once per road.
pdftotext (poppler-utils) must be installed for the second road.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfgen import documents
    for seed, data, _ in documents(n):
        (folder / f"gen{seed:03d}.pdf").write_bytes(data)


def pages_of(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) or 1


def timed(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=Path, help="a folder of PDFs (default: generated ones)")
    parser.add_argument("--files", type=int, default=40, help="how many files to generate")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each road; the best is kept")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        print("pdftotext is not installed (apt-get install poppler-utils)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = args.pdfs or work / "pdf"
        if args.pdfs is None:
            folder.mkdir()
            generate(folder, args.files)
        pdfs = sorted(folder.glob("*.pdf"))
        pages = sum(pages_of(p) for p in pdfs)
        text = work / "txt"
        text.mkdir()
        reflow = [sys.executable, "-m", "reflow", "-j", "1", "-q"]
        direct = [[*reflow, str(folder), "--glob", "*.pdf", "-o", str(work / "out-pdf") + "/"]]
        extract = [["pdftotext", "-raw", "-enc", "UTF-8", str(p), str(text / f"{p.stem}.txt")]
                   for p in pdfs]
        road = [*extract, [*reflow, str(text), "-o", str(work / "out-txt") + "/"]]
        best_direct = min(timed(direct) for _ in range(args.repeat))
        best_road = min(timed(road) for _ in range(args.repeat))
        best_extract = min(timed(extract) for _ in range(args.repeat))
    print(f"{len(pdfs)} PDFs, {pages} pages, one core, wall time (best of {args.repeat})")
    print(f"{'road':34} {'seconds':>8} {'pages/s':>8}")
    for name, seconds in (("reflow page.pdf", best_direct), ("pdftotext -raw + reflow", best_road),
                          ("  of which pdftotext -raw alone", best_extract)):
        print(f"{name:34} {seconds:8.2f} {pages / seconds:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
