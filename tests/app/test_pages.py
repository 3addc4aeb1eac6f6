"""AppTest over the entrypoint and every page: they render, and a broken package shows problems."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "pages/map.py",
    "pages/timeline.py",
    "pages/claims.py",
    "pages/region.py",
    "pages/sources.py",
    "pages/about.py",
]


def run_app(page: str | None = None, **params: str) -> AppTest:
    """Run app.py (optionally switched to a page) with query parameters, as a first visit."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def map_figure(at: AppTest) -> dict:
    """Return the map's figure JSON as AppTest sees it."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = run_app(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} has no title"


def test_map_page_shows_luhansk_claimed_by_russian_side_on_2025_07_01():
    at = run_app(date="2025-07-01")
    assert not at.exception
    figure = map_figure(at)
    claimed = next(t for t in figure["data"] if t.get("name") == "Claimed control")
    assert "UA-09" in claimed["locations"]
    assert "Pasechnik" in " ".join(claimed["text"])


def test_map_page_reads_side_from_the_link():
    at = run_app(date="2025-07-01", side="ukraine")
    assert at.selectbox(key="_widget_side").value == "ukraine"
    assert str(at.date_input(key="_widget_date").value) == "2025-07-01"


def test_bad_link_parameters_fall_back_to_defaults_with_a_note():
    at = run_app(date="2025-13-45", side="martians")
    assert not at.exception
    assert at.selectbox(key="_widget_side").value == "all"
    assert len(at.toast) == 2


def test_map_page_shows_both_national_figures():
    at = run_app(date="2025-07-01")
    labels = [m.label for m in at.metric]
    assert "National share claimed held by Russian forces" in labels
    assert "Share implied by the regional claims" in labels


def test_broken_package_shows_problems_instead_of_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "sources.csv").write_text("source_id,publisher,published_on\ns1,X,2025-01-01\n")
    (tmp_path / "claims.csv").write_text(
        "claim_id,stated_on,claimant,side,region_id,metric,controller,value,source_id\n"
        "c1,2025-02-30,A,rusia,UA-09,share_pct,russia,150,s1\n"
    )
    monkeypatch.setenv("TERRITORY_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert at.error, "expected an error box naming the problems"
    text = at.get("code")[0].proto.code_text
    assert "claims.csv:2:stated_on:" in text
    assert "claims.csv:2:side:" in text
    assert "claims.csv:2:value:" in text
