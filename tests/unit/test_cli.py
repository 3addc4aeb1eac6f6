"""python -m territory validate|snapshot: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import re

import pytest

from territory.cli import main

PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>[^:]+): (?P<message>.+)$")
STREAMLIT_CHECK = (
    "import territory, sys; import territory.figures, territory.claims, territory.viewstate; "
    "print('streamlit' in sys.modules)"
)
HEADER = "region_id,held_pct,claim_id,side,as_of,stated_on"
THREE_BAD_ROWS = [{"side": "rusia"}, {}, {"value": "101"}, {"region_id": "UA-99"}]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, write_package, run_concurrently):
    """Run the real command lines in subprocesses, all at once (each takes a second to start)."""
    good = write_package(tmp_path_factory.mktemp("good"))
    bad = write_package(tmp_path_factory.mktemp("bad"), claims=THREE_BAD_ROWS)
    commands = {
        "invalid": ["-m", "territory", "validate", str(bad)],
        "bad-date": ["-m", "territory", "snapshot", "--date", "yesterday", "--data", str(good)],
        "streamlit": ["-c", STREAMLIT_CHECK],
    }
    return dict(zip(commands, run_concurrently(list(commands.values())), strict=True))


def problem_lines(text: str) -> list[tuple[str, int, str]]:
    """Return (file, line, column) of each output line; fail on any line of another shape."""
    found = []
    for line in text.splitlines():
        match = PROBLEM_LINE.match(line)
        assert match, f"not FILE:LINE:COLUMN: message -> {line!r}"
        found.append((match["file"], int(match["line"]), match["column"]))
    return found


def test_validate_subprocess_reports_every_problem_and_exits_1(runs):
    result = runs["invalid"]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problem_lines(result.stdout + result.stderr) == [
        ("claims.csv", 2, "side"),
        ("claims.csv", 4, "value"),
        ("claims.csv", 5, "region_id"),
    ]


def test_snapshot_subprocess_with_a_bad_date_fails_without_a_traceback(runs):
    result = runs["bad-date"]
    assert result.returncode != 0
    assert "yesterday" in result.stderr
    assert "Traceback" not in result.stderr


def test_territory_never_imports_streamlit(runs):
    assert (runs["streamlit"].returncode, runs["streamlit"].stdout.strip()) == (0, "False")


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """Call the CLI in-process (an escaping exception would be a traceback)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_prints_a_one_line_summary_and_exits_0(package, capsys):
    code, out, err = run_main(capsys, "validate", str(package(claims=[{}, {}])))
    assert (code, err, len(out.splitlines())) == (0, "", 1)
    assert "2 claims" in out


def test_validate_without_a_directory_uses_the_data_dir_variable(package, capsys, monkeypatch):
    monkeypatch.setenv("TERRITORY_DATA_DIR", str(package(claims=[{}, {}, {}])))
    code, out, _ = run_main(capsys, "validate")
    assert (code, len(out.splitlines())) == (0, 1)
    assert "3 claims" in out


BAD_PACKAGES = [
    pytest.param(None, [("nowhere", 0, "-")], id="missing-directory"),
    pytest.param(
        {"claims": [{"claimant": "Café"}], "encoding": "cp1252"},
        [("claims.csv", 2, "-")],
        id="windows-1252",
    ),
    pytest.param({"claims.csv": b""}, [("claims.csv", 1, "-")], id="empty-file"),
    pytest.param({"claims.csv": b"\x89PNG\r\n\x1a\n\0\0"}, [("claims.csv", 1, "-")], id="binary"),
    pytest.param({"claims.csv": None}, [("claims.csv", 0, "-")], id="claims-is-a-directory"),
    pytest.param(
        {"sources": [{}, {"published_on": "2025-02-30"}]},
        [("sources.csv", 3, "published_on"), ("sources.csv", 3, "source_id")],
        id="duplicate-and-impossible-date",
    ),
    pytest.param(
        {"claims": [{"value": "５０"}]},
        [("claims.csv", 2, "value")],
        id="fullwidth-digits",
    ),
]


@pytest.mark.parametrize(("change", "expected"), BAD_PACKAGES)
def test_validate_reports_bad_packages_as_problem_lines_and_exits_1(
    tmp_path, write_package, capsys, change, expected
):
    """``change``: None for no directory; table rows for write_package; or raw claims.csv."""
    directory = tmp_path / "nowhere"
    if change is not None:
        write_package(directory, **{k: v for k, v in change.items() if k != "claims.csv"})
    if change and "claims.csv" in change:
        path = directory / "claims.csv"
        if change["claims.csv"] is None:
            path.unlink()
            path.mkdir()
        else:
            path.write_bytes(change["claims.csv"])
    code, out, err = run_main(capsys, "validate", str(directory))
    found = [(f.rsplit("/", 1)[-1], line, column) for f, line, column in problem_lines(out + err)]
    assert (code, found) == (1, expected)


def test_snapshot_prints_csv_with_plain_dates(package, capsys):
    data = package(claims=[{"claim_id": "a", "stated_on": "2025-03-01", "as_of": "2025-02-15"}])
    code, out, err = run_main(capsys, "snapshot", "--date", "2025-06-01", "--data", str(data))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        HEADER,
        "UA-09,50.0,a,russia,2025-02-15,2025-03-01",
    ]


def test_snapshot_prints_json_records(package, capsys):
    data = package(claims=[{"claim_id": "a", "region_id": "RU-KRS", "controller": "ukraine"}])
    argv = ["snapshot", "--date", "2025-06-01", "--format", "json", "--data", str(data)]
    code, out, _ = run_main(capsys, *argv)
    assert code == 0
    assert json.loads(out) == [
        {
            "region_id": "RU-KRS",
            "held_pct": 50.0,
            "claim_id": "a",
            "side": "russia",
            "as_of": "2025-01-01",
            "stated_on": "2025-01-01",
        }
    ]


@pytest.mark.parametrize(("fmt", "expected"), [("csv", HEADER + "\n"), ("json", "[]\n")])
def test_snapshot_before_any_claim_prints_an_empty_table(package, capsys, fmt, expected):
    argv = ["snapshot", "--date", "2024-12-31", "--format", fmt, "--data", str(package())]
    assert run_main(capsys, *argv) == (0, expected, "")


@pytest.mark.parametrize(
    ("sides", "expected"),
    [([], ["uk"]), (["russia"], ["ru"]), (["russia", "ukraine"], ["uk"]), (["independent"], [])],
)
def test_snapshot_side_option_is_repeatable_and_filters(package, capsys, sides, expected):
    data = package(
        claims=[
            {"claim_id": "ru", "side": "russia"},
            {"claim_id": "uk", "side": "ukraine", "stated_on": "2025-02-01"},
        ]
    )
    options = [arg for side in sides for arg in ("--side", side)]
    _, out, _ = run_main(capsys, "snapshot", "--date", "2025-06-01", *options, "--data", str(data))
    assert [line.split(",")[2] for line in out.splitlines()[1:]] == expected


@pytest.mark.parametrize("date", ["yesterday", "2025-02-30", "2025-13-01", "01/02/2025", ""])
def test_snapshot_with_a_bad_date_exits_non_zero_with_a_message(package, capsys, date):
    code, out, err = run_main(capsys, "snapshot", "--date", date, "--data", str(package()))
    assert code != 0
    assert (out, err.startswith("error:")) == ("", True)


def test_snapshot_of_an_invalid_package_prints_its_problems(package, capsys):
    data = str(package(claims=[{"side": "rusia"}]))
    code, out, err = run_main(capsys, "snapshot", "--date", "2025-06-01", "--data", data)
    assert (code, problem_lines(out + err)) == (1, [("claims.csv", 2, "side")])


@pytest.mark.parametrize(
    "argv",
    [
        ["snapshot", "--date", "2025-06-01", "--side", "rusia"],
        ["snapshot", "--date", "2025-06-01", "--format", "xml"],
        ["snapshot"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2_with_argparse_message(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err
