"""Exports as bytes or text: claims as CSV/JSON/ClaimReview, snapshots as GeoJSON, images, citations."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import geopandas as gpd
import pandas as pd
import plotly.io as pio
import shapely

from . import schema
from .claims import controller_forces, describe_stated_value
from .dataset import Dataset
from .i18n import _

SOURCE_COLUMNS = ("publisher", "title", "published_on", "url")
EXPORT_COLUMNS = (*schema.CLAIMS.column_names, "region", *SOURCE_COLUMNS)
GEOJSON_PROPERTIES = (
    *("region_id", "region", "held_pct", "stated_value", "claimant", "side"),
    *("stated_on", "as_of", "status", "quote", "publisher", "url"),
)
# OWASP "CSV Injection": spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROJECT_NAME = "Claimed Ground"
EXPLANATION_LIMIT = 500
IMAGE_FORMATS = ("png", "svg")
FORMATS = ("csv", "json", "geojson", "claimreview")
MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July"),
    *("August", "September", "October", "November", "December"),
)
# Claimants named like a body rather than a person (a simple rule, checked on data/claims.csv).
_ORGANISATION = re.compile(
    r"\b(ministry|general staff|institute|assembly|deepstate|reuters|government|administration"
    r"|command|forces?|corps|army|battalion|brigade|group|legion|activists|agency|agence|press"
    r"|news|intellinews|times|economist|mapper|energoatom|council|office|service|committee"
    r"|parliament|nations|kremlin|inspectorate|tass|interfax)\b",
    re.IGNORECASE,
)


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with every datetime column as YYYY-MM-DD text, blank when missing."""
    result = frame.copy()
    for column in result.columns:
        if pd.api.types.is_datetime64_any_dtype(result[column]):
            result[column] = result[column].dt.strftime("%Y-%m-%d").fillna("")
    return result


def claims_export_table(dataset: Dataset, claims: pd.DataFrame) -> pd.DataFrame:
    """Return claims joined with their source and region name, ready to export.

    ``claims`` is a selection of ``dataset.claims`` (e.g. from ``filter_claims``). Columns: the
    schema's claim columns, then region, publisher, title, published_on, url; dates are
    YYYY-MM-DD text (blank when missing); rows keep their order.
    """
    sources = dataset.sources[["source_id", *SOURCE_COLUMNS]]
    names = dataset.regions[["region_id", "name_en"]].rename(columns={"name_en": "region"})
    table = (
        claims[list(schema.CLAIMS.column_names)]
        .merge(sources, on="source_id", how="left", validate="many_to_one")
        .merge(names, on="region_id", how="left", validate="many_to_one")
    )
    table = _dates_as_text(table[list(EXPORT_COLUMNS)])
    text = [c for c in table.columns if pd.api.types.is_string_dtype(table[c])]
    table[text] = table[text].fillna("")
    return table.reset_index(drop=True)


def _neutralise_cell(cell):
    # Leading spaces are skipped too: some spreadsheets trim them before looking for a formula.
    if isinstance(cell, str) and cell.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy where text cells a spreadsheet would run as a formula start with ``'``.

    Follows OWASP's CSV injection advice: a text cell whose first character (after any
    spaces) is ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading single quote.
    Numeric, boolean and date columns are left alone, so -12.5 stays a number.
    """
    result = frame.copy()
    for column in result.columns:
        series = result[column]
        if pd.api.types.is_string_dtype(series) or series.dtype == object:
            result[column] = series.map(_neutralise_cell, na_action="ignore").astype(series.dtype)
    return result


def claims_to_csv(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as CSV bytes: UTF-8 with a BOM, LF line endings, formulas neutralised."""
    text = neutralise_formulas(_dates_as_text(frame)).to_csv(index=False, lineterminator="\n")
    # The BOM is what makes Excel read the file as UTF-8; without it Cyrillic turns to mojibake.
    return text.encode("utf-8-sig")


def claims_to_json(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as a UTF-8 JSON array of objects; missing values become null."""
    cells = _dates_as_text(frame).astype(object)
    records = cells.where(cells.notna(), None).to_dict(orient="records")
    text = json.dumps(records, ensure_ascii=False, indent=1, default=str)
    return (text + "\n").encode("utf-8")


def snapshot_to_geojson(regions: gpd.GeoDataFrame, details: pd.DataFrame) -> bytes:
    """Return a snapshot as an RFC 7946 GeoJSON FeatureCollection (UTF-8 bytes, EPSG:4326).

    ``regions`` comes from ``load_regions()``, ``details`` from ``join_snapshot_details``. One
    feature per row of ``details``, in its order; Ukraine as a whole (region ``UA``) carries
    the union of its units and ``national: true``. Properties: region_id, region, held_pct,
    stated_value, claimant, side, stated_on, as_of, status, quote, publisher, url, national.
    """
    shapes = regions[["region_id", "geometry"]]
    shapes = (shapes.set_crs(4326) if shapes.crs is None else shapes).to_crs(4326)
    merged = details.merge(pd.DataFrame(shapes), on="region_id", how="inner")
    properties = _dates_as_text(merged[list(GEOJSON_PROPERTIES)])
    properties["national"] = merged["region_id"] == schema.NATIONAL_REGION
    # RFC 7946 asks for counter-clockwise exterior rings (the right-hand rule).
    geometry = shapely.orient_polygons(merged["geometry"].to_numpy(), exterior_cw=False)
    features = gpd.GeoDataFrame(properties, geometry=list(geometry), crs=4326)
    return features.to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def _author(name: str) -> dict[str, str]:
    """Return a schema.org Person or Organization for a claimant, by a simple naming rule."""
    bare = re.sub(r"\([^)]*\)", "", name)  # "(as summarised by Reuters)" says who relayed it
    body = bare.strip().startswith("The ") or _ORGANISATION.search(bare)
    return {"@type": "Organization" if body else "Person", "name": name}


def _claim_sentence(row: pd.Series) -> str:
    """Return a claim without a quote as one line: 'DeepState: Ukraine, 19 % held by …'."""
    forces = controller_forces().get(row["controller"], row["controller"])
    stated = describe_stated_value(row["metric"], row["value"], row["controller"])
    if row["metric"] == "settlement_control" and row["settlement"]:
        stated = _("{place} held by {forces}").format(place=row["settlement"], forces=forces)
    elif row["metric"] == "area_change_km2":
        area = f"{row['value']:,.0f}"
        stated = _("{area} km² gained by {forces}").format(area=area, forces=forces)
    elif not stated:
        stated = _("a claim of kind '{metric}'").format(metric=row["metric"])
    # "<region>, <stated value>": "<stated value> of <region>" would read "forces of <region>".
    return _("{claimant}: {region}, {stated}").format(
        claimant=row["claimant"], region=row["region"], stated=stated
    )


def _present(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v not in ("", None)}


def _permalink(base_url: str, claim_id: str) -> str:
    return f"{base_url}{'&' if '?' in base_url else '?'}claim={claim_id}"


def _claim_review(row: pd.Series, base_url: str | None) -> dict:
    appearance = _present(
        {
            "@type": "CreativeWork",
            "url": row["url"],
            "publisher": {"@type": "Organization", "name": row["publisher"]},
            "datePublished": row["published_on"],
        }
    )
    rating = {"@type": "Rating", "alternateName": row["status"] or schema.DEFAULT_STATUS}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _permalink(base_url, row["claim_id"]) if base_url else "",
        "claimReviewed": row["quote"] or _claim_sentence(row),
        "itemReviewed": {
            "@type": "Claim",
            "author": _author(row["claimant"]),
            "datePublished": row["stated_on"],
            "appearance": appearance,
        },
        "reviewRating": _present({**rating, "ratingExplanation": row["notes"][:EXPLANATION_LIMIT]}),
        "author": {"@type": "Organization", "name": PROJECT_NAME},
    }
    return _present(review)


def claims_to_claimreview(table: pd.DataFrame, base_url: str | None = None) -> str:
    """Return schema.org ClaimReview JSON-LD (a JSON list) for each row of ``table``.

    ``table`` comes from ``claims_export_table``. The review's rating names the claim's status
    (``alternateName``) and quotes its notes (first 500 characters); with ``base_url`` each
    review's ``url`` is ``<base_url>?claim=<claim_id>``. Blank fields are left out.
    """
    reviews = [_claim_review(row, base_url) for _i, row in table.iterrows()]
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    # "<\/" is the same JSON, and a quote holding "</script>" cannot end an embedding tag.
    return text.replace("</", "<\\/")


def cite_view(title: str, link: str, accessed: dt.date, version: str) -> dict[str, str]:
    """Return a citation of a view: {"text": a sentence, "bibtex": an @misc entry}."""
    day = f"{accessed.day} {MONTHS[accessed.month - 1]} {accessed.year}"
    text = _('{project}, "{title}", {link} (accessed {day}; dataset version {version}).').format(
        project=PROJECT_NAME, title=title, link=link, day=day, version=version
    )
    safe_title = re.sub(r"([&%$#_{}])", r"\\\1", title)  # BibTeX's special characters
    # Double braces keep BibTeX from reading the name as "Ground, Claimed".
    fields = {"author": f"{{{PROJECT_NAME}}}", "title": safe_title, "year": accessed.year}
    fields |= {"url": link, "urldate": accessed.isoformat(), "note": f"Dataset version {version}"}
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    bibtex = f"@misc{{claimedground{accessed:%Y%m%d},\n{body}}}"
    return {"text": text, "bibtex": bibtex}


def dataset_version(dataset: Dataset) -> str:
    """Return a short version of a package's content: ``<newest stated_on>+<hash>``.

    The hash is the first 8 hex digits of the SHA-256 of the claims, sources and events
    tables written as CSV (UTF-8, LF, dates YYYY-MM-DD) in that order, so it changes with any
    cell and not with the files' encoding or line endings. E.g. ``2025-10-02+1a2b3c4d``.
    """
    digest = hashlib.sha256()
    for frame in (dataset.claims, dataset.sources, dataset.events):
        digest.update(_dates_as_text(frame).to_csv(index=False, lineterminator="\n").encode())
    newest = dataset.claims["stated_on"].max()
    day = "undated" if pd.isna(newest) else newest.strftime("%Y-%m-%d")
    return f"{day}+{digest.hexdigest()[:8]}"


def figure_to_image(figure, fmt: str = "png", width=1200, height=800, scale=1) -> bytes:
    """Return a Plotly figure as PNG or SVG bytes, drawn by kaleido in a headless Chromium.

    Raises ValueError for another format, or when kaleido or the browser is missing.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"fmt={fmt!r}: expected one of {', '.join(IMAGE_FORMATS)}")
    try:
        return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale)
    except RuntimeError as err:
        # plotly's own message says to download Chrome, which cannot work on a closed network.
        reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise ValueError(
            _(
                "Image export needs kaleido and a Chromium browser: install Debian's chromium "
                "(apt-get install chromium) or set BROWSER_PATH ({reason})."
            ).format(reason=reason)
        ) from err
