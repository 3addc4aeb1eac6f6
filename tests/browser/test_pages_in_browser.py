"""The other pages in a real browser: a ticked row, a perspective change, downloads, a map click."""

import re

import pytest
from conftest import rerun_finished, wait_for_query, wait_idle
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Streamlit's data grid draws on a canvas: rows are 35 px high under a 35 px header, and the
# row-selection checkboxes fill the first, narrow column.
ROW_HEIGHT = 35
# Plotly draws the map with MapLibre, which ignores clicks until its style and tiles are in.
MAP_READY = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const subplot = plot && plot._fullLayout && plot._fullLayout.map && plot._fullLayout.map._subplot;
  return Boolean(subplot && subplot.map && subplot.map.loaded() && !subplot.map.isMoving());
}"""
# Luhansk, the far east of the map at the page's 1400 x 1000 viewport, as shares of the chart.
LUHANSK = (0.735, 0.5)


def location(page) -> str:
    """Return the address the page shows (st.switch_page pushes history without a load)."""
    return page.evaluate("location.pathname + location.search")


def test_ticking_a_row_in_the_explorer_opens_the_claim_and_the_url_names_it(page, server_url):
    page.goto(f"{server_url}/claims?q=Bakhmut")
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for(state="visible", timeout=30_000)
    box = grid.bounding_box()

    page.mouse.click(box["x"] + 16, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)
    rerun_finished(page)
    wait_for_query(page, "claim=")

    heading = page.get_by_role("heading", name=re.compile(r"^Claim \S+$"))
    expect(heading).to_be_visible()
    claim_id = heading.inner_text().removeprefix("Claim ").strip()
    assert f"claim={claim_id}" in location(page)
    assert "q=Bakhmut" in location(page)
    expect(page.get_by_role("link", name="open the source")).to_be_visible()

    # The ticked row must not survive a reset and select whatever claim takes its place.
    page.get_by_role("button", name="Reset filters").first.click()
    rerun_finished(page)
    page.wait_for_function("() => !location.search.includes('q=')", timeout=30_000)
    assert "claim=" not in location(page)
    expect(page.get_by_text("Select a row to read the claim in full")).to_be_visible()
    expect(heading).to_have_count(0)


def test_timeline_keeps_its_regions_when_the_perspective_changes(page, server_url):
    page.goto(f"{server_url}/timeline?regions=UA-09")
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible", timeout=30_000)
    expect(chart.locator(".legend")).to_contain_text("Ukrainian claims")

    page.get_by_test_id("stSelectbox").filter(has_text="Perspective").click()
    page.get_by_role("option", name="Russian claims").click()
    rerun_finished(page)
    wait_for_query(page, "side=russia")

    assert "regions=UA-09" in location(page)
    expect(chart).to_be_visible()
    expect(chart.locator(".legend")).to_contain_text("Russian claims")
    expect(chart.locator(".legend")).not_to_contain_text("Ukrainian claims")


def test_the_map_downloads_its_claims_as_csv_and_its_chart_as_png(page, server_url):
    page.goto(f"{server_url}/?date=2025-07-01")
    wait_idle(page)
    page.get_by_text("Download and cite this view").click()
    csv_button = page.get_by_role("button", name="Claims (CSV)")
    csv_button.wait_for(state="visible", timeout=30_000)

    with page.expect_download(timeout=30_000) as csv_download:
        csv_button.click()
    data = csv_download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].startswith(b"claim_id,")

    # The PNG is rendered on the server by kaleido driving Chromium, only when asked.
    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="Chart (PNG)").click()
    assert png_download.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_download.value.suggested_filename == "claimed-ground-map-2025-07-01.png"


def test_clicking_luhansk_on_the_map_opens_its_profile(page, server_url):
    page.goto(f"{server_url}/?date=2025-07-01&side=all")
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible", timeout=30_000)
    page.wait_for_function(MAP_READY, timeout=30_000)
    box = chart.bounding_box()

    page.mouse.click(box["x"] + LUHANSK[0] * box["width"], box["y"] + LUHANSK[1] * box["height"])
    page.wait_for_function("() => location.pathname.endsWith('/region')", timeout=30_000)
    wait_idle(page)

    assert "region=UA-09" in location(page)
    assert "date=2025-07-01" in location(page)
    expect(page.get_by_role("heading", name="Luhansk", exact=True)).to_be_visible()
