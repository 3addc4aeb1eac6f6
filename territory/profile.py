"""A region's profile: the latest claim by each side, independent assessments, and the gaps."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .claims import join_snapshot_details
from .dataset import Dataset
from .snapshot import control_snapshot, effective_as_of

PROFILE_SIDES = ("russia", "ukraine", "independent")


@dataclass(frozen=True)
class Gap:
    """How far one side's claim is from the independent assessment."""

    side: str
    points: float  # percentage points, claim minus assessment
    km2: float  # the same gap as area, with the official area


def latest_by_side(dataset: Dataset, region_id: str, as_of) -> pd.DataFrame:
    """Return the latest applicable level claim per side for one region, with its details."""
    frames = []
    for side in PROFILE_SIDES:
        snapshot = control_snapshot(dataset, as_of, [side])
        frames.append(snapshot[snapshot["region_id"] == region_id])
    joined = pd.concat(frames, ignore_index=True)
    if joined.empty:
        return join_snapshot_details(dataset, joined)
    return join_snapshot_details(dataset, joined).set_index("side", drop=False)


def gaps_to_assessment(latest: pd.DataFrame, area_km2: float) -> list[Gap]:
    """Return each side's gap to the latest independent assessment (none without one)."""
    if latest.empty or "independent" not in latest.index:
        return []
    assessed = float(latest.loc["independent", "held_pct"])
    return [
        Gap(side, held - assessed, (held - assessed) / 100 * area_km2)
        for side, held in latest["held_pct"].items()
        if side != "independent"
    ]


def region_chronology(dataset: Dataset, region_id: str) -> pd.DataFrame:
    """Return every claim about a region (any metric), newest first, with its source."""
    claims = dataset.claims[dataset.claims["region_id"] == region_id]
    sources = dataset.sources[["source_id", "publisher", "published_on", "url"]]
    ordered = claims.assign(when=effective_as_of(claims)).merge(sources, on="source_id", how="left")
    return ordered.sort_values(["when", "stated_on"], ascending=False, kind="stable")
