"""reflow on a Dask cluster: the same work as `-j N`, sent to `dask.distributed` workers.

`reflow CORPUS -o OUT --dask tcp://scheduler:8786` uses `submitter`; pipelines of your own map
`reflow_texts` or `reflow_records` over a `dask.bag`. Workers need reflow installed (the same
version): they import `reflow.batch.run_job` and the rules by name.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dask import bag as db
from dask.distributed import Client

from .pipeline import analyze_run
from .render import render
from .run import Run


def submitter(address: str, timeout: float = 10) -> Callable[..., Any]:
    """`submit(func, item) -> Future` on the cluster at `address` (a scheduler's, or "local" for a
    cluster of this machine's cores), for `reflow.batch.ordered_map`. Connecting gives up after
    `timeout` seconds with an `OSError`; an address of an unknown scheme is a `ValueError`."""
    client = Client() if address == "local" else Client(address, timeout=timeout)
    return lambda func, item: client.submit(func, item, pure=False)


def reflow_texts(texts: db.Bag, format: str = "text", **options: Any) -> db.Bag:
    """A bag of pages -> a bag of their reflowed text (any `reflow_text` format and options)."""
    run = Run.make(**options)   # checked here, once; each worker resolves it once
    return texts.map(lambda text: render(analyze_run(text, run), format))


def reflow_records(
    records: db.Bag, field: str = "text", format: str = "text", **options: Any
) -> db.Bag:
    """A bag of dict records -> the same records with `field` reflowed (format "text"), or with
    "articles" added (format "json"); other fields untouched."""
    run = Run.make(**options)

    def one(record: dict[str, Any]) -> dict[str, Any]:
        page = analyze_run(record[field], run)
        if format == "json":
            return {**record, "articles": page.to_dict()["articles"]}
        return {**record, field: render(page, format)}
    return records.map(one)
