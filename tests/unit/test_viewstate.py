"""read_view_state: a link's ?date and ?side, used when valid and ignored with a note when not."""

from __future__ import annotations

import datetime as dt

import pytest

from territory.viewstate import FIRST_DATE, ViewState, read_view_state

DEFAULT = dt.date(2025, 7, 1)
LAST = dt.date(2025, 8, 31)


def read(**params):
    return read_view_state(params, DEFAULT, LAST)


def test_valid_date_and_side_are_used_without_notes():
    assert read(date="2024-02-24", side="ukraine") == (
        ViewState(dt.date(2024, 2, 24), "ukraine"),
        [],
    )


def test_missing_or_empty_parameters_give_the_defaults_without_notes():
    assert read() == (ViewState(DEFAULT, "all"), [])
    assert read(date="", side="") == (ViewState(DEFAULT, "all"), [])


@pytest.mark.parametrize(
    "date", [FIRST_DATE.isoformat(), LAST.isoformat()], ids=["first-date", "last-date"]
)
def test_dates_at_both_ends_of_the_range_are_used(date):
    assert read(date=date) == (ViewState(dt.date.fromisoformat(date)), [])


@pytest.mark.parametrize(
    "date",
    ["yesterday", "2025-02-30", "2025-7-1", "01/07/2025", "2013-12-31", "2025-09-01"],
    ids=["word", "impossible", "unpadded", "other-format", "before-first", "after-last"],
)
def test_bad_date_is_ignored_with_a_note(date):
    state, notes = read(date=date, side="russia")
    assert state == ViewState(DEFAULT, "russia")
    assert len(notes) == 1 and date in notes[0]


@pytest.mark.parametrize("side", ["rusia", "Russia", "third_party", "nato"])
def test_bad_side_is_ignored_with_a_note(side):
    state, notes = read(date="2025-01-01", side=side)
    assert state == ViewState(dt.date(2025, 1, 1), "all")
    assert len(notes) == 1 and side in notes[0]


def test_bad_date_and_bad_side_give_two_notes():
    state, notes = read(date="never", side="nobody")
    assert state == ViewState(DEFAULT, "all")
    assert len(notes) == 2


@pytest.mark.parametrize("side", ["all", "russia", "ukraine", "independent"])
def test_to_query_round_trips(side):
    state = ViewState(dt.date(2024, 11, 19), side)
    assert state.to_query() == {"date": "2024-11-19", "side": side}
    assert read_view_state(state.to_query(), DEFAULT, LAST) == (state, [])


@pytest.mark.parametrize(
    ("side", "sides"), [("all", None), ("russia", ("russia",)), ("independent", ("independent",))]
)
def test_sides_is_what_the_library_expects(side, sides):
    assert ViewState(DEFAULT, side).sides == sides


def test_link_reproduces_the_view_with_lists_kept_readable():
    state = ViewState(dt.date(2025, 7, 1), "russia", regions=("UA-09", "UA-14"), text="100 %")
    link = state.link("https://example.org/", "timeline")
    assert link.startswith("https://example.org/timeline?date=2025-07-01&side=russia")
    assert "regions=UA-09,UA-14" in link
    assert "q=100%20%25" in link


def test_without_filters_keeps_date_side_and_region_only():
    state = ViewState(
        dt.date(2025, 7, 1), "ukraine", region="UA-14", regions=("UA-09",), claimant="X",
        metrics=("share_pct",), statuses=("disputed",), settlement="Bakhmut", text="t", claim="c",
    )  # fmt: skip
    assert state.without_filters() == ViewState(dt.date(2025, 7, 1), "ukraine", region="UA-14")
