"""About page: what the data is, how to read it, where it comes from, and how to cite it."""

import streamlit as st

import ui
from territory.dataset import PROJECT_DATA_DIR
from territory.i18n import _

ui.require_entrypoint()
dataset = ui.dataset_or_stop()

st.title(_("About the data"))
st.markdown(
    _(
        "Claimed Ground records **dated claims** of territorial control in the Russia–Ukraine "
        "war: who said it, when, about which region, and where it was published. A claim is "
        "not a fact; independent assessments (DeepState, ISW and analyses of their maps) are "
        "recorded beside the claims, as claims too."
    )
)
left, middle, right = st.columns(3)
left.metric(_("Claims"), len(dataset.claims))
middle.metric(_("Sources"), len(dataset.sources))
right.metric(_("Events"), len(dataset.events))
package = (
    _("the shipped package")
    if dataset.path == PROJECT_DATA_DIR
    else _("your package in {path}").format(path=dataset.path.name)
)
st.caption(
    _(
        "Dataset version {version} ({package}): the date of the newest claim and a checksum of "
        "its tables."
    ).format(version=ui.dataset_version(dataset), package=package)
)

st.subheader(_("How to read a claim"))
st.markdown(
    _(
        "- **Claimed held** is the share of a region held by the side opposing the region's "
        "own country (Russian forces in Ukraine's regions, Ukrainian forces in Kursk, Belgorod "
        "and Bryansk), whatever way the claimant put it: “Ukraine still holds 1 %” counts as "
        "99 % claimed held by Russian forces. *As stated* keeps the claimant's own form.\n"
        "- **Status** says what happened next: *disputed* (the other side denied it at the "
        "time), *contradicted* (later evidence, including the claimant's own later figures, "
        "showed it false), *corroborated* (independent assessments agreed), *retracted*.\n"
        "- **As of** is the date a figure refers to when it differs from the day it was said; "
        "a later assessment of an earlier date counts for that earlier date.\n"
        "- The **share implied by the regional claims** adds up the latest claim for each of "
        "Ukraine's 27 regions, weighted by official area; regions without a claim count as 0, "
        "so it is what the claims add up to, not an estimate."
    )
)
st.subheader(_("Sourcing"))
st.markdown(
    _(
        "Every row rests on a publication that a curator read; publisher, title, date and "
        "link are recorded as seen, and the excerpt read is kept in `data/evidence/`. "
        "Quotes are the published English wording, or the curators' translation with the "
        "original kept. Rows whose source showed no publication date were left out. "
        "The full policy, the data dictionary and the known gaps are in `data/README.md`; "
        "the list of sources is on the Sources page."
    )
)
st.subheader(_("Boundaries and areas"))
st.markdown(
    _(
        "Region boundaries: Natural Earth (public domain), simplified without gaps or "
        "overlaps; see `geo/README.md`. Calculations use official areas from "
        "`data/regions.csv` (State Statistics Service of Ukraine), not map areas. Crimea and "
        "Sevastopol are drawn within Ukraine's internationally recognised borders."
    )
)
st.subheader(_("Licence and citation"))
st.markdown(
    _(
        "The compilation is offered under CC BY 4.0; quotes remain their publishers'. "
        "Every page has a **Download and cite this view** section with a citation for "
        "that exact view."
    )
)
