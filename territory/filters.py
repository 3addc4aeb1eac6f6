"""Selecting claims: the explorer's filters, the timeline's range and the export's options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset
from .snapshot import effective_as_of, normalise_sides

SEARCHED_COLUMNS = ("quote", "claimant", "claimant_role", "notes", "settlement", "quote_original")


@dataclass(frozen=True)
class ClaimFilter:
    """What to keep; empty fields keep everything. Dates bound the effective as_of."""

    regions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    sides: tuple[str, ...] | None = None
    claimant: str = ""
    metrics: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    settlement: str = ""
    text: str = ""

    @classmethod
    def from_view(cls, view) -> ClaimFilter:
        """Return the filter a ViewState describes."""
        return cls(
            regions=view.regions,
            start=view.start,
            end=view.end,
            sides=view.sides,
            claimant=view.claimant,
            metrics=view.metrics,
            statuses=view.statuses,
            settlement=view.settlement,
            text=view.text,
        )


def _contains(series: pd.Series, needle: str) -> pd.Series:
    return series.fillna("").astype(str).str.contains(needle, case=False, regex=False)


def filter_claims(dataset: Dataset, chosen: ClaimFilter) -> pd.DataFrame:
    """Return the claims that pass every filter, in file order."""
    claims = dataset.claims
    keep = pd.Series(True, index=claims.index)
    if chosen.regions:
        keep &= claims["region_id"].isin(chosen.regions)
    when = effective_as_of(claims)
    if chosen.start:
        keep &= when >= pd.Timestamp(chosen.start)
    if chosen.end:
        keep &= when <= pd.Timestamp(chosen.end)
    if chosen.sides is not None:
        keep &= claims["side"].isin(normalise_sides(chosen.sides))
    if chosen.claimant:
        keep &= _contains(claims["claimant"], chosen.claimant)
    if chosen.metrics:
        keep &= claims["metric"].isin(chosen.metrics)
    if chosen.statuses:
        keep &= claims["status"].isin(chosen.statuses)
    if chosen.settlement:
        keep &= _contains(claims["settlement"], chosen.settlement)
    if chosen.text:
        hits = pd.Series(False, index=claims.index)
        for column in SEARCHED_COLUMNS:
            if column in claims:
                hits |= _contains(claims[column], chosen.text)
        keep &= hits
    return claims[keep]


def claim_thread(dataset: Dataset, claim_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the claims this one answers, oldest first; the claims that answer it, any depth)."""
    claims = dataset.claims.set_index("claim_id", drop=False)
    answered: list[str] = []
    current = claims.at[claim_id, "responds_to"] if claim_id in claims.index else ""
    while current and current in claims.index and current not in answered:
        answered.append(current)
        current = claims.at[current, "responds_to"]
    replies: list[str] = []
    frontier = [claim_id]
    while frontier:
        found = claims[claims["responds_to"].isin(frontier)]["claim_id"].tolist()
        frontier = [c for c in found if c not in replies and c != claim_id]
        replies.extend(frontier)
    return claims.loc[list(reversed(answered))], claims.loc[replies]


def claimants(dataset: Dataset) -> list[str]:
    """Return every claimant, most frequent first."""
    return dataset.claims["claimant"].value_counts().index.tolist()


def regions_with_claims(dataset: Dataset, metrics: Iterable[str] | None = None) -> list[str]:
    """Return region ids that have claims (of the given metrics), in regions.csv order."""
    claims = dataset.claims
    if metrics is not None:
        claims = claims[claims["metric"].isin(list(metrics))]
    present = set(claims["region_id"])
    return [r for r in dataset.regions["region_id"] if r in present]
