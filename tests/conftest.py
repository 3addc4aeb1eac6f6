"""Shared fixtures: tiny data packages written with the csv module, and row factories.

Test modules get these through fixtures, not ``from conftest import``: other test folders
have a conftest.py of their own, and only one module can be called ``conftest``.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from territory import DatasetError, Problem, load_dataset, schema
from territory.dataset import DATA_DIR_VARIABLE

PROJECT_DIR = Path(__file__).resolve().parent.parent

_claim_ids = itertools.count(1)


def official_areas() -> dict[str, float]:
    """Return region_id -> official area (km²) from the project's data/regions.csv."""
    with (PROJECT_DIR / "data" / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["region_id"]: float(row["area_km2"]) for row in csv.DictReader(handle)}


def make_claim(**overrides) -> dict[str, str]:
    """Return one claims.csv row with sensible defaults; ``overrides`` replace any cell."""
    row = {
        "claim_id": f"c{next(_claim_ids)}",
        "stated_on": "2025-01-01",
        "claimant": "Test claimant",
        "side": "russia",
        "region_id": "UA-09",
        "metric": "share_pct",
        "controller": "russia",
        "value": "50",
        "source_id": "s1",
    }
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def make_source(**overrides) -> dict[str, str]:
    """Return one sources.csv row with sensible defaults."""
    row = {"source_id": "s1", "publisher": "Test publisher", "published_on": "2025-01-01"}
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def make_event(**overrides) -> dict[str, str]:
    """Return one events.csv row with sensible defaults."""
    row = {"event_id": "e1", "date": "2025-01-01", "title": "Test event", "source_id": "s1"}
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def csv_text(rows: list[dict[str, str]], columns, newline: str = "\n") -> str:
    """Return CSV text with ``columns`` as header; cells a row omits are left blank."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator=newline)
    writer.writeheader()
    writer.writerows({c: row.get(c, "") for c in columns} for row in rows)
    return buffer.getvalue()


def write_package(
    directory: Path,
    claims: list[dict] | None = None,
    sources: list[dict] | None = None,
    events: list[dict] | None = None,
    encoding: str = "utf-8",
    newline: str = "\n",
    bom: bool = False,
) -> Path:
    """Write claims.csv, sources.csv (and events.csv if given) into ``directory``; return it.

    Each row is a dict of the cells it sets; the factories fill the other required cells
    (claim ids are unique), so ``claims=[{"side": "rusia"}]`` is one claim with a bad side.
    ``claims`` defaults to one claim, ``sources`` to source s1; events.csv is only written
    when ``events`` is given.
    """
    directory.mkdir(parents=True, exist_ok=True)
    tables = {
        schema.CLAIMS: (make_claim, [{}] if claims is None else claims),
        schema.SOURCES: (make_source, [{}] if sources is None else sources),
        schema.EVENTS: (make_event, events),
    }
    for table, (factory, rows) in tables.items():
        if rows is None:
            continue
        text = csv_text([factory(**row) for row in rows], table.column_names, newline)
        data = text.encode(encoding)
        (directory / table.filename).write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return directory


def drop_column(path: Path, column: str) -> None:
    """Rewrite the CSV file at ``path`` without ``column``."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in reader.fieldnames or [] if c != column]
        rows = list(reader)
    path.write_text(csv_text(rows, columns), encoding="utf-8", newline="")


def problems_of(directory: Path) -> list[Problem]:
    """Return the problems load_dataset reports for ``directory`` ([] when it loads)."""
    try:
        load_dataset(directory)
    except DatasetError as err:
        return err.problems
    return []


def run_concurrently(commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Run each command (argv after ``python``) at once in the project; return them finished.

    $TERRITORY_DATA_DIR is removed. Each interpreter takes a second or so to import the
    library, so CLI tests start theirs together instead of one after another.
    """
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_VARIABLE}
    env["PYTHONIOENCODING"] = "utf-8"
    started = [
        subprocess.Popen(
            [sys.executable, *command],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for command in commands
    ]
    finished = []
    for process in started:
        out, err = process.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return finished


@pytest.fixture(name="claim", scope="session")
def _claim():
    """The claims.csv row factory: ``claim(side="ukraine")``."""
    return make_claim


@pytest.fixture(name="source", scope="session")
def _source():
    """The sources.csv row factory."""
    return make_source


@pytest.fixture(name="event", scope="session")
def _event():
    """The events.csv row factory."""
    return make_event


@pytest.fixture(name="write_package", scope="session")
def _write_package():
    """write_package(directory, claims=..., sources=..., events=..., ...)."""
    return write_package


@pytest.fixture(name="drop_column", scope="session")
def _drop_column():
    """drop_column(path, column)."""
    return drop_column


@pytest.fixture(name="problems_of", scope="session")
def _problems_of():
    """problems_of(directory) -> the problems load_dataset reports."""
    return problems_of


@pytest.fixture(name="areas", scope="session")
def _areas():
    """region_id -> official area in km² (UA-09 Luhansk 26684, UA 603628, ...)."""
    return official_areas()


@pytest.fixture(name="run_concurrently", scope="session")
def _run_concurrently():
    """run_concurrently([argv, ...]) -> finished subprocesses of ``python argv``."""
    return run_concurrently


@pytest.fixture
def package(tmp_path):
    """Return ``write(**kwargs)``: write_package into a fresh directory under tmp_path."""
    counter = itertools.count()

    def write(**kwargs) -> Path:
        return write_package(tmp_path / f"package{next(counter)}", **kwargs)

    return write
