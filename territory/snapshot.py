"""What was claimed as of a date: the latest applicable level claim per region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import schema
from .dataset import Dataset
from .validation import parse_date

SNAPSHOT_COLUMNS = ("region_id", "held_pct", "claim_id", "side", "as_of", "stated_on")


def to_timestamp(value: str | dt.date | pd.Timestamp, argument: str = "as_of") -> pd.Timestamp:
    """Return ``value`` as a day Timestamp, or raise ValueError naming the argument."""
    expected = f"{argument}={value!r} is not a date; expected YYYY-MM-DD or a date object"
    if isinstance(value, str):
        # Only ISO days: pandas would read "01/02/2025" month-first without a word.
        parsed = parse_date(value.strip())
        if parsed is None:
            raise ValueError(expected)
        return pd.Timestamp(parsed)
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValueError(expected) from err
    if pd.isna(stamp):
        raise ValueError(expected)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


def normalise_sides(sides: str | Iterable[str] | None) -> tuple[str, ...]:
    """Return the sides to keep, every side for None; raise ValueError for an unknown one."""
    if sides is None:
        return schema.SIDES
    chosen = (sides,) if isinstance(sides, str) else tuple(sides)
    unknown = [s for s in chosen if s not in schema.SIDES]
    if unknown:
        raise ValueError(f"sides={unknown!r}: expected any of {', '.join(schema.SIDES)}")
    return chosen


def effective_as_of(claims: pd.DataFrame) -> pd.Series:
    """Return each claim's as_of, falling back to stated_on when blank."""
    return claims["as_of"].fillna(claims["stated_on"])


def control_snapshot(
    dataset: Dataset,
    as_of: str | dt.date | pd.Timestamp,
    sides: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the claimed control of each region as of a date.

    One row per region with an applicable level claim (``share_pct``, ``area_km2``,
    ``full_control``, not retracted, effective ``as_of`` on or before the date, side in
    ``sides``). The winner has the latest ``as_of``, then the latest ``stated_on``, then the
    latest row in claims.csv. ``held_pct`` is the share held by the side opposing the
    region's own country (Russia in Ukraine, Ukraine in Russia). Columns: region_id,
    held_pct, claim_id, side, as_of, stated_on; sorted by region_id.
    """
    date = to_timestamp(as_of)
    chosen = normalise_sides(sides)
    claims = dataset.claims
    when = effective_as_of(claims)
    keep = (
        claims["metric"].isin(schema.LEVEL_METRICS).to_numpy()
        & (claims["status"] != "retracted").to_numpy()
        & (when <= date).to_numpy()
        & claims["side"].isin(chosen).to_numpy()
    )
    rows = np.flatnonzero(keep)
    winners = _latest_per_region(claims, when, rows)
    picked = claims.iloc[winners]
    result = pd.DataFrame(
        {
            "region_id": picked["region_id"].to_numpy(),
            "held_pct": held_share(picked, dataset.regions),
            "claim_id": picked["claim_id"].to_numpy(),
            "side": picked["side"].to_numpy(),
            "as_of": when.iloc[winners].to_numpy(),
            "stated_on": picked["stated_on"].to_numpy(),
        }
    )
    return result.sort_values("region_id", ignore_index=True)


def _latest_per_region(claims: pd.DataFrame, when: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Return positions of the winning claim per region among ``rows``."""
    if rows.size == 0:
        return rows
    region = pd.factorize(claims["region_id"].to_numpy()[rows])[0]
    as_of = when.to_numpy()[rows].astype("datetime64[s]").astype(np.int64)
    stated = claims["stated_on"].to_numpy()[rows].astype("datetime64[s]").astype(np.int64)
    # lexsort: last key is primary; file position breaks the final tie.
    order = np.lexsort((rows, stated, as_of, region))
    ordered_region = region[order]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = ordered_region[1:] != ordered_region[:-1]
    return rows[order[last]]


def held_share(picked: pd.DataFrame, regions: pd.DataFrame) -> np.ndarray:
    """Return the share held by the side opposing each region's own country, in percent."""
    info = regions.set_index("region_id")
    country = picked["region_id"].map(info["country"]).to_numpy()
    area = picked["region_id"].map(info["area_km2"]).to_numpy(dtype=float)
    metric = picked["metric"].to_numpy()
    value = picked["value"].to_numpy(dtype=float)
    share = np.where(metric == "area_km2", value / area * 100.0, value)
    share = np.where(metric == "full_control", 100.0, share)
    opposing = np.where(country == "RU", "ukraine", "russia")
    return np.where(picked["controller"].to_numpy() == opposing, share, 100.0 - share)


def implied_national_share(
    dataset: Dataset,
    as_of: str | dt.date | pd.Timestamp,
    sides: str | Iterable[str] | None = None,
) -> float:
    """Return the share of Ukraine (percent) that the regional claims add up to.

    Sum over the 27 Ukrainian units of ``held_pct`` × official area (units without an
    applicable claim count as 0), divided by Ukraine's official area.
    """
    snapshot = control_snapshot(dataset, as_of, sides)
    regions = dataset.regions.set_index("region_id")
    units = regions.index[(regions["country"] == "UA") & (regions.index != schema.NATIONAL_REGION)]
    held = snapshot.set_index("region_id")["held_pct"].reindex(units, fill_value=0.0)
    total = float((held * regions.loc[units, "area_km2"]).sum())
    return total / float(regions.loc[schema.NATIONAL_REGION, "area_km2"])
