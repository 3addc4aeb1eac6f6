"""Claims joined to their sources and regions, as readers see them."""

from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .i18n import _

DETAIL_COLUMNS = (
    "region_id",
    "region",
    "held_pct",
    "claim_id",
    "claimant",
    "claimant_role",
    "side",
    "metric",
    "controller",
    "value",
    "as_of",
    "stated_on",
    "status",
    "quote",
    "publisher",
    "title",
    "published_on",
    "url",
)


def side_labels() -> dict[str, str]:
    """Return the reader-facing name of each side's claims."""
    return {
        "russia": _("Russian claims"),
        "ukraine": _("Ukrainian claims"),
        "independent": _("Independent assessments"),
        "third_party": _("Third parties"),
    }


def join_snapshot_details(dataset: Dataset, snapshot: pd.DataFrame) -> pd.DataFrame:
    """Return the snapshot with each winning claim's claimant, quote, source and region name."""
    claims = dataset.claims.drop(columns=["region_id", "side", "as_of", "stated_on"])
    sources = dataset.sources[["source_id", "publisher", "title", "published_on", "url"]]
    names = dataset.regions[["region_id", "name_en"]].rename(columns={"name_en": "region"})
    joined = (
        snapshot.merge(claims, on="claim_id", how="left", validate="one_to_one")
        .merge(sources, on="source_id", how="left")
        .merge(names, on="region_id", how="left")
    )
    # Ukraine as a whole first, then regions by name: the order a reader scans a table in.
    national = joined["region_id"] == "UA"
    joined = joined.assign(_first=~national).sort_values(["_first", "region"], kind="stable")
    return joined[list(DETAIL_COLUMNS)].reset_index(drop=True)
