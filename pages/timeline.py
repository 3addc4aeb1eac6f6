"""Timeline page: the share claimed held over time, per side, for chosen regions and for Ukraine."""

import pandas as pd
import streamlit as st

import ui
from territory import schema
from territory.charts import (
    build_national_timeline,
    build_region_timeline,
    describe_region_timeline,
)
from territory.claims import join_sources, region_names, side_labels
from territory.figures import PLOT_CONFIG
from territory.filters import regions_with_claims
from territory.i18n import _
from territory.timeline import implied_share_series, level_claims, repeated_full_claims

DEFAULT_REGIONS = ("UA-09",)

ui.require_entrypoint()
dataset = ui.dataset_or_stop()
view = ui.current_view()
names = region_names(dataset)

st.title(_("Claims over time"))
st.caption(
    _(
        "Each step line follows one side's latest claim of the share of a region held by "
        "the opposing side's forces; every marker is a claim. These are claims, not facts."
    )
)
# Regions with level claims first; the rest stay choosable so a link to any region works.
with_claims = [r for r in regions_with_claims(dataset, schema.LEVEL_METRICS) if r != "UA"]
others = [r for r in dataset.regions["region_id"] if r not in with_claims and r != "UA"]
choices = with_claims + others
left, middle, right = st.columns([3, 1, 1])
with left:
    ui.bound(
        st.multiselect,
        "regions",
        to_widget=lambda value: list(value or DEFAULT_REGIONS),
        from_widget=tuple,
        label=_("Regions"),
        options=choices,
        format_func=names.get,
        max_selections=6,
        placeholder=_("Choose up to six regions"),
    )
start, end = ui.date_range_controls(middle, right)
view = ui.current_view()
chosen = view.regions or DEFAULT_REGIONS
date_range = (start, end) if start or end else None
if date_range:
    date_range = (pd.Timestamp(start or ui.FIRST_DATE), pd.Timestamp(end or view.date))

claims = join_sources(dataset, level_claims(dataset, view.sides, chosen))
if date_range is None and len(claims):
    # Open the chart on the claims themselves, not on every event since 2014.
    margin = pd.Timedelta(days=60)
    date_range = (
        claims["when"].min() - margin,
        max(claims["when"].max(), pd.Timestamp(view.date)) + margin,
    )
perspective = ui.perspective_labels()[view.side]
if claims.empty:
    st.info(
        _(
            "No claim of how much of {regions} is held, in this perspective ({perspective}). "
            "Choose another region, or “All sides” in the sidebar; the claims explorer lists "
            "settlement claims and statements too."
        ).format(regions=", ".join(names.get(r, r) for r in chosen), perspective=perspective)
    )
else:
    repeats = repeated_full_claims(claims)
    events = dataset.events.assign(region_id=dataset.events["region_id"].fillna(""))
    events = events[events["region_id"].isin([*chosen, ""])]
    figure = build_region_timeline(
        claims, repeats, events, names, side_labels(), date_range, order=tuple(chosen)
    )
    alt = describe_region_timeline(claims, repeats, names)
    st.plotly_chart(figure, config=PLOT_CONFIG, key="region_timeline", alt=alt)
    with st.expander(_("Text description of the chart")):
        st.write(alt)
    ui.claims_table(claims.assign(region=claims["region_id"].map(names)))
    title = _("Claims over time: {regions} · {perspective}").format(
        regions=", ".join(names.get(r, r) for r in chosen), perspective=perspective
    )
    ui.view_exports(dataset, "timeline", title, claims=claims, figure=figure)

st.subheader(_("Ukraine as a whole"))
national = join_sources(dataset, level_claims(dataset, view.sides, ["UA"]))
implied = implied_share_series(dataset, view.sides)
if national.empty and implied.empty:
    st.info(_("No national claim in this perspective."))
else:
    national_figure = build_national_timeline(national, implied, side_labels(), date_range)
    st.plotly_chart(
        national_figure,
        config=PLOT_CONFIG,
        key="national_timeline",
        alt=_(
            "National claims of Russia's share of Ukraine over time, beside the share "
            "the latest regional claims add up to."
        ),
    )
    st.caption(
        _(
            "The dotted line adds up the latest claim for each of Ukraine's 27 regions, "
            "weighted by official area; regions without a claim count as 0."
        )
    )
