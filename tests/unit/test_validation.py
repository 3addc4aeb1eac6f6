"""load_dataset: every problem of a user package, each at its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import territory
from territory import DatasetError, Problem, load_dataset, resolve_data_dir

RULES = [
    ("missing-claims-file", {"remove": "claims.csv"}, ("claims.csv", 0, ""), "not found"),
    ("missing-sources-file", {"remove": "sources.csv"}, ("sources.csv", 0, ""), "not found"),
    (
        "missing-claims-column",
        {"drop": ("claims.csv", "claimant")},
        ("claims.csv", 1, "claimant"),
        "missing required column 'claimant'",
    ),
    (
        "missing-sources-column",
        {"drop": ("sources.csv", "publisher")},
        ("sources.csv", 1, "publisher"),
        "missing required column 'publisher'",
    ),
    (
        "unparseable-date",
        {"claims": [{"stated_on": "yesterday"}]},
        ("claims.csv", 2, "stated_on"),
        "not a date",
    ),
    (
        "impossible-date",
        {"claims": [{"stated_on": "2025-02-30"}]},
        ("claims.csv", 2, "stated_on"),
        "not a real date",
    ),
    (
        "unparseable-source-date",
        {"sources": [{"published_on": "1 Jan 2025"}]},
        ("sources.csv", 2, "published_on"),
        "not a date",
    ),
    (
        "as-of-after-stated-on",
        {"claims": [{"stated_on": "2025-01-01", "as_of": "2025-01-02"}]},
        ("claims.csv", 2, "as_of"),
        "after stated_on",
    ),
    ("share-above-100", {"claims": [{"value": "100.5"}]}, ("claims.csv", 2, "value"), "range"),
    ("share-below-0", {"claims": [{"value": "-1"}]}, ("claims.csv", 2, "value"), "range"),
    (
        "area-above-official-area",
        {"claims": [{"metric": "area_km2", "value": "26685"}]},
        ("claims.csv", 2, "value"),
        "26684",
    ),
    (
        "value-not-a-number",
        {"claims": [{"value": "50%"}]},
        ("claims.csv", 2, "value"),
        "not a number",
    ),
    ("misspelt-side", {"claims": [{"side": "rusia"}]}, ("claims.csv", 2, "side"), "'rusia'"),
    (
        "misspelt-controller",
        {"claims": [{"controller": "Ukriane"}]},
        ("claims.csv", 2, "controller"),
        "'Ukriane'",
    ),
    (
        "misspelt-metric",
        {"claims": [{"metric": "share_percent"}]},
        ("claims.csv", 2, "metric"),
        "'share_percent'",
    ),
    (
        "misspelt-status",
        {"claims": [{"status": "retraced"}]},
        ("claims.csv", 2, "status"),
        "'retraced'",
    ),
    (
        "unknown-region-id",
        {"claims": [{"region_id": "UA-99"}]},
        ("claims.csv", 2, "region_id"),
        "unknown region_id 'UA-99'",
    ),
    (
        "unknown-source-id",
        {"claims": [{"source_id": "s2"}]},
        ("claims.csv", 2, "source_id"),
        "unknown source_id 's2'",
    ),
    (
        "unknown-responds-to",
        {"claims": [{"responds_to": "nobody"}]},
        ("claims.csv", 2, "responds_to"),
        "unknown responds_to 'nobody'",
    ),
    (
        "unknown-event-region-id",
        {"events": [{"region_id": "RU-XXX"}]},
        ("events.csv", 2, "region_id"),
        "unknown region_id 'RU-XXX'",
    ),
    (
        "duplicate-claim-id",
        {"claims": [{"claim_id": "a"}, {"claim_id": "b"}, {"claim_id": "a"}]},
        ("claims.csv", 4, "claim_id"),
        "duplicate claim_id 'a'",
    ),
    (
        "duplicate-source-id",
        {"sources": [{}, {}]},
        ("sources.csv", 3, "source_id"),
        "duplicate source_id 's1'",
    ),
    (
        "not-utf8",
        {"claims": [{"claimant": "Café"}], "encoding": "latin-1"},
        ("claims.csv", 2, ""),
        "UTF-8",
    ),
    *[
        (
            f"value-required-for-{metric}",
            {"claims": [{"metric": metric, "value": ""}]},
            ("claims.csv", 2, "value"),
            "value is required",
        )
        for metric in ("share_pct", "area_km2", "area_change_km2")
    ],
    (
        "full-control-with-value",
        {"claims": [{"metric": "full_control", "value": "100"}]},
        ("claims.csv", 2, "value"),
        "takes no value",
    ),
]


@pytest.mark.parametrize(
    ("change", "where", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in RULES],
)
def test_each_rule_reports_one_problem_at_its_file_line_and_column(
    package, drop_column, problems_of, change, where, fragment
):
    tables = {k: v for k, v in change.items() if k not in ("remove", "drop")}
    directory = package(**tables)
    if "remove" in change:
        (directory / change["remove"]).unlink()
    if "drop" in change:
        name, column = change["drop"]
        drop_column(directory / name, column)
    problems = problems_of(directory)
    assert [(p.file, p.line, p.column) for p in problems] == [where]
    assert fragment in problems[0].message


def test_a_valid_tiny_package_loads_with_typed_columns(package):
    dataset = load_dataset(package(claims=[{"claim_id": "k1", "value": "12.5"}], events=[{}]))
    assert dataset.claims["claim_id"].tolist() == ["k1"]
    assert dataset.claims["value"].tolist() == [12.5]
    assert dataset.claims["stated_on"].tolist() == [pd.Timestamp("2025-01-01")]
    assert dataset.claims["status"].tolist() == ["reported"]
    assert len(dataset.sources) == 1 and len(dataset.events) == 1
    assert "UA-09" in set(dataset.regions["region_id"])


def test_events_file_is_optional(package):
    assert len(load_dataset(package(events=None)).events) == 0


@pytest.mark.parametrize("metric", ["full_control", "settlement_control", "statement"])
def test_metrics_that_need_no_value_accept_a_blank_value(package, metric):
    load_dataset(package(claims=[{"metric": metric, "value": "", "settlement": "Vovchansk"}]))


@pytest.mark.parametrize(
    ("metric", "value"), [("share_pct", "0"), ("share_pct", "100"), ("area_km2", "26684")]
)
def test_values_at_the_limits_are_accepted(package, metric, value):
    load_dataset(package(claims=[{"metric": metric, "value": value}]))


def test_three_bad_rows_give_three_problems(package, problems_of):
    claims = [{}, {"side": "rusia"}, {}, {"value": "101"}, {"stated_on": "x"}]
    problems = problems_of(package(claims=claims))
    assert [(p.line, p.column) for p in problems] == [(3, "side"), (5, "value"), (6, "stated_on")]


def test_problems_in_both_files_are_all_reported(package, problems_of):
    directory = package(
        claims=[{"region_id": "UA-99", "controller": "rusia"}],
        sources=[{"published_on": "2025-13-01"}, {"source_id": "s2", "publisher": ""}],
    )
    assert [(p.file, p.line, p.column) for p in problems_of(directory)] == [
        ("sources.csv", 2, "published_on"),
        ("sources.csv", 3, "publisher"),
        ("claims.csv", 2, "controller"),
        ("claims.csv", 2, "region_id"),
    ]


def test_dataset_error_carries_problems_and_a_readable_message(package):
    with pytest.raises(DatasetError) as caught:
        load_dataset(package(claims=[{"side": "rusia"}]))
    (problem,) = caught.value.problems
    assert problem == Problem("claims.csv", 2, "side", problem.message)
    assert "claims.csv:2:side:" in str(caught.value)


def test_missing_directory_is_a_file_level_problem(tmp_path):
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path / "nowhere")
    assert [p.line for p in caught.value.problems] == [0]


def test_empty_claims_file_is_reported_at_the_header_line(package, problems_of):
    directory = package()
    (directory / "claims.csv").write_bytes(b"")
    assert [(p.file, p.line) for p in problems_of(directory)] == [("claims.csv", 1)]


def test_a_row_with_more_cells_than_the_header_is_reported(package, problems_of):
    directory = package()
    with (directory / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write("c9,2025-01-01,,x,,russia,UA-09,share_pct,russia,1,,,,,,,,s1,,extra\n")
    assert [(p.line, p.column) for p in problems_of(directory)] == [(3, "")]


def test_path_defaults_to_the_data_dir_variable(package, monkeypatch):
    directory = package(claims=[{"claim_id": "from-env"}])
    monkeypatch.setenv("TERRITORY_DATA_DIR", str(directory))
    assert load_dataset().claims["claim_id"].tolist() == ["from-env"]


def test_path_defaults_to_the_project_data_without_the_variable(monkeypatch):
    monkeypatch.delenv("TERRITORY_DATA_DIR", raising=False)
    assert resolve_data_dir() == Path(territory.__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("value", ["５０", "5_0"])
def test_value_with_non_ascii_digits_or_underscores_is_a_problem_not_a_crash(
    package, problems_of, value
):
    problems = problems_of(package(claims=[{"value": value}]))
    assert [(p.file, p.line, p.column) for p in problems] == [("claims.csv", 2, "value")]


def test_missing_column_does_not_hide_other_problems_in_the_same_file(
    package, drop_column, problems_of
):
    directory = package(claims=[{"side": "rusia"}])
    drop_column(directory / "claims.csv", "claimant")
    assert [(p.line, p.column) for p in problems_of(directory)] == [(1, "claimant"), (2, "side")]
