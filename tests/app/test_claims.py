"""The claims explorer under AppTest: filters from the link, one claim in full, empty results."""

import datetime as dt

from territory.filters import SEARCHED_COLUMNS
from territory.viewstate import ViewState

# Prigozhin's "Bakhmut was completely taken" (2023-05-20), answered by don-010 and don-013.
CLAIM = "don-009"


def listed_ids(at) -> list[str]:
    """Return the claim ids in the explorer's table, top to bottom."""
    return list(at.dataframe[0].value["claim_id"])


def select_row(at, claim_id: str) -> None:
    """Tick the table row of ``claim_id`` as a reader would, and rerun."""
    row = listed_ids(at).index(claim_id)
    key = at.session_state["_explorer_table_key"]
    at.session_state[key] = {"selection": {"rows": [row], "columns": []}}
    at.run()


def shown_claim(at) -> str | None:
    """Return the id in the claim detail's heading, or None when no claim is shown."""
    headings = [h.value for h in at.subheader if h.value.startswith("Claim ")]
    return headings[0].removeprefix("Claim ") if headings else None


def test_searching_bakhmut_lists_only_claims_that_mention_it(open_link, shipped_claims, texts):
    at = open_link("/claims?q=Bakhmut")

    ids = listed_ids(at)
    rows = {row["claim_id"]: row for row in shipped_claims}
    assert CLAIM in ids
    for claim_id in ids:
        searched = " ".join(rows[claim_id].get(c) or "" for c in SEARCHED_COLUMNS)
        assert "bakhmut" in searched.lower(), claim_id
    expected = {c for c, row in rows.items() if "bakhmut" in " ".join(row.values()).lower()}
    assert set(ids) <= expected
    assert f"{len(ids)} of {len(shipped_claims)} claims match." in texts(at.markdown)
    assert shown_claim(at) is None


def test_a_linked_claim_shows_its_source_link_and_its_thread(
    open_link, shipped_claims, shipped_sources, texts
):
    at = open_link(f"/claims?q=Bakhmut&claim={CLAIM}")

    assert shown_claim(at) == CLAIM
    claim = next(row for row in shipped_claims if row["claim_id"] == CLAIM)
    source = next(s for s in shipped_sources if s["source_id"] == claim["source_id"])
    markdown = texts(at.markdown)
    assert any(f"[open the source]({source['url']})" in m for m in markdown)
    assert any(m.startswith("> ") and "Bakhmut" in m for m in markdown)
    assert "**Answered by**" in markdown
    replies = sorted(b.key for b in at.button if b.key.startswith("thread-"))
    assert replies == ["thread-don-010", "thread-don-013"]


def test_a_thread_button_opens_the_reply_and_the_url_follows(open_link, texts):
    at = open_link(f"/claims?q=Bakhmut&claim={CLAIM}")
    at.button(key="thread-don-010").click().run()

    assert not at.exception
    assert shown_claim(at) == "don-010"
    assert at.query_params["claim"] == "don-010"
    assert "**It answers**" in texts(at.markdown)
    assert at.button(key=f"thread-{CLAIM}")


def test_ticking_a_row_opens_that_claim_and_puts_it_in_the_url(open_link):
    at = open_link("/claims?q=Bakhmut")
    select_row(at, CLAIM)

    assert shown_claim(at) == CLAIM
    assert at.query_params["claim"] == CLAIM


def test_the_link_sets_every_filter_and_the_url_keeps_it(open_link):
    link = (
        "/claims?date=2025-07-01&side=russia&regions=UA-14&from=2023-05-01&to=2023-05-31"
        "&claimant=Yevgeny%20Prigozhin&metric=settlement_control&status=disputed"
        f"&settlement=Bakhmut&q=taken&claim={CLAIM}"
    )
    at = open_link(link)

    expected = ViewState(
        date=dt.date(2025, 7, 1),
        side="russia",
        regions=("UA-14",),
        start=dt.date(2023, 5, 1),
        end=dt.date(2023, 5, 31),
        claimant="Yevgeny Prigozhin",
        metrics=("settlement_control",),
        statuses=("disputed",),
        settlement="Bakhmut",
        text="taken",
        claim=CLAIM,
    )
    assert at.session_state["view"] == expected
    shown = {
        "regions": at.multiselect(key="_widget_regions").value,
        "start": at.date_input(key="_widget_start").value,
        "end": at.date_input(key="_widget_end").value,
        "claimant": at.selectbox(key="_widget_claimant").value,
        "metrics": at.multiselect(key="_widget_metrics").value,
        "statuses": at.multiselect(key="_widget_statuses").value,
        "settlement": at.text_input(key="_widget_settlement").value,
        "text": at.text_input(key="_widget_text").value,
        "date": at.date_input(key="_widget_date").value,
        "side": at.selectbox(key="_widget_side").value,
    }
    assert shown == {
        "regions": ["UA-14"],
        "start": dt.date(2023, 5, 1),
        "end": dt.date(2023, 5, 31),
        "claimant": "Yevgeny Prigozhin",
        "metrics": ["settlement_control"],
        "statuses": ["disputed"],
        "settlement": "Bakhmut",
        "text": "taken",
        "date": dt.date(2025, 7, 1),
        "side": "russia",
    }
    assert dict(at.query_params) == expected.to_query()
    assert listed_ids(at) == [CLAIM]
    assert shown_claim(at) == CLAIM


def test_typing_a_search_puts_it_in_the_url(open_link):
    at = open_link("/claims?side=ukraine")
    at.text_input(key="_widget_text").input("Bakhmut").run()

    assert at.session_state["view"].text == "Bakhmut"
    assert at.query_params["q"] == "Bakhmut"
    assert at.query_params["side"] == "ukraine"


def test_filters_matching_nothing_warn_and_reset_clears_them(open_link, shipped_claims, texts):
    at = open_link("/claims?date=2024-01-01&side=ukraine&q=no-such-words-anywhere&status=retracted")

    assert "No claim matches these filters." in texts(at.warning)
    assert not at.dataframe
    at.button(key="reset-empty").click().run()

    assert not at.exception
    assert not at.warning
    view = at.session_state["view"]
    assert view == ViewState(date=dt.date(2024, 1, 1), side="ukraine")
    assert dict(at.query_params) == {"date": "2024-01-01", "side": "ukraine"}
    ukrainian = [row for row in shipped_claims if row["side"] == "ukraine"]
    assert len(listed_ids(at)) == len(ukrainian)
    assert at.text_input(key="_widget_text").value == ""


def test_a_thread_button_opens_the_reply_after_a_row_was_ticked(open_link):
    at = open_link("/claims?q=Bakhmut")
    select_row(at, CLAIM)
    at.button(key="thread-don-010").click().run()

    assert shown_claim(at) == "don-010"
    assert at.session_state["view"].claim == "don-010"


def test_reset_after_ticking_a_row_leaves_no_claim_selected(open_link):
    at = open_link("/claims?q=Bakhmut")
    select_row(at, CLAIM)
    at.button(key="reset-top").click().run()

    assert at.session_state["view"].claim == ""
    assert "claim" not in at.query_params
    assert shown_claim(at) is None
