"""The benchmark corpus: simulated broken newspaper pages, as JSON lines, cached under .corpus/.

Why this shape:

- The pages come from the project's own page simulator (tests/simulator.py), so the corpus looks
like
  what reflow is for (wrapped columns, furniture, headline placement, spacing noise) and needs no
  download.
- The simulator is slow (~0.1 MB/s), so a pool of a few thousand distinct pages is simulated once
  (pool-<N>.jsonl) and cycled to the size asked for. Reflow keeps no cache keyed by page text, so
  a repeated page costs what it cost the first time.
- One JSON object per line (`{"seed": s, "text": page}`), in files of about 1 MB: a simulated page
  may itself contain form feeds (pdftotext's page breaks, which reflow handles inside a page), so
  form feeds cannot separate the pages of a file; and one file per page would be ~40 000 files.
- Sizes count the UTF-8 bytes of the page texts (1 MB = 10^6 bytes); the files are a few per cent
  larger (JSON quoting of newlines). A corpus of `mb` MB is the pool cycled from its first page
  until the texts reach `mb` MB, so the 10 MB and 100 MB corpora are the same mix of pages.
- The cache is rebuilt when the simulator or its articles change (a fingerprint in meta.json).

    python benchmarks/corpus.py --mb 100     # build (or reuse) and print where it is
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".corpus"
FILE_BYTES = 1_000_000
sys.path.insert(0, str(ROOT / "tests"))

import simulator  # noqa: E402  (tests/simulator.py)

_articles: list = []


def fingerprint() -> str:
    """What the pages depend on: the simulator's source and the clean articles."""
    h = hashlib.sha256(Path(simulator.__file__).read_bytes())
    for p in sorted(simulator.ARTICLES_DIR.glob("*.txt")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def _page(seed: int) -> str:
    global _articles
    if not _articles:
        _articles = simulator.load_articles()
    return json.dumps(
        {"seed": seed, "text": simulator.simulate(seed, _articles)[0]}, ensure_ascii=False
    )


def _fresh(meta_path: Path, want: dict) -> bool:
    try:
        return json.loads(meta_path.read_text()) | want == json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return False


def pool(pages: int, jobs: int = 2) -> Path:
    """The pool of `pages` distinct simulated pages (seeds 0..pages-1), simulated on `jobs`
    cores."""
    path, meta = CACHE / f"pool-{pages}.jsonl", CACHE / f"pool-{pages}.meta.json"
    want = {"pages": pages, "fingerprint": fingerprint()}
    if path.exists() and _fresh(meta, want):
        return path
    CACHE.mkdir(exist_ok=True)
    print(
        f"corpus: simulating {pages} pages on {jobs} cores (cached afterwards) ...",
        file=sys.stderr,
        flush=True,
    )
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out, Pool(jobs) as workers:
        for line in workers.imap(_page, range(pages), chunksize=20):
            out.write(line + "\n")
    tmp.replace(path)
    meta.write_text(json.dumps(want))
    return path


def build(mb: float, pages: int = 3000, jobs: int = 2) -> Path:
    """A folder of ~1 MB JSONL files whose page texts total at least `mb` MB (10^6 bytes)."""
    source = pool(pages, jobs)
    folder = CACHE / f"{mb:g}mb-{pages}"
    meta = folder / "meta.json"
    want = {"mb": mb, "pool": pages, "fingerprint": fingerprint()}
    if _fresh(meta, want):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.jsonl"):
        old.unlink()
    lines = source.read_text(encoding="utf-8").splitlines()
    sizes = [len(json.loads(l)["text"].encode()) for l in lines]
    total = records = part = size = 0
    out = None
    while total < mb * 1e6:
        i = records % len(lines)
        if out is None or size >= FILE_BYTES:
            if out:
                out.close()
            out, size, part = (
                (folder / f"part-{part:04d}.jsonl").open("w", encoding="utf-8"),
                0,
                part + 1,
            )
        out.write(lines[i] + "\n")
        size += len(lines[i].encode()) + 1
        total += sizes[i]
        records += 1
    if out:
        out.close()
    meta.write_text(json.dumps(want | {"text_bytes": total, "pages": records, "files": part,
                                       "file_bytes": sum(p.stat().st_size for p in files(folder))}))
    return folder


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.jsonl"))


def describe(folder: Path) -> dict:
    """meta.json of a built corpus: mb, pool, text_bytes, pages, files, file_bytes."""
    return json.loads((folder / "meta.json").read_text())


def pages(folder: Path, limit_bytes: float = float("inf")) -> Iterator[str]:
    """The page texts of a corpus, streamed file by file (memory stays at one file's worth),
    stopping once `limit_bytes` of text have been given."""
    given = 0
    for path in files(folder):
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                yield text
                given += len(text.encode())
                if given >= limit_bytes:
                    return


if __name__ == "__main__":
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--mb", type=float, default=100, help="corpus size in MB of page text (default 100)"
    )
    ap.add_argument(
        "--pages", type=int, default=3000, help="distinct simulated pages (default 3000)"
    )
    ap.add_argument("--jobs", type=int, default=2, help="processes for simulating (default 2)")
    a = ap.parse_args()
    d = build(a.mb, a.pages, a.jobs)
    print(d, describe(d))
