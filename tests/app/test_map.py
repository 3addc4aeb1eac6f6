"""The map page under AppTest, through the link: a date before any claim, and the whole view kept."""

import datetime as dt

from territory.viewstate import ViewState


def test_a_date_before_the_first_claim_draws_an_empty_map_and_says_no_claim_applies(
    open_link, figure_of, texts
):
    at = open_link("/?date=2014-01-01")

    assert at.session_state["view"].date == dt.date(2014, 1, 1)
    assert "No claim applies on 2014-01-01 for All sides." in " ".join(texts(at.info))
    national = next(m for m in at.metric if m.label.startswith("National share"))
    assert national.value == "no claim"
    names = {t.get("name") for t in figure_of(at, "control_map")["data"]}
    assert "Claimed control" not in names
    assert "No claim" in names
    assert not at.dataframe


def test_the_map_keeps_the_other_pages_parameters_in_the_url(open_link):
    link = "/?date=2025-07-01&side=independent&region=UA-14&regions=UA-09,UA-14&q=Bakhmut"
    at = open_link(link)

    expected = ViewState(
        date=dt.date(2025, 7, 1),
        side="independent",
        region="UA-14",
        regions=("UA-09", "UA-14"),
        text="Bakhmut",
    )
    assert at.session_state["view"] == expected
    assert at.date_input(key="_widget_date").value == dt.date(2025, 7, 1)
    assert at.selectbox(key="_widget_side").value == "independent"
    assert dict(at.query_params) == expected.to_query()
