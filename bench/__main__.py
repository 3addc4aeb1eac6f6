"""Print one JSON line of performance figures: `python -m bench`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import territory
from bench.synthetic import synthetic_dataset
from territory.claims import join_snapshot_details, side_labels
from territory.figures import build_control_map

ROOT = Path(__file__).resolve().parent.parent
COLD = (
    "import time; t0 = time.perf_counter(); import territory; t1 = time.perf_counter(); "
    "territory.load_dataset(); t2 = time.perf_counter(); territory.load_regions(); "
    "t3 = time.perf_counter(); print(t1 - t0, t2 - t1, t3 - t2)"
)


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_load() -> dict:
    """Time import, dataset and regions in a fresh interpreter."""
    output = subprocess.run(
        [sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    names = ("import_s", "dataset_s", "regions_s")
    return {f"cold_{n}": round(float(v), 3) for n, v in zip(names, output, strict=True)}


def snapshots(dataset: territory.Dataset) -> dict:
    """Time control_snapshot on the shipped data and on synthetic packages."""
    figures = {
        "snapshot_shipped_ms": _median_seconds(
            lambda: territory.control_snapshot(dataset, "2025-07-01"), 20
        )
        * 1000
    }
    for count, label in ((100_000, "100k"), (1_000_000, "1m")):
        big = synthetic_dataset(dataset, count)
        figures[f"snapshot_{label}_ms"] = (
            _median_seconds(lambda big=big: territory.control_snapshot(big, "2025-07-01"), 5) * 1000
        )
    return {k: round(v, 1) for k, v in figures.items()}


def map_figure_bytes(dataset: territory.Dataset) -> dict:
    """Return the size of the map figure's JSON for the latest view."""
    regions = territory.load_regions()
    snapshot = territory.control_snapshot(dataset, "2026-11-24")
    details = join_snapshot_details(dataset, snapshot)
    figure = build_control_map(regions, details, territory.load_backdrop(), side_labels())
    return {"map_figure_bytes": len(figure.to_json().encode("utf-8"))}


def map_rerun() -> dict:
    """Median of 20 AppTest reruns of the map page, after a first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["date"] = "2025-07-01"
    at.run()
    median = _median_seconds(at.run, 20)
    # The same view is cached; a new date pays for its snapshot and figure.
    days = iter(range(1, 21))

    def new_date() -> None:
        at.session_state["view"] = dataclasses.replace(
            at.session_state["view"], date=dt.date(2025, 6, next(days))
        )
        at.run()

    fresh = _median_seconds(new_date, 20)
    return {"map_rerun_ms": round(median * 1000, 1), "map_new_date_ms": round(fresh * 1000, 1)}


def main() -> None:
    dataset = territory.load_dataset()
    figures = {"claims": len(dataset.claims)}
    figures.update(cold_load())
    figures.update(snapshots(dataset))
    figures.update(map_figure_bytes(dataset))
    figures.update(map_rerun())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
