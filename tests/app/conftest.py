"""AppTest runs as the server runs them: app.py in charge of every page, opened from a link."""

import csv
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

ROOT = Path(__file__).resolve().parents[2]
# The URL path of each page (app.py's url_path) and the file AppTest switches to.
PAGE_FILES = {
    "": "pages/map.py",
    "timeline": "pages/timeline.py",
    "claims": "pages/claims.py",
    "region": "pages/region.py",
    "sources": "pages/sources.py",
    "about": "pages/about.py",
}


class _EntrypointPagesManager(PagesManager):
    """A PagesManager that never falls back to Streamlit's old pages/ folder mode.

    AppTest forgets on every run that app.py called st.navigation; with a pages/ folder
    beside app.py it then runs a switched-to page file on its own: no sidebar, no shared
    controls, no ``ui.sync_url()``. The server stays in navigation mode once app.py ran
    (``ui.require_entrypoint`` sees to it), so this is what a reader gets.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def open_link(monkeypatch):
    """Return ``open_link("/timeline?regions=UA-09")``: a first visit to that link."""
    monkeypatch.setattr(app_test, "PagesManager", _EntrypointPagesManager)

    def open_(link: str) -> AppTest:
        parts = urlsplit(link)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            at.query_params[name] = value
        at.run()
        page = PAGE_FILES[parts.path.strip("/")]
        if page != PAGE_FILES[""]:
            at.switch_page(page)
            at.run()
        assert not at.exception, at.exception
        return at

    return open_


def read_csv(name: str) -> list[dict[str, str]]:
    """Return the rows of the shipped data/<name>."""
    with (ROOT / "data" / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def shipped_claims() -> list[dict[str, str]]:
    """The rows of the shipped data/claims.csv."""
    return read_csv("claims.csv")


@pytest.fixture(scope="session")
def shipped_sources() -> list[dict[str, str]]:
    """The rows of the shipped data/sources.csv."""
    return read_csv("sources.csv")


def _figures(at: AppTest) -> dict[str, dict]:
    return {chart.proto.id: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}


@pytest.fixture
def figure_of():
    """Return ``figure_of(at, key)``: the JSON of the plotly chart drawn with that key."""

    def find(at: AppTest, key: str) -> dict:
        found = [spec for element_id, spec in _figures(at).items() if element_id.endswith(key)]
        assert found, f"no plotly chart with key {key!r} among {list(_figures(at))}"
        return found[0]

    return find


@pytest.fixture
def texts():
    """Return ``texts(elements)``: the shown text of each element (markdown, info, ...)."""

    def values(elements) -> list[str]:
        return [str(element.value) for element in elements]

    return values
