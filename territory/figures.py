"""Plotly figures as pure functions of data: no Streamlit, no I/O, no network at run time."""

from __future__ import annotations

import html
import json
import textwrap

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from . import schema
from .i18n import _

# ColorBrewer "Purples" (colour-blind safe, single hue, no side's colours), from light to dark;
# the lightest step is dropped so that 0 % stays distinct from "no claim" grey.
HELD_SCALE = ["#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"]
NO_CLAIM_COLOUR = "#f7f7f7"
BACKDROP_COLOUR = "#d9d9d9"
OUTLINE_COLOUR = "#737373"
MAP_CENTER = {"lat": 49.2, "lon": 32.6}
MAP_ZOOM = 4.6
PLOT_CONFIG = {"showSendToCloud": False, "displaylogo": False, "scrollZoom": False}


def held_legend_title() -> str:
    """Return the colour bar's title: what the colour means, for both countries' regions."""
    return _(
        "% of region claimed<br>held by Russian forces<br>(by Ukrainian forces<br>in Russian regions)"
    )


def _feature_collection(frame: gpd.GeoDataFrame) -> dict:
    """Return a compact GeoJSON dict with region_id as each feature's id."""
    features = json.loads(frame[["region_id", "geometry"]].to_json(drop_id=True))["features"]
    for feature in features:
        feature["id"] = feature["properties"].pop("region_id")
        feature["properties"] = {}
    return {"type": "FeatureCollection", "features": features}


def wrap_html(text: str, width: int = 60) -> str:
    """Return text escaped for a Plotly hover card and wrapped with <br>."""
    return "<br>".join(textwrap.wrap(html.escape(text), width)) if text else ""


def format_share(value: float, digits: int = 1) -> str:
    """Return a percentage without trailing zeros: 100, 99.7, 13.8 (no % sign)."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def format_day(value) -> str:
    """Return a date as YYYY-MM-DD, blank when missing."""
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def claim_hover_text(row: pd.Series, side_names: dict[str, str]) -> str:
    """Return the hover card for one region's winning claim (HTML, escaped)."""
    held = format_share(row["held_pct"])
    who = html.escape(str(row["claimant"]))
    if row.get("claimant_role"):
        who += f", {html.escape(str(row['claimant_role']))}"
    lines = [
        f"<b>{html.escape(str(row['region']))}</b>",
        _("Claimed held: {held} %").format(held=held),
        _("As stated: {stated}").format(stated=html.escape(str(row.get("stated_value", "")))),
        _("According to: {who}").format(who=who),
        _("{side}, stated {stated}, as of {as_of}").format(
            side=side_names.get(row["side"], row["side"]),
            stated=format_day(row["stated_on"]),
            as_of=format_day(row["as_of"]),
        ),
        _("Status: {status}").format(status=row["status"]),
    ]
    if row.get("quote"):
        lines.append("“" + wrap_html(str(row["quote"])) + "”")
    source = html.escape(f"{row['publisher']}, {format_day(row['published_on'])}")
    lines.append(_("Source: {source}").format(source=source))
    return "<br>".join(lines)


def build_control_map(
    regions: gpd.GeoDataFrame,
    details: pd.DataFrame,
    backdrop: dict,
    side_names: dict[str, str],
) -> go.Figure:
    """Return the choropleth of claimed control: regions coloured by held_pct.

    ``regions`` comes from ``load_regions()``; ``details`` from ``join_snapshot_details``;
    ``backdrop`` is a GeoJSON FeatureCollection of neighbouring countries. Regions without an
    applicable claim are drawn light grey. The base map is blank (``white-bg``): no tiles.
    """
    units = regions[regions["region_id"] != schema.NATIONAL_REGION]
    claimed = details[details["region_id"].isin(units["region_id"])]
    unclaimed = units[~units["region_id"].isin(claimed["region_id"])]
    figure = go.Figure()
    figure.add_trace(_backdrop_trace(backdrop))
    if len(unclaimed):
        figure.add_trace(_unclaimed_trace(unclaimed))
    if len(claimed):
        figure.add_trace(_claimed_trace(units, claimed, side_names))
    figure.update_layout(
        map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=560,
        showlegend=False,
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 13}},
        font={"family": "sans-serif"},
        paper_bgcolor="white",
    )
    return figure


def _backdrop_trace(backdrop: dict) -> go.Choroplethmap:
    features = [
        {"type": "Feature", "id": i, "properties": {}, "geometry": f["geometry"]}
        for i, f in enumerate(backdrop["features"])
    ]
    names = [f.get("properties", {}).get("name", "") for f in backdrop["features"]]
    return go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": features},
        locations=list(range(len(names))),
        z=[0] * len(names),
        colorscale=[[0, BACKDROP_COLOUR], [1, BACKDROP_COLOUR]],
        showscale=False,
        marker={"line": {"color": "white", "width": 0.5}},
        hoverinfo="skip",
        name=_("Neighbouring countries"),
    )


def _unclaimed_trace(unclaimed: gpd.GeoDataFrame) -> go.Choroplethmap:
    text = [
        f"<b>{html.escape(name)}</b><br>" + _("No applicable claim in this view")
        for name in unclaimed["name_en"]
    ]
    return go.Choroplethmap(
        geojson=_feature_collection(unclaimed),
        locations=list(unclaimed["region_id"]),
        z=[0] * len(unclaimed),
        colorscale=[[0, NO_CLAIM_COLOUR], [1, NO_CLAIM_COLOUR]],
        showscale=False,
        marker={"line": {"color": OUTLINE_COLOUR, "width": 0.6}},
        text=text,
        hovertemplate="%{text}<extra></extra>",
        name=_("No claim"),
    )


def _claimed_trace(
    units: gpd.GeoDataFrame, claimed: pd.DataFrame, side_names: dict[str, str]
) -> go.Choroplethmap:
    shapes = units[units["region_id"].isin(claimed["region_id"])]
    return go.Choroplethmap(
        geojson=_feature_collection(shapes),
        locations=list(claimed["region_id"]),
        z=[round(float(v), 2) for v in claimed["held_pct"]],
        zmin=0,
        zmax=100,
        colorscale=[[i / (len(HELD_SCALE) - 1), c] for i, c in enumerate(HELD_SCALE)],
        marker={"line": {"color": OUTLINE_COLOUR, "width": 0.8}, "opacity": 0.95},
        text=[claim_hover_text(row, side_names) for _i, row in claimed.iterrows()],
        hovertemplate="%{text}<extra></extra>",
        colorbar={
            "title": {"text": held_legend_title(), "font": {"size": 12}},
            "ticksuffix": " %",
            "tickvals": [0, 25, 50, 75, 100],
            "len": 0.6,
            "thickness": 14,
            "x": 0.99,
            "xanchor": "right",
            "bgcolor": "rgba(255,255,255,0.8)",
        },
        name=_("Claimed control"),
    )


def describe_control_map(details: pd.DataFrame, unit_count: int, side_name: str) -> str:
    """Return a plain-text alternative to the map: coverage and the highest claimed shares."""
    claimed = details[details["region_id"] != schema.NATIONAL_REGION]
    if claimed.empty:
        return _("No region has an applicable claim in this view ({side}).").format(side=side_name)
    top = claimed.sort_values(["held_pct", "region"], ascending=[False, True]).head(5)
    parts = [
        _("{region}: {held} % claimed held, according to {claimant} ({stated})").format(
            region=row["region"],
            held=format_share(row["held_pct"]),
            claimant=row["claimant"],
            stated=format_day(row["stated_on"]),
        )
        for _i, row in top.iterrows()
    ]
    head = _("{count} of {total} regions have an applicable claim ({side}).").format(
        count=len(claimed), total=unit_count, side=side_name
    )
    return head + " " + _("Highest claimed shares:") + " " + "; ".join(parts) + "."


def build_locator_map(regions: gpd.GeoDataFrame, region_id: str, backdrop: dict) -> go.Figure:
    """Return a small map with one region highlighted among the others."""
    units = regions[regions["region_id"] != schema.NATIONAL_REGION]
    figure = go.Figure(_backdrop_trace(backdrop))
    figure.add_trace(
        go.Choroplethmap(
            geojson=_feature_collection(units),
            locations=list(units["region_id"]),
            z=[1 if r == region_id else 0 for r in units["region_id"]],
            colorscale=[[0, NO_CLAIM_COLOUR], [1, HELD_SCALE[-2]]],
            showscale=False,
            marker={"line": {"color": OUTLINE_COLOUR, "width": 0.5}},
            hoverinfo="skip",
        )
    )
    figure.update_layout(
        map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM - 1.1},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=260,
        showlegend=False,
    )
    return figure


def titled_figure(figure: go.Figure, title: str, note: str) -> go.Figure:
    """Return a copy with a title and a source note, for images that leave the app."""
    framed = go.Figure(figure)
    framed.update_layout(
        title={"text": html.escape(title), "x": 0.01, "xanchor": "left", "font": {"size": 18}},
        margin={"l": 10, "r": 10, "t": 50, "b": 50},
    )
    framed.add_annotation(
        text=html.escape(note),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#555555"},
    )
    return framed
