"""The command line: ``python -m territory validate|snapshot|export|add|datapackage``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from . import contribute, export_command, schema
from .datapackage import write_datapackage
from .dataset import PROJECT_DATA_DIR, load_dataset
from .problems import DatasetError
from .snapshot import control_snapshot

DATA_HELP = "package directory (default: $TERRITORY_DATA_DIR or data/)"


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", help="package directory (default: data/)")


def _run_validate(args: argparse.Namespace) -> int:
    # The problems are this command's output, so they go to stdout, one per line.
    try:
        dataset = load_dataset(args.directory)
    except DatasetError as err:
        for problem in err.problems:
            print(problem)
        return 1
    counts = ", ".join(
        f"{len(getattr(dataset, t.name))} {t.name}" for t in (schema.CLAIMS, schema.SOURCES)
    )
    print(f"{dataset.path}: valid ({counts}, {len(dataset.events)} events)")
    return 0


def _configure_snapshot(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", required=True, help="as-of date, YYYY-MM-DD")
    parser.add_argument("--side", action="append", choices=schema.SIDES, help="repeatable")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--data", help=DATA_HELP)


def _run_snapshot(args: argparse.Namespace) -> int:
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


def _configure_datapackage(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default=str(PROJECT_DATA_DIR))


def _run_datapackage(args: argparse.Namespace) -> int:
    print(f"wrote {write_datapackage(args.directory)}")
    return 0


Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Configure, Run]] = {
    "validate": ("check a data package, one line per problem", _configure_validate, _run_validate),
    "snapshot": ("print the claimed control of each region", _configure_snapshot, _run_snapshot),
    "export": (
        "export claims (csv, json, claimreview) or a snapshot (geojson)",
        export_command.configure,
        export_command.run,
    ),
    "add": (
        "add a claim interactively, validating as you go",
        contribute.configure,
        contribute.run,
    ),
    "datapackage": (
        "write datapackage.json from the schema",
        _configure_datapackage,
        _run_datapackage,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m territory", description="Claimed Ground: territorial control claims."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, configure, _run) in COMMANDS.items():
        configure(commands.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except DatasetError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted; nothing was written", file=sys.stderr)
        return 130
