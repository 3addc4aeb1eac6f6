"""The timeline page under AppTest: the chart, the link it reads, and what it says when empty."""

import datetime as dt

import pytest

from territory.viewstate import ViewState


def panel_title(figure: dict, trace: dict) -> str:
    """Return the subplot title (the region's name) above the panel a trace is drawn in."""
    axis = trace.get("xaxis", "x")
    row = int(axis[1:] or 1)
    return figure["layout"]["annotations"][row - 1]["text"]


def traces_named(figure: dict, name: str) -> list[dict]:
    return [t for t in figure["data"] if t.get("name") == name]


def test_luhansk_and_donetsk_draw_russian_claims_and_the_repeated_100_pct_star(
    open_link, figure_of
):
    at = open_link("/timeline?regions=UA-09,UA-14")
    figure = figure_of(at, "region_timeline")

    russian = traces_named(figure, "Russian claims")
    assert {panel_title(figure, t) for t in russian} == {"Luhansk", "Donetsk"}
    luhansk = next(t for t in russian if panel_title(figure, t) == "Luhansk")
    assert any("Pasechnik" in text for text in luhansk["text"])

    stars = traces_named(figure, "Repeated 100 % claim")
    assert len(stars) == 1
    assert panel_title(figure, stars[0]) == "Luhansk"
    assert stars[0]["x"] == ["2025-06-30T00:00:00.000000"]
    assert stars[0]["hovertext"] == ["Claimed 100 % again; first claimed 2022-07-03"]
    assert [b.label for b in at.get("download_button")][:1] == ["Claims (CSV)"]


def test_the_link_sets_every_control_and_the_url_keeps_it(open_link, figure_of):
    link = "/timeline?date=2025-07-01&side=russia&regions=UA-09,UA-14&from=2022-01-01&to=2025-12-31"
    at = open_link(link)

    expected = ViewState(
        date=dt.date(2025, 7, 1),
        side="russia",
        regions=("UA-09", "UA-14"),
        start=dt.date(2022, 1, 1),
        end=dt.date(2025, 12, 31),
    )
    assert at.session_state["view"] == expected
    assert at.multiselect(key="_widget_regions").value == ["UA-09", "UA-14"]
    assert at.date_input(key="_widget_start").value == dt.date(2022, 1, 1)
    assert at.date_input(key="_widget_end").value == dt.date(2025, 12, 31)
    assert at.date_input(key="_widget_date").value == dt.date(2025, 7, 1)
    assert at.selectbox(key="_widget_side").value == "russia"
    assert dict(at.query_params) == expected.to_query()

    figure = figure_of(at, "region_timeline")
    assert {t["name"] for t in figure["data"]} <= {
        "Russian claims",
        "Repeated 100 % claim",
        "Events",
    }
    assert figure["layout"]["xaxis"]["range"] == ["2022-01-01T00:00:00", "2025-12-31T00:00:00"]


def test_changing_the_regions_box_changes_the_view_and_the_url(open_link):
    at = open_link("/timeline?regions=UA-09,UA-14&side=russia")
    at.multiselect(key="_widget_regions").unselect("UA-14").run()

    assert not at.exception
    assert at.session_state["view"].regions == ("UA-09",)
    assert at.query_params["regions"] == "UA-09"
    assert at.query_params["side"] == "russia"


@pytest.mark.parametrize(
    ("link", "region"),
    [
        ("/timeline?regions=UA-12&side=russia", "Dnipropetrovsk"),  # only independent figures
        ("/timeline?regions=UA-48", "Mykolaiv"),  # settlement claims and statements only
    ],
)
def test_a_region_without_level_claims_gets_an_info_message_not_a_chart(
    open_link, texts, link, region
):
    at = open_link(link)

    assert any(f"No claim of how much of {region} is held" in t for t in texts(at.info))
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("region_timeline")]
    assert at.subheader[0].value == "Ukraine as a whole"


def test_the_regions_box_shows_every_region_the_page_is_about(open_link):
    at = open_link("/timeline?regions=UA-48")

    assert at.multiselect(key="_widget_regions").value == list(at.session_state["view"].regions)
