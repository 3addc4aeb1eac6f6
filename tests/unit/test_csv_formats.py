"""CSV as spreadsheets write it: byte-order marks, CRLF, quoted commas and newlines."""

from __future__ import annotations

import pandas as pd
import pytest

from territory import load_dataset

EXPORTS = [
    pytest.param(False, "\n", id="plain"),
    pytest.param(True, "\n", id="bom"),
    pytest.param(False, "\r\n", id="crlf"),
    pytest.param(True, "\r\n", id="excel-bom-and-crlf"),
]


@pytest.mark.parametrize(("bom", "newline"), EXPORTS)
def test_spreadsheet_exports_load_with_values_unchanged(package, bom, newline):
    claims = [{"claim_id": "k1", "notes": "last column"}, {"claim_id": "k2", "notes": ""}]
    sources = [{"source_id": "s1", "accessed_on": "2025-02-01"}]
    dataset = load_dataset(package(claims=claims, sources=sources, bom=bom, newline=newline))
    assert dataset.claims.columns[0] == "claim_id"
    assert dataset.sources.columns[0] == "source_id"
    assert dataset.claims["claim_id"].tolist() == ["k1", "k2"]
    assert dataset.claims["notes"].tolist() == ["last column", ""]
    assert dataset.sources["accessed_on"].tolist() == [pd.Timestamp("2025-02-01")]
    assert dataset.claims["value"].tolist() == [50.0, 50.0]


@pytest.mark.parametrize(("bom", "newline"), EXPORTS)
def test_spreadsheet_exports_keep_line_numbers(package, problems_of, bom, newline):
    directory = package(claims=[{}, {}, {"side": "rusia"}], bom=bom, newline=newline)
    assert [(p.line, p.column) for p in problems_of(directory)] == [(4, "side")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_quoted_commas_and_newlines_survive_loading(package, newline):
    quote = 'He said: "all of it, 100 %",\nthen left.'
    dataset = load_dataset(package(claims=[{"quote": quote}], newline=newline))
    assert dataset.claims["quote"].tolist() == [quote]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_row_after_a_multiline_cell_reports_its_physical_line(package, problems_of, newline):
    claims = [
        {"quote": "one,\ntwo,\nthree"},  # lines 2-4
        {"side": "rusia"},  # line 5
        {"notes": "a\nb"},  # lines 6-7
        {"value": "101"},  # line 8
    ]
    problems = problems_of(package(claims=claims, newline=newline))
    assert [(p.line, p.column) for p in problems] == [(5, "side"), (8, "value")]


def test_multiline_cell_in_the_bad_row_reports_the_line_where_the_row_starts(package, problems_of):
    claims = [{}, {"quote": "first\nsecond", "side": "rusia"}]
    assert [p.line for p in problems_of(package(claims=claims))] == [3]


def test_blank_lines_are_skipped_but_counted(package, problems_of):
    directory = package(claims=[{}, {"side": "rusia"}])
    path = directory / "claims.csv"
    header, first, second = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{header}\n\n{first}\n,,,\n{second}\n", encoding="utf-8")
    assert [(p.line, p.column) for p in problems_of(directory)] == [(5, "side")]


def test_cells_are_stripped_of_surrounding_spaces(package):
    dataset = load_dataset(package(claims=[{"side": " russia ", "value": " 50 "}]))
    assert dataset.claims["side"].tolist() == ["russia"]


def test_not_utf8_is_reported_at_the_line_of_the_first_bad_byte(package, problems_of):
    directory = package(claims=[{}, {}, {"claimant": "Zoë"}], encoding="latin-1")
    problems = problems_of(directory)
    assert [(p.file, p.line, p.column) for p in problems] == [("claims.csv", 4, "")]
    assert "0xeb" in problems[0].message


def test_not_utf8_sources_still_let_claims_be_checked(package, problems_of):
    directory = package(claims=[{"side": "rusia"}])
    (directory / "sources.csv").write_bytes("source_id,publisher\ns1,Café\n".encode("latin-1"))
    problems = problems_of(directory)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("sources.csv", 2, ""),
        ("claims.csv", 2, "side"),
    ]
