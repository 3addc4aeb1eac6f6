"""Region profile: official area, each side's latest claim, the independent assessment, the gaps."""

import streamlit as st

import ui
from territory import schema
from territory.claims import region_names, side_labels
from territory.figures import PLOT_CONFIG, build_locator_map, format_share
from territory.i18n import _
from territory.profile import PROFILE_SIDES, gaps_to_assessment, latest_by_side, region_chronology

DEFAULT_REGION = "UA-09"

ui.require_entrypoint()
dataset = ui.dataset_or_stop()
names = region_names(dataset)
st.title(_("Region profile"))
ui.bound(
    st.selectbox,
    "region",
    to_widget=lambda value: value or DEFAULT_REGION,
    label=_("Region"),
    options=list(dataset.regions["region_id"]),
    format_func=names.get,
)
view = ui.current_view()
region_id = view.region or DEFAULT_REGION
info = dataset.regions.set_index("region_id").loc[region_id]
when = view.date.strftime("%Y-%m-%d")

st.header(names[region_id])
st.caption(
    _("Area used in calculations: {area} km² ({source}). Claims as of {date}.").format(
        area=f"{info['area_km2']:,.0f}", source=info["area_source"], date=when
    )
)

latest = latest_by_side(dataset, region_id, view.date)
left, right = st.columns([3, 2])
with left:
    st.subheader(_("Latest claims of the share held"))
    columns = st.columns(len(PROFILE_SIDES))
    for column, side in zip(columns, PROFILE_SIDES, strict=True):
        with column:
            label = side_labels()[side]
            if side in latest.index:
                row = latest.loc[side]
                column.metric(label, format_share(row["held_pct"]) + " %")
                column.caption(
                    _("{claimant}, {stated} · {stated_value}").format(
                        claimant=row["claimant"],
                        stated=row["stated_on"].strftime("%Y-%m-%d"),
                        stated_value=row["stated_value"],
                    )
                )
            else:
                column.metric(label, _("no claim"))
    gaps = gaps_to_assessment(latest, float(info["area_km2"]))
    if gaps:
        st.markdown(
            "  \n".join(
                _(
                    "{side} differ from the latest independent assessment by {points} "
                    "percentage points ({km2} km²)."
                ).format(
                    side=side_labels()[gap.side],
                    points=f"{gap.points:+.1f}",
                    km2=f"{gap.km2:+,.0f}",
                )
                for gap in gaps
            )
        )
    elif not latest.empty:
        st.caption(_("No independent assessment to compare with as of this date."))
    st.caption(
        _(
            "The share is of the region held by the side opposing its own country: Russian "
            "forces in Ukraine's regions, Ukrainian forces in Russia's."
        )
    )
with right:
    if region_id != schema.NATIONAL_REGION:
        locator = build_locator_map(ui.regions(), region_id, ui.backdrop())
        st.plotly_chart(
            locator,
            config={**PLOT_CONFIG, "staticPlot": True},
            key="locator_map",
            alt=_("Locator map highlighting {region}.").format(region=names[region_id]),
        )

st.subheader(_("Chronology"))
chronology = region_chronology(dataset, region_id)
if chronology.empty:
    st.info(_("No claim about {region} in the record yet.").format(region=names[region_id]))
else:
    ui.claims_table(
        chronology, columns=[c for c in ui.CLAIM_LIST if c not in ("claim_id", "region")]
    )
    ui.view_exports(dataset, "region", names[region_id], claims=chronology)
