"""About page: what the data is, where it comes from, and how to cite it."""

import streamlit as st

import ui
from territory.i18n import _

ui.require_entrypoint()
dataset = ui.dataset_or_stop()

st.title(_("About the data"))
st.markdown(
    _(
        "Claimed Ground records **dated claims** of territorial control in the Russia–Ukraine "
        "war: who said it, when, about which region, and where it was published. A claim is "
        "not a fact; independent assessments are recorded beside the claims as claims too."
    )
)
left, middle, right = st.columns(3)
left.metric(_("Claims"), len(dataset.claims))
middle.metric(_("Sources"), len(dataset.sources))
right.metric(_("Events"), len(dataset.events))
st.caption(_("Data package: {path}").format(path=dataset.path))

st.subheader(_("Sources"))
counts = dataset.claims["source_id"].value_counts()
sources = dataset.sources.assign(claims=dataset.sources["source_id"].map(counts).fillna(0))
st.dataframe(
    sources[["publisher", "title", "published_on", "claims", "url"]],
    hide_index=True,
    column_config={
        "publisher": _("Publisher"),
        "title": _("Title"),
        "published_on": st.column_config.DateColumn(_("Published"), format="YYYY-MM-DD"),
        "claims": st.column_config.NumberColumn(_("Claims"), format="%d"),
        "url": st.column_config.LinkColumn(_("Link"), display_text=_("open")),
    },
)
st.subheader(_("Boundaries"))
st.markdown(
    _(
        "Region boundaries: Natural Earth (public domain), simplified; see `geo/README.md`. "
        "Areas used in calculations are official areas from `data/regions.csv`, not map areas."
    )
)
