"""datapackage.json written from the schema, so the two never disagree."""

from __future__ import annotations

import json
from pathlib import Path

from . import schema

PACKAGE_NAME = "claimed-ground"
TITLE = "Claimed Ground: territorial control claims in the Russia–Ukraine war"
FIELD_TYPES = {"string": "string", "date": "date", "number": "number", "integer": "integer"}


def _field(column: schema.Column) -> dict:
    field = {"name": column.name, "type": FIELD_TYPES[column.type]}
    if column.description:
        field["description"] = column.description
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.name == "value" or column.name == "area_km2":
        constraints["minimum"] = 0 if column.name == "area_km2" else None
        constraints = {k: v for k, v in constraints.items() if v is not None}
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: schema.Table) -> dict:
    foreign = [
        {
            "fields": column,
            "reference": {"resource": "" if target == table.name else target, "fields": target_key},
        }
        for column, target, target_key in table.foreign_keys
    ]
    table_schema = {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": [table.primary_key],
        "missingValues": [""],
    }
    if foreign:
        table_schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": table.filename,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "encoding": "utf-8",
        "schema": table_schema,
    }


def build_datapackage() -> dict:
    """Return the Frictionless descriptor for the package's four tables."""
    return {
        "name": PACKAGE_NAME,
        "title": TITLE,
        "profile": "tabular-data-package",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": [_resource(t) for t in schema.TABLES],
    }


def write_datapackage(directory: str | Path) -> Path:
    """Write datapackage.json into ``directory`` and return its path."""
    path = Path(directory) / "datapackage.json"
    text = json.dumps(build_datapackage(), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
