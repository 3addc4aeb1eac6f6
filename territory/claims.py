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
    "stated_value",
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


def controller_forces() -> dict[str, str]:
    """Return the reader-facing name of each controller's forces."""
    return {"russia": _("Russian forces"), "ukraine": _("Ukrainian forces")}


def describe_stated_value(metric: str, value: float, controller: str) -> str:
    """Return a level claim's value as the claimant put it, e.g. '1 % held by Ukrainian forces'."""
    forces = controller_forces().get(controller, controller)
    if metric == "full_control":
        return _("entirely held by {forces}").format(forces=forces)
    if metric == "area_km2":
        return _("{value} km² held by {forces}").format(value=f"{value:,.0f}", forces=forces)
    if metric == "share_pct":
        number = f"{value:.2f}".rstrip("0").rstrip(".")  # as stated: keep 0.13
        return _("{value} % held by {forces}").format(value=number, forces=forces)
    return ""


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
    joined["stated_value"] = [
        describe_stated_value(m, v, c)
        for m, v, c in zip(joined["metric"], joined["value"], joined["controller"], strict=True)
    ]
    # Ukraine as a whole first, then regions by name: the order a reader scans a table in.
    national = joined["region_id"] == "UA"
    joined = joined.assign(_first=~national).sort_values(["_first", "region"], kind="stable")
    return joined[list(DETAIL_COLUMNS)].reset_index(drop=True)


def region_names(dataset: Dataset) -> dict[str, str]:
    """Return each region id's English name."""
    return dict(zip(dataset.regions["region_id"], dataset.regions["name_en"], strict=True))


def join_sources(dataset: Dataset, claims: pd.DataFrame) -> pd.DataFrame:
    """Return claims with their source's publisher, title, publication date and link."""
    sources = dataset.sources[["source_id", "publisher", "title", "published_on", "url"]]
    kept = claims.drop(columns=[c for c in sources.columns if c != "source_id" and c in claims])
    return kept.merge(sources, on="source_id", how="left")
