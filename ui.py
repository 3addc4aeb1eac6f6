"""The app's one Streamlit helper: view state mirrored in the URL, cached loading, errors shown."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import streamlit as st

import territory
from territory import export, schema
from territory.claims import join_snapshot_details, side_labels
from territory.figures import build_control_map, titled_figure
from territory.i18n import _
from territory.snapshot import effective_as_of
from territory.viewstate import FIRST_DATE, PERSPECTIVES, QUERY_NAMES, ViewState, read_view_state

VIEW_KEY = "view"


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


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={territory.Dataset: id})
def snapshot_view(dataset: territory.Dataset, date: dt.date, side: str):
    """Return (details, implied share) for a view; cached so a rerun of the view is cheap."""
    sides = None if side == "all" else (side,)
    details = join_snapshot_details(dataset, territory.control_snapshot(dataset, date, sides))
    return details, territory.implied_national_share(dataset, date, sides)


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={territory.Dataset: id})
def control_map(dataset: territory.Dataset, date: dt.date, side: str):
    """Return the map figure for a view (building it deep-copies ~80 KB of GeoJSON)."""
    details, _implied = snapshot_view(dataset, date, side)
    return build_control_map(regions(), details, backdrop(), side_labels())


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


def require_entrypoint() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own.

    With a pages/ folder beside the entrypoint, the first session after a server start that
    opens a deep link (/timeline) runs the page in the old folder mode, without app.py's
    navigation and shared state. Turning that mode off and rerunning puts app.py in charge.
    """
    if VIEW_KEY in st.session_state:
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def start_view(dataset: territory.Dataset) -> ViewState:
    """Return the view; a new session reads it from the link, noting ignored parameters."""
    if VIEW_KEY not in st.session_state:
        latest = default_date(dataset)
        last = max(dt.date.today(), latest)
        view, notes = read_view_state(
            st.query_params.to_dict(), latest, last, dataset.regions["region_id"]
        )
        st.session_state[VIEW_KEY] = view
        for note in notes:
            st.toast(note, icon=":material/link_off:")
    return current_view()


def current_view() -> ViewState:
    """Return the state every page reads."""
    return st.session_state[VIEW_KEY]


def update_view(**changes) -> ViewState:
    """Change fields of the view; the URL follows at the end of the run."""
    st.session_state[VIEW_KEY] = dataclasses.replace(current_view(), **changes)
    return current_view()


def sync_url() -> None:
    """Mirror the view in the query string, leaving parameters it does not own alone."""
    wanted = current_view().to_query()
    owned = {"date", "side", *QUERY_NAMES.values()}
    for name in list(st.query_params.keys()):
        if name in owned and name not in wanted:
            del st.query_params[name]
    for name, value in wanted.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value


def bound(widget, field: str, *, to_widget=None, from_widget=None, **kwargs):
    """Draw ``widget`` showing the view's ``field``; a change updates the view before the rerun.

    Widget state is dropped when a page is left; the view is not, so values survive page
    switches and the URL stays complete.
    """
    key = f"_widget_{field}"
    to_widget = to_widget or (lambda value: value)
    from_widget = from_widget or (lambda value: value)
    st.session_state[key] = to_widget(getattr(current_view(), field))

    def changed() -> None:
        update_view(**{field: from_widget(st.session_state[key])})

    return widget(key=key, on_change=changed, **kwargs)


def shared_controls(dataset: territory.Dataset) -> ViewState:
    """Draw the date and perspective controls every page shares, in the sidebar."""
    latest = default_date(dataset)
    labels = perspective_labels()
    with st.sidebar:
        bound(
            st.date_input,
            "date",
            from_widget=lambda value: value or latest,
            label=_("Claims as of"),
            min_value=FIRST_DATE,
            max_value=max(dt.date.today(), latest),
            format="YYYY-MM-DD",
            help=_(
                "Each region shows the latest claim about its situation on or before this date."
            ),
        )
        bound(
            st.selectbox,
            "side",
            label=_("Perspective"),
            options=PERSPECTIVES,
            format_func=labels.get,
            help=_("Whose claims to show: every side, or one side's claims only."),
        )
    return current_view()


def reset_filters() -> None:
    """Clear the explorer's filters and the selected claim; date and perspective stay."""
    st.session_state[VIEW_KEY] = current_view().without_filters()


def _plain(text) -> str:
    """Return text that Markdown shows as written ($ would start a formula, * emphasis)."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    for char in "\\`*_{}[]<>()#+!|$~":
        value = value.replace(char, "\\" + char)
    return value


def claim_card(claim: pd.Series, names: dict[str, str]) -> None:
    """Show one claim in full: quote, claimant and role, region, value, status, source."""
    who = _plain(claim["claimant"])
    if claim.get("claimant_role"):
        who += f", {_plain(claim['claimant_role'])}"
    if claim.get("quote"):
        st.markdown("> " + _plain(claim["quote"]))
        if claim.get("quote_original"):
            st.caption(
                _("Original ({language}): {text}").format(
                    language=claim.get("quote_language") or "?", text=claim["quote_original"]
                )
            )
        if claim.get("translated_by"):
            st.caption(_("Translation: {who}").format(who=claim["translated_by"]))
    facts = {
        _("According to"): who,
        _("Side"): side_labels().get(claim["side"], claim["side"]),
        _("Region"): _plain(names.get(claim["region_id"], claim["region_id"])),
        _("Kind"): claim["metric"]
        + (f" · {_plain(claim['settlement'])}" if claim.get("settlement") else ""),
        _("Value"): "" if pd.isna(claim["value"]) else f"{claim['value']:g}",
        _("Whose control"): claim["controller"],
        _("Stated on"): f"{claim['stated_on']:%Y-%m-%d}",
        _("As of"): "" if pd.isna(claim["as_of"]) else f"{claim['as_of']:%Y-%m-%d}",
        _("Status"): claim["status"],
    }
    st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items() if v))
    source = f"{_plain(claim['publisher'])}, {claim['published_on']:%Y-%m-%d}"
    if claim.get("title"):
        source += f" — {_plain(claim['title'])}"
    link = f" · [{_('open the source')}]({claim['url']})" if claim.get("url") else ""
    st.markdown(_("**Source:** {source}").format(source=source) + link)
    if claim.get("notes"):
        st.caption(_("Curator's notes: {notes}").format(notes=claim["notes"]))


def date_range_controls(start_column, end_column) -> tuple[dt.date | None, dt.date | None]:
    """Draw From and To date inputs bound to the view's range; blank means open-ended."""
    last = max(dt.date.today(), current_view().date)
    common = {"min_value": FIRST_DATE, "max_value": last, "format": "YYYY-MM-DD"}
    with start_column:
        bound(st.date_input, "start", label=_("From"), **common)
    with end_column:
        bound(st.date_input, "end", label=_("To"), **common)
    view = current_view()
    return view.start, view.end


TABLE_COLUMNS = {
    "region": lambda: _("Region"),
    "stated_on": lambda: st.column_config.DateColumn(_("Stated on"), format="YYYY-MM-DD"),
    "as_of": lambda: st.column_config.DateColumn(_("As of"), format="YYYY-MM-DD"),
    "claimant": lambda: _("According to"),
    "side": lambda: _("Side"),
    "metric": lambda: _("Kind"),
    "stated_value": lambda: _("As stated"),
    "held_pct": lambda: st.column_config.NumberColumn(_("Claimed held (%)"), format="%.1f"),
    "value": lambda: st.column_config.TextColumn(_("Value")),
    "settlement": lambda: _("Settlement"),
    "status": lambda: _("Status"),
    "quote": lambda: st.column_config.TextColumn(_("Quote"), width="large"),
    "publisher": lambda: _("Source"),
    "url": lambda: st.column_config.LinkColumn(_("Link"), display_text=_("open")),
    "claim_id": lambda: _("Claim"),
}


# The columns a list of claims shows, in order; pages pick from TABLE_COLUMNS by default.
CLAIM_LIST = ("claim_id", "stated_on", "as_of", "region", "claimant", "side", "metric", "value",
              "settlement", "status", "quote", "publisher", "url")  # fmt: skip


def claims_table(frame: pd.DataFrame, key: str | None = None, columns=None, **kwargs):
    """Show claims with readable headers, side names and working links; return the element."""
    wanted = columns or TABLE_COLUMNS
    shown = [c for c in wanted if c in frame.columns]
    table = frame.assign(side=frame["side"].map(side_labels())) if "side" in frame else frame
    if "value" in table:
        # Blank rather than "None" where a metric takes no value.
        table = table.assign(value=table["value"].map(lambda v: "" if pd.isna(v) else f"{v:g}"))
    if "as_of" in table and "stated_on" in table:
        table = table.assign(as_of=table["as_of"].fillna(table["stated_on"]))
    return st.dataframe(
        table[shown],
        hide_index=True,
        column_config={c: TABLE_COLUMNS[c]() for c in shown},
        key=key,
        **kwargs,
    )


def view_exports(
    dataset: territory.Dataset, page: str, title: str, *, claims=None, figure=None, geojson=None
) -> None:
    """Offer the view's downloads and its citation: the same on every page.

    Files are built only when a button is clicked, so a rerun pays nothing for them;
    ``geojson`` is a callable returning bytes for the same reason.
    """
    view = current_view()
    stem = f"claimed-ground-{page}-{view.date.isoformat()}"
    link = app_link()

    def table():
        return export.claims_export_table(dataset, claims)

    files = []
    if claims is not None and len(claims):
        files += [
            (_("Claims (CSV)"), lambda: export.claims_to_csv(table()), "csv", "text/csv"),
            (
                _("Claims (JSON)"),
                lambda: export.claims_to_json(table()),
                "json",
                "application/json",
            ),
            (
                _("ClaimReview (JSON-LD)"),
                lambda: export.claims_to_claimreview(table(), base_url=link).encode("utf-8"),
                "claimreview.jsonld",
                "application/ld+json",
            ),
        ]
    if geojson is not None:
        files.append((_("Map snapshot (GeoJSON)"), geojson, "geojson", "application/geo+json"))
    with st.expander(_("Download and cite this view"), icon=":material/download:"):
        for column, (label, build, suffix, mime) in zip(st.columns(4), files, strict=False):
            column.download_button(
                label,
                data=build,
                file_name=f"{stem}.{suffix}",
                mime=mime,
                key=f"{page}-{suffix}",
                on_click="ignore",
                icon=":material/download:",
            )
        if figure is not None:
            note = _("Claims, not verified facts. Source: Claimed Ground, {link}").format(
                link=view_link(page)
            )
            figure_downloads(titled_figure(figure, title, note), stem, page)
        citation = export.cite_view(
            title, view_link(page), dt.date.today(), _version(dataset.path, dataset)
        )
        st.markdown(_("**Cite this view**"))
        st.code(citation["text"], language=None, wrap_lines=True)
        st.code(citation["bibtex"], language="bibtex")


@st.cache_data(show_spinner=False, hash_funcs={territory.Dataset: id})
def _version(path, dataset: territory.Dataset) -> str:
    """Return the dataset version once per loaded dataset (it hashes every table)."""
    return export.dataset_version(dataset)


def dataset_version(dataset: territory.Dataset) -> str:
    """Return the loaded dataset's version string."""
    return _version(dataset.path, dataset)


def figure_downloads(figure, stem: str, page: str) -> None:
    """Offer the figure as PNG and SVG, rendered on the server only when asked."""
    left, right = st.columns(2)
    for column, fmt, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        column.download_button(
            _("Chart ({fmt})").format(fmt=fmt.upper()),
            data=lambda fmt=fmt: _figure_bytes(figure, fmt),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"{page}-{fmt}",
            on_click="ignore",
        )


@st.cache_resource(show_spinner=False)
def _warm_image_renderer() -> bool:
    """Start one headless Chromium for kaleido per process: ~0.3 s per image instead of ~6 s."""
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        return True
    except Exception:  # no browser: figure_to_image then explains what is missing
        return False


def _figure_bytes(figure, fmt: str) -> bytes:
    _warm_image_renderer()
    try:
        return export.figure_to_image(figure, fmt)
    except ValueError as err:
        st.error(str(err))
        return b""


def app_link() -> str:
    """Return the app's address as the reader sees it (falls back to localhost)."""
    try:
        return st.context.url.split("?")[0].rsplit("/", 1)[0] + "/"
    except Exception:  # AppTest and bare runs have no request URL
        return "http://localhost:8501/"


def view_link(page: str) -> str:
    """Return a link that reproduces the current view on ``page``."""
    return current_view().link(app_link(), "" if page == "map" else page)
