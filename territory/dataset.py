"""Loading a data package: validated tables as typed DataFrames."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schema
from .csvfile import Rows, read_rows
from .problems import DatasetError, Problem
from .validation import (
    check_cells,
    check_claim_rules,
    check_header,
    check_references,
    check_unique,
    parse_number,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROJECT_DATA_DIR = PROJECT_DIR / "data"
DATA_DIR_VARIABLE = "TERRITORY_DATA_DIR"


@dataclass(frozen=True)
class Dataset:
    """A validated data package: one DataFrame per table, claims in file order."""

    path: Path
    regions: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame


def resolve_data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the package directory: ``path``, else $TERRITORY_DATA_DIR, else the project's data/."""
    if path is None:
        path = os.environ.get(DATA_DIR_VARIABLE) or PROJECT_DATA_DIR
    return Path(path).expanduser().resolve()


def load_dataset(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate the data package in ``path``.

    ``path`` defaults to $TERRITORY_DATA_DIR, then the project's ``data/``. A user's package
    holds ``claims.csv`` and ``sources.csv`` (``events.csv`` optional); the project's own
    ``regions.csv`` always applies. Raises ``DatasetError`` listing every problem found.
    """
    directory = resolve_data_dir(path)
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), 0, "", "data directory not found"))
        raise DatasetError(problems, str(directory))
    tables = _read_tables(directory, problems)
    _check_tables(tables, problems)
    if problems:
        raise DatasetError(sorted(set(problems), key=_problem_order), str(directory))
    return Dataset(
        path=directory,
        regions=typed_frame(tables["regions"], schema.REGIONS),
        sources=typed_frame(tables["sources"], schema.SOURCES),
        claims=typed_frame(tables["claims"], schema.CLAIMS),
        events=typed_frame(tables.get("events"), schema.EVENTS),
    )


def _problem_order(problem: Problem) -> tuple:
    files = [t.filename for t in schema.TABLES]
    rank = files.index(problem.file) if problem.file in files else len(files)
    return (rank, problem.file, problem.line, problem.column, problem.message)


def _read_tables(directory: Path, problems: list[Problem]) -> dict[str, Rows]:
    """Read each table's rows, checking headers and cells; unreadable tables are left out."""
    locations = {t.name: directory / t.filename for t in schema.TABLES}
    locations["regions"] = PROJECT_DATA_DIR / schema.REGIONS.filename
    tables: dict[str, Rows] = {}
    for table in schema.TABLES:
        path = locations[table.name]
        if table in schema.OPTIONAL_TABLES and not path.exists():
            continue
        rows = read_rows(path, problems)
        if rows is None:
            continue
        # A missing column is one problem among others: the columns present are still checked.
        check_header(rows, table, problems)
        check_cells(rows, table, problems)
        check_unique(rows, table.primary_key, problems)
        tables[table.name] = rows
    return tables


def _ids(rows: Rows | None, column: str) -> set[str]:
    return {r.get(column, "") for r in rows.records} - {""} if rows else set()


def _check_tables(tables: dict[str, Rows], problems: list[Problem]) -> None:
    """Check references between tables and the claim rules."""
    regions = tables.get("regions")
    areas = {}
    if regions:
        for record in regions.records:
            area = parse_number(record.get("area_km2", ""))
            if area is not None:
                areas[record["region_id"]] = area
    for table in (schema.CLAIMS, schema.EVENTS):
        rows = tables.get(table.name)
        if rows is None:
            continue
        for column, target, target_key in table.foreign_keys:
            if target not in tables:
                continue  # its own problems are already reported
            known = _ids(tables[target], target_key)
            check_references(rows, column, known, f"{target}.csv", problems)
    if "claims" in tables:
        check_claim_rules(tables["claims"], areas, problems)


def typed_frame(rows: Rows | None, table: schema.Table) -> pd.DataFrame:
    """Return typed columns in schema order, then any extra columns the file holds."""
    records = rows.records if rows else []
    extra = [h for h in (rows.header if rows else []) if h and h not in table.column_names]
    names = [*table.column_names, *extra]
    frame = pd.DataFrame.from_records(
        [[r.get(n, "") for n in names] for r in records], columns=names
    )
    for column in table.columns:
        series = frame[column.name].astype("str")
        if column.type == "date":
            series = pd.to_datetime(series.replace("", None), format="%Y-%m-%d")
        elif column.type == "number":
            series = pd.to_numeric(series.replace("", None)).astype("float64")
        frame[column.name] = series
    if "status" in frame:
        frame["status"] = frame["status"].replace("", schema.DEFAULT_STATUS)
    return frame
