"""Regenerate examples/page.txt and examples/page.expected.json with the page simulator of the
tests.

    python examples/make_example.py            # write both files
    python examples/make_example.py --check    # exit 1 if they differ from what the simulator makes
    now

The page: three short articles of tests/articles in narrow columns, the blank-line habit of column
breaks (one falls in the middle of a sentence), all headlines gathered after the bodies, one photo
credit after its article, spaces around some numbers, and a running header.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import simulator as sim  # noqa: E402

SEED = 7
LAYOUT = dict(
    ids=["02-early-rice-harvest", "18-library-24-hour-reading-room", "03-school-canteen-upgrade"],
    habit="c",
    indent="lost",
    width_range=(13, 17),
    width_change=0.0,
    placement="end",
    credit_place="body",
    noise=True,
    byline_space=True,
    trailing=False,
    hyphenate=False,
    furniture=1,
    footer=False,
    col_height=14,
    hl_gap=False,
)


def build() -> tuple[str, str, dict]:
    articles = sim.load_articles(ROOT / "tests" / "articles")
    page, expected, info = sim.simulate(SEED, articles, **LAYOUT)
    expected = dict(expected, source=f"examples/make_example.py: tests/simulator.py, seed {SEED}; "
                                     f"{sim.describe(info)}")
    return page, json.dumps(expected, ensure_ascii=False, indent=2) + "\n", info


def main() -> int:
    page, expected, info = build()
    assert info.get("mid_sentence_break") and not info.get("unresolved"), sim.describe(info)
    out_page, out_json = ROOT / "examples" / "page.txt", ROOT / "examples" / "page.expected.json"
    if "--check" in sys.argv[1:]:
        same = (out_page.is_file() and out_page.read_text(encoding="utf-8") == page
                and out_json.is_file() and out_json.read_text(encoding="utf-8") == expected)
        print(
            "up to date"
            if same
            else "examples/page.txt or page.expected.json is out of date: run "
            "python examples/make_example.py"
        )
        return 0 if same else 1
    out_page.write_text(page, encoding="utf-8")
    out_json.write_text(expected, encoding="utf-8")
    print(sim.describe(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
