"""Region boundaries joined to the official region table."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import schema
from .csvfile import read_rows
from .dataset import PROJECT_DATA_DIR, PROJECT_DIR, typed_frame
from .problems import DatasetError, Problem

GEO_DIR = PROJECT_DIR / "geo"
REGIONS_GEOJSON = GEO_DIR / "regions.geojson"
BACKDROP_GEOJSON = GEO_DIR / "backdrop.geojson"
REGION_COLUMNS = ("region_id", "name_en", "name_uk", "country", "area_km2", "geometry")


def load_regions() -> gpd.GeoDataFrame:
    """Return one row per row of regions.csv with its boundary (EPSG:4326).

    Columns: region_id, name_en, name_uk, country, area_km2 (official), geometry. ``UA``'s
    geometry is the union of the 27 Ukrainian units.
    """
    return _cached_regions().copy()


@lru_cache(maxsize=1)
def _cached_regions() -> gpd.GeoDataFrame:
    table = _region_table()
    shapes = gpd.read_file(REGIONS_GEOJSON)[["region_id", "geometry"]]
    if shapes.crs is None:
        shapes = shapes.set_crs(4326)
    shapes = shapes.to_crs(4326)
    units = shapes[shapes["region_id"].str.startswith("UA-")]
    national = gpd.GeoDataFrame(
        {"region_id": [schema.NATIONAL_REGION], "geometry": [units.union_all()]}, crs=4326
    )
    shapes = pd.concat([national, shapes], ignore_index=True)
    missing = sorted(set(table["region_id"]) - set(shapes["region_id"]))
    if missing:
        raise ValueError(f"{REGIONS_GEOJSON.name} has no boundary for {', '.join(missing)}")
    merged = table.merge(shapes, on="region_id", how="left", validate="one_to_one")
    return gpd.GeoDataFrame(merged[list(REGION_COLUMNS)], geometry="geometry", crs=4326)


def _region_table() -> pd.DataFrame:
    problems: list[Problem] = []
    rows = read_rows(PROJECT_DATA_DIR / schema.REGIONS.filename, problems)
    if problems or rows is None:
        raise DatasetError(problems, str(PROJECT_DATA_DIR))
    return typed_frame(rows, schema.REGIONS)


@lru_cache(maxsize=1)
def _backdrop_text() -> str:
    return Path(BACKDROP_GEOJSON).read_text(encoding="utf-8")


def load_backdrop() -> dict:
    """Return neighbouring countries' outlines as a GeoJSON FeatureCollection dict."""
    return json.loads(_backdrop_text())
