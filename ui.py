"""The app's one Streamlit helper: view state mirrored in the URL, cached loading, errors shown."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import territory
from territory import schema
from territory.claims import side_labels
from territory.i18n import _
from territory.snapshot import effective_as_of
from territory.viewstate import FIRST_DATE, PERSPECTIVES, ViewState, read_view_state

DATE_KEY, SIDE_KEY, READ_KEY = "date", "side", "_view_read_from_url"


def perspective_labels() -> dict[str, str]:
    """Return the reader-facing name of each perspective."""
    return {"all": _("All sides"), **side_labels()}


@st.cache_resource(show_spinner=False)
def _load(path: str, signature: tuple) -> territory.Dataset:
    """Load once per package state; the signature changes when a CSV file changes."""
    return territory.load_dataset(path)


def _signature(path) -> tuple:
    if not path.is_dir():
        return ()
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(path.glob("*.csv"))
    )


def dataset_or_stop() -> territory.Dataset:
    """Return the dataset, or show its problems (file:line:column) and stop the page."""
    path = territory.resolve_data_dir()
    try:
        with st.spinner(_("Loading the claims…")):
            return _load(str(path), _signature(path))
    except territory.DatasetError as err:
        show_problems(err)
        st.stop()


@st.cache_resource(show_spinner=False)
def regions():
    """Return the region boundaries, loaded once per process."""
    return territory.load_regions()


@st.cache_resource(show_spinner=False)
def backdrop() -> dict:
    """Return the neighbouring countries' outlines, loaded once per process."""
    return territory.load_backdrop()


def show_problems(err: territory.DatasetError) -> None:
    """Show every problem of a broken package as a table a curator can act on."""
    count = len(err.problems)
    st.error(
        _(
            "The data package at {path} cannot be used: {count} problem(s) found. "
            "Fix them and reload the page."
        ).format(path=err.path, count=count),
        icon=":material/error:",
    )
    frame = pd.DataFrame(
        [(p.file, p.line, p.column, p.message) for p in err.problems],
        columns=[_("File"), _("Line"), _("Column"), _("Problem")],
    )
    st.dataframe(frame, hide_index=True)
    with st.expander(_("As text (file:line:column: message)")):
        st.code("\n".join(str(p) for p in err.problems), language=None)


def default_date(dataset: territory.Dataset) -> dt.date:
    """Return the date of the latest level claim, so a first visit shows the latest claims."""
    level = dataset.claims[dataset.claims["metric"].isin(schema.LEVEL_METRICS)]
    if level.empty:
        return dt.date.today()
    return pd.Timestamp(effective_as_of(level).max()).date()


def view_state_controls(dataset: territory.Dataset) -> ViewState:
    """Draw the shared controls in the sidebar and mirror them in the URL (?date=&side=)."""
    latest = default_date(dataset)
    last = max(dt.date.today(), latest)
    if READ_KEY not in st.session_state:
        # A new session: the link decides; afterwards the widgets do.
        view, notes = read_view_state(st.query_params.to_dict(), latest, last)
        st.session_state[DATE_KEY], st.session_state[SIDE_KEY] = view.date, view.side
        st.session_state[READ_KEY] = True
        for note in notes:
            st.toast(note, icon=":material/link_off:")
    labels = perspective_labels()
    with st.sidebar:
        chosen = st.date_input(
            _("Claims as of"),
            min_value=FIRST_DATE,
            max_value=last,
            format="YYYY-MM-DD",
            key=DATE_KEY,
            help=_("Each region shows the latest claim made about it on or before this date."),
        )
        side = st.selectbox(
            _("Perspective"),
            PERSPECTIVES,
            format_func=labels.get,
            key=SIDE_KEY,
            help=_("Whose claims to show: every side, or one side's claims only."),
        )
    view = ViewState(date=chosen or latest, side=side or "all")
    for name, value in view.to_query().items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    return view


def current_view() -> ViewState:
    """Return the state the entrypoint read from the shared controls."""
    return st.session_state["view"]


def neutralise_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy where text cells that a spreadsheet would run as formulas are quoted."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
            )
    return out
