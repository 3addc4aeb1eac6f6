"""``python -m territory add``: ask for a claim field by field, validate each answer, append it."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from . import schema
from .csvfile import Rows
from .dataset import Dataset, load_dataset
from .problems import DatasetError, Problem
from .validation import check_cells, check_claim_rules, check_references

# Seen rewriting wire stories with invented details (/work/shared/SOURCING.md, rule 3).
CONTENT_FARMS = (
    "klas.news",
    "metroreport.news",
    "pledgetimes.com",
    "europesays.com",
    "newszop.com",
    "breakinglatest.news",
    "actualnewsmagazine.com",
    "clashreport.com",
    "andelsmejeriet.se",
    "allhacksforgames.com",
    "5ch.net",
)
NEW_SOURCE = "new"
LIST = "?"
# The first id proposed when a table has no numbered id to continue.
FIRST_IDS = {schema.CLAIMS.name: "usr-001", schema.SOURCES.name: "src-usr-001"}
TYPE_HINTS = {"date": "YYYY-MM-DD", "number": "number"}

Ask = Callable[[str], str]
Row = tuple[schema.Table, dict[str, str]]
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_LINE_END = re.compile(r"\r\n|\n|\r")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the subcommand's options."""
    parser.add_argument("--data", help="package directory (default: $TERRITORY_DATA_DIR or data/)")


def run(args: argparse.Namespace) -> int:
    """Ask for each field on stdin and append the claim; 1 when nothing was written."""
    try:
        return add(args.data, input if sys.stdin.isatty() else _echoed_input, sys.stdout)
    except EOFError:
        print(
            "\nerror: input ended before the claim was complete; nothing was written",
            file=sys.stderr,
        )
        return 1


def add(directory: str | os.PathLike | None, ask: Ask, out: TextIO) -> int:
    """Load the package, ask for a claim (and maybe a source), confirm, append; exit code."""
    dataset = load_dataset(directory)  # a broken package stops here with its problems
    prompter = Prompter(dataset, ask, out)
    rows = prompter.rows()
    if not prompter.confirm(f"Append to {dataset.path}?"):
        prompter.say("nothing was written")
        return 1
    try:
        append_rows(dataset.path, rows)
    except DatasetError:
        prompter.say("the package did not validate with the new rows; the files are unchanged")
        raise
    added = ", ".join(f"{t.primary_key} {r[t.primary_key]} to {t.filename}" for t, r in rows)
    prompter.say(f"added {added}; the package still validates")
    return 0


def next_id(ids: Sequence[str], fallback: str) -> str:
    """Return the free id after the last numbered one (same prefix, width), else ``fallback``."""
    numbered = [m for m in map(_NUMBERED.match, ids) if m]
    prefix, digits = (numbered[-1] if numbered else _NUMBERED.match(fallback)).groups()
    number, taken = int(digits) + bool(numbered), set(ids)
    while f"{prefix}{number:0{len(digits)}d}" in taken:
        number += 1
    return f"{prefix}{number:0{len(digits)}d}"


def content_farm(text: str) -> str | None:
    """Return the listed content farm that a publisher name or URL points to, or None."""
    lowered = text.lower()
    # "Pledge Times" and "Klas" name the farms as publishers without their domains.
    squashed = re.sub(r"[^a-z0-9]", "", lowered)
    for farm in CONTENT_FARMS:
        if farm in lowered or squashed in (farm.replace(".", ""), farm.split(".")[0]):
            return farm
    return None


def url_problem(text: str) -> str | None:
    """Return what is wrong with a source address, or None for http(s) with a host."""
    try:
        parts = urlsplit(text)
        web = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed [ in the host
        web = False
    if not text or web:
        return None
    return f"'{text}' is not a web address; expected http:// or https:// and a host"


class Prompter:
    """Asks for rows of a package through ``ask``, writing help and problems to ``out``."""

    def __init__(self, dataset: Dataset, ask: Ask, out: TextIO):
        self.dataset, self.ask, self.out = dataset, ask, out
        tables = (schema.REGIONS, schema.SOURCES, schema.CLAIMS)
        self.known = {t.name: set(getattr(dataset, t.name)[t.primary_key]) for t in tables}
        self.ids = {t.name: list(getattr(dataset, t.name)[t.primary_key]) for t in tables}
        regions = dataset.regions.dropna(subset=["area_km2"])
        self.areas = dict(zip(regions["region_id"], regions["area_km2"], strict=True))
        self.headers = {t.name: file_header(dataset.path / t.filename) for t in schema.USER_TABLES}

    def say(self, text: str = "") -> None:
        """Write one line of help or feedback."""
        print(text, file=self.out)

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question; only y or yes counts as yes."""
        return self.ask(f"{question} [y/N] ").strip().lower() in ("y", "yes")

    def rows(self) -> list[Row]:
        """Ask for a claim, and for a new source if the user types ``new``; show them."""
        counts = ", ".join(f"{len(ids)} {name}" for name, ids in self.ids.items())
        self.say(f"Adding a claim to {self.dataset.path} ({counts}).")
        self.say("Enter accepts the [default] or leaves an optional field blank; Ctrl-C stops.")
        rows: list[Row] = []
        claim = self.record(schema.CLAIMS, rows)
        rows.append((schema.CLAIMS, claim))
        for table, record in rows:
            self.say(f"\nNew row of {table.filename}:")
            for name, text in record.items():
                if text:
                    self.say(f"  {name}: {text}")
        return rows

    def record(self, table: schema.Table, rows: list[Row]) -> dict[str, str]:
        """Ask for each column of ``table`` in schema order; a new source goes into ``rows``."""
        defaults = {table.primary_key: next_id(self.ids[table.name], FIRST_IDS[table.name])}
        if table is schema.SOURCES:
            defaults["accessed_on"] = dt.date.today().isoformat()
        record: dict[str, str] = {}
        for column in table.columns:
            answer = self.field(table, column, record, defaults.get(column.name, ""))
            if answer == NEW_SOURCE and _is_claim_source(table, column):
                self.say("\nNew source (sources.csv):")
                source = self.record(schema.SOURCES, rows)
                rows.append((schema.SOURCES, source))
                answer = source[schema.SOURCES.primary_key]
                self.known[schema.SOURCES.name].add(answer)
                self.say("\nBack to the claim.")
            record[column.name] = answer
        return record

    def field(
        self, table: schema.Table, column: schema.Column, record: dict[str, str], default: str
    ) -> str:
        """Ask for one cell until the answer passes every check; return it."""
        self.say(f"\n{column.name} ({_kind(column)}): {column.description}")
        for hint in self.hints(table, column, default):
            self.say(f"  {hint}")
        while True:
            answer = self.ask(f"{column.name}{f' [{default}]' if default else ''}: ").strip()
            answer = answer or default
            if answer == LIST and self.target(table, column):
                self.list_ids(self.target(table, column))
                continue
            if answer == NEW_SOURCE and _is_claim_source(table, column):
                return answer
            problem = self.problem(table, column, {**record, column.name: answer})
            if problem:
                self.say(f"  ! {problem}")
            elif self.trusted(table, column, answer):
                return answer

    def hints(self, table: schema.Table, column: schema.Column, default: str) -> list[str]:
        """Return the lines that tell the user what a field accepts."""
        hints = [f"one of: {', '.join(column.enum)}"] if column.enum else []
        if self.target(table, column):
            hints.append(f"{LIST} lists the ids in {self.target(table, column)}.csv")
        if _is_claim_source(table, column):
            hints.append(f"{NEW_SOURCE} enters a new source")
        if default:
            hints.append(f"Enter for {default}")
        return hints

    def target(self, table: schema.Table, column: schema.Column) -> str:
        """Return the table a column refers to, or ''."""
        return next((t for c, t, _ in table.foreign_keys if c == column.name), "")

    def list_ids(self, target: str) -> None:
        """Print every id of ``target`` with the first two required columns as a label."""
        table = next(t for t in schema.TABLES if t.name == target)
        labels = [c for c in table.required if c != table.primary_key][:2]
        for row in getattr(self.dataset, target).itertuples(index=False):
            cells = [_text(getattr(row, name)) for name in (table.primary_key, *labels)]
            self.say(f"  {cells[0]}  {' · '.join(cells[1:])}")

    def problem(self, table: schema.Table, column: schema.Column, record: dict[str, str]) -> str:
        """Return the first thing wrong with ``record[column]``, by the validator's rules; or ''."""
        text = record[column.name]
        if text and column.name not in self.headers[table.name]:
            return f"{table.filename} has no {column.name} column; leave it blank or add the column"
        if column.name == table.primary_key and text in self.known[table.name]:
            return f"{column.name} '{text}' is already used in {table.filename}"
        if table is schema.SOURCES and column.name == "url" and (problem := url_problem(text)):
            return problem
        # The validator's own checks on a one-row table, so the messages match `validate`.
        rows = Rows(table.filename, list(record), [record], [0])
        problems: list[Problem] = []
        check_cells(rows, table, problems)
        for name, target, _ in table.foreign_keys:
            check_references(rows, name, self.known[target], f"{target}.csv", problems)
        if table is schema.CLAIMS:
            check_claim_rules(rows, self.areas, problems)
        return next((p.message for p in problems if p.column == column.name), "")

    def trusted(self, table: schema.Table, column: schema.Column, text: str) -> bool:
        """Return False unless a content-farm publisher or URL is confirmed by the user."""
        checked = table is schema.SOURCES and column.name in ("publisher", "url")
        farm = content_farm(text) if checked else None
        if not farm:
            return True
        self.say(f"  ! {farm} is a content farm (SOURCING.md): details found only there")
        self.say("    do not exist for this dataset; prefer the original outlet or wire.")
        return self.confirm("Use it anyway?")


def append_rows(directory: Path, rows: Sequence[Row]) -> None:
    """Append each row to its table's file; restore every file if the package then fails."""
    originals = {directory / t.filename: (directory / t.filename).read_bytes() for t, _ in rows}
    pending = dict(originals)
    for table, record in rows:  # encode everything first: a missing column writes nothing
        path = directory / table.filename
        pending[path] += row_bytes(pending[path], table, record)
    try:
        for path, original in originals.items():
            with path.open("ab") as handle:
                handle.write(pending[path][len(original) :])
        load_dataset(directory)
    except BaseException:  # also Ctrl-C mid-write: nothing half-written stays behind
        for path, original in originals.items():
            path.write_bytes(original)
        raise


def row_bytes(existing: bytes, table: schema.Table, record: dict[str, str]) -> bytes:
    """Return the bytes that append ``record`` to a file holding ``existing``, in its own style."""
    text = existing.decode("utf-8-sig")  # a BOM stays where it is, at the start of the file
    header = _header(text)
    missing = [name for name, cell in record.items() if cell and name not in header]
    if missing:
        raise ValueError(f"{table.filename} has no column {', '.join(missing)}; add it first")
    line_end = _LINE_END.search(text)
    newline = line_end.group() if line_end else "\n"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerow([record.get(h, "") for h in header])
    lead = newline if text and not text.endswith(("\n", "\r")) else ""
    return (lead + buffer.getvalue()).encode("utf-8")


def file_header(path: Path) -> list[str]:
    """Return the column names of a CSV file's header, stripped as the validator strips them."""
    return _header(path.read_bytes().decode("utf-8-sig"))


def _echoed_input(prompt: str) -> str:
    """Read a piped answer and show it, so the transcript reads as if it had been typed."""
    answer = input(prompt)
    print(answer)
    return answer


def _header(text: str) -> list[str]:
    return [h.strip() for h in next(csv.reader(io.StringIO(text, newline="")), [])]


def _kind(column: schema.Column) -> str:
    """Return 'required' or 'optional', with the expected type."""
    kind = "required" if column.required else "optional"
    hint = TYPE_HINTS.get(column.type)
    return f"{kind}, {hint}" if hint else kind


def _is_claim_source(table: schema.Table, column: schema.Column) -> bool:
    return table is schema.CLAIMS and column.name == schema.SOURCES.primary_key


def _text(value) -> str:
    """Return a frame cell as the CSV shows it (dates without a time)."""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
