"""Map page: each region coloured by the share claimed held, as of the chosen date."""

import streamlit as st

import ui
from territory import schema
from territory.export import snapshot_to_geojson
from territory.figures import PLOT_CONFIG, describe_control_map, format_share
from territory.i18n import _

ui.require_entrypoint()
dataset = ui.dataset_or_stop()
view = ui.current_view()
perspective = ui.perspective_labels()[view.side]
when = view.date.strftime("%Y-%m-%d")

st.title(_("Claimed control by region"))
st.caption(
    _(
        "As of {date} · {perspective}. Each region shows the most recent claim about its "
        "situation on or before that date, including later assessments of earlier dates. "
        "These are claims, not verified facts."
    ).format(date=when, perspective=perspective)
)

details, implied = ui.snapshot_view(dataset, view.date, view.side)
national = details[details["region_id"] == schema.NATIONAL_REGION]


def _pct(value: float) -> str:
    return format_share(value) + " %"


left, right = st.columns(2)
with left:
    if national.empty:
        st.metric(_("National share claimed held by Russian forces"), _("no claim"))
        st.caption(_("No claim about Ukraine as a whole in this view."))
    else:
        row = national.iloc[0]
        st.metric(_("National share claimed held by Russian forces"), _pct(row["held_pct"]))
        st.caption(
            _(
                "According to {claimant}, stated {stated} about {as_of} ({stated_value}) · "
                "source: {publisher}"
            ).format(
                claimant=row["claimant"],
                stated=row["stated_on"].strftime("%Y-%m-%d"),
                as_of=row["as_of"].strftime("%Y-%m-%d"),
                stated_value=row["stated_value"],
                publisher=row["publisher"],
            )
        )
with right:
    st.metric(_("Share implied by the regional claims"), _pct(implied))
    st.caption(
        _(
            "What the latest claim for each of Ukraine's 27 regions adds up to, weighted by "
            "official area; regions without a claim count as 0."
        )
    )

regions = ui.regions()
units = regions[regions["country"].isin(schema.COUNTRIES) & (regions["region_id"] != "UA")]
alt_text = describe_control_map(details, len(units), perspective)
figure = ui.control_map(dataset, view.date, view.side)
clicked = st.plotly_chart(
    figure,
    config=PLOT_CONFIG,
    key="control_map",
    alt=alt_text,
    on_select="rerun",
    selection_mode="points",
)
points = clicked.selection.points if clicked else []
picked = [p.get("location") for p in points if p.get("location") in set(units["region_id"])]
if picked:
    # A click on a region opens its profile, keeping the date and perspective.
    ui.update_view(region=picked[0])
    st.switch_page("pages/region.py", query_params=ui.current_view().to_query())
st.caption(_("Click a region to open its profile."))
with st.expander(_("Text description of the map")):
    st.write(alt_text)

st.subheader(_("The claims behind the map"))
if details.empty:
    st.info(
        _(
            "No claim applies on {date} for {perspective}. Pick a later date or another "
            "perspective in the sidebar."
        ).format(date=when, perspective=perspective)
    )
else:
    ui.claims_table(
        details.assign(held_pct=details["held_pct"].round(1))[
            [
                "region",
                "held_pct",
                "stated_value",
                "claimant",
                "side",
                "stated_on",
                "as_of",
                "status",
                "quote",
                "publisher",
                "url",
            ]
        ]
    )
ui.view_exports(
    dataset,
    "map",
    _("Claimed control by region, as of {date} · {perspective}").format(
        date=when, perspective=perspective
    ),
    claims=dataset.claims[dataset.claims["claim_id"].isin(details["claim_id"])],
    figure=figure,
    geojson=lambda: snapshot_to_geojson(regions, details),
)
