"""Claimed Ground: the Streamlit entrypoint. Shared state lives here so it survives page switches."""

import streamlit as st

import ui
from territory.i18n import _

st.set_page_config(
    page_title=_("Claimed Ground"),
    page_icon="static/favicon.png",
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = [
    st.Page("pages/map.py", title=_("Map of claims"), icon=":material/map:", default=True),
    st.Page("pages/about.py", title=_("About the data"), icon=":material/info:", url_path="about"),
]
navigation = st.navigation(pages)
st.sidebar.markdown(f"**{_('Claimed Ground')}**  \n" + _("Who claimed control of what, and when."))
dataset = ui.dataset_or_stop()
st.session_state["view"] = ui.view_state_controls(dataset)
navigation.run()
