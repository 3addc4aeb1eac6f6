"""Rules a data package must satisfy; each adds Problems and never stops at the first."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re

from . import schema
from .csvfile import Rows
from .problems import Problem

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# ASCII digits only: float() would also take "5_0" and full-width digits, which pandas cannot.
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)


def parse_date(text: str) -> dt.date | None:
    """Return the date for a YYYY-MM-DD string, or None if it is not one."""
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """Return the finite float a cell holds, or None."""
    if not _NUMBER.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def check_header(rows: Rows, table: schema.Table, problems: list[Problem]) -> bool:
    """Add a problem per missing required column; True when none is missing."""
    missing = [c for c in table.required if c not in rows.header]
    for name in missing:
        problems.append(Problem(rows.file, 1, name, f"missing required column '{name}'"))
    return not missing


def check_cells(rows: Rows, table: schema.Table, problems: list[Problem]) -> None:
    """Check every cell against its column's requirement, type and allowed values."""
    columns = [c for c in table.columns if c.name in rows.header]
    for record, line in zip(rows.records, rows.lines, strict=True):
        for column in columns:
            message = _cell_problem(record.get(column.name, ""), column)
            if message:
                problems.append(Problem(rows.file, line, column.name, message))


def _cell_problem(text: str, column: schema.Column) -> str | None:
    """Return what is wrong with one cell, or None."""
    if not text:
        return "a value is required here" if column.required else None
    if column.type == "date" and parse_date(text) is None:
        if _DATE.match(text):
            return f"'{text}' is not a real date"
        return f"'{text}' is not a date; expected YYYY-MM-DD"
    if column.type == "number" and parse_number(text) is None:
        return f"'{text}' is not a number; expected digits with a dot for decimals, e.g. 26684.5"
    if column.enum and text not in column.enum:
        allowed = ", ".join(column.enum)
        guess = difflib.get_close_matches(text.lower(), column.enum, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"'{text}' is not one of: {allowed}{hint}"
    return None


def check_unique(rows: Rows, column: str, problems: list[Problem]) -> None:
    """Report each repeated id at its second and later occurrences."""
    first: dict[str, int] = {}
    for record, line in zip(rows.records, rows.lines, strict=True):
        key = record.get(column, "")
        if not key:
            continue
        if key in first:
            message = f"duplicate {column} '{key}' (first used on line {first[key]})"
            problems.append(Problem(rows.file, line, column, message))
        else:
            first[key] = line


def check_references(
    rows: Rows, column: str, known: set[str], target: str, problems: list[Problem]
) -> None:
    """Report values of ``column`` that are not ids in ``target``."""
    if column not in rows.header:
        return
    for record, line in zip(rows.records, rows.lines, strict=True):
        key = record.get(column, "")
        if key and key not in known:
            guess = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            message = f"unknown {column} '{key}': no such id in {target}{hint}"
            problems.append(Problem(rows.file, line, column, message))


def check_claim_rules(rows: Rows, areas: dict[str, float], problems: list[Problem]) -> None:
    """Check the rules that tie a claim's cells together: dates, and values by metric."""
    for record, line in zip(rows.records, rows.lines, strict=True):
        for column, message in _claim_problems(record, areas):
            problems.append(Problem(rows.file, line, column, message))


def _claim_problems(record: dict[str, str], areas: dict[str, float]):
    """Yield (column, message) for one claim row."""
    stated, as_of = parse_date(record.get("stated_on", "")), parse_date(record.get("as_of", ""))
    if stated and as_of and as_of > stated:
        yield "as_of", f"as_of {as_of} is after stated_on {stated}; a claim cannot refer ahead"
    metric, text = record.get("metric", ""), record.get("value", "")
    value = parse_number(text)
    if metric in schema.VALUE_REQUIRED and not text:
        yield "value", f"a value is required for metric '{metric}'"
    if metric in schema.VALUE_FORBIDDEN and text:
        yield "value", f"metric '{metric}' takes no value; leave it blank (it counts as 100 %)"
    if value is None:
        return
    if metric == "share_pct" and not 0 <= value <= 100:
        yield "value", f"share {text} is out of range; expected 0 to 100"
    if metric == "area_km2":
        area = areas.get(record.get("region_id", ""))
        if value < 0:
            yield "value", f"area {text} km² is negative"
        elif area is not None and value > area:
            region = record.get("region_id")
            yield "value", f"area {text} km² exceeds {region}'s official area of {area:g} km²"
