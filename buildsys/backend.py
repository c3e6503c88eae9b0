"""The build backend: setuptools', asking for mypy (whose mypyc compiles the pipeline) only when
the build is the compiled one (REFLOW_MYPYC=1; see setup.py)."""
from __future__ import annotations

import os
from collections.abc import Callable

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403  (the hooks this backend does not change)

FLAG = "REFLOW_MYPYC"


def _requires(hook: Callable[..., list[str]], config_settings: object) -> list[str]:
    """The hook's requirements, and mypy for a compiled build. setuptools runs setup.py to find
    them, before mypy is installed: it runs as for the pure build."""
    compiled = os.environ.get(FLAG) == "1"
    if compiled:
        del os.environ[FLAG]
    try:
        found = hook(config_settings)
    finally:
        if compiled:
            os.environ[FLAG] = "1"
    return found + (["mypy>=1.10"] if compiled else [])


def get_requires_for_build_wheel(config_settings=None):  # type: ignore[no-untyped-def]
    return _requires(_setuptools.get_requires_for_build_wheel, config_settings)


def get_requires_for_build_editable(config_settings=None):  # type: ignore[no-untyped-def]
    return _requires(_setuptools.get_requires_for_build_editable, config_settings)
