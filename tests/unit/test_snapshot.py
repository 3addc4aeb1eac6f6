"""control_snapshot and implied_national_share: which claim wins, and what it means."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from territory import control_snapshot, implied_national_share, load_dataset

UKRAINE_KM2 = 603628


@pytest.fixture(scope="module")
def dataset_of(tmp_path_factory, write_package):
    """Return a function loading a package made of the given claims.

    Parametrized cases that only vary the query share one load (datasets are not modified).
    """
    loaded = {}

    def load(*claims):
        key = tuple(tuple(sorted(c.items())) for c in claims)
        if key not in loaded:
            directory = write_package(tmp_path_factory.mktemp("claims"), claims=list(claims))
            loaded[key] = load_dataset(directory)
        return loaded[key]

    return load


def winners(dataset, date="2025-06-01", sides=None) -> dict[str, str]:
    frame = control_snapshot(dataset, date, sides)
    return dict(zip(frame["region_id"], frame["claim_id"], strict=True))


def test_snapshot_has_exactly_the_documented_columns(dataset_of, claim):
    frame = control_snapshot(dataset_of(claim(claim_id="a")), "2025-06-01")
    assert list(frame.columns) == [
        "region_id",
        "held_pct",
        "claim_id",
        "side",
        "as_of",
        "stated_on",
    ]


def test_snapshot_has_one_row_per_region_with_a_claim_sorted_by_region(dataset_of, claim):
    dataset = dataset_of(
        claim(claim_id="a", region_id="UA-65"),
        claim(claim_id="b", region_id="UA-09"),
        claim(claim_id="c", region_id="UA-65", stated_on="2025-02-01"),
    )
    assert winners(dataset) == {"UA-09": "b", "UA-65": "c"}
    assert list(control_snapshot(dataset, "2025-06-01")["region_id"]) == ["UA-09", "UA-65"]


def test_snapshot_row_reports_side_and_effective_dates(dataset_of, claim):
    dataset = dataset_of(claim(claim_id="a", side="independent", stated_on="2025-03-05"))
    row = control_snapshot(dataset, "2025-06-01").iloc[0]
    assert (row["claim_id"], row["side"]) == ("a", "independent")
    assert row["as_of"] == pd.Timestamp("2025-03-05") == row["stated_on"]


HELD = [
    ("UA-09", "share_pct", "russia", "50", 50.0),
    ("UA-09", "share_pct", "ukraine", "30", 70.0),
    ("UA-09", "area_km2", "russia", "13342", 50.0),
    ("UA-09", "area_km2", "ukraine", "6671", 75.0),
    ("UA-09", "full_control", "russia", "", 100.0),
    ("UA-09", "full_control", "ukraine", "", 0.0),
    ("UA", "share_pct", "russia", "20", 20.0),
    ("RU-KRS", "share_pct", "ukraine", "10", 10.0),
    ("RU-KRS", "share_pct", "russia", "90", 10.0),
    ("RU-KRS", "full_control", "russia", "", 0.0),
    ("RU-BEL", "full_control", "ukraine", "", 100.0),
]


@pytest.mark.parametrize(("region", "metric", "controller", "value", "held"), HELD)
def test_held_pct_is_the_share_held_by_the_side_opposing_the_regions_country(
    dataset_of, claim, region, metric, controller, value, held
):
    row = claim(region_id=region, metric=metric, controller=controller, value=value)
    frame = control_snapshot(dataset_of(row), "2025-06-01")
    assert frame["held_pct"].tolist() == [pytest.approx(held)]


def test_area_claim_in_a_russian_region_uses_that_regions_official_area(dataset_of, claim, areas):
    km2 = areas["RU-KRS"] / 10
    row = claim(region_id="RU-KRS", metric="area_km2", controller="ukraine", value=km2)
    frame = control_snapshot(dataset_of(row), "2025-06-01")
    assert frame["held_pct"].tolist() == [pytest.approx(10.0)]


def test_retracted_claim_is_ignored_by_snapshot(dataset_of, claim):
    dataset = dataset_of(
        claim(claim_id="old", stated_on="2025-01-01"),
        claim(claim_id="retracted", stated_on="2025-02-01", status="retracted"),
    )
    assert winners(dataset) == {"UA-09": "old"}


@pytest.mark.parametrize("status", ["", "reported", "disputed", "corroborated", "contradicted"])
def test_claims_of_every_other_status_are_candidates(dataset_of, claim, status):
    assert winners(dataset_of(claim(claim_id="a", status=status))) == {"UA-09": "a"}


@pytest.mark.parametrize(
    "extra",
    [
        {"metric": "settlement_control", "value": "", "settlement": "Lysychansk"},
        {"metric": "statement", "value": ""},
        {"metric": "area_change_km2", "value": "-500"},
        {"metric": "annexation", "value": ""},
    ],
    ids=lambda extra: extra["metric"],
)
def test_non_level_metrics_are_ignored_by_snapshot(dataset_of, claim, extra):
    dataset = dataset_of(
        claim(claim_id="level", stated_on="2025-01-01"),
        claim(claim_id="other", stated_on="2025-02-01", **extra),
    )
    assert winners(dataset) == {"UA-09": "level"}


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2025-02-28", {}), ("2025-03-01", {"UA-09": "a"}), ("2025-03-02", {"UA-09": "a"})],
    ids=["day-before", "exact-date", "day-after"],
)
def test_claim_applies_from_its_as_of_date_on(dataset_of, claim, date, expected):
    dataset = dataset_of(claim(claim_id="a", as_of="2025-03-01", stated_on="2025-04-01"))
    assert winners(dataset, date) == expected


@pytest.mark.parametrize(("date", "expected"), [("2025-03-01", "a"), ("2025-03-02", "b")])
def test_newer_claim_effective_the_day_after_does_not_displace_the_older(
    dataset_of, claim, date, expected
):
    dataset = dataset_of(
        claim(claim_id="a", stated_on="2025-03-01"), claim(claim_id="b", stated_on="2025-03-02")
    )
    assert winners(dataset, date) == {"UA-09": expected}


def test_blank_as_of_falls_back_to_stated_on(dataset_of, claim):
    dataset = dataset_of(claim(claim_id="a", stated_on="2025-03-01", as_of=""))
    assert winners(dataset, "2025-02-28") == {}
    assert control_snapshot(dataset, "2025-03-01")["as_of"].tolist() == [pd.Timestamp("2025-03-01")]


def test_later_as_of_beats_a_claim_stated_later_about_an_earlier_date(dataset_of, claim):
    dataset = dataset_of(
        claim(claim_id="recent", as_of="2025-03-01", stated_on="2025-03-01"),
        claim(claim_id="hindsight", as_of="2025-02-01", stated_on="2025-05-01"),
    )
    assert winners(dataset) == {"UA-09": "recent"}


def test_same_as_of_is_decided_by_the_later_stated_on(dataset_of, claim):
    dataset = dataset_of(
        claim(claim_id="later", as_of="2025-02-01", stated_on="2025-04-01"),
        claim(claim_id="earlier", as_of="2025-02-01", stated_on="2025-03-01"),
    )
    assert winners(dataset) == {"UA-09": "later"}


def test_full_tie_goes_to_the_row_that_comes_last_in_claims_csv(dataset_of, claim):
    dataset = dataset_of(claim(claim_id="z", value="10"), claim(claim_id="a", value="20"))
    assert winners(dataset) == {"UA-09": "a"}
    assert control_snapshot(dataset, "2025-06-01")["held_pct"].tolist() == [20.0]


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        (None, {"UA-09": "uk", "UA-14": "ru"}),
        (["russia"], {"UA-09": "ru9", "UA-14": "ru"}),
        ("russia", {"UA-09": "ru9", "UA-14": "ru"}),
        (["ukraine"], {"UA-09": "uk"}),
        (["independent", "third_party"], {}),
    ],
)
def test_sides_filter_the_candidate_claims(dataset_of, claim, sides, expected):
    dataset = dataset_of(
        claim(claim_id="ru9", side="russia", stated_on="2025-01-01"),
        claim(claim_id="uk", side="ukraine", stated_on="2025-02-01"),
        claim(claim_id="ru", side="russia", region_id="UA-14"),
    )
    assert winners(dataset, sides=sides) == expected


@pytest.mark.parametrize("sides", [["rusia"], "Russia", ["russia", "nato"]])
def test_unknown_side_raises_value_error(dataset_of, claim, sides):
    with pytest.raises(ValueError):
        control_snapshot(dataset_of(claim(claim_id="a")), "2025-06-01", sides)


@pytest.mark.parametrize(
    "date",
    [
        "2025-03-01",
        dt.date(2025, 3, 1),
        pd.Timestamp("2025-03-01"),
        pd.Timestamp("2025-03-01 23:30", tz="Europe/Kyiv"),
        dt.datetime(2025, 3, 1, 18),
    ],
    ids=["string", "date", "timestamp", "timestamp-with-timezone", "datetime"],
)
def test_date_is_accepted_as_string_date_or_timestamp(dataset_of, claim, date):
    dataset = dataset_of(claim(claim_id="a", stated_on="2025-03-01"))
    assert winners(dataset, date) == {"UA-09": "a"}


@pytest.mark.parametrize(
    "date",
    ["yesterday", "today", "2025-02-30", "2025-13-01", "01/02/2025", "2025/03/01", "", None],
)
def test_bad_date_raises_value_error(dataset_of, claim, date):
    with pytest.raises(ValueError):
        control_snapshot(dataset_of(claim(claim_id="a")), date)


def test_package_without_claims_gives_an_empty_snapshot_and_zero_share(dataset_of):
    dataset = dataset_of()
    frame = control_snapshot(dataset, "2025-06-01")
    assert frame.empty and len(frame.columns) == 6
    assert implied_national_share(dataset, "2025-06-01") == 0.0


def test_implied_national_share_of_luhansk_alone(dataset_of, claim):
    dataset = dataset_of(claim(metric="full_control", value=""))
    share = implied_national_share(dataset, "2025-06-01")
    assert share == pytest.approx(26684 / UKRAINE_KM2 * 100)


def test_implied_national_share_weights_each_unit_by_its_official_area(dataset_of, claim, areas):
    dataset = dataset_of(
        claim(region_id="UA-09", value="100"),
        claim(region_id="UA-14", value="50"),
        claim(region_id="UA-65", controller="ukraine", value="75"),
    )
    held_km2 = areas["UA-09"] * 1.0 + areas["UA-14"] * 0.5 + areas["UA-65"] * 0.25
    expected = held_km2 / areas["UA"] * 100
    assert implied_national_share(dataset, "2025-06-01") == pytest.approx(expected)


def test_implied_national_share_sums_all_27_ukrainian_units(dataset_of, claim, areas):
    units = sorted(r for r in areas if r.startswith("UA-"))
    dataset = dataset_of(*(claim(region_id=r, metric="full_control", value="") for r in units))
    expected = sum(areas[r] for r in units) / areas["UA"] * 100
    assert len(units) == 27
    assert implied_national_share(dataset, "2025-06-01") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("region", "controller", "value"),
    [("UA", "russia", "100"), ("RU-KRS", "ukraine", "100"), ("RU-BRY", "russia", "0")],
)
def test_national_and_russian_claims_do_not_count_towards_the_national_share(
    dataset_of, claim, region, controller, value
):
    dataset = dataset_of(claim(region_id=region, controller=controller, value=value))
    assert control_snapshot(dataset, "2025-06-01")["held_pct"].tolist() == [100.0]
    assert implied_national_share(dataset, "2025-06-01") == 0.0


def test_implied_national_share_respects_sides_and_date(dataset_of, claim):
    dataset = dataset_of(
        claim(side="russia", value="100", stated_on="2025-01-01"),
        claim(side="ukraine", value="40", stated_on="2025-03-01"),
    )
    luhansk = 26684 / UKRAINE_KM2
    assert implied_national_share(dataset, "2025-06-01") == pytest.approx(40 * luhansk)
    assert implied_national_share(dataset, "2025-06-01", ["russia"]) == pytest.approx(100 * luhansk)
    assert implied_national_share(dataset, "2025-02-01") == pytest.approx(100 * luhansk)
    assert implied_national_share(dataset, "2024-12-31") == 0.0
