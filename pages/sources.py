"""Sources page: every publication the record rests on, with the claims it supports."""

import streamlit as st

import ui
from territory import export
from territory.i18n import _

ui.require_entrypoint()
dataset = ui.dataset_or_stop()
st.title(_("Sources"))
st.caption(
    _("Every publication a claim or an event in the record rests on, as the curators read it.")
)
counts = dataset.claims["source_id"].value_counts()
events = dataset.events["source_id"].value_counts()
sources = dataset.sources.assign(
    claims=dataset.sources["source_id"].map(counts).fillna(0).astype(int),
    events=dataset.sources["source_id"].map(events).fillna(0).astype(int),
)
search = st.text_input(_("Search publishers and titles"), placeholder=_("e.g. Reuters"))
if search:
    needle = search.lower()
    hit = sources["publisher"].str.lower().str.contains(needle, regex=False) | sources[
        "title"
    ].str.lower().str.contains(needle, regex=False)
    sources = sources[hit]
if sources.empty:
    st.info(_("No source matches “{search}”.").format(search=search))
    st.stop()
st.write(_("{count} sources.").format(count=len(sources)))
st.dataframe(
    sources.sort_values("published_on", ascending=False)[
        ["publisher", "title", "published_on", "claims", "events", "language", "url"]
    ],
    hide_index=True,
    column_config={
        "publisher": _("Publisher"),
        "title": st.column_config.TextColumn(_("Title"), width="large"),
        "published_on": st.column_config.DateColumn(_("Published"), format="YYYY-MM-DD"),
        "claims": st.column_config.NumberColumn(_("Claims"), format="%d"),
        "events": st.column_config.NumberColumn(_("Events"), format="%d"),
        "language": _("Language"),
        "url": st.column_config.LinkColumn(_("Link"), display_text=_("open")),
    },
)
st.download_button(
    _("These sources (CSV)"),
    data=lambda: export.claims_to_csv(sources),
    file_name="claimed-ground-sources.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
supported = dataset.claims[dataset.claims["source_id"].isin(sources["source_id"])]
ui.view_exports(dataset, "sources", _("Sources of the claims"), claims=supported)
