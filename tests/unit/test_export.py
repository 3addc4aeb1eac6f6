"""Exports: CSV safe for spreadsheets, JSON, GeoJSON, ClaimReview, citations, images, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from territory import control_snapshot, load_dataset, load_regions, schema
from territory.claims import join_snapshot_details
from territory.cli import main
from territory.export import (
    EXPORT_COLUMNS,
    cite_view,
    claims_export_table,
    claims_to_claimreview,
    claims_to_csv,
    claims_to_json,
    dataset_version,
    figure_to_image,
    neutralise_formulas,
    snapshot_to_geojson,
)

CYRILLIC = "Луганськ звільнено на 100 %"
FORMULA = '=HYPERLINK("http://evil.example","click")'
SOURCES = [
    {"source_id": "s1", "publisher": "ТАСС", "url": "https://tass.example/1", "title": CYRILLIC},
    {"source_id": "s2", "publisher": "Reuters", "published_on": "2025-03-02"},
]
CLAIMS = [
    {"claim_id": "lug", "region_id": "UA-09", "value": "99.5", "quote": CYRILLIC},
    {"claim_id": "don", "region_id": "UA-14", "metric": "area_km2", "value": "20000"},
    {
        "claim_id": "whole",
        "region_id": "UA",
        "side": "independent",
        "claimant": "DeepState",
        "value": "19",
        "as_of": "2025-02-01",
        "stated_on": "2025-02-02",
        "source_id": "s2",
        "notes": FORMULA,
    },
    {
        "claim_id": "talk",
        "metric": "statement",
        "value": "",
        "quote": FORMULA,
        "status": "disputed",
    },
    {"claim_id": "gain", "metric": "area_change_km2", "value": "-120", "side": "ukraine"},
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, write_package):
    """A loaded package with Cyrillic text, a formula in a quote and a note, and a national claim."""
    directory = write_package(tmp_path_factory.mktemp("tiny"), claims=CLAIMS, sources=SOURCES)
    return load_dataset(directory)


@pytest.fixture(scope="module")
def table(tiny):
    return claims_export_table(tiny, tiny.claims)


def row_of(table: pd.DataFrame, claim_id: str) -> pd.Series:
    return table.set_index("claim_id").loc[claim_id]


# --- the export table -------------------------------------------------------------------------


def test_export_table_has_claim_columns_then_region_and_source(table):
    assert list(table.columns) == [*schema.CLAIMS.column_names, *EXPORT_COLUMNS[-5:]]
    assert EXPORT_COLUMNS[-5:] == ("region", "publisher", "title", "published_on", "url")


def test_export_table_joins_source_and_region_name_with_dates_as_text(table):
    whole = row_of(table, "whole")
    assert (whole["region"], whole["publisher"], whole["published_on"]) == (
        "Ukraine",
        "Reuters",
        "2025-03-02",
    )
    assert (whole["stated_on"], whole["as_of"]) == ("2025-02-02", "2025-02-01")
    assert row_of(table, "lug")["as_of"] == ""  # blank, not NaT


def test_export_table_keeps_only_the_given_claims_in_their_order(tiny):
    picked = tiny.claims[tiny.claims["claim_id"].isin(["gain", "lug"])]
    assert list(claims_export_table(tiny, picked)["claim_id"]) == ["lug", "gain"]


# --- neutralising formulas --------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_cell_starting_with_a_formula_character_gets_a_leading_quote(start):
    frame = pd.DataFrame({"quote": [f"{start}1+1", "plain"]})
    assert list(neutralise_formulas(frame)["quote"]) == [f"'{start}1+1", "plain"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  =cmd", "'  =cmd"),  # spaces before the formula
        ("a=b", "a=b"),  # not at the start
        ("", ""),
        ("'=already", "'=already"),  # a quote is not a formula character
    ],
)
def test_formula_check_looks_past_spaces_and_only_at_the_start(cell, expected):
    assert neutralise_formulas(pd.DataFrame({"c": [cell]}))["c"].iloc[0] == expected


def test_numbers_and_missing_cells_are_left_untouched():
    frame = pd.DataFrame({"value": [-120.0, np.nan], "count": [-3, 4], "text": ["-5", None]})
    result = neutralise_formulas(frame)
    assert result["value"].dtype == "float64" and result["value"].iloc[0] == -120.0
    assert result["count"].tolist() == [-3, 4]
    assert result["text"].iloc[0] == "'-5" and pd.isna(result["text"].iloc[1])
    assert frame["text"].iloc[0] == "-5"  # the input is not modified


# --- CSV and JSON -----------------------------------------------------------------------------


def read_back(data: bytes) -> pd.DataFrame:
    """Read exported CSV as a spreadsheet user would: blank text stays blank, values are numbers."""
    return pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, na_values={"value": [""]}
    )


def test_csv_starts_with_a_bom_and_uses_lf_line_endings(table):
    data = claims_to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data


def test_csv_round_trips_through_pandas_with_cyrillic_intact(table):
    back = read_back(claims_to_csv(table))
    assert list(back.columns) == list(table.columns)
    assert len(back) == len(table)
    assert row_of(back, "lug")["quote"] == CYRILLIC
    assert row_of(back, "lug")["publisher"] == "ТАСС"


def test_csv_neutralises_formulas_but_keeps_negative_values_numeric(table):
    back = read_back(claims_to_csv(table))
    assert row_of(back, "talk")["quote"] == "'" + FORMULA
    assert row_of(back, "whole")["notes"] == "'" + FORMULA
    assert row_of(back, "gain")["value"] == -120.0


def test_json_is_an_array_of_objects_with_null_for_missing_values_and_text_unaltered(table):
    records = json.loads(claims_to_json(table).decode("utf-8"))
    assert [r["claim_id"] for r in records] == list(table["claim_id"])
    by_id = {r["claim_id"]: r for r in records}
    assert by_id["talk"]["value"] is None
    assert by_id["gain"]["value"] == -120
    assert by_id["talk"]["quote"] == FORMULA
    assert by_id["lug"]["quote"] == CYRILLIC


def test_json_writes_cyrillic_as_characters_not_escapes(table):
    assert CYRILLIC.encode("utf-8") in claims_to_json(table)


# --- GeoJSON ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def geojson(tiny):
    details = join_snapshot_details(tiny, control_snapshot(tiny, "2025-06-01"))
    return snapshot_to_geojson(load_regions(), details)


def test_geojson_reads_back_with_geopandas_with_the_regions_and_held_pct(geojson, areas):
    frame = gpd.read_file(io.BytesIO(geojson))
    assert frame.crs.to_epsg() == 4326
    held = dict(zip(frame["region_id"], frame["held_pct"], strict=True))
    assert held.keys() == {"UA", "UA-09", "UA-14"}
    assert held["UA-09"] == pytest.approx(99.5)
    assert held["UA-14"] == pytest.approx(20000 / areas["UA-14"] * 100)
    assert held["UA"] == pytest.approx(19)


def test_geojson_flags_ukraine_as_a_whole_as_national(geojson):
    frame = gpd.read_file(io.BytesIO(geojson))
    assert dict(zip(frame["region_id"], frame["national"], strict=True)) == {
        "UA": True,
        "UA-09": False,
        "UA-14": False,
    }


def test_geojson_has_the_documented_properties_and_follows_rfc_7946(geojson):
    collection = json.loads(geojson)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    properties = collection["features"][0]["properties"]
    assert set(properties) == {
        *("region_id", "region", "held_pct", "stated_value", "claimant", "side", "stated_on"),
        *("as_of", "status", "quote", "publisher", "url", "national"),
    }
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", properties["stated_on"])
    for feature in collection["features"]:
        for polygon in shapely.get_parts(shapely.geometry.shape(feature["geometry"])):
            assert polygon.exterior.is_ccw  # the right-hand rule


# --- ClaimReview ------------------------------------------------------------------------------


def test_claimreview_has_the_required_keys_and_the_status_as_alternate_name(table):
    reviews = json.loads(claims_to_claimreview(table, "https://cg.example/claims"))
    assert len(reviews) == len(table)
    for review, status in zip(reviews, table["status"], strict=True):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert {"url", "claimReviewed", "itemReviewed", "reviewRating", "author"} <= set(review)
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"] == status
        assert review["author"] == {"@type": "Organization", "name": "Claimed Ground"}
    assert reviews[0]["url"] == "https://cg.example/claims?claim=lug"


def test_claimreview_links_the_claim_to_its_author_date_and_source(table):
    whole = json.loads(claims_to_claimreview(table))[2]
    assert "url" not in whole  # no base_url, no permalink
    assert whole["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "DeepState"},
        "datePublished": "2025-02-02",
        "appearance": {
            "@type": "CreativeWork",
            "publisher": {"@type": "Organization", "name": "Reuters"},
            "datePublished": "2025-03-02",
        },
    }
    assert whole["reviewRating"]["ratingExplanation"] == FORMULA  # JSON needs no neutralising


def test_claimreview_states_a_claim_without_a_quote_as_a_sentence(table):
    sentences = [r["claimReviewed"] for r in json.loads(claims_to_claimreview(table))]
    assert sentences[0] == CYRILLIC
    assert sentences[1] == "Test claimant: Donetsk, 20,000 km² held by Russian forces"
    assert sentences[2] == "DeepState: Ukraine, 19 % held by Russian forces"


@pytest.mark.parametrize(
    ("cells", "sentence"),
    [
        (
            {"metric": "full_control", "value": np.nan},
            "C: Luhansk, entirely held by Russian forces",
        ),
        (
            {"metric": "settlement_control", "settlement": "Bilohorivka", "controller": "ukraine"},
            "C: Luhansk, Bilohorivka held by Ukrainian forces",
        ),
        (
            {"metric": "area_change_km2", "value": 1200.0},
            "C: Luhansk, 1,200 km² gained by Russian forces",
        ),
        ({"metric": "statement", "value": np.nan}, "C: Luhansk, a claim of kind 'statement'"),
    ],
)
def test_claimreview_sentence_suits_each_kind_of_claim(table, cells, sentence):
    one = table.iloc[[0]].assign(claimant="C", quote="", **cells)
    assert json.loads(claims_to_claimreview(one))[0]["claimReviewed"] == sentence


def test_claimreview_permalink_joins_a_base_url_that_already_has_a_query(table):
    review = json.loads(claims_to_claimreview(table.iloc[[0]], "https://cg.example/?embed=true"))
    assert review[0]["url"] == "https://cg.example/?embed=true&claim=lug"


@pytest.mark.parametrize(
    ("claimant", "kind"),
    [
        ("Russian Ministry of Defence", "Organization"),
        ("General Staff of the Armed Forces of Ukraine", "Organization"),
        ("Institute for the Study of War", "Organization"),
        ("UN General Assembly", "Organization"),
        ("The Economist", "Organization"),
        ("Volodymyr Zelensky", "Person"),
        ("Sergei Shoigu (Russian Ministry of Defence statement)", "Person"),
    ],
)
def test_claimreview_author_is_a_person_or_an_organization_by_name(table, claimant, kind):
    one = table.iloc[[0]].assign(claimant=claimant)
    author = json.loads(claims_to_claimreview(one))[0]["itemReviewed"]["author"]
    assert author == {"@type": kind, "name": claimant}


def test_claimreview_truncates_notes_and_cannot_close_a_script_tag(table):
    one = table.iloc[[0]].assign(notes="x" * 600, quote="</script><script>alert(1)")
    text = claims_to_claimreview(one)
    assert "</script>" not in text
    review = json.loads(text)[0]
    assert len(review["reviewRating"]["ratingExplanation"]) == 500
    assert review["claimReviewed"] == "</script><script>alert(1)"


# --- citation and version ---------------------------------------------------------------------


def test_citation_text_names_the_title_link_access_date_and_version():
    link = "https://cg.example/?date=2025-06-01&side=all"
    cited = cite_view("Claimed control map", link, dt.date(2026, 11, 24), "2025-06-01+abcd1234")
    assert cited["text"] == (
        f'Claimed Ground, "Claimed control map", {link} '
        "(accessed 24 November 2026; dataset version 2025-06-01+abcd1234)."
    )
    assert cited["bibtex"].startswith("@misc{claimedground20261124,")
    assert f"url = {{{link}}}" in cited["bibtex"]
    assert "urldate = {2026-11-24}" in cited["bibtex"]


def test_bibtex_escapes_special_characters_in_the_title():
    bibtex = cite_view("Luhansk & Donetsk: 100%", "https://x", dt.date(2026, 1, 2), "v")["bibtex"]
    assert r"title = {Luhansk \& Donetsk: 100\%}" in bibtex


def test_dataset_version_is_the_newest_statement_date_and_a_content_hash(tiny):
    assert re.fullmatch(r"2025-02-02\+[0-9a-f]{8}", dataset_version(tiny))


def test_dataset_version_ignores_encoding_and_line_endings_but_not_content(package):
    plain = dataset_version(load_dataset(package(claims=CLAIMS, sources=SOURCES)))
    crlf = package(claims=CLAIMS, sources=SOURCES, newline="\r\n", bom=True)
    edited = package(claims=[*CLAIMS[:-1], {**CLAIMS[-1], "value": "-121"}], sources=SOURCES)
    assert dataset_version(load_dataset(crlf)) == plain
    assert dataset_version(load_dataset(edited)) != plain


# --- images -----------------------------------------------------------------------------------


def test_image_export_rejects_other_formats():
    with pytest.raises(ValueError, match="fmt='jpg'"):
        figure_to_image(go.Figure(), "jpg")


def test_image_export_without_a_browser_says_to_install_chromium(monkeypatch):
    def no_browser(*_args, **_kwargs):
        raise RuntimeError("\n\nKaleido requires Google Chrome to be installed.")

    monkeypatch.setattr("territory.export.pio.to_image", no_browser)
    with pytest.raises(ValueError, match="install Debian's chromium"):
        figure_to_image(go.Figure(), "png")


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
@pytest.mark.filterwarnings("ignore:The kopts argument is ignored")
def test_image_export_draws_png_and_svg_in_chromium():
    import kaleido

    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    kaleido.start_sync_server(silence_warnings=True)  # one browser for both images
    try:
        png = figure_to_image(figure, "png", width=200, height=150)
        svg = figure_to_image(figure, "svg", width=200, height=150)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    assert png.startswith(b"\x89PNG")
    assert b"<svg" in svg


# --- the command line -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(tmp_path_factory, write_package, run_concurrently):
    """Run every export command line at once on the tiny package (each takes a second)."""
    data = str(write_package(tmp_path_factory.mktemp("cli"), claims=CLAIMS, sources=SOURCES))
    out = tmp_path_factory.mktemp("out")
    base = ["-m", "territory", "export", "--data", data]
    commands = {
        "csv": [*base, "--format", "csv", "--region", "UA-14", "--region", "UA"],
        "json": [*base, "--format", "json", "--side", "ukraine", "--output", str(out / "c.json")],
        "geojson": [
            *base,
            "--format",
            "geojson",
            "--date",
            "2025-06-01",
            "--output",
            str(out / "g"),
        ],
        "claimreview": [*base, "--format", "claimreview", "--status", "disputed"],
        "bad-region": [*base, "--format", "csv", "--region", "UA-99"],
    }
    finished = run_concurrently(list(commands.values()))
    return {"out": out, **dict(zip(commands, finished, strict=True))}


def test_cli_exports_filtered_claims_as_csv_to_standard_output(runs):
    assert (runs["csv"].returncode, runs["csv"].stderr) == (0, "")
    back = pd.read_csv(io.StringIO(runs["csv"].stdout.removeprefix("\ufeff")))
    assert list(back["claim_id"]) == ["don", "whole"]


def test_cli_exports_json_to_a_file(runs):
    assert runs["json"].returncode == 0 and runs["json"].stdout == ""
    records = json.loads((runs["out"] / "c.json").read_text(encoding="utf-8"))
    assert [r["claim_id"] for r in records] == ["gain"]


def test_cli_exports_the_snapshot_as_geojson(runs):
    assert runs["geojson"].returncode == 0, runs["geojson"].stderr
    frame = gpd.read_file(runs["out"] / "g")
    assert sorted(frame["region_id"]) == ["UA", "UA-09", "UA-14"]


def test_cli_exports_claimreview(runs):
    assert runs["claimreview"].returncode == 0, runs["claimreview"].stderr
    reviews = json.loads(runs["claimreview"].stdout)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["disputed"]


def test_cli_rejects_an_unknown_region_with_one_line_and_exit_2(runs):
    result = runs["bad-region"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: --region 'UA-99' is not a region of regions.csv (e.g. UA-09)"
    ]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--format", "geojson", "--date", "yesterday"], "--date 'yesterday'"),
        (["--format", "csv", "--from", "2025-13-01"], "--from '2025-13-01'"),
        (["--format", "csv", "--date", "2025-01-01"], "--date"),
        (["--format", "geojson", "--claimant", "Putin"], "--claimant"),
        (["--format", "json", "--output", "/nonexistent/dir/x.json"], "--output"),
    ],
)
def test_cli_names_the_bad_option_and_exits_2(tiny, capsysbinary, options, named):
    code = main(["export", "--data", str(tiny.path), *options])
    out, err = capsysbinary.readouterr()
    assert (code, out) == (2, b"")
    assert named in err.decode() and len(err.splitlines()) == 1
