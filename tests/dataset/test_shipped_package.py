"""The shipped data package: it validates, joins its geography and passes frictionless."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import territory
from territory import schema
from territory.datapackage import build_datapackage

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def dataset():
    return territory.load_dataset(DATA)


def test_shipped_package_validates(dataset):
    assert len(dataset.claims) > 0
    assert len(dataset.sources) > 0


def test_validate_command_exits_zero_on_the_shipped_package():
    done = subprocess.run(
        [sys.executable, "-m", "territory", "validate", str(DATA)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


def test_every_region_joins_a_geometry():
    regions = territory.load_regions()
    assert regions["geometry"].notna().all()
    assert not regions["geometry"].is_empty.any()
    assert regions.crs.to_epsg() == 4326


def test_regions_table_has_ukraine_its_27_units_and_three_russian_regions():
    regions = territory.load_regions()
    ukrainian = regions[(regions["country"] == "UA") & (regions["region_id"] != "UA")]
    assert len(ukrainian) == 27
    assert set(regions.loc[regions["country"] == "RU", "region_id"]) == {
        "RU-KRS",
        "RU-BEL",
        "RU-BRY",
    }
    assert "UA" in set(regions["region_id"])


@pytest.mark.parametrize(
    ("region_id", "area"),
    [
        ("UA", 603628),
        ("UA-09", 26684),
        ("UA-14", 26517),
        ("UA-23", 27180),
        ("UA-65", 28461),
        ("UA-43", 26081),
        ("UA-40", 864),
        ("UA-63", 31415),
    ],
)
def test_official_areas_match_the_state_statistics_service(region_id, area):
    regions = territory.load_regions().set_index("region_id")
    assert regions.loc[region_id, "area_km2"] == area


def test_every_claim_region_is_on_the_map(dataset):
    mapped = set(territory.load_regions()["region_id"])
    assert set(dataset.claims["region_id"]) <= mapped


def test_datapackage_json_is_written_from_the_schema():
    written = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert written == build_datapackage(), "run `make datapackage` after changing the schema"


def test_frictionless_validates_the_package():
    binary = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert binary, "frictionless is in requirements-dev.txt"
    done = subprocess.run(
        [binary, "validate", str(DATA / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_map_for_2025_07_01_shows_luhansk_claimed_fully_held_by_russia(dataset):
    snapshot = territory.control_snapshot(dataset, "2025-07-01", ["russia"])
    luhansk = snapshot.set_index("region_id").loc["UA-09"]
    assert luhansk["held_pct"] == 100
    claim = dataset.claims.set_index("claim_id").loc[luhansk["claim_id"]]
    assert claim["claimant"] == "Leonid Pasechnik"
    assert "100%" in claim["quote"]


def test_implied_national_share_stays_within_the_plausible_range(dataset):
    for date in ("2014-06-01", "2022-03-25", "2023-06-01", "2025-07-01", "2026-06-01"):
        share = territory.implied_national_share(dataset, date)
        assert 0 <= share <= 35, (date, share)


def test_level_metrics_are_a_subset_of_metrics():
    assert set(schema.LEVEL_METRICS) <= set(schema.METRICS)
