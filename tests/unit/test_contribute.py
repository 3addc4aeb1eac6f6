"""python -m territory add: asks field by field, re-asks bad answers, appends without rewriting."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest

from territory import DatasetError, load_dataset, schema
from territory.cli import main
from territory.contribute import (
    CONTENT_FARMS,
    add,
    append_rows,
    content_farm,
    next_id,
    row_bytes,
    url_problem,
)
from territory.dataset import DATA_DIR_VARIABLE, PROJECT_DIR

BOM = b"\xef\xbb\xbf"
# The answers for a valid claim, by column; claim_id is blank to accept the proposed id.
CLAIM = {
    "stated_on": "2025-03-01",
    "claimant": "Test claimant",
    "side": "ukraine",
    "region_id": "UA-09",
    "metric": "share_pct",
    "controller": "russia",
    "value": "99",
    "source_id": "s1",
}
SOURCE = {
    "publisher": "Reuters",
    "published_on": "2025-03-01",
    "url": "https://www.reuters.com/world/europe/x",
}


def answers(claim=None, source=None, confirm="y") -> list[str]:
    """Return the answers in the order `add` asks; a list value is several tries at one field.

    ``source`` (a dict of overrides of SOURCE) makes source_id ``new`` and answers the
    source's fields where the claim's source_id would be.
    """
    claim = {**CLAIM, **(claim or {})}
    if source is not None:
        claim["source_id"] = ["new", *_fields(schema.SOURCES, {**SOURCE, **source})]
    return [*_fields(schema.CLAIMS, claim), confirm]


def _fields(table: schema.Table, cells: dict) -> list[str]:
    flat = []
    for name in table.column_names:
        cell = cells.get(name, "")
        flat.extend(cell if isinstance(cell, list) else [cell])
    return flat


def feed(replies: list[str]):
    """Return an ``ask`` that gives ``replies`` in turn, then EOFError like input()."""
    remaining = iter(replies)

    def ask(prompt: str) -> str:
        try:
            return next(remaining)
        except StopIteration:
            raise EOFError from None

    return ask


def run_add(directory, replies) -> tuple[int, str]:
    """Run `add` on ``directory`` with ``replies``; return the exit code and the transcript."""
    out = io.StringIO()
    return add(directory, feed(replies), out), out.getvalue()


def snapshot(directory) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in ("claims.csv", "sources.csv")}


def test_a_valid_claim_with_an_existing_source_is_appended_and_the_package_still_validates(
    package,
):
    directory = package(claims=[{"claim_id": "c-001"}, {"claim_id": "c-002"}])
    before = snapshot(directory)
    code, transcript = run_add(directory, answers())
    claims = load_dataset(directory).claims
    assert code == 0
    assert claims["claim_id"].tolist() == ["c-001", "c-002", "c-003"]
    assert claims.iloc[-1]["side"] == "ukraine"
    assert claims.iloc[-1]["value"] == 99.0
    assert snapshot(directory)["sources.csv"] == before["sources.csv"]
    assert "added claim_id c-003 to claims.csv" in transcript


def test_a_new_source_is_appended_too_with_accessed_on_defaulting_to_today(package):
    directory = package()
    code, _ = run_add(directory, answers(source={"source_id": "s2"}))
    dataset = load_dataset(directory)
    assert code == 0
    assert dataset.claims.iloc[-1]["source_id"] == "s2"
    new = dataset.sources.iloc[-1]
    assert (new["source_id"], new["publisher"], new["url"]) == ("s2", "Reuters", SOURCE["url"])
    assert new["accessed_on"].date() == dt.date.today()


def test_the_prompts_show_required_allowed_values_and_the_column_help(package):
    _, transcript = run_add(package(), answers())
    assert "side (required): whose claim it is" in transcript
    assert "one of: russia, ukraine, independent, third_party" in transcript
    assert "as_of (optional, YYYY-MM-DD): date the claim refers to" in transcript


RE_ASKED = [
    ("side", "rusia", {}, "did you mean 'russia'?"),
    ("stated_on", "2025-02-30", {}, "'2025-02-30' is not a real date"),
    ("stated_on", "1 March 2025", {}, "not a date; expected YYYY-MM-DD"),
    ("stated_on", "", {}, "a value is required here"),
    ("as_of", "2025-03-02", {}, "after stated_on"),
    ("value", "150", {}, "share 150 is out of range; expected 0 to 100"),
    ("value", "50%", {}, "'50%' is not a number"),
    ("value", "", {}, "a value is required for metric 'share_pct'"),
    ("value", "26685", {"metric": "area_km2"}, "exceeds UA-09's official area of 26684 km²"),
    ("value", "100", {"metric": "full_control"}, "takes no value"),
    ("region_id", "UA-99", {}, "unknown region_id 'UA-99': no such id in regions.csv"),
    ("responds_to", "nope", {}, "unknown responds_to 'nope'"),
    ("source_id", "s9", {}, "unknown source_id 's9'"),
    ("claim_id", "c1", {}, "claim_id 'c1' is already used in claims.csv"),
    ("status", "Disputed", {}, "did you mean 'disputed'?"),
]


@pytest.mark.parametrize(
    ("column", "bad", "others", "message"), RE_ASKED, ids=[f"{c}={b!r}" for c, b, *_ in RE_ASKED]
)
def test_a_bad_answer_is_re_asked_with_the_validators_message(
    package, column, bad, others, message
):
    directory = package(claims=[{"claim_id": "c1"}])
    good = {"claim_id": "c2", "value": "" if others.get("metric") == "full_control" else "99"}
    replies = answers({**others, column: [bad, {**CLAIM, **good}.get(column, "")]})
    code, transcript = run_add(directory, replies)
    assert any(message in line for line in transcript.splitlines() if line.startswith("  ! "))
    assert code == 0
    assert load_dataset(directory).claims["claim_id"].tolist() == ["c1", "c2"]


SOURCE_RE_ASKED = [
    ("url", "example.com", "not a web address"),
    ("url", "ftp://example.com/x", "not a web address"),
    ("url", "https://", "not a web address"),
    ("published_on", "2025-13-01", "not a real date"),
    ("source_id", "s1", "source_id 's1' is already used in sources.csv"),
    ("publisher", "", "a value is required here"),
]


@pytest.mark.parametrize(("column", "bad", "message"), SOURCE_RE_ASKED)
def test_a_bad_source_answer_is_re_asked(package, column, bad, message):
    good = {"source_id": "s2"}.get(column, SOURCE.get(column, ""))
    code, transcript = run_add(package(), answers(source={column: [bad, good]}))
    assert message in transcript
    assert code == 0


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("publisher", "Pledge Times"),
        ("publisher", "europesays.com"),
        ("url", "https://klas.news/a"),
    ],
)
def test_a_content_farm_is_warned_about_and_re_asked_unless_confirmed(package, column, text):
    directory = package()
    fallback = SOURCE[column]
    code, transcript = run_add(directory, answers(source={column: [text, "n", fallback]}))
    assert "content farm" in transcript
    assert code == 0
    assert load_dataset(directory).sources.iloc[-1][column] == fallback


def test_a_confirmed_content_farm_is_kept(package):
    directory = package()
    run_add(directory, answers(source={"url": ["https://www.pledgetimes.com/x", "y"]}))
    assert load_dataset(directory).sources.iloc[-1]["url"] == "https://www.pledgetimes.com/x"


@pytest.mark.parametrize(
    ("text", "farm"),
    [
        ("Klas", "klas.news"),
        ("https://www.newszop.com/story", "newszop.com"),
        ("Breaking Latest News", "breakinglatest.news"),
        ("Klassik Radio", None),
        ("Reuters", None),
        ("", None),
    ],
)
def test_content_farm_recognises_publishers_and_domains(text, farm):
    assert content_farm(text) == farm


def test_content_farms_are_bare_lower_case_domains():
    assert all(f == f.lower().strip() and "." in f and "/" not in f for f in CONTENT_FARMS)


@pytest.mark.parametrize(
    "url", ["https://www.reuters.com/x", "http://kremlin.ru/events/1", "", "HTTPS://tass.ru"]
)
def test_web_addresses_with_a_host_are_accepted(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("ids", "fallback", "expected"),
    [
        ([], "usr-001", "usr-001"),
        (["c1", "c2"], "usr-001", "c3"),
        (["lug-001", "nat-009"], "usr-001", "nat-010"),
        (["a-009", "a-010"], "usr-001", "a-011"),
        (["a-001", "a-003", "a-002"], "usr-001", "a-004"),
        (["x9", "x99"], "usr-001", "x100"),
        (["first", "second"], "usr-001", "usr-001"),
        (["usr-001"], "src-usr-001", "usr-002"),
    ],
)
def test_the_proposed_id_continues_the_last_numbered_id_and_is_free(ids, fallback, expected):
    assert next_id(ids, fallback) == expected


def test_a_typed_claim_id_replaces_the_proposal(package):
    directory = package()
    run_add(directory, answers({"claim_id": "mine-1"}))
    assert load_dataset(directory).claims["claim_id"].iloc[-1] == "mine-1"


def test_question_mark_lists_the_regions_with_their_names(package):
    _, transcript = run_add(package(), answers({"region_id": ["?", "UA-09"]}))
    assert "  UA-09  Luhansk" in transcript


FORMATS = [
    pytest.param(False, "\n", True, id="lf"),
    pytest.param(False, "\r\n", True, id="crlf"),
    pytest.param(True, "\r\n", True, id="excel-bom-crlf"),
    pytest.param(True, "\n", False, id="bom-no-final-newline"),
    pytest.param(False, "\n", False, id="lf-no-final-newline"),
    pytest.param(False, "\r\n", False, id="crlf-no-final-newline"),
]


@pytest.mark.parametrize(("bom", "newline", "final"), FORMATS)
def test_the_files_keep_their_bytes_line_endings_and_bom(package, bom, newline, final):
    quote = 'said "all of it, 100 %", then left'
    directory = package(bom=bom, newline=newline)
    if not final:
        for name in ("claims.csv", "sources.csv"):
            path = directory / name
            path.write_bytes(path.read_bytes().removesuffix(newline.encode()))
    before = snapshot(directory)
    code, _ = run_add(directory, answers({"quote": quote}, source={"source_id": "s2"}))
    assert code == 0
    for name, old in before.items():
        new = (directory / name).read_bytes()
        assert new.startswith(old)
        lead, end = (b"" if final else newline.encode()), newline.encode()
        added = new[len(old) :]
        assert added.startswith(lead) and added.endswith(end)
        line = added.removeprefix(lead).removesuffix(end)
        assert b"\r" not in line and b"\n" not in line  # one line, in the file's own ending
        assert new.count(BOM) == int(bom)
    assert load_dataset(directory).claims["quote"].iloc[-1] == quote


def test_cells_follow_the_files_own_column_order_and_extra_columns_stay_blank():
    header = "source_id,notes,claim_id,extra\r\n"
    record = {"claim_id": "c9", "source_id": "s1", "notes": "a, b"}
    added = row_bytes(header.encode(), schema.CLAIMS, record)
    assert added == b's1,"a, b",c9,\r\n'


def test_a_value_for_a_column_the_file_lacks_is_refused(package, drop_column):
    directory = package()
    drop_column(directory / "claims.csv", "notes")
    before = snapshot(directory)
    replies = answers({"notes": ["a note", ""]})
    code, transcript = run_add(directory, replies)
    assert "claims.csv has no notes column" in transcript
    assert code == 0
    assert (directory / "claims.csv").read_bytes().startswith(before["claims.csv"])
    with pytest.raises(ValueError, match="no column notes"):
        row_bytes(before["claims.csv"], schema.CLAIMS, {"claim_id": "c9", "notes": "x"})


def test_a_row_the_package_rejects_after_writing_is_rolled_back_in_both_files(package):
    directory = package()
    before = snapshot(directory)
    rows = [
        (schema.SOURCES, {"source_id": "s2", "publisher": "P", "published_on": "2025-01-01"}),
        (schema.CLAIMS, {**CLAIM, "claim_id": "bad", "side": "rusia"}),
    ]
    with pytest.raises(DatasetError) as caught:
        append_rows(directory, rows)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "side")]
    assert snapshot(directory) == before


def test_declining_at_the_end_writes_nothing(package):
    directory = package()
    before = snapshot(directory)
    code, transcript = run_add(directory, answers(source={"source_id": "s2"}, confirm=""))
    assert (code, snapshot(directory)) == (1, before)
    assert "nothing was written" in transcript


@pytest.mark.parametrize("cut", [0, 3, 12, 20, 27])
def test_input_ending_midway_writes_nothing_and_exits_non_zero(package, monkeypatch, capsys, cut):
    directory = package()
    before = snapshot(directory)
    replies = answers(source={"source_id": "s2"})[:cut]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{r}\n" for r in replies)))
    code = main(["add", "--data", str(directory)])
    assert code != 0
    assert "input ended before the claim was complete" in capsys.readouterr().err
    assert snapshot(directory) == before


def test_a_broken_package_prints_its_problems_and_asks_nothing(package, capsys, monkeypatch):
    directory = package(claims=[{"side": "rusia"}])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["add", "--data", str(directory)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "claims.csv:2:side:" in err
    assert "claim_id" not in out


def test_piping_answers_into_the_command_appends_the_claim(package):
    directory = package()
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_VARIABLE}
    done = subprocess.run(
        [sys.executable, "-m", "territory", "add", "--data", str(directory)],
        input="".join(f"{r}\n" for r in answers(source={"source_id": "s2"})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, "PYTHONIOENCODING": "utf-8"},
        cwd=PROJECT_DIR,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "the package still validates" in done.stdout
    assert load_dataset(directory).claims["source_id"].iloc[-1] == "s2"
