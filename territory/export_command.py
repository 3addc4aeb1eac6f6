"""``python -m territory export``: the exports of territory.export from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import schema
from .claims import join_snapshot_details
from .dataset import Dataset, load_dataset
from .export import (
    FORMATS,
    claims_export_table,
    claims_to_claimreview,
    claims_to_csv,
    claims_to_json,
    snapshot_to_geojson,
)
from .filters import ClaimFilter, filter_claims
from .i18n import _
from .regions import load_regions
from .snapshot import control_snapshot
from .validation import parse_date


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the subcommand's options."""
    many = {"action": "append", "default": None}
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument(
        "--data", metavar="DIR", help="package directory (default: $TERRITORY_DATA_DIR or data/)"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="geojson: snapshot date, YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--side", choices=schema.SIDES, help="repeatable", **many)
    parser.add_argument("--region", help="region id, e.g. UA-09; repeatable", **many)
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first as-of date")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last as-of date")
    parser.add_argument("--claimant", default="", help="part of the claimant's name")
    parser.add_argument("--metric", choices=schema.METRICS, help="repeatable", **many)
    parser.add_argument("--status", choices=schema.STATUSES, help="repeatable", **many)
    parser.add_argument("--settlement", default="", help="part of a settlement's name")
    parser.add_argument("--search", default="", help="text in quotes, claimants and notes")
    parser.add_argument("--base-url", help="claimreview: the app's address, for permalinks")
    parser.add_argument("--output", metavar="FILE", help="file to write (default: standard output)")


def _option_date(option: str, text: str | None) -> dt.date | None:
    if text is None:
        return None
    parsed = parse_date(text.strip())
    if parsed is None:
        message = _("{option} {text!r} is not a date; expected YYYY-MM-DD")
        raise ValueError(message.format(option=option, text=text))
    return parsed


def _claim_filter(dataset: Dataset, args: argparse.Namespace) -> ClaimFilter:
    """Return the filter the options describe; raise ValueError naming a bad option."""
    known = set(dataset.regions["region_id"])
    for region in args.region or ():
        if region not in known:
            message = _("--region {region!r} is not a region of regions.csv (e.g. UA-09)")
            raise ValueError(message.format(region=region))
    return ClaimFilter(
        regions=tuple(args.region or ()),
        start=_option_date("--from", args.start),
        end=_option_date("--to", args.end),
        sides=tuple(args.side) if args.side else None,
        claimant=args.claimant,
        metrics=tuple(args.metric or ()),
        statuses=tuple(args.status or ()),
        settlement=args.settlement,
        text=args.search,
    )


def _claim_options(args: argparse.Namespace) -> list[tuple[str, object]]:
    return [
        *(("--from", args.start), ("--to", args.end), ("--claimant", args.claimant)),
        *(("--metric", args.metric), ("--status", args.status)),
        *(("--settlement", args.settlement), ("--search", args.search)),
    ]


def _export(dataset: Dataset, args: argparse.Namespace) -> bytes:
    """Return the bytes the options ask for."""
    chosen = _claim_filter(dataset, args)
    if args.format == "geojson":
        return _export_snapshot(dataset, args, chosen)
    if args.date is not None:
        raise ValueError(_("--date applies to --format geojson only; use --from and --to"))
    table = claims_export_table(dataset, filter_claims(dataset, chosen))
    if args.format == "claimreview":
        return claims_to_claimreview(table, args.base_url).encode("utf-8") + b"\n"
    return claims_to_csv(table) if args.format == "csv" else claims_to_json(table)


def _export_snapshot(dataset: Dataset, args: argparse.Namespace, chosen: ClaimFilter) -> bytes:
    """Return the GeoJSON snapshot at --date for --side (and --region, if given)."""
    given = [option for option, value in _claim_options(args) if value]
    if given:
        # Silently ignoring a filter would hand back a map the user did not ask for.
        message = _("{option} does not apply to --format geojson (a snapshot)")
        raise ValueError(message.format(option=given[0]))
    date = _option_date("--date", args.date) or dt.date.today()
    details = join_snapshot_details(dataset, control_snapshot(dataset, date, chosen.sides))
    if chosen.regions:
        details = details[details["region_id"].isin(chosen.regions)]
    return snapshot_to_geojson(load_regions(), details)


def run(args: argparse.Namespace) -> int:
    """Write the export to --output or standard output."""
    data = _export(load_dataset(args.data), args)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as err:
        message = _("--output {path!r}: {reason}").format(path=args.output, reason=err.strerror)
        raise ValueError(message) from err
    return 0
