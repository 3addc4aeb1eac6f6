"""Plausibility of the shipped record beyond the schema: figures, links, provenance."""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

import territory
from territory.contribute import CONTENT_FARMS

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data/evidence").glob("*.md"))
# A counterclaim whose own source could not be dated is named in the notes instead.
NAMED_COUNTERCLAIM = re.compile(r"\b(disputed|denied|doubted|rejected) by\b", re.IGNORECASE)
CONTESTED = ["UA-09", "UA-14", "UA-23", "UA-65", "UA-43", "UA-40", "UA-63", "UA-59", "UA-77",
             "UA-32", "UA-48", "UA-12", "UA-18", "RU-KRS", "RU-BEL", "RU-BRY"]  # fmt: skip


@pytest.fixture(scope="module")
def dataset():
    return territory.load_dataset(ROOT / "data")


def test_the_record_holds_at_least_200_claims_and_40_events(dataset):
    assert len(dataset.claims) >= 200
    assert len(dataset.events) >= 40


def test_national_shares_lie_between_0_and_35_percent(dataset):
    claims = dataset.claims
    national = claims[(claims["region_id"] == "UA") & (claims["metric"] == "share_pct")]
    assert national["value"].between(0, 35).all(), national[["claim_id", "value"]]


def test_area_changes_fit_inside_their_region(dataset):
    areas = dataset.regions.set_index("region_id")["area_km2"]
    changes = dataset.claims[dataset.claims["metric"] == "area_change_km2"]
    too_big = changes[changes["value"] > changes["region_id"].map(areas)]
    assert too_big.empty, too_big[["claim_id", "value"]]


def test_each_disputed_claim_links_or_names_its_counterclaim(dataset):
    claims = dataset.claims
    ids = set(claims["claim_id"])
    answered = set(claims["responds_to"])
    unlinked = [
        row.claim_id
        for row in claims[claims["status"] == "disputed"].itertuples()
        if row.claim_id not in answered
        and not row.responds_to
        and not (set(re.findall(r"[a-z]{3}-\d{3}", row.notes)) & ids)
        and not NAMED_COUNTERCLAIM.search(row.notes)
    ]
    assert unlinked == []


def test_source_urls_are_well_formed_and_unique(dataset):
    urls = dataset.sources.loc[dataset.sources["url"] != "", "url"]
    for url in urls:
        parts = urlparse(url)
        assert parts.scheme in ("http", "https") and parts.netloc, url
    assert not urls.duplicated().any(), urls[urls.duplicated()].tolist()


def test_no_two_claims_are_identical(dataset):
    key = ["claimant", "stated_on", "region_id", "metric", "value", "controller", "settlement"]
    claims = dataset.claims
    # Two statements without a figure on one day are the same claim only if worded alike.
    words = claims["quote"].where(claims["value"].isna(), "")
    repeated = claims[claims[key].astype(str).assign(words=words).duplicated(keep=False)]
    assert repeated.empty, repeated["claim_id"].tolist()


def test_no_source_comes_from_a_content_farm(dataset):
    for source in dataset.sources.itertuples():
        text = f"{source.publisher} {source.url}".lower()
        assert not any(farm in text for farm in CONTENT_FARMS), source.source_id


def test_every_claim_and_event_has_its_evidence_excerpt(dataset):
    ids = [*dataset.claims["claim_id"], *dataset.events["event_id"]]
    missing = [i for i in ids if i not in EVIDENCE]
    assert missing == []


def test_our_own_translations_keep_the_original_words(dataset):
    ours = dataset.claims[dataset.claims["translated_by"] == "Claimed Ground"]
    assert (ours["quote_original"] != "").all()


def test_no_claim_is_dated_in_the_future(dataset):
    assert dataset.claims["stated_on"].max() <= dt.datetime.now()
    assert dataset.sources["published_on"].max() <= dt.datetime.now()


def test_no_claim_is_published_before_it_was_made(dataset):
    joined = dataset.claims.merge(dataset.sources, on="source_id")
    early = joined[joined["published_on"] < joined["stated_on"]]
    assert early.empty, early[["claim_id", "stated_on", "published_on"]]


@pytest.mark.parametrize("region_id", CONTESTED)
def test_every_contested_region_has_claims(dataset, region_id):
    assert (dataset.claims["region_id"] == region_id).any()


def test_luhansk_was_claimed_fully_taken_in_2022_and_again_in_2025(dataset):
    from territory.timeline import level_claims, repeated_full_claims

    repeats = repeated_full_claims(level_claims(dataset, ["russia"], ["UA-09"]))
    assert [d.year for d in repeats["when"]] == [2025]
    assert repeats.iloc[0]["first_full"].year == 2022


def test_national_share_is_claimed_before_and_after_the_full_scale_invasion(dataset):
    claims = dataset.claims
    national = claims[
        (claims["region_id"] == "UA") & claims["metric"].isin(["share_pct", "area_km2"])
    ]
    years = set(territory.snapshot.effective_as_of(national).dt.year)
    assert {2022, 2023, 2024, 2025} <= years
    assert min(years) <= 2022
