"""The real roads a page travels: two print engines (HTML -> PDF), nine extractors (PDF -> text).

Only `build.py` uses this module; none of these tools is needed to run the tests.
- WeasyPrint (PyPI `weasyprint`), in this process;
- headless Chromium (Debian `chromium`), one browser run per page file, several at once;
- `pdftotext -raw`, `pdftotext` in its default mode and `pdftotext -layout` (Debian
  `poppler-utils`);
- pdfplumber `extract_text()`, pypdfium2 `get_text_range()`, PyMuPDF `get_text("text")`, pypdf
  `extract_text()` (which, like pdfplumber, gives the Kangxi radicals of a Chromium PDF's
  character map, not the ActualText beside them);
- pdfminer.six `extract_text()` (its layout analysis: text boxes with an empty line after each,
  in the order its grouping of boxes gives), and PyMuPDF `get_text("text", sort=True)` (PyMuPDF
  2.0 with pymupdf_layout, which pip installs beside it: rows at their positions, padded with
  spaces, a line of one column glued to the next column's line when their baselines differ).
Multi-page PDFs: pdftotext ends every page with a form feed; the three libraries' page texts are
joined the same way, so every extractor marks printed pages alike.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

EXTRACTORS = ("pdftotext-raw", "pdftotext", "pdftotext-layout", "pdfplumber", "pypdfium2",
              "pymupdf", "pypdf", "pdfminer", "pymupdf-sort")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-pdf-header-footer"]


def weasyprint_pdf(html_path: Path, pdf_path: Path) -> None:
    import weasyprint
    weasyprint.HTML(filename=str(html_path)).write_pdf(str(pdf_path))


def chromium_pdf(html_path: Path, pdf_path: Path) -> None:
    """One headless Chromium run with a new empty profile (nothing carried between runs)."""
    with tempfile.TemporaryDirectory(prefix="realpdf-chromium-") as profile:
        cmd = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    if not pdf_path.exists():
        raise RuntimeError(f"chromium wrote no PDF for {html_path}")


def chromium_batch(jobs: list[tuple[Path, Path]], workers: int) -> None:
    """Print several pages with Chromium, `workers` browsers at a time."""
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda job: chromium_pdf(*job), jobs))


def pdftotext(pdf: Path, raw: bool, layout: bool = False) -> str:
    mode = ["-raw"] if raw else ["-layout"] if layout else []
    cmd = ["pdftotext", "-enc", "UTF-8", *mode, str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


def pdfminer_text(pdf: Path) -> str:
    import logging

    from pdfminer.high_level import extract_text
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_text(str(pdf))


def pymupdf_sorted_text(pdf: Path) -> str:
    import pymupdf
    with pymupdf.open(str(pdf)) as doc:
        return "".join(page.get_text("text", sort=True) + "\f" for page in doc)


def pdfplumber_text(pdf: Path) -> str:
    import logging

    import pdfplumber
    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # font descriptor warnings, per glyph
    with pdfplumber.open(str(pdf)) as doc:
        return "".join((page.extract_text() or "") + "\n\f" for page in doc.pages)


def pypdfium2_text(pdf: Path) -> str:
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    return "".join(p.replace("\r\n", "\n").replace("\r", "\n") + "\n\f" for p in pages)


def pymupdf_text(pdf: Path) -> str:
    import pymupdf
    with pymupdf.open(str(pdf)) as doc:
        return "".join(page.get_text("text") + "\f" for page in doc)


def pypdf_text(pdf: Path) -> str:
    import pypdf
    return "".join(page.extract_text() + "\n\f" for page in pypdf.PdfReader(str(pdf)).pages)


def extract(pdf: Path, extractor: str) -> str:
    if extractor == "pdftotext-raw":
        return pdftotext(pdf, raw=True)
    if extractor == "pdftotext":
        return pdftotext(pdf, raw=False)
    if extractor == "pdftotext-layout":
        return pdftotext(pdf, raw=False, layout=True)
    return {"pdfplumber": pdfplumber_text, "pypdfium2": pypdfium2_text,
            "pymupdf": pymupdf_text, "pypdf": pypdf_text, "pdfminer": pdfminer_text,
            "pymupdf-sort": pymupdf_sorted_text}[extractor](pdf)


def missing_tools() -> list[str]:
    """What build.py needs and this machine lacks (each with how to get it)."""
    missing = [f"{tool} (apt-get install {pkg})" for tool, pkg in
               (("chromium", "chromium"), ("pdftotext", "poppler-utils")) if not shutil.which(tool)]
    for module in ("weasyprint", "pdfplumber", "pypdfium2", "pymupdf", "pypdf"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"{module} (pip install -r tests/realpdf/requirements.txt)")
    return missing
