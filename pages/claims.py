"""Claims explorer: filter every claim, read one in full with its source and its thread."""

import streamlit as st

import ui
from territory import schema
from territory.claims import join_sources, region_names, side_labels
from territory.filters import ClaimFilter, claim_thread, claimants, filter_claims
from territory.i18n import _

ui.require_entrypoint()
dataset = ui.dataset_or_stop()
names = region_names(dataset)
st.title(_("Claims explorer"))
st.caption(
    _(
        "Every claim in the record, filtered as you choose. The side filter is the perspective in the sidebar."
    )
)

with st.expander(_("Filters"), expanded=True, icon=":material/filter_alt:"):
    first, second = st.columns([3, 2])
    with first:
        ui.bound(
            st.multiselect,
            "regions",
            to_widget=list,
            from_widget=tuple,
            label=_("Regions"),
            options=list(dataset.regions["region_id"]),
            format_func=names.get,
            placeholder=_("All regions"),
        )
    start_column, end_column = second.columns(2)
    ui.date_range_controls(start_column, end_column)
    third, fourth, fifth = st.columns(3)
    with third:
        ui.bound(
            st.selectbox,
            "claimant",
            to_widget=lambda v: v or None,
            from_widget=lambda v: v or "",
            label=_("Claimant"),
            options=claimants(dataset),
            index=None,
            placeholder=_("Anyone"),
            accept_new_options=True,
        )
    with fourth:
        ui.bound(
            st.multiselect,
            "metrics",
            to_widget=list,
            from_widget=tuple,
            label=_("Kind of claim"),
            options=list(schema.METRICS),
            placeholder=_("Any kind"),
        )
    with fifth:
        ui.bound(
            st.multiselect,
            "statuses",
            to_widget=list,
            from_widget=tuple,
            label=_("Status"),
            options=list(schema.STATUSES),
            placeholder=_("Any status"),
        )
    sixth, seventh, eighth = st.columns([2, 3, 1])
    with sixth:
        ui.bound(st.text_input, "settlement", label=_("Settlement"), placeholder=_("e.g. Bakhmut"))
    with seventh:
        ui.bound(
            st.text_input,
            "text",
            label=_("Search quotes, claimants and notes"),
            placeholder=_("e.g. liberated"),
        )
    with eighth:
        st.write("")
        if st.button(_("Reset filters"), icon=":material/restart_alt:", key="reset-top"):
            ui.reset_filters()
            st.rerun()

view = ui.current_view()
found = join_sources(dataset, filter_claims(dataset, ClaimFilter.from_view(view)))
if found.empty:
    st.warning(_("No claim matches these filters."), icon=":material/search_off:")
    if st.button(_("Reset filters"), icon=":material/restart_alt:", key="reset-empty"):
        ui.reset_filters()
        st.rerun()
    st.stop()


def show_claim(claim_id: str) -> None:
    """Show the chosen claim in full above the list, with its thread as links."""
    claim = join_sources(dataset, dataset.claims[dataset.claims["claim_id"] == claim_id]).iloc[0]
    with st.container(border=True):
        head, close = st.columns([5, 1])
        head.subheader(_("Claim {id}").format(id=claim_id))
        if close.button(_("Close"), icon=":material/close:", key="close-claim"):
            ui.update_view(claim="")
            st.rerun()
        ui.claim_card(claim, names)
        answered, replies = claim_thread(dataset, claim_id)
        for heading, frame in ((_("It answers"), answered), (_("Answered by"), replies)):
            if len(frame):
                st.markdown(f"**{heading}**")
                for _index, other in frame.iterrows():
                    side = side_labels().get(other["side"])
                    label = f"{other['stated_on']:%Y-%m-%d} · {other['claimant']} ({side})"
                    if st.button(label, key=f"thread-{other['claim_id']}", icon=":material/forum:"):
                        ui.update_view(claim=other["claim_id"])
                        st.rerun()


claim_id = ui.current_view().claim
if claim_id and claim_id in set(dataset.claims["claim_id"]):
    show_claim(claim_id)
else:
    st.caption(_("Select a row to read the claim in full, with its source and its thread."))
st.write(_("{count} of {total} claims match.").format(count=len(found), total=len(dataset.claims)))
found = found.sort_values(["stated_on", "claim_id"], ascending=[False, True]).reset_index(drop=True)
table = found.assign(region=found["region_id"].map(names))
shown_ids = found["claim_id"].tolist()
# The key changes with the filters, so a ticked row never outlives the list it was ticked in.
table_key = f"explorer_table-{hash(ClaimFilter.from_view(view))}"
st.session_state["_explorer_table_key"] = table_key
event = ui.claims_table(
    table,
    key=table_key,
    columns=[c for c in ui.CLAIM_LIST if c != "as_of"],
    on_select="rerun",
    selection_mode="single-row",
)
ticked = (table_key, tuple(event.selection.rows)) if event else None
# A selection stays in the widget across reruns: open its claim only when it changes, so
# a thread button or a reset is not overridden by the row ticked before.
if ticked and ticked[1] and st.session_state.get("_explorer_ticked") != ticked:
    st.session_state["_explorer_ticked"] = ticked
    ui.update_view(claim=shown_ids[ticked[1][0]])
    st.rerun()
ui.view_exports(dataset, "claims", _("Claims explorer"), claims=found)
