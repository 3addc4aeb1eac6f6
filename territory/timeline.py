"""Claims over time: each level claim's held share, step series and the implied national share."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import schema
from .claims import describe_stated_value
from .dataset import Dataset
from .snapshot import effective_as_of, held_share, normalise_sides

ORDER_COLUMNS = ("when", "stated_on", "row")


def level_claims(
    dataset: Dataset,
    sides: str | Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return applicable level claims with ``held_pct`` and ``when`` (effective as_of).

    The same candidates and conversion as ``control_snapshot``, without a date limit; sorted
    so that, per region, the last row on or before a date is that date's snapshot winner.
    """
    claims = dataset.claims
    keep = (
        claims["metric"].isin(schema.LEVEL_METRICS)
        & (claims["status"] != "retracted")
        & claims["side"].isin(normalise_sides(sides))
    )
    if regions is not None:
        keep &= claims["region_id"].isin(list(regions))
    picked = claims[keep]
    frame = picked.assign(
        when=effective_as_of(picked),
        held_pct=held_share(picked, dataset.regions),
        row=np.flatnonzero(keep.to_numpy()),
    )
    frame["stated_value"] = [
        describe_stated_value(m, v, c)
        for m, v, c in zip(frame["metric"], frame["value"], frame["controller"], strict=True)
    ]
    return frame.sort_values(list(ORDER_COLUMNS), kind="stable").reset_index(drop=True)


def implied_share_series(
    dataset: Dataset, sides: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Return ``implied_national_share`` at every date where a Ukrainian unit's winner changes.

    Columns: date, implied_pct. Walks the sorted claims once instead of recomputing the
    snapshot for every date.
    """
    regions = dataset.regions.set_index("region_id")
    units = regions[(regions["country"] == "UA") & (regions.index != schema.NATIONAL_REGION)]
    national_area = float(regions.loc[schema.NATIONAL_REGION, "area_km2"])
    claims = level_claims(dataset, sides, units.index)
    held: dict[str, float] = {}
    dates, values = [], []
    for when, region, pct in zip(
        claims["when"], claims["region_id"], claims["held_pct"], strict=True
    ):
        held[region] = pct
        total = sum(share * units.at[r, "area_km2"] for r, share in held.items())
        if dates and dates[-1] == when:
            values[-1] = total / national_area
        else:
            dates.append(when)
            values.append(total / national_area)
    return pd.DataFrame({"date": pd.to_datetime(dates), "implied_pct": values})


def repeated_full_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Return 100 % claims that repeat an earlier 100 % claim after the region was claimed less.

    ``claims`` comes from ``level_claims`` for one or more regions; adds ``first_full``, the
    date of the earlier 100 % claim by the same side.
    """
    rows = []
    for (_region, _side), group in claims.groupby(["region_id", "side"], sort=False):
        first_full, dipped = None, False
        for _index, row in group.iterrows():
            if row["held_pct"] >= 100 and first_full is not None and dipped:
                rows.append({**row.to_dict(), "first_full": first_full})
                dipped = False
            elif row["held_pct"] >= 100 and first_full is None:
                first_full = row["when"]
            elif row["held_pct"] < 100 and first_full is not None:
                dipped = True
    return pd.DataFrame(rows)
