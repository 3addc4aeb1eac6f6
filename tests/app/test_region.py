"""The region profile under AppTest: each side's latest figure, the chronology, empty regions."""

import datetime as dt

from territory.viewstate import ViewState

SIDES = ["Russian claims", "Ukrainian claims", "Independent assessments"]


def test_donetsk_shows_three_figures_and_its_chronology(open_link, shipped_claims, texts):
    at = open_link("/region?region=UA-14&date=2025-07-01")

    assert at.header[0].value == "Donetsk"
    assert [m.label for m in at.metric] == SIDES
    assert all(m.value.endswith(" %") for m in at.metric), [m.value for m in at.metric]
    assert "Chronology" in texts(at.subheader)
    donetsk = [row for row in shipped_claims if row["region_id"] == "UA-14"]
    assert len(at.dataframe) == 1
    assert len(at.dataframe[0].value) == len(donetsk)
    assert any("differ from the latest independent assessment" in m for m in texts(at.markdown))
    assert [b.label for b in at.get("download_button")][:1] == ["Claims (CSV)"]


def test_the_link_sets_the_region_box_and_the_url_keeps_it(open_link):
    at = open_link("/region?region=UA-14&date=2025-07-01&side=ukraine")

    expected = ViewState(date=dt.date(2025, 7, 1), side="ukraine", region="UA-14")
    assert at.session_state["view"] == expected
    assert at.selectbox(key="_widget_region").value == "UA-14"
    assert at.date_input(key="_widget_date").value == dt.date(2025, 7, 1)
    assert at.selectbox(key="_widget_side").value == "ukraine"
    assert dict(at.query_params) == expected.to_query()


def test_choosing_another_region_changes_the_profile_and_the_url(open_link):
    at = open_link("/region?region=UA-14&date=2025-07-01")
    at.selectbox(key="_widget_region").select("UA-09").run()

    assert not at.exception
    assert at.header[0].value == "Luhansk"
    assert at.query_params["region"] == "UA-09"
    assert at.query_params["date"] == "2025-07-01"


def test_a_region_without_claims_says_so(open_link, texts):
    at = open_link("/region?region=UA-46")

    assert at.header[0].value == "Lviv"
    assert "No claim about Lviv in the record yet." in texts(at.info)
    assert [(m.label, m.value) for m in at.metric] == [(side, "no claim") for side in SIDES]
    assert not at.dataframe
    assert not at.get("download_button")
