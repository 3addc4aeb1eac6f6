"""The map page in a real browser: it draws, the date changes it, the URL follows, nothing leaves."""

import re

import pytest
from conftest import rerun_finished, wait_for_query, wait_idle

pytestmark = pytest.mark.browser


def set_date(page, label: str, year: str, month: str, day: str) -> None:
    """Type a date into Streamlit's date field with the keyboard, as a reader would."""
    page.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(year + month + day)
    # Streamlit commits a typed date when focus leaves the field.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")


def test_map_draws_changes_with_the_date_and_the_url_follows(page, server_url):
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((server_url, "data:", "blob:")) else None
        ),
    )
    page.goto(f"{server_url}/?date=2025-07-01&side=all")
    wait_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible", timeout=30_000)
    page.locator("canvas.maplibregl-canvas").first.wait_for(state="visible", timeout=30_000)
    assert "date=2025-07-01" in page.url

    set_date(page, "Claims as of", "2022", "07", "05")
    rerun_finished(page)
    wait_for_query(page, "date=2022-07-05")
    assert "side=all" in page.url
    # Anchored: the citation in the downloads expander says "as of 2022-07-05" too.
    assert page.get_by_text(re.compile(r"^As of 2022-07-05 · ")).is_visible()
    assert outside == [], f"the page fetched from outside: {outside}"


def test_link_reproduces_the_view_across_pages(page, server_url):
    page.goto(f"{server_url}/about?date=2024-01-01&side=ukraine")
    wait_idle(page)
    page.get_by_role("link", name="Map of claims").click()
    rerun_finished(page)
    wait_for_query(page, "side=ukraine")
    assert "date=2024-01-01" in page.url
    assert page.get_by_text(re.compile(r"^As of 2024-01-01 · Ukrainian claims")).is_visible()
