"""Reading one CSV file into rows that remember their line numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem


@dataclass
class Rows:
    """A CSV file's header and records; ``lines[i]`` is the line on which record i starts."""

    file: str
    header: list[str]
    records: list[dict[str, str]]
    lines: list[int]


def read_rows(path: Path, problems: list[Problem]) -> Rows | None:
    """Return the file's rows, or None after adding a problem if it cannot be read."""
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, 0, "", f"file not found in {path.parent}"))
        return None
    raw = path.read_bytes()
    try:
        # utf-8-sig drops the byte-order mark that Excel writes.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        message = f"not UTF-8 (byte 0x{byte}); save the file as UTF-8 (CSV UTF-8 in Excel)"
        problems.append(Problem(name, line, "", message))
        return None
    return _parse(name, text, problems)


def _parse(name: str, text: str, problems: list[Problem]) -> Rows | None:
    """Split decoded text into header and records; newline='' semantics keep CRLF out of cells."""
    # strict: an unterminated quote is an error here, not a cell that swallows the file.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.append(Problem(name, 1, "", "file is empty; expected a header row"))
        return None
    except csv.Error as err:
        problems.append(Problem(name, 1, "", f"cannot read the header: {err}"))
        return None
    for index, name_ in enumerate(header):
        if name_ and name_ in header[:index]:
            problems.append(
                Problem(name, 1, name_, f"column '{name_}' appears twice in the header")
            )
    records, lines = [], []
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) > len(header):
                    extra = f"{len(cells)} cells but the header has {len(header)} columns"
                    problems.append(Problem(name, start, "", extra))
                records.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(name, start, "", f"malformed CSV: {err}"))
    return Rows(name, header, records, lines)
