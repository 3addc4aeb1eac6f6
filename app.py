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
    st.Page(
        "pages/timeline.py", title=_("Timeline"), icon=":material/timeline:", url_path="timeline"
    ),
    st.Page(
        "pages/claims.py",
        title=_("Claims explorer"),
        icon=":material/table_rows:",
        url_path="claims",
    ),
    st.Page(
        "pages/region.py",
        title=_("Region profile"),
        icon=":material/location_on:",
        url_path="region",
    ),
    st.Page(
        "pages/sources.py", title=_("Sources"), icon=":material/library_books:", url_path="sources"
    ),
    st.Page("pages/about.py", title=_("About the data"), icon=":material/info:", url_path="about"),
]
navigation = st.navigation(pages)
st.sidebar.markdown(f"**{_('Claimed Ground')}**  \n" + _("Who claimed control of what, and when."))
dataset = ui.dataset_or_stop()
ui.start_view(dataset)
ui.shared_controls(dataset)
try:
    navigation.run()
finally:
    # Pages may change the view (a click on the map); the URL follows whatever they did.
    ui.sync_url()
