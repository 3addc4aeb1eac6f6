"""Timeline charts as pure functions of data: held share over time, national shares, events."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .figures import format_day, format_share, wrap_html
from .i18n import _

# Okabe–Ito colours (safe for the common colour-vision deficiencies), and a marker shape per
# side so the lines stay apart in greyscale too.
SIDE_STYLE = {
    "russia": {"color": "#D55E00", "symbol": "circle"},
    "ukraine": {"color": "#0072B2", "symbol": "square"},
    "independent": {"color": "#009E73", "symbol": "diamond"},
    "third_party": {"color": "#CC79A7", "symbol": "triangle-up"},
}
IMPLIED_COLOUR = "#555555"
EVENT_COLOUR = "#999999"


def _hover(row: pd.Series) -> str:
    who = html.escape(str(row["claimant"]))
    lines = [
        f"<b>{who}</b>",
        _("{held} % claimed held · as stated: {stated}").format(
            held=format_share(row["held_pct"]),
            stated=html.escape(str(row["stated_value"])),
        ),
        _("Stated {stated}, as of {as_of} · status: {status}").format(
            stated=format_day(row["stated_on"]), as_of=format_day(row["when"]), status=row["status"]
        ),
    ]
    if row.get("quote"):
        lines.append("“" + wrap_html(str(row["quote"])) + "”")
    if row.get("publisher"):
        lines.append(
            _("Source: {source}").format(
                source=html.escape(f"{row['publisher']}, {format_day(row.get('published_on'))}")
            )
        )
    return "<br>".join(lines)


def _side_traces(claims: pd.DataFrame, side_names: dict[str, str], first: bool) -> list:
    traces = []
    for side, style in SIDE_STYLE.items():
        rows = claims[claims["side"] == side]
        if rows.empty:
            continue
        traces.append(
            go.Scatter(
                x=rows["when"],
                y=rows["held_pct"],
                mode="lines+markers",
                line={"shape": "hv", "color": style["color"], "width": 2},
                marker={"symbol": style["symbol"], "size": 8, "color": style["color"]},
                name=side_names.get(side, side),
                legendgroup=side,
                showlegend=first,
                text=[_hover(r) for _i, r in rows.iterrows()],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def _repeat_trace(repeats: pd.DataFrame, first: bool) -> go.Scatter:
    return go.Scatter(
        x=repeats["when"],
        y=repeats["held_pct"],
        mode="markers+text",
        marker={"symbol": "star", "size": 18, "color": "#000000", "line": {"width": 1}},
        text=[_("100 % claimed again") for _r in range(len(repeats))],
        textposition="bottom center",
        name=_("Repeated 100 % claim"),
        legendgroup="repeat",
        showlegend=first,
        hovertext=[
            _("Claimed 100 % again; first claimed {first}").format(first=format_day(f))
            for f in repeats["first_full"]
        ],
        hoverinfo="text",
    )


def _event_trace(events: pd.DataFrame, first: bool) -> go.Scatter:
    return go.Scatter(
        x=events["date"],
        y=[104] * len(events),
        mode="markers",
        marker={"symbol": "triangle-down", "size": 10, "color": EVENT_COLOUR},
        name=_("Events"),
        legendgroup="events",
        showlegend=first,
        hovertext=[
            f"{format_day(d)}: {html.escape(str(t))}"
            for d, t in zip(events["date"], events["title"], strict=True)
        ],
        hoverinfo="text",
    )


def build_region_timeline(
    claims: pd.DataFrame,
    repeats: pd.DataFrame,
    events: pd.DataFrame,
    region_names: dict[str, str],
    side_names: dict[str, str],
    date_range: tuple | None = None,
    order: tuple[str, ...] = (),
) -> go.Figure:
    """Return step lines of the held share claimed over time, one panel per region.

    ``claims`` comes from ``level_claims`` (joined with sources for the hover), ``repeats``
    from ``repeated_full_claims``, ``events`` has date, title and region_id.
    """
    present = set(claims["region_id"])
    # Panels in the order the reader chose, then any other region the claims mention.
    regions = [r for r in dict.fromkeys([*order, *claims["region_id"]]) if r in present] or [""]
    figure = make_subplots(
        rows=len(regions),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08 if len(regions) > 1 else 0.02,
        subplot_titles=[region_names.get(r, r) for r in regions],
    )
    for index, region in enumerate(regions, start=1):
        first = index == 1
        rows = claims[claims["region_id"] == region]
        for trace in _side_traces(rows, side_names, first):
            figure.add_trace(trace, row=index, col=1)
        mine = repeats[repeats["region_id"] == region] if len(repeats) else repeats
        if len(mine):
            figure.add_trace(_repeat_trace(mine, first), row=index, col=1)
        local = events[(events["region_id"] == region) | (events["region_id"] == "")]
        if len(local):
            figure.add_trace(_event_trace(local, first), row=index, col=1)
        figure.update_yaxes(range=[-4, 112], ticksuffix=" %", row=index, col=1)
    height = max(360, 300 * len(regions))
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        # Below the date labels whatever the number of panels: an offset in pixels, not %.
        legend={"orientation": "h", "y": -45 / height, "yanchor": "top"},
        hoverlabel={"align": "left", "bgcolor": "white"},
        plot_bgcolor="white",
        yaxis_title=_("% claimed held by the opposing side"),
    )
    figure.update_xaxes(showgrid=True, gridcolor="#eeeeee", range=date_range)
    figure.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return figure


def build_national_timeline(
    national: pd.DataFrame,
    implied: pd.DataFrame,
    side_names: dict[str, str],
    date_range: tuple | None = None,
) -> go.Figure:
    """Return national claims of Russia's share of Ukraine over time beside the implied share."""
    figure = go.Figure(_side_traces(national, side_names, True))
    if len(implied):
        figure.add_trace(
            go.Scatter(
                x=implied["date"],
                y=implied["implied_pct"],
                mode="lines",
                line={"shape": "hv", "color": IMPLIED_COLOUR, "dash": "dot", "width": 2},
                name=_("Implied by the latest regional claims"),
                hovertemplate=_("%{x|%Y-%m-%d}: regional claims add up to %{y:.1f} %")
                + "<extra></extra>",
            )
        )
    figure.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"align": "left", "bgcolor": "white"},
        plot_bgcolor="white",
        yaxis={
            "title": _("% of Ukraine claimed held by Russian forces"),
            "ticksuffix": " %",
            "rangemode": "tozero",
            "gridcolor": "#eeeeee",
        },
        xaxis={"range": date_range, "gridcolor": "#eeeeee"},
    )
    return figure


def describe_region_timeline(
    claims: pd.DataFrame, repeats: pd.DataFrame, region_names: dict[str, str]
) -> str:
    """Return a plain-text alternative to the timeline: per region, first and latest claims."""
    parts = []
    for region, rows in claims.groupby("region_id", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(
            _(
                "{region}: {count} claims from {first_date} to {last_date}; the first, by "
                "{first_who}, put the share held at {first_held} %; the latest, by {last_who}, "
                "at {last_held} %."
            ).format(
                region=region_names.get(region, region),
                count=len(rows),
                first_date=format_day(first["when"]),
                last_date=format_day(last["when"]),
                first_who=first["claimant"],
                first_held=format_share(first["held_pct"]),
                last_who=last["claimant"],
                last_held=format_share(last["held_pct"]),
            )
        )
    for _index, row in repeats.iterrows():
        parts.append(
            _("{region}: 100 % claimed again on {when} by {who}, first claimed {first}.").format(
                region=region_names.get(row["region_id"], row["region_id"]),
                when=format_day(row["when"]),
                who=row["claimant"],
                first=format_day(row["first_full"]),
            )
        )
    return " ".join(parts)
