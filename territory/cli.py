"""The command line: ``python -m territory validate|snapshot|datapackage``."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from . import schema
from .datapackage import write_datapackage
from .dataset import PROJECT_DATA_DIR, load_dataset
from .problems import DatasetError
from .snapshot import control_snapshot


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m territory", description="Claimed Ground: territorial control claims."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data package, one line per problem")
    validate.add_argument("directory", nargs="?", help="package directory (default: data/)")
    snap = commands.add_parser("snapshot", help="print the claimed control of each region")
    snap.add_argument("--date", required=True, help="as-of date, YYYY-MM-DD")
    snap.add_argument("--side", action="append", choices=schema.SIDES, help="repeatable")
    snap.add_argument("--format", choices=("csv", "json"), default="csv")
    snap.add_argument("--data", help="package directory (default: $TERRITORY_DATA_DIR or data/)")
    package = commands.add_parser("datapackage", help="write datapackage.json from the schema")
    package.add_argument("directory", nargs="?", default=str(PROJECT_DATA_DIR))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.directory)
        if args.command == "snapshot":
            return _snapshot(args)
        path = write_datapackage(args.directory)
        print(f"wrote {path}")
        return 0
    except DatasetError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _validate(directory: str | None) -> int:
    dataset = load_dataset(directory)
    counts = ", ".join(
        f"{len(getattr(dataset, t.name))} {t.name}" for t in (schema.CLAIMS, schema.SOURCES)
    )
    print(f"{dataset.path}: valid ({counts}, {len(dataset.events)} events)")
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data)
    frame = control_snapshot(dataset, args.date, args.side)
    for column in ("as_of", "stated_on"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if args.format == "json":
        json.dump(frame.to_dict(orient="records"), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def format_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with datetime columns as YYYY-MM-DD strings."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out
