"""Synthetic claims at scale, shaped like the real package."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from territory import Dataset, schema


def synthetic_dataset(base: Dataset, count: int, seed: int = 7) -> Dataset:
    """Return ``base`` with ``count`` random claims over its regions, 2014–2026."""
    rng = np.random.default_rng(seed)
    regions = base.regions["region_id"].to_numpy()
    days = pd.Timestamp("2014-01-01") + pd.to_timedelta(rng.integers(0, 4700, count), "D")
    stated = days + pd.to_timedelta(rng.integers(0, 30, count), "D")
    as_of = pd.Series(days).where(rng.random(count) < 0.3)
    metric = rng.choice(np.array(schema.METRICS), count)
    claims = pd.DataFrame(
        {
            "claim_id": [f"syn-{i}" for i in range(count)],
            "stated_on": stated,
            "as_of": as_of,
            "side": rng.choice(np.array(schema.SIDES), count),
            "region_id": rng.choice(regions, count),
            "metric": metric,
            "controller": rng.choice(np.array(schema.CONTROLLERS), count),
            "value": np.where(metric == "full_control", np.nan, rng.uniform(0, 100, count)),
            "status": rng.choice(np.array(schema.STATUSES), count),
            "source_id": "syn",
        }
    )
    return dataclasses.replace(base, claims=claims)
