"""The sources page under AppTest: every source with its claim count, search, and the link."""

import datetime as dt
from collections import Counter

import pandas as pd

from territory.viewstate import ViewState


def _cell(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def search_box(at):
    return next(t for t in at.text_input if t.label == "Search publishers and titles")


def test_every_source_is_listed_with_its_claim_count(
    open_link, shipped_sources, shipped_claims, texts
):
    at = open_link("/sources")

    table = at.dataframe[0].value
    assert f"{len(shipped_sources)} sources." in texts(at.markdown)
    counts = Counter(row["source_id"] for row in shipped_claims)
    expected = Counter(
        (s["publisher"], s["title"], counts[s["source_id"]]) for s in shipped_sources
    )
    shown = Counter((_cell(r.publisher), _cell(r.title), int(r.claims)) for r in table.itertuples())
    assert shown == expected
    assert table["claims"].sum() == len(shipped_claims)


def test_a_visit_keeps_the_whole_view_in_the_url(open_link):
    at = open_link("/sources?date=2024-01-01&side=ukraine&region=UA-14&q=Bakhmut")

    expected = ViewState(date=dt.date(2024, 1, 1), side="ukraine", region="UA-14", text="Bakhmut")
    assert at.session_state["view"] == expected
    assert at.date_input(key="_widget_date").value == dt.date(2024, 1, 1)
    assert at.selectbox(key="_widget_side").value == "ukraine"
    assert dict(at.query_params) == expected.to_query()


def test_searching_keeps_only_matching_publishers_and_titles(open_link):
    at = open_link("/sources")
    search_box(at).input("Reuters").run()

    table = at.dataframe[0].value
    assert len(table)
    for row in table.itertuples():
        assert "reuters" in f"{_cell(row.publisher)} {_cell(row.title)}".lower()


def test_a_search_matching_nothing_says_so(open_link, texts):
    at = open_link("/sources")
    search_box(at).input("no such publisher anywhere").run()

    assert not at.exception
    assert "No source matches “no such publisher anywhere”." in texts(at.info)
    assert not at.dataframe
