"""The build: the pure-Python package, or, with REFLOW_MYPYC=1, its pipeline compiled by mypyc.

    pip install .                          # pure Python: no compiler needed
    REFLOW_MYPYC=1 pip install .           # the pipeline's modules compiled (needs a C compiler)
    REFLOW_MYPYC=1 pip install -e .        # compiled in place, beside the sources

Like black, the compiled build is the same code as the pure one, only faster; the `.py` files stay
the package's fallback and its source. Compiled: the stages (read, lines, blocks, articles, inline)
and the records (model), where the time of a page goes. Not compiled: the front ends (the
command line, the language server, Dask), the rules files and options, and modules that define
exceptions or build classes at run time (rule, run, conserve), which mypyc cannot compile.
"""
from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
COMPILED = [
    "reflow/model.py",
    "reflow/read.py",
    "reflow/pipeline.py",
    *sorted(str(p.relative_to(ROOT)) for folder in ("lines", "blocks", "articles", "inline")
            for p in (ROOT / "reflow" / folder).glob("*.py") if p.name != "__init__.py"),
]

ext_modules = []
if os.environ.get("REFLOW_MYPYC") == "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3")

setup(ext_modules=ext_modules)
