"""A real Streamlit server and Debian's Chromium for browser tests."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling the health endpoint, not waiting on the page
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def server_url():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    env = {**os.environ, "STREAMLIT_SERVER_HEADLESS": "true"}
    env.pop("TERRITORY_DATA_DIR", None)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("no chromium found; CI must install Debian's chromium (see .ci/run)")
        pytest.skip("no chromium installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()


def wait_idle(page) -> None:
    """Wait until Streamlit reports that the script finished running."""
    page.wait_for_selector(IDLE, timeout=60_000)


def rerun_finished(page) -> None:
    """Wait for the rerun an interaction started to finish."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # A rerun first flips the state to "running"; waiting for that avoids reading the old page.
    with contextlib.suppress(PlaywrightTimeout):  # the rerun may already have finished
        page.wait_for_selector(RUNNING, timeout=5_000)
    wait_idle(page)


def wait_for_query(page, fragment: str) -> None:
    """Wait until the address bar's query string holds ``fragment`` (history updates, no load)."""
    page.wait_for_function("f => location.search.includes(f)", arg=fragment, timeout=30_000)
